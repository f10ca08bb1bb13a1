// What follows a customer to their new RM: the customer's alerts not yet closed (through monitoring's
// alert port, which moves each on the version read, so an alert being worked is re-read, never
// overwritten) and the customer's maturities. Campaign messages belong to the campaign, not to an RM,
// so there is nothing of theirs to move.
import type { AlertStore } from '#shared/monitoring/ports.js';
import type { MaturityStore } from '#shared/maturities/ports.js';
import type { Handover } from './ports.js';

export const handover = (
  alerts: Pick<AlertStore, 'reassignOpen' | 'openCount'>,
  maturities: Pick<MaturityStore, 'ofCustomer' | 'reassign'>,
): Handover => ({
  async follow(customerId, toManagerId) {
    const moved = await alerts.reassignOpen(customerId, toManagerId);
    const open = (await maturities.ofCustomer(customerId)).filter((m) => m.managerId !== toManagerId);
    await Promise.all(open.map((m) => maturities.reassign(m, toManagerId)));
    return { alerts: moved, maturities: open.length };
  },
  openAlerts: (customerIds) => alerts.openCount(customerIds),
});
