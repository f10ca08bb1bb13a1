// System usage (系统使用): a day of use and a login (登录) per staff member.
//
// A login is one sign-in, identified from the token: Cognito's `origin_jti` or `auth_time` (kept
// across token refreshes, so a refresh is not a new login), else the token's `iat` (our dev tokens
// and most IdPs issue one token per sign-in), else its `jti`. A token with none of them counts one
// login per day. The login belongs to the business day (Asia/Shanghai) it was made on; a request is
// a day of use on the business day it arrives. So any number of requests with one token = one login.
import { businessDateOf } from '#shared/clock.js';

export type Claims = Record<string, unknown>;

export interface UsageMark {
  staffId: string;
  /** `M#<month>#<day>#<session>`: one item per staff, day of use and login; rewriting it changes nothing. */
  key: string;
  month: string;
  day: string;
  session: string;
  /** business day the login was made (for a session first seen on a later day) */
  loginDay: string;
  orgPath: string;
}

const instantOf = (value: unknown): Date | undefined => {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
};

export const usageMark = (
  caller: { staffId: string; orgPath: string },
  claims: Claims,
  now: Date,
): UsageMark => {
  const day = businessDateOf(now);
  const signedInAt = instantOf(claims.auth_time) ?? instantOf(claims.iat);
  const identity =
    (typeof claims.origin_jti === 'string' && claims.origin_jti) ||
    (signedInAt && String(signedInAt.getTime() / 1000)) ||
    (typeof claims.jti === 'string' && claims.jti) ||
    `day-${day}`;
  const session = identity.replace(/#/g, '_').slice(0, 80);
  const loginDay = signedInAt ? businessDateOf(signedInAt) : day;
  const month = day.slice(0, 7);
  return {
    staffId: caller.staffId,
    key: `M#${month}#${day}#${session}`,
    month,
    day,
    session,
    loginDay: loginDay > day ? day : loginDay,
    orgPath: caller.orgPath,
  };
};

export interface StaffUsage {
  logins: number;
  activeDays: number;
}

/**
 * A month's usage from its marks: each session counts once, in the month its login was made
 * (a session that runs over midnight into a new month is that earlier month's login).
 */
export const usageOf = (
  marks: readonly Pick<UsageMark, 'day' | 'session' | 'loginDay'>[],
  month: string,
): StaffUsage => {
  const sessions = new Set<string>();
  const days = new Set<string>();
  for (const mark of marks) {
    if (!mark.day.startsWith(month)) continue;
    days.add(mark.day);
    if (mark.loginDay.startsWith(month)) sessions.add(mark.session);
  }
  return { logins: sessions.size, activeDays: days.size };
};
