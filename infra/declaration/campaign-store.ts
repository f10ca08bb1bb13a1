// The campaign store (shared/campaigns/store.ts) names all four of its tables when it is built, and
// functions build it as they load: without all four in its environment a function fails to start.
// Its own file: the platform's, performance's and the workbench's declarations grant it too.
import type { TableAccess } from './types.js';

export const campaignStoreTables: Record<string, TableAccess> = {
  campaigns: 'read',
  'campaign-messages': 'read',
  'sms-dispatch': 'read',
  'sms-consent': 'read',
};
