import Stripe from "stripe";
import { isoDateInChina } from "~/lib/china-date";
import { payOutDaily } from "~/modules/escrow/payouts.server";
import { usePaymentProviderForTests } from "~/modules/escrow/providers/provider.server";
import { StripeProvider } from "~/modules/escrow/providers/stripe.server";
import { reconcilePayments } from "~/modules/escrow/reconcile.server";
import { executeRefund, requestRefund, respondToRefund } from "~/modules/escrow/refunds.server";
import { action as webhook } from "~/routes/webhooks.stripe";
import { ownerClient } from "../../../support/demo-database";
import { loadContext } from "../../../support/remix-calls";
import { type StripeEmulator, startStripeEmulator, stripeEvent } from "../../../support/stripe-emulator";
import {
  buyLessons,
  enrollmentFunds,
  ledgerViolations,
  memberScope,
  parentScope,
  processAllEvents,
  SELLER,
  setUpSeller,
} from "./escrow-fixtures";

// The Stripe provider end to end: the real `stripe` SDK against a local emulator of the endpoints
// we call, and webhooks signed as Stripe signs them (generateTestHeaderString) posted to the route.
const SECRET = vi.hoisted(() => {
  const secret = "whsec_tipei_integration_test_secret";
  process.env.STRIPE_WEBHOOK_SECRET = secret;
  return secret;
});

const owner = ownerClient();
let emulator: StripeEmulator;
let provider: StripeProvider;

beforeAll(async () => {
  emulator = await startStripeEmulator();
  provider = new StripeProvider({ secretKey: emulator.secretKey, apiUrl: emulator.url });
  usePaymentProviderForTests(provider);
  await setUpSeller(owner);
  // The seller's connected account lives at Stripe (the emulator) and has finished onboarding.
  const account = await provider.createConnectedAccount({
    institutionId: SELLER.id,
    institutionName: "seller",
    email: null,
  });
  emulator.completeOnboarding(account.accountId);
  await owner.paymentAccount.update({
    where: { institutionId: SELLER.id },
    data: { provider: "stripe", externalId: account.accountId, chargesEnabled: false, payoutsEnabled: false },
  });
});
afterAll(async () => {
  usePaymentProviderForTests(null);
  await emulator.close();
  await owner.$disconnect();
});

const sdk = new Stripe("sk_test_unused");

function signedRequest(payload: string, secret = SECRET, signature?: string): Request {
  const header = signature ?? sdk.webhooks.generateTestHeaderString({ payload, secret });
  return new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
  });
}

async function deliver(type: string, object: object, options: { secret?: string; signature?: string } = {}) {
  const payload = JSON.stringify(stripeEvent(type, object));
  const response = await webhook({
    request: signedRequest(payload, options.secret, options.signature),
    params: {},
    context: loadContext(),
  });
  return { response: response as Response, payload };
}

async function redeliver(payload: string) {
  return (await webhook({ request: signedRequest(payload), params: {}, context: loadContext() })) as Response;
}

describe("Stripe webhooks", () => {
  it("refuses a bad or missing signature with 400 and stores nothing", async () => {
    const before = await owner.paymentEvent.count();
    const wrong = await deliver("account.updated", { id: "acct_x" }, { secret: "whsec_someone_else" });
    expect(wrong.response.status).toBe(400);
    const missing = await webhook({
      request: new Request("http://localhost/webhooks/stripe", { method: "POST", body: "{}" }),
      params: {},
      context: loadContext(),
    });
    expect((missing as Response).status).toBe(400);
    const garbage = await deliver("account.updated", { id: "acct_x" }, { signature: "t=1,v1=abc" });
    expect(garbage.response.status).toBe(400);
    expect(await owner.paymentEvent.count()).toBe(before);
  });

  it("enables the institution's sales when Stripe reports its account ready", async () => {
    const account = await owner.paymentAccount.findUniqueOrThrow({ where: { institutionId: SELLER.id } });
    const { response } = await deliver("account.updated", emulator.state.accounts.get(account.externalId) ?? {});
    expect(response.status).toBe(200);
    await processAllEvents();
    expect(await owner.paymentAccount.findUniqueOrThrow({ where: { institutionId: SELLER.id } })).toMatchObject({
      status: "ACTIVE",
      chargesEnabled: true,
      payoutsEnabled: true,
    });
  });

  it("opens a CNY Checkout Session and holds the money when checkout.session.completed arrives, once", async () => {
    const { enrollmentId, sessionId } = await buyLessons(6, { pay: "no", trainee: "小东" });
    const create = emulator.requests.find((r) => r.path === "/v1/checkout/sessions" && r.method === "POST");
    expect(create?.idempotencyKey).toMatch(/^checkout:/);
    const paid = emulator.payCheckout(sessionId);
    const { response, payload } = await deliver("checkout.session.completed", paid);
    expect(response.status).toBe(200);
    expect(await (await redeliver(payload)).json()).toMatchObject({ duplicate: true });
    await processAllEvents();
    expect(await enrollmentFunds(enrollmentId)).toMatchObject({ paid: 6 * SELLER.priceFen, held: 6 * SELLER.priceFen });
    expect(await owner.ledgerTransaction.count({ where: { enrollmentId, kind: "PAYMENT_CAPTURED" } })).toBe(1);
  });

  it("refunds through Stripe and completes on refund.updated, whatever arrives twice", async () => {
    const enrollment = await owner.enrollment.findFirstOrThrow({ where: { traineeName: "小东" } });
    const { refundId } = await requestRefund(parentScope(), enrollment.id, "搬家了");
    await respondToRefund(memberScope(SELLER.adminEmail), SELLER.id, { intent: "acceptRefund", refundId });
    await executeRefund(refundId);
    const refund = [...emulator.state.refunds.values()].find((r) => r.metadata.refundId === refundId);
    expect(refund?.amount).toBe(6 * SELLER.priceFen);
    const succeeded = { ...refund, status: "succeeded" };
    const { payload } = await deliver("refund.updated", succeeded);
    await redeliver(payload);
    await deliver("refund.updated", succeeded);
    await processAllEvents();
    expect((await owner.refundRequest.findUniqueOrThrow({ where: { id: refundId } })).status).toBe("SUCCEEDED");
    expect(await enrollmentFunds(enrollment.id)).toMatchObject({ held: 0, refunded: 6 * SELLER.priceFen });
    expect(await reconcilePayments()).toMatchObject({ differences: 0 });
  });

  it("pays out by transfer and takes a reversed transfer back into payable, once", async () => {
    const { enrollmentId } = await buyLessons(2, { pay: "no", trainee: "小西" });
    const payment = await owner.payment.findFirstOrThrow({ where: { enrollmentId } });
    await deliver("checkout.session.completed", emulator.payCheckout(payment.checkoutSessionId ?? ""));
    await processAllEvents();
    // Two lessons released by hand through the ledger's own path: record and confirm.
    const { recordLesson, answerAttendance } = await import("~/modules/escrow/lessons.server");
    await recordLesson(memberScope(SELLER.adminEmail), SELLER.id, {
      courseId: SELLER.courseId,
      lessonDate: isoDateInChina(),
      startTime: "10:00",
      endTime: "11:00",
      enrollmentIds: [enrollmentId],
    });
    const attendance = await owner.lessonAttendance.findFirstOrThrow({ where: { enrollmentId } });
    await answerAttendance(parentScope(), { intent: "confirm", attendanceId: attendance.id });
    await payOutDaily(isoDateInChina());
    const payout = await owner.payout.findFirstOrThrow({ where: { institutionId: SELLER.id } });
    expect(payout.status).toBe("PAID");
    const transfer = emulator.state.transfers.get(payout.providerTransferId ?? "");
    expect(transfer?.amount).toBe(Number(payout.amountFen));
    await provider.reverseTransfer({ transferId: transfer?.id ?? "", amountFen: 1000, key: "reversal-test" });
    const reversed = emulator.state.transfers.get(payout.providerTransferId ?? "") ?? {};
    const { payload } = await deliver("transfer.reversed", reversed);
    await redeliver(payload);
    await processAllEvents();
    const returned = await owner.ledgerTransaction.count({
      where: { kind: "PAYOUT_RETURNED", referenceId: payout.id },
    });
    expect(returned).toBe(1);
    expect(await reconcilePayments()).toMatchObject({ differences: 0 });
    expect(await ledgerViolations(owner)).toEqual({ unbalanced: [], negative: [], overdrawn: [], doublePaid: [] });
  });
});
