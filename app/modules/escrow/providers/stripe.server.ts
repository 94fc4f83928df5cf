import Stripe from "stripe";
import type {
  CheckoutInput,
  CheckoutSession,
  ConnectedAccount,
  PaymentProvider,
  ProviderPaymentRecord,
  ProviderTransferRecord,
  RefundInput,
  TransferInput,
} from "./payment-provider";

/**
 * The Stripe provider: Checkout for the parent's payment into the platform's balance, Connect
 * "separate charges and transfers" to pay institutions out lesson by lesson, refunds and transfer
 * reversals. Every create carries an idempotency key derived from our own record's id, so a job
 * retried after a timeout gets the object Stripe already made instead of a second one. Stripe's
 * errors propagate: the job layer decides whether to retry.
 *
 * Amounts are integer fen, which is Stripe's smallest unit for CNY.
 */
export type StripeProviderOptions = {
  secretKey: string;
  /** Where the SDK sends its requests (a local emulator in tests); unset means Stripe's API. */
  apiUrl?: string;
};

const CURRENCY = "cny";
const REQUEST_TIMEOUT_MS = 20_000;

export class StripeProvider implements PaymentProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(options: StripeProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      apiVersion: Stripe.API_VERSION,
      maxNetworkRetries: 2,
      timeout: REQUEST_TIMEOUT_MS,
      appInfo: { name: "Tipei", url: "https://tipei.example" },
      ...(options.apiUrl ? apiAddress(options.apiUrl) : {}),
    });
  }

  async createConnectedAccount(input: {
    institutionId: string;
    institutionName: string;
    email: string | null;
  }): Promise<ConnectedAccount> {
    const account = await this.stripe.accounts.create(
      {
        // An Express-like account: Stripe collects the requirements and hosts the dashboard,
        // the platform pays the fees and carries the losses.
        controller: {
          fees: { payer: "application" },
          losses: { payments: "application" },
          requirement_collection: "stripe",
          stripe_dashboard: { type: "express" },
        },
        capabilities: { transfers: { requested: true } },
        business_profile: { name: input.institutionName },
        ...(input.email ? { email: input.email } : {}),
        metadata: { institutionId: input.institutionId },
      },
      { idempotencyKey: `account:${input.institutionId}` },
    );
    return {
      accountId: account.id,
      chargesEnabled: account.charges_enabled,
      payoutsEnabled: account.payouts_enabled,
    };
  }

  async onboardingLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<string | null> {
    const link = await this.stripe.accountLinks.create({
      account: input.accountId,
      refresh_url: input.refreshUrl,
      return_url: input.returnUrl,
      type: "account_onboarding",
    });
    return link.url || null;
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const ours = { paymentId: input.paymentId, enrollmentId: input.enrollmentId };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        currency: CURRENCY,
        line_items: [
          {
            price_data: {
              currency: CURRENCY,
              unit_amount: input.amountFen,
              product_data: { name: input.description },
            },
            quantity: 1,
          },
        ],
        allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
        payment_method_options: { wechat_pay: { client: "web" } },
        customer_email: input.customerEmail,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        client_reference_id: input.paymentId,
        metadata: ours,
        payment_intent_data: { transfer_group: input.enrollmentId, metadata: ours },
      },
      { idempotencyKey: `checkout:${input.paymentId}` },
    );
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return { sessionId: session.id, url: session.url };
  }

  async refund(input: RefundInput): Promise<{ providerRefundId: string }> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.paymentIntentId, amount: input.amountFen, metadata: { refundId: input.refundId } },
      { idempotencyKey: `refund:${input.refundId}` },
    );
    return { providerRefundId: refund.id };
  }

  async transfer(input: TransferInput): Promise<{ transferId: string }> {
    const transfer = await this.stripe.transfers.create(
      {
        amount: input.amountFen,
        currency: CURRENCY,
        destination: input.accountId,
        metadata: { payoutId: input.payoutId },
      },
      { idempotencyKey: `transfer:${input.payoutId}` },
    );
    return { transferId: transfer.id };
  }

  async reverseTransfer(input: {
    transferId: string;
    amountFen: number;
    key: string;
  }): Promise<{ reversalId: string }> {
    const reversal = await this.stripe.transfers.createReversal(
      input.transferId,
      { amount: input.amountFen },
      { idempotencyKey: input.key },
    );
    return { reversalId: reversal.id };
  }

  async paymentRecord(paymentIntentId: string): Promise<ProviderPaymentRecord> {
    const intent = await this.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] });
    const latest = intent.latest_charge;
    if (latest === null) return { capturedFen: 0, refundedFen: 0 };
    const charge = typeof latest === "string" ? await this.stripe.charges.retrieve(latest) : latest;
    return { capturedFen: charge.paid ? charge.amount_captured : 0, refundedFen: charge.amount_refunded };
  }

  async transferRecord(transferId: string): Promise<ProviderTransferRecord> {
    const transfer = await this.stripe.transfers.retrieve(transferId);
    return { amountFen: transfer.amount, reversedFen: transfer.amount_reversed };
  }
}

/** `http://127.0.0.1:45678` → the SDK's host, port and protocol options. */
function apiAddress(apiUrl: string): { host: string; port: number; protocol: "http" | "https" } {
  const url = new URL(apiUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`The Stripe API url must be http or https, got ${url.protocol}`);
  }
  const protocol = url.protocol === "http:" ? "http" : "https";
  const port = url.port ? Number(url.port) : protocol === "http" ? 80 : 443;
  return { host: url.hostname, port, protocol };
}
