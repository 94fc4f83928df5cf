import fc from "fast-check";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { refundOnClosure } from "~/modules/escrow/closure.server";
import { decideDispute } from "~/modules/escrow/disputes.server";
import { EscrowRefusal } from "~/modules/escrow/escrow-errors";
import { storeProviderEvent } from "~/modules/escrow/event-inbox.server";
import { answerAttendance, autoConfirmDueLessons, recordLesson } from "~/modules/escrow/lessons.server";
import { processPaymentEvent } from "~/modules/escrow/payment-events.server";
import { payOutDaily } from "~/modules/escrow/payouts.server";
import type { ProviderEvent } from "~/modules/escrow/providers/payment-provider";
import { SimulatedProvider } from "~/modules/escrow/providers/simulated.server";
import { reconcilePayments } from "~/modules/escrow/reconcile.server";
import {
  decideContestedRefund,
  deemOverdueRefundsAccepted,
  executeRefund,
  requestRefund,
  respondToRefund,
} from "~/modules/escrow/refunds.server";
import { ownerClient } from "../../../support/demo-database";
import {
  buyLessons,
  ledgerViolations,
  memberScope,
  parentScope,
  processAllEvents,
  regulatorScope,
  SELLER,
  setUpSeller,
} from "./escrow-fixtures";

// Random sequences of everything that moves money, run a few at a time concurrently, with
// provider events delivered late, twice and out of order. After each sequence: every ledger
// transaction balances, no held account is negative, released + refunded never exceed paid, and
// the ledger equals what the provider's books say.
const owner = ownerClient();
afterAll(() => owner.$disconnect());
beforeAll(async () => {
  await setUpSeller(owner);
});

const today = isoDateInChina();
const FAR = addDays(today, 60);
const HANGZHOU = () => regulatorScope("hangzhou.admin@tipei.example", "330100");

type Op =
  | { kind: "events"; seed: number; duplicate: boolean }
  | { kind: "record"; who: number; daysAgo: number; slot: number }
  | {
      kind: "confirm" | "dispute" | "refund" | "accept" | "contest" | "approveContested" | "rejectContested";
      who: number;
    }
  | { kind: "releaseDispute" | "refundDispute"; who: number }
  | { kind: "autoConfirm" | "deem" | "executeRefunds" | "payout" };

const who = fc.integer({ min: 0, max: 2 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("events" as const), seed: fc.nat(), duplicate: fc.boolean() }),
  fc.record({
    kind: fc.constant("record" as const),
    who,
    daysAgo: fc.integer({ min: 0, max: 10 }),
    slot: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    kind: fc.constantFrom(
      "confirm",
      "dispute",
      "refund",
      "accept",
      "contest",
      "approveContested",
      "rejectContested",
    ) as fc.Arbitrary<"confirm" | "dispute" | "refund" | "accept" | "contest" | "approveContested" | "rejectContested">,
    who,
  }),
  fc.record({
    kind: fc.constantFrom("releaseDispute", "refundDispute") as fc.Arbitrary<"releaseDispute" | "refundDispute">,
    who,
  }),
  fc.record({
    kind: fc.constantFrom("autoConfirm", "deem", "executeRefunds", "payout") as fc.Arbitrary<
      "autoConfirm" | "deem" | "executeRefunds" | "payout"
    >,
  }),
);

let run = 0;
let payoutDay = 0;

/** Delivers the stored, unprocessed events in a shuffled order, some twice (as a provider may). */
async function deliverEvents(seed: number, duplicate: boolean) {
  const events = await owner.paymentEvent.findMany({
    where: { processedAt: null },
    select: { id: true, payload: true },
  });
  const order = events.map((e, i) => ({ e, k: (seed * 7919 + i * 104729) % 1000 })).sort((a, b) => a.k - b.k);
  for (const { e } of order) {
    if (duplicate) await storeProviderEvent("simulated", e.payload as unknown as ProviderEvent);
    await processPaymentEvent(e.id);
  }
}

async function firstAttendance(enrollmentId: string, status: "PENDING" | "DISPUTED") {
  return owner.lessonAttendance.findFirst({ where: { enrollmentId, status }, orderBy: { createdAt: "asc" } });
}
async function openRefund(enrollmentId: string, status: "REQUESTED" | "CONTESTED") {
  return owner.refundRequest.findFirst({ where: { enrollmentId, status } });
}

async function apply(op: Op, enrollments: string[]): Promise<void> {
  const enrollmentId = "who" in op ? (enrollments[op.who % enrollments.length] ?? "") : "";
  switch (op.kind) {
    case "events":
      return deliverEvents(op.seed, op.duplicate);
    case "record": {
      const start = `${String(8 + op.slot * 2).padStart(2, "0")}:00`;
      const end = `${String(9 + op.slot * 2).padStart(2, "0")}:00`;
      await recordLesson(memberScope(SELLER.adminEmail), SELLER.id, {
        courseId: SELLER.courseId,
        lessonDate: addDays(today, -op.daysAgo),
        startTime: start,
        endTime: end,
        enrollmentIds: [enrollmentId],
      });
      return;
    }
    case "confirm":
    case "dispute": {
      const a = await firstAttendance(enrollmentId, "PENDING");
      if (!a) return;
      await answerAttendance(
        parentScope(),
        op.kind === "confirm"
          ? { intent: "confirm", attendanceId: a.id }
          : { intent: "dispute", attendanceId: a.id, reason: "没有上课" },
      );
      return;
    }
    case "releaseDispute":
    case "refundDispute": {
      const a = await firstAttendance(enrollmentId, "DISPUTED");
      if (!a) return;
      await decideDispute(HANGZHOU(), {
        intent: op.kind === "releaseDispute" ? "releaseLesson" : "refundLesson",
        attendanceId: a.id,
        note: "核实后处理",
      });
      return;
    }
    case "refund":
      await requestRefund(parentScope(), enrollmentId, "不想上了");
      return;
    case "accept":
    case "contest": {
      const r = await openRefund(enrollmentId, "REQUESTED");
      if (!r) return;
      await respondToRefund(
        memberScope(SELLER.adminEmail),
        SELLER.id,
        op.kind === "accept"
          ? { intent: "acceptRefund", refundId: r.id }
          : { intent: "contestRefund", refundId: r.id, response: "已上课" },
      );
      return;
    }
    case "approveContested":
    case "rejectContested": {
      const r = await openRefund(enrollmentId, "CONTESTED");
      if (!r) return;
      await decideContestedRefund(HANGZHOU(), {
        intent: op.kind === "approveContested" ? "approveRefund" : "rejectRefund",
        refundId: r.id,
        note: "核实后处理",
      });
      return;
    }
    case "autoConfirm":
      await autoConfirmDueLessons(FAR);
      return;
    case "deem":
      await deemOverdueRefundsAccepted(FAR);
      return;
    case "executeRefunds": {
      const approved = await owner.refundRequest.findMany({ where: { status: "APPROVED" }, select: { id: true } });
      for (const r of approved) await executeRefund(r.id);
      return;
    }
    case "payout":
      payoutDay += 1;
      await payOutDaily(addDays(today, payoutDay));
      return;
  }
}

/** Refusals are the domain saying no (nothing written); anything else is a failure. */
async function attempt(op: Op, enrollments: string[]): Promise<unknown> {
  try {
    await apply(op, enrollments);
    return null;
  } catch (error) {
    return error instanceof EscrowRefusal ? null : error;
  }
}

describe("the ledger under random concurrent work", () => {
  it("keeps every invariant whatever happens, in whatever order", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 6, maxLength: 24 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (ops, count, closeAtEnd) => {
          run += 1;
          const started = Date.now();
          const enrollments: string[] = [];
          for (let i = 0; i < count; i += 1) {
            const { enrollmentId } = await buyLessons(4 + i, { trainee: `学员${run}-${i}`, pay: "no" });
            const payment = await owner.payment.findFirstOrThrow({ where: { enrollmentId } });
            // Paid at the provider; the events wait to be delivered by the sequence (or at the end).
            await new SimulatedProvider().completeCheckout(payment.checkoutSessionId ?? "", "succeed");
            enrollments.push(enrollmentId);
          }
          const failures: unknown[] = [];
          for (let i = 0; i < ops.length; i += 3) {
            const batch = ops.slice(i, i + 3);
            failures.push(...(await Promise.all(batch.map((op) => attempt(op, enrollments)))));
          }
          if (closeAtEnd) {
            await owner.institution.update({ where: { id: SELLER.id }, data: { status: "SUSPENDED" } });
            await Promise.all([refundOnClosure(SELLER.id), refundOnClosure(SELLER.id)]);
            await owner.institution.update({ where: { id: SELLER.id }, data: { status: "APPROVED" } });
          }
          // Everything outstanding settles: events delivered, refunds paid.
          await processAllEvents();
          for (const r of await owner.refundRequest.findMany({ where: { status: "APPROVED" } }))
            await executeRefund(r.id);
          await processAllEvents();

          expect(failures.filter(Boolean)).toEqual([]);
          expect(await ledgerViolations(owner)).toEqual({
            unbalanced: [],
            negative: [],
            overdrawn: [],
            doublePaid: [],
          });
          expect((await reconcilePayments()).differences).toBe(0);
          const refundsStuck = await unsafeAsSystem((db) => db.refundRequest.count({ where: { status: "APPROVED" } }));
          expect(refundsStuck).toBe(0);
          if (process.env.ESCROW_PROPERTY_TRACE)
            console.log(`run ${run}: ${ops.length} ops, ${Date.now() - started} ms`);
        },
      ),
      {
        numRuns: Number(process.env.ESCROW_PROPERTY_RUNS ?? 15),
        // To replay a failure: ESCROW_PROPERTY_SEED=<seed> (printed with the counterexample).
        ...(process.env.ESCROW_PROPERTY_SEED ? { seed: Number(process.env.ESCROW_PROPERTY_SEED) } : {}),
      },
    );
  });

  it("exercised every kind of money movement along the way", async () => {
    const kinds = await owner.ledgerTransaction.groupBy({ by: ["kind"], _count: true });
    const seen = new Set(kinds.map((k) => k.kind));
    for (const kind of ["PAYMENT_CAPTURED", "LESSON_RELEASE", "REFUND_APPROVED", "REFUND_PAID", "PAYOUT"])
      expect(seen, kind).toContain(kind);
  });
});
