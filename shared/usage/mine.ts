// One's own usage (我的登录次数): the caller's logins and days of use in a month against the standard,
// counted exactly as the usage report counts them — and only the caller's, whatever their role.
import type { Caller } from '#shared/auth/caller.js';
import { usageOf } from './session.js';
import type { UsageStore } from './ports.js';

export const myUsage = async (
  usage: UsageStore,
  caller: Pick<Caller, 'staffId'>,
  month: string,
  standard: number,
) => {
  const { logins, activeDays } = usageOf(await usage.month(caller.staffId, month), month);
  return { staffId: caller.staffId, month, logins, activeDays, standard, belowStandard: logins < standard };
};
