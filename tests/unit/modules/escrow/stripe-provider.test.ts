import Stripe from "stripe";
import type { CheckoutInput } from "~/modules/escrow/providers/payment-provider";
import { StripeProvider } from "~/modules/escrow/providers/stripe.server";
import { parseForm, type StripeEmulator, startStripeEmulator } from "../../../support/stripe-emulator";

let emulator: StripeEmulator;
let provider: StripeProvider;

beforeAll(async () => {
  emulator = await startStripeEmulator();
  provider = new StripeProvider({ secretKey: emulator.secretKey, apiUrl: emulator.url });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

let sequence = 0;
function checkoutInput(overrides: Partial<CheckoutInput> = {}): CheckoutInput {
  sequence += 1;
  return {
    paymentId: `pay_${sequence}`,
    enrollmentId: `enr_${sequence}`,
    amountFen: 120_000,
    description: "少儿游泳初级班 · 10 课时",
    customerEmail: "parent@tipei.example",
    successUrl: "https://tipei.example/enrollments/1?paid=1",
    cancelUrl: "https://tipei.example/enrollments/1",
    ...overrides,
  };
}

async function paidCheckout(amountFen = 120_000): Promise<string> {
  const { sessionId } = await provider.createCheckout(checkoutInput({ amountFen }));
  return emulator.payCheckout(sessionId).payment_intent;
}

async function onboardedAccount(institutionId = `inst_${++sequence}`): Promise<string> {
  const { accountId } = await provider.createConnectedAccount({
    institutionId,
    institutionName: "浪花游泳",
    email: null,
  });
  emulator.completeOnboarding(accountId);
  return accountId;
}

function postsTo(path: string) {
  return emulator.requests.filter((r) => r.method === "POST" && r.path === path);
}

describe("StripeProvider through the stripe SDK", () => {
  it("creates a CNY checkout session with card, Alipay and WeChat Pay and the enrollment as transfer group", async () => {
    const input = checkoutInput();
    const session = await provider.createCheckout(input);

    const stored = emulator.state.checkoutSessions.get(session.sessionId);
    expect(session).toEqual({ sessionId: stored?.id, url: stored?.url });
    expect(session.sessionId).toMatch(/^cs_test_/);
    const [request] = postsTo("/v1/checkout/sessions");
    expect(request?.body).toEqual({
      mode: "payment",
      currency: "cny",
      line_items: [
        {
          price_data: { currency: "cny", unit_amount: "120000", product_data: { name: input.description } },
          quantity: "1",
        },
      ],
      allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
      payment_method_options: { wechat_pay: { client: "web" } },
      customer_email: "parent@tipei.example",
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      client_reference_id: input.paymentId,
      metadata: { paymentId: input.paymentId, enrollmentId: input.enrollmentId },
      payment_intent_data: {
        transfer_group: input.enrollmentId,
        metadata: { paymentId: input.paymentId, enrollmentId: input.enrollmentId },
      },
    });
    expect(request?.stripeVersion).toBe(Stripe.API_VERSION);
    expect(stored?.amount_total).toBe(120_000);
  });

  it("sends an idempotency key derived from our record on every create", async () => {
    const input = checkoutInput();
    const accountId = await onboardedAccount("inst_keys");
    await provider.onboardingLink({
      accountId,
      returnUrl: "https://tipei.example/r",
      refreshUrl: "https://tipei.example/f",
    });
    await provider.createCheckout(input);
    const paymentIntentId = [...emulator.state.paymentIntents.keys()][0] ?? "";
    emulator.payCheckout([...emulator.state.checkoutSessions.keys()][0] ?? "");
    await provider.refund({ refundId: "ref_1", paymentIntentId, amountFen: 100 });
    const { transferId } = await provider.transfer({ payoutId: "po_1", accountId, amountFen: 500 });
    await provider.reverseTransfer({ transferId, amountFen: 100, key: "reversal:rv_1" });

    const keys = emulator.requests.filter((r) => r.method === "POST").map((r) => [r.path, r.idempotencyKey]);
    expect(keys).toEqual([
      ["/v1/accounts", "account:inst_keys"],
      ["/v1/account_links", expect.any(String)],
      ["/v1/checkout/sessions", `checkout:${input.paymentId}`],
      ["/v1/refunds", "refund:ref_1"],
      ["/v1/transfers", "transfer:po_1"],
      [`/v1/transfers/${transferId}/reversals`, "reversal:rv_1"],
    ]);
  });

  it("returns the same session when a create is retried with the same payment id, without making a second", async () => {
    const input = checkoutInput();
    const first = await provider.createCheckout(input);
    const retried = await provider.createCheckout(input);

    expect(retried).toEqual(first);
    expect(postsTo("/v1/checkout/sessions")).toHaveLength(2);
    expect(emulator.state.checkoutSessions.size).toBe(1);
    expect(emulator.state.paymentIntents.size).toBe(1);
  });

  it("retries a create that met an outage with the same key and makes one session", async () => {
    emulator.failNext(1);
    const session = await provider.createCheckout(checkoutInput());

    const attempts = postsTo("/v1/checkout/sessions");
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    expect([...emulator.state.checkoutSessions.keys()]).toEqual([session.sessionId]);
  });

  it("reports nothing captured for a checkout the parent has not paid", async () => {
    await provider.createCheckout(checkoutInput());
    const [paymentIntentId = ""] = emulator.state.paymentIntents.keys();

    expect(await provider.paymentRecord(paymentIntentId)).toEqual({ capturedFen: 0, refundedFen: 0 });
  });

  it("refunds part of a paid charge, and the payment record reports captured and refunded fen", async () => {
    const paymentIntentId = await paidCheckout(120_000);

    const { providerRefundId } = await provider.refund({ refundId: "ref_part", paymentIntentId, amountFen: 36_000 });

    expect(providerRefundId).toMatch(/^re_/);
    expect(emulator.state.refunds.get(providerRefundId)).toMatchObject({
      amount: 36_000,
      payment_intent: paymentIntentId,
      metadata: { refundId: "ref_part" },
    });
    expect(await provider.paymentRecord(paymentIntentId)).toEqual({ capturedFen: 120_000, refundedFen: 36_000 });
    const retrievals = emulator.requests.filter((r) => r.method === "GET");
    expect(retrievals.map((r) => [r.path, r.query])).toEqual([
      [`/v1/payment_intents/${paymentIntentId}`, { expand: ["latest_charge"] }],
    ]);
  });

  it("refuses a refund beyond what was captured, and the error reaches the caller", async () => {
    const paymentIntentId = await paidCheckout(50_000);
    await provider.refund({ refundId: "ref_a", paymentIntentId, amountFen: 30_000 });

    const refused = provider.refund({ refundId: "ref_b", paymentIntentId, amountFen: 20_001 });

    await expect(refused).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(refused).rejects.toMatchObject({ statusCode: 400, code: "amount_too_large" });
    expect(postsTo("/v1/refunds")).toHaveLength(2);
    expect(await provider.paymentRecord(paymentIntentId)).toEqual({ capturedFen: 50_000, refundedFen: 30_000 });
  });

  it("transfers to a connected account and reverses part of it, and the transfer record reports both", async () => {
    const accountId = await onboardedAccount();

    const { transferId } = await provider.transfer({ payoutId: "po_lesson_3", accountId, amountFen: 12_000 });
    const { reversalId } = await provider.reverseTransfer({
      transferId,
      amountFen: 4_000,
      key: "reversal:po_lesson_3",
    });

    expect(transferId).toMatch(/^tr_/);
    expect(reversalId).toMatch(/^trr_/);
    expect(postsTo("/v1/transfers")[0]?.body).toEqual({
      amount: "12000",
      currency: "cny",
      destination: accountId,
      metadata: { payoutId: "po_lesson_3" },
    });
    expect(await provider.transferRecord(transferId)).toEqual({ amountFen: 12_000, reversedFen: 4_000 });
  });

  it("refuses to reverse more than is left of a transfer", async () => {
    const accountId = await onboardedAccount();
    const { transferId } = await provider.transfer({ payoutId: "po_small", accountId, amountFen: 1_000 });
    await provider.reverseTransfer({ transferId, amountFen: 600, key: "reversal:a" });

    await expect(provider.reverseTransfer({ transferId, amountFen: 401, key: "reversal:b" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
    expect(await provider.transferRecord(transferId)).toEqual({ amountFen: 1_000, reversedFen: 600 });
  });

  it("creates a connected account that cannot take charges or transfers until onboarding completes", async () => {
    const account = await provider.createConnectedAccount({
      institutionId: "inst_swim",
      institutionName: "杭州浪花游泳培训有限公司",
      email: "xihu.swim@tipei.example",
    });

    expect(account).toEqual({
      accountId: expect.stringMatching(/^acct_/),
      chargesEnabled: false,
      payoutsEnabled: false,
    });
    expect(postsTo("/v1/accounts")[0]?.body).toEqual({
      controller: {
        fees: { payer: "application" },
        losses: { payments: "application" },
        requirement_collection: "stripe",
        stripe_dashboard: { type: "express" },
      },
      capabilities: { transfers: { requested: "true" } },
      business_profile: { name: "杭州浪花游泳培训有限公司" },
      email: "xihu.swim@tipei.example",
      metadata: { institutionId: "inst_swim" },
    });
    const link = await provider.onboardingLink({
      accountId: account.accountId,
      returnUrl: "https://tipei.example/org/1/payments",
      refreshUrl: "https://tipei.example/org/1/payments/onboarding",
    });
    expect(link).toMatch(/^https:\/\/connect\.stripe\.com\//);
    expect(postsTo("/v1/account_links")[0]?.body).toEqual({
      account: account.accountId,
      refresh_url: "https://tipei.example/org/1/payments/onboarding",
      return_url: "https://tipei.example/org/1/payments",
      type: "account_onboarding",
    });
    const early = provider.transfer({ payoutId: "po_early", accountId: account.accountId, amountFen: 100 });
    await expect(early).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

    expect(emulator.completeOnboarding(account.accountId).charges_enabled).toBe(true);
    await expect(
      provider.transfer({ payoutId: "po_after", accountId: account.accountId, amountFen: 100 }),
    ).resolves.toEqual({ transferId: expect.stringMatching(/^tr_/) });
  });

  it("returns the same connected account when it is created again for the same institution", async () => {
    const input = { institutionId: "inst_twice", institutionName: "追风足球", email: null };
    const first = await provider.createConnectedAccount(input);
    const again = await provider.createConnectedAccount(input);

    expect(again.accountId).toBe(first.accountId);
    expect(emulator.state.accounts.size).toBe(1);
  });

  it("leaves out the email of an institution that has none", async () => {
    await provider.createConnectedAccount({ institutionId: "inst_no_mail", institutionName: "追风足球", email: null });

    expect(postsTo("/v1/accounts")[0]?.body).not.toHaveProperty("email");
  });

  it("lets a missing object's error reach the caller", async () => {
    await expect(provider.transferRecord("tr_missing")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      code: "resource_missing",
    });
  });

  it("is refused with a wrong secret key, once, without retrying", async () => {
    const impostor = new StripeProvider({ secretKey: "sk_test_wrong", apiUrl: emulator.url });

    await expect(impostor.createCheckout(checkoutInput())).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    expect(emulator.requests.map((r) => r.status)).toEqual([401]);
    expect(emulator.state.checkoutSessions.size).toBe(0);
  });

  it("refuses an API url that is not http or https", () => {
    expect(() => new StripeProvider({ secretKey: emulator.secretKey, apiUrl: "ftp://127.0.0.1:21" })).toThrow(/http/);
  });
});

describe("the Stripe emulator's form parser", () => {
  it("reads qs-style nested keys, indexed and pushed arrays, and encoded text", () => {
    expect(parseForm("a[b][0][c]=x&a[b][1][c]=y&list[]=1&list[]=2&name=%E6%B8%B8%E6%B3%B3+10&__proto__[x]=1")).toEqual({
      a: { b: [{ c: "x" }, { c: "y" }] },
      list: ["1", "2"],
      name: "游泳 10",
    });
  });
});
