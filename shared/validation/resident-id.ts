// 居民身份证号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence, and a check
// character by ISO 7064 MOD 11-2 over the first 17 digits ('X' stands for 10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const residentIdCheckCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
};

export const residentIdProblem = (id: string): string | undefined => {
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 18 characters: 17 digits and a check digit or X';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return 'has an invalid birth date';
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17])
    return 'has a wrong check digit (ISO 7064 MOD 11-2)';
  return undefined;
};

/** 110105199001011234 → 110105********1234: area code and the last four only. */
export const maskResidentId = (id: string): string =>
  id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
