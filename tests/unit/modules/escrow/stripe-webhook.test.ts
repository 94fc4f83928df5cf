import Stripe from "stripe";
import { verifyStripeEvent } from "~/modules/escrow/providers/stripe-webhook.server";
import { stripeEvent } from "../../../support/stripe-emulator";

const secret = "whsec_tipei_test_secret";
const session = {
  id: "cs_test_123",
  object: "checkout.session",
  amount_total: 120_000,
  payment_intent: "pi_123",
  metadata: { paymentId: "pay_1", enrollmentId: "enr_1" },
};
const event = stripeEvent("checkout.session.completed", session);
const payload = JSON.stringify(event);
const now = () => Math.floor(Date.now() / 1000);

function sign(body: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? secret, ...options });
}

describe("verifyStripeEvent", () => {
  it("returns the event's id, type, time and object when the signature is valid", () => {
    expect(verifyStripeEvent(payload, sign(payload), secret)).toEqual({
      id: event.id,
      type: "checkout.session.completed",
      created: event.created,
      data: { object: session },
    });
  });

  it("accepts a delivery signed a little while ago, within the five-minute tolerance", () => {
    expect(verifyStripeEvent(payload, sign(payload, { timestamp: now() - 240 }), secret)?.id).toBe(event.id);
  });

  it("refuses a body changed after signing", () => {
    const tampered = payload.replace("120000", "1");
    expect(tampered).not.toBe(payload);
    expect(verifyStripeEvent(tampered, sign(payload), secret)).toBeNull();
  });

  it("refuses a signature made with another secret", () => {
    expect(verifyStripeEvent(payload, sign(payload, { secret: "whsec_someone_else" }), secret)).toBeNull();
  });

  it("refuses a delivery without a signature header", () => {
    expect(verifyStripeEvent(payload, null, secret)).toBeNull();
    expect(verifyStripeEvent(payload, "", secret)).toBeNull();
  });

  it("refuses a header that is not a Stripe signature", () => {
    expect(verifyStripeEvent(payload, "garbage", secret)).toBeNull();
    expect(verifyStripeEvent(payload, `t=${now()},v1=0000`, secret)).toBeNull();
    expect(verifyStripeEvent(payload, "t=notanumber,v1=", secret)).toBeNull();
  });

  it("refuses a replay whose timestamp is older than the tolerance", () => {
    expect(verifyStripeEvent(payload, sign(payload, { timestamp: now() - 301 }), secret)).toBeNull();
  });

  it("refuses everything when the secret is blank", () => {
    expect(verifyStripeEvent(payload, sign(payload, { secret: "" }), "")).toBeNull();
  });

  it("refuses a signed body that is not JSON", () => {
    const body = "not json {";
    expect(verifyStripeEvent(body, sign(body), secret)).toBeNull();
  });

  it("refuses signed JSON that is not an event", () => {
    for (const body of [
      "[1,2]",
      "null",
      '{"id":"evt_1","type":"x"}',
      '{"id":"evt_1","type":"x","created":1,"data":{}}',
    ]) {
      expect(verifyStripeEvent(body, sign(body), secret)).toBeNull();
    }
  });
});
