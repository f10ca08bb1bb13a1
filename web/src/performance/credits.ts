// 业绩分配: the credit split's rule as the form checks it before the API does — whole percents that
// total exactly 100, nobody twice.
export interface CreditLine {
  staffId?: string;
  sharePct?: number;
}

export const totalShare = (credits: readonly CreditLine[] | undefined): number =>
  (credits ?? []).reduce((sum, c) => sum + (Number(c?.sharePct) || 0), 0);

export const creditProblem = (credits: readonly CreditLine[] | undefined): 'total' | 'twice' | undefined => {
  if (totalShare(credits) !== 100) return 'total';
  const ids = (credits ?? []).map((c) => c?.staffId).filter(Boolean);
  return new Set(ids).size === ids.length ? undefined : 'twice';
};
