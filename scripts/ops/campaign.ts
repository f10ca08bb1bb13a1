// `campaign pause <id> --as <staffId>`: the pause route's own function (`campaigns-pause`) invoked
// with the HTTP API event the route would hand it, on the authority of a named staff member. An
// on-call engineer has IAM credentials, not a staff token from the bank's IdP: lambda:InvokeFunction
// on that one function is the gate, the API's JWT authorizer is not in the path. The function still
// resolves the staff member from the staff table, checks their role and scope (a maker of the
// campaign's organisation), and writes the audit entry in their name, so the pause is theirs.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { pauseCampaign } from '#shared/campaigns/api.js';
import type { OpsClients } from './clients.js';
import { invokeWith } from '#shared/adapters/lambda-invoke.js';
import { functionOf, type Inventory } from './inventory.js';

export const PAUSE_FUNCTION = 'campaigns-pause';

/** The payload 2.0 event of `POST /v1/campaigns/{campaignId}/pause` from `staffId`. Pure. */
export const pauseEvent = (input: {
  campaignId: string;
  staffId: string;
  issuer: string;
  note?: string;
  now: Date;
}): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const routeKey = `${pauseCampaign.method} ${pauseCampaign.path}`;
  const path = pauseCampaign.path.replace('{campaignId}', encodeURIComponent(input.campaignId));
  // the subject as the token of either IdP carries it (Cognito's username, or `sub`)
  const claims = {
    iss: input.issuer,
    sub: input.staffId,
    'cognito:username': input.staffId,
    username: input.staffId,
  };
  const body = input.note ? JSON.stringify({ note: input.note }) : undefined;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'ocrm-ops' },
    pathParameters: { campaignId: input.campaignId },
    requestContext: {
      accountId: 'ops',
      apiId: 'ops',
      authorizer: { jwt: { claims, scopes: [] }, principalId: '', integrationLatency: 0 },
      domainName: 'ops',
      domainPrefix: 'ops',
      http: {
        method: pauseCampaign.method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'ocrm-ops',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: input.now.toUTCString(),
      timeEpoch: input.now.getTime(),
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  };
};

export interface PauseAnswer {
  status: number;
  body: unknown;
}

export const pauseCampaignAs = async (
  clients: Pick<OpsClients, 'lambda'>,
  inventory: Inventory,
  input: { campaignId: string; staffId: string; note?: string; now: Date },
): Promise<PauseAnswer> => {
  const issuer = inventory.outputs.JwtIssuer ?? '';
  const response = (await invokeWith(
    clients.lambda,
    functionOf(inventory, PAUSE_FUNCTION).physicalName,
  )(pauseEvent({ ...input, issuer }))) as { statusCode?: number; body?: string } | null;
  const text = response?.body ?? '';
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: show it as it came
  }
  return { status: response?.statusCode ?? 200, body };
};
