/**
 * The money movements of the escrow, as balanced postings (pure: no database). Amounts are
 * integer fen; positive adds to an account, negative takes from it. The accounts:
 * - PROVIDER_CLEARING (per institution): the provider's side; money that came in is its negative.
 * - ENROLLMENT_ESCROW: what a parent paid and is still held for lessons not yet released.
 * - ENROLLMENT_RESERVE: the share of released lessons kept until the course ends (FEE-07).
 * - REFUNDS_PAYABLE (per enrollment): refunds decided and not yet confirmed by the provider.
 * - INSTITUTION_PAYABLE: released money waiting for the daily payout.
 * - INSTITUTION_PAID_OUT: what has been transferred to the institution.
 */
export type AccountKind =
  | "PROVIDER_CLEARING"
  | "ENROLLMENT_ESCROW"
  | "ENROLLMENT_RESERVE"
  | "REFUNDS_PAYABLE"
  | "INSTITUTION_PAYABLE"
  | "INSTITUTION_PAID_OUT";

export type TransactionKind =
  | "PAYMENT_CAPTURED"
  | "LESSON_RELEASE"
  | "RESERVE_RELEASE"
  | "REFUND_APPROVED"
  | "REFUND_PAID"
  | "REFUND_FAILED"
  | "PAYOUT"
  | "PAYOUT_RETURNED";

export type Posting = { account: AccountKind; amountFen: number };

export class UnbalancedPostingError extends Error {}

/** Drops zero lines and checks the rest: whole fen, at least two lines, summing to zero. */
export function balanced(postings: readonly Posting[]): Posting[] {
  const lines = postings.filter((p) => p.amountFen !== 0);
  if (lines.some((p) => !Number.isSafeInteger(p.amountFen)))
    throw new UnbalancedPostingError("amounts must be whole fen");
  if (lines.length < 2 || lines.reduce((sum, p) => sum + p.amountFen, 0) !== 0)
    throw new UnbalancedPostingError(`postings do not balance: ${JSON.stringify(lines)}`);
  return lines;
}

function positive(amountFen: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new UnbalancedPostingError("amount must be positive");
  return amountFen;
}

/** Tuition arrives: all of it is held in the enrollment's escrow (FEE-04). */
export const paymentCaptured = (amountFen: number): Posting[] => [
  { account: "PROVIDER_CLEARING", amountFen: -positive(amountFen) },
  { account: "ENROLLMENT_ESCROW", amountFen },
];

/** The reserve kept from one lesson's price: the share, rounded down to the fen. */
export function reserveOf(priceFen: number, reservePercent: number): number {
  return Math.floor((positive(priceFen) * reservePercent) / 100);
}

/** A confirmed lesson leaves escrow: its price less the reserve is payable, the reserve stays held. */
export function lessonRelease(priceFen: number, reservePercent: number): Posting[] {
  const reserve = reserveOf(priceFen, reservePercent);
  return balanced([
    { account: "ENROLLMENT_ESCROW", amountFen: -priceFen },
    { account: "INSTITUTION_PAYABLE", amountFen: priceFen - reserve },
    { account: "ENROLLMENT_RESERVE", amountFen: reserve },
  ]);
}

/** The course has ended: the reserve kept from its lessons becomes payable. */
export const reserveRelease = (amountFen: number): Posting[] => [
  { account: "ENROLLMENT_RESERVE", amountFen: -positive(amountFen) },
  { account: "INSTITUTION_PAYABLE", amountFen },
];

/** A refund is decided: the money leaves escrow and waits for the provider. */
export const refundApproved = (amountFen: number): Posting[] => [
  { account: "ENROLLMENT_ESCROW", amountFen: -positive(amountFen) },
  { account: "REFUNDS_PAYABLE", amountFen },
];

/** The provider confirms the refund went back by the original payment route. */
export const refundPaid = (amountFen: number): Posting[] => [
  { account: "REFUNDS_PAYABLE", amountFen: -positive(amountFen) },
  { account: "PROVIDER_CLEARING", amountFen },
];

/** The provider could not refund: the money is held in escrow again until someone acts. */
export const refundFailed = (amountFen: number): Posting[] => [
  { account: "REFUNDS_PAYABLE", amountFen: -positive(amountFen) },
  { account: "ENROLLMENT_ESCROW", amountFen },
];

/** The daily payout of released money to the institution. */
export const payout = (amountFen: number): Posting[] => [
  { account: "INSTITUTION_PAYABLE", amountFen: -positive(amountFen) },
  { account: "INSTITUTION_PAID_OUT", amountFen },
];

/** A transfer failed or was reversed: the money is payable again. */
export const payoutReturned = (amountFen: number): Posting[] => [
  { account: "INSTITUTION_PAID_OUT", amountFen: -positive(amountFen) },
  { account: "INSTITUTION_PAYABLE", amountFen },
];
