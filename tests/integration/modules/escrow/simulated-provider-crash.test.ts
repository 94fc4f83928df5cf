import { unsafeAsSystem } from "~/lib/db-scope.server";
import { SimulatedProvider } from "~/modules/escrow/providers/simulated.server";
import { createApprovedRefund, executeRefund } from "~/modules/escrow/refunds.server";
import { ownerClient } from "../../../support/demo-database";
import {
  buyLessons,
  enrollmentFunds,
  ledgerViolations,
  processAllEvents,
  SELLER,
  setUpSeller,
} from "./escrow-fixtures";

// The simulated provider keeps its books (simulated_provider_record) and reports what it did as
// provider events. A worker killed between the two must not lose the report: a retried call finds
// the book written and would never report it again, so the payment or refund would never reach
// the ledger. Here the death is a trigger that refuses the event's row, dropped before the retry.
const owner = ownerClient();
afterAll(() => owner.$disconnect());
beforeAll(async () => {
  await setUpSeller(owner);
});

async function dyingBeforeTheEvent<T>(work: () => Promise<T>): Promise<void> {
  await owner.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_die_before_event() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the worker died before the provider event was stored'; END $$`);
  await owner.$executeRawUnsafe(`CREATE TRIGGER test_die_before_event BEFORE INSERT ON payment_event
    FOR EACH ROW EXECUTE FUNCTION test_die_before_event()`);
  try {
    await expect(work()).rejects.toThrow(/died before the provider event/);
  } finally {
    await owner.$executeRawUnsafe("DROP TRIGGER test_die_before_event ON payment_event");
  }
}

describe("the simulated provider cut off between its books and its event", () => {
  it("a checkout paid when the first answer died: the retried answer reports it, captured once", async () => {
    const { enrollmentId, sessionId } = await buyLessons(2, { pay: "no", trainee: "断电甲" });
    const provider = new SimulatedProvider();
    await dyingBeforeTheEvent(() => provider.completeCheckout(sessionId, "succeed"));
    expect(await provider.completeCheckout(sessionId, "succeed")).toBe("done");
    expect(await provider.completeCheckout(sessionId, "succeed")).toBe("already");
    await processAllEvents();

    const payment = await owner.payment.findFirstOrThrow({ where: { enrollmentId } });
    expect(payment.status).toBe("SUCCEEDED");
    expect(await owner.simulatedProviderRecord.count({ where: { kind: "CHARGE", parentId: sessionId } })).toBe(1);
    expect(await owner.ledgerTransaction.count({ where: { enrollmentId, kind: "PAYMENT_CAPTURED" } })).toBe(1);
    expect(await enrollmentFunds(enrollmentId)).toMatchObject({ paid: 2 * SELLER.priceFen });
  });

  it("a refund paid once at the provider and in the ledger when its first execution died", async () => {
    const { enrollmentId } = await buyLessons(3, { trainee: "断电乙" });
    const refundId = await unsafeAsSystem(async (db) => {
      const enrollment = await db.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      return createApprovedRefund(db, {
        key: `refund:test-crash:${enrollmentId}`,
        enrollmentId,
        origin: "CLOSURE",
        lessons: 3,
        amountFen: 3 * enrollment.pricePerLessonFen,
        reason: "测试：退款执行中断后重试。",
        actorUserId: null,
        by: "SYSTEM",
      });
    });
    if (!refundId) throw new Error("a refund was expected");
    await dyingBeforeTheEvent(() => executeRefund(refundId));
    await executeRefund(refundId); // the job's retry
    await executeRefund(refundId); // and a duplicate of it
    await processAllEvents();

    const refund = await owner.refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    expect(refund.status).toBe("SUCCEEDED");
    expect(await owner.simulatedProviderRecord.count({ where: { idempotencyKey: `refund:${refundId}` } })).toBe(1);
    expect(await owner.ledgerTransaction.count({ where: { referenceId: refundId, kind: "REFUND_PAID" } })).toBe(1);
    expect(await ledgerViolations(owner)).toEqual({ unbalanced: [], negative: [], overdrawn: [], doublePaid: [] });
  });

  it("a transfer reversal reported once when its first call died", async () => {
    const provider = new SimulatedProvider();
    const account = await owner.simulatedProviderRecord.findFirstOrThrow({ where: { kind: "ACCOUNT" } });
    const { transferId } = await provider.transfer({
      payoutId: "00000000-0000-4000-8000-00000000c0de",
      accountId: account.id,
      amountFen: 5_000,
    });
    const reversal = { transferId, amountFen: 2_000, key: "reversal:test-crash" };
    await dyingBeforeTheEvent(() => provider.reverseTransfer(reversal));
    const { reversalId } = await provider.reverseTransfer(reversal);
    expect((await provider.reverseTransfer(reversal)).reversalId).toBe(reversalId);

    expect(await owner.simulatedProviderRecord.count({ where: { kind: "REVERSAL", parentId: transferId } })).toBe(1);
    const reported = await owner.paymentEvent.findMany({ where: { type: "transfer.reversed" } });
    expect(reported.filter((e) => JSON.stringify(e.payload).includes(transferId))).toHaveLength(1);
  });
});
