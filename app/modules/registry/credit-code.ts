/**
 * The unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z); characters 3–8 are the division code; the last is a check character
 * computed from the first 17 with the standard's weights, modulo 31.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? "");
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check] ?? null;
}

export type CreditCodeProblem = "length" | "characters" | "division" | "checkCharacter";

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "length";
  if ([...code].some((c) => !ALPHABET.includes(c))) return "characters";
  if (!/^\d{6}$/.test(code.slice(2, 8))) return "division";
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return "checkCharacter";
  return null;
}
