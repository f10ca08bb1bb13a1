// The campaign stores (shared/campaigns/dynamo-*.ts, built together by deps.ts) name their tables when
// they are built, and functions build them as they load: without all four a function fails to start.
// Its own file: the platform's, performance's and the workbench's declarations grant it too.
import type { TableAccess } from './types.js';

export const campaignStoreTables: Record<string, TableAccess> = {
  campaigns: 'read',
  'campaign-messages': 'read',
  'sms-dispatch': 'read',
  'sms-consent': 'read',
};
