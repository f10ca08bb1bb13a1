// Phone numbers are E.164 (+ country code, up to 15 digits). Mainland China (+86) numbers must be
// mobiles (1[3-9] and 9 more digits): SMS goes nowhere else.

const E164 = /^\+[1-9]\d{6,14}$/;
const CN_MOBILE = /^\+861[3-9]\d{9}$/;

export const phoneProblem = (phone: string): string | undefined => {
  if (!E164.test(phone)) return 'must be an E.164 number: + then country code and number, digits only';
  if (phone.startsWith('+86') && !CN_MOBILE.test(phone))
    return 'a +86 number must be a mainland mobile: +861[3-9]XXXXXXXXX';
  return undefined;
};

/** +8613812345678 → +86138****5678: country code and the first three and last four digits. */
export const maskPhone = (phone: string): string => {
  const country = phone.startsWith('+86') ? '+86' : phone.slice(0, 2);
  const national = phone.slice(country.length);
  if (national.length <= 7)
    return country + '*'.repeat(Math.max(0, national.length - 2)) + national.slice(-2);
  return country + national.slice(0, 3) + '*'.repeat(national.length - 7) + national.slice(-4);
};
