import { http } from '#shared/http/http.js';
import { postInbound as route } from '#shared/consent/api.js';
import { recordInboundReply } from '#shared/consent/ledger.js';
import { dynamoConsentStore } from '#shared/consent/dynamo-consent-ledger.js';

const consent = dynamoConsentStore();

export const handler = http(route, async ({ body, ctx }) => ({
  status: 200,
  body: await recordInboundReply(consent, body, ctx.clock.now()),
}));
