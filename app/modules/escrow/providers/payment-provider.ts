/**
 * What the escrow needs from a payment provider. Two implementations: `simulated` (the default
 * when no Stripe key is set: a local checkout page and records kept in our database) and
 * `stripe` (Checkout, Connect "separate charges and transfers", refunds, transfer reversals).
 * Amounts are integer fen. Every call that creates something carries an idempotency key derived
 * from our own record's id, so a retried job never creates it twice at the provider.
 *
 * Both providers report what happened through Stripe-shaped events (`ProviderEvent`), stored once
 * by id and processed by one job (events.server.ts), so the escrow reacts to either the same way.
 */
export type ProviderName = "simulated" | "stripe";

export type ConnectedAccount = {
  accountId: string;
  /** The account can take charges now (the simulation's always can; Stripe's after onboarding). */
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
};

export type CheckoutInput = {
  /** Our payment id: the idempotency key and the metadata that ties events back to us. */
  paymentId: string;
  /** The transfer group of every later transfer and refund for this enrollment. */
  enrollmentId: string;
  amountFen: number;
  /** What the parent sees on the provider's page, e.g. the course and the number of lessons. */
  description: string;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
};

export type CheckoutSession = { sessionId: string; url: string };

export type RefundInput = {
  /** Our refund request id (idempotency key, metadata.refundId). */
  refundId: string;
  paymentIntentId: string;
  amountFen: number;
};

export type TransferInput = {
  /** Our payout id (idempotency key, metadata.payoutId). */
  payoutId: string;
  accountId: string;
  amountFen: number;
};

/** What the provider has on record for a payment, for reconciliation. */
export type ProviderPaymentRecord = { capturedFen: number; refundedFen: number };
export type ProviderTransferRecord = { amountFen: number; reversedFen: number };

export interface PaymentProvider {
  readonly name: ProviderName;
  createConnectedAccount(input: {
    institutionId: string;
    institutionName: string;
    email: string | null;
  }): Promise<ConnectedAccount>;
  /** A link where the institution completes its onboarding (null when nothing is left to do). */
  onboardingLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<string | null>;
  createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  refund(input: RefundInput): Promise<{ providerRefundId: string }>;
  transfer(input: TransferInput): Promise<{ transferId: string }>;
  reverseTransfer(input: { transferId: string; amountFen: number; key: string }): Promise<{ reversalId: string }>;
  paymentRecord(paymentIntentId: string): Promise<ProviderPaymentRecord>;
  transferRecord(transferId: string): Promise<ProviderTransferRecord>;
}

/**
 * The events the escrow understands, as both providers send them (Stripe's names and shapes;
 * only the fields we read). Anything else is stored and marked processed without effect.
 */
export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "refund.created",
  "refund.updated",
  "charge.dispute.created",
  "account.updated",
  "transfer.reversed",
] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

export type ProviderEvent = {
  id: string;
  type: string;
  created: number;
  data: { object: Record<string, unknown> };
};
