/**
 * Comparisons of measured values with limits. Areas and limits are decimals typed into forms
 * (120.5 m², 2.5 m²): products and quotients of binary floats can miss an exact boundary by a
 * hair (4.1 × 3 = 12.299999…), so a value within EPSILON of its limit counts as meeting it.
 */
const EPSILON = 1e-9;

/** area ÷ heads ≥ minimum, decided without dividing: area ≥ minimum × heads. */
export function meetsAreaPerHead(area: number, heads: number, minimumPerHead: number): boolean {
  return area >= minimumPerHead * heads - EPSILON;
}

export function atMost(value: number, limit: number): boolean {
  return value <= limit + EPSILON;
}

export function atLeast(value: number, limit: number): boolean {
  return value >= limit - EPSILON;
}

/** A number rounded for evidence (what people read); comparisons always use the exact values. */
export function rounded(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Integer fen as yuan with two decimals ("2400.00"): the evidence shows money as people read it. */
export function yuanOf(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a certificate, permit or policy is in force on a day: it runs through its expiry
 * day; one without an expiry date (titles, grades) does not expire.
 */
export function inForceOn(expiresOn: string | undefined | null, day: string): boolean {
  return expiresOn === undefined || expiresOn === null || expiresOn >= day;
}
