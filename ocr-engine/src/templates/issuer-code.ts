/**
 * 全国地方公共団体コード (local government code): five digits plus a check digit. Validating the check
 * digit catches a mistyped issuer in a template before it silently never matches a scan.
 */

/**
 * The check digit of the first five digits: weights 6,5,4,3,2, then 11 − (sum mod 11), mod 10
 * (so 131016 千代田区 and 011002 札幌市 are valid).
 */
export const localGovernmentCheckDigit = (firstFive: string): number => {
  if (!/^\d{5}$/.test(firstFive)) throw new TypeError("localGovernmentCheckDigit expects five digits");
  const weights = [6, 5, 4, 3, 2] as const;
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(firstFive[i]) * weights[i]!;
  return (11 - (sum % 11)) % 10;
};

/** True when `code` is six digits whose last is the check digit of the first five. */
export const isLocalGovernmentCode = (code: string): boolean =>
  /^\d{6}$/.test(code) && localGovernmentCheckDigit(code.slice(0, 5)) === Number(code[5]);
