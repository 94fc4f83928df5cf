import { unsafeAsSystem } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { dateColumn, isoDateOf, todayInChina } from "./rectification-deadline";
import { notifyInstitution, notifyRegulators } from "./rectification-notifications.server";
import { institutionNameOf, noticeOf, recordStep } from "./rectification-record.server";
import { canRectification, nextRectificationStatus } from "./rectification-state-machine";

/**
 * The overdue escalation, run hourly by the worker: an order still waiting for the institution
 * (issued, or rejected) after its deadline day has ended in China becomes OVERDUE, once. Each
 * escalation writes one risk signal (RECTIFICATION_OVERDUE) for risk scoring, records the step
 * and emails the institution and its regulators. Running it again finds nothing more to do:
 * an escalated order keeps escalated_at for good, and the signal is unique per order.
 *
 * A deliberate platform-wide job (`unsafeAsSystem`): it acts for no one, across every tenant.
 */
export const OVERDUE_SIGNAL = "RECTIFICATION_OVERDUE";

/** Escalates every order due; answers how many it escalated now. */
export async function escalateOverdueOrders(now = new Date()): Promise<number> {
  const today = todayInChina(now);
  const due = await unsafeAsSystem((db) =>
    db.rectificationOrder.findMany({
      // deadline < today: the whole deadline day has passed in China.
      where: { status: { in: ["ISSUED", "REJECTED"] }, escalatedAt: null, deadline: { lt: dateColumn(today) } },
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
      select: { id: true },
    }),
  );
  let escalated = 0;
  for (const { id } of due) {
    // One order at a time, each in its own transaction: one failure does not hold back the rest.
    try {
      if (await escalateOrder(id, now)) escalated += 1;
    } catch (error) {
      logger.error({ err: error, orderId: id }, "could not escalate an overdue rectification order");
    }
  }
  return escalated;
}

/** Escalates one order if it is (still) due; false when another run or a step got there first. */
export async function escalateOrder(orderId: string, now = new Date()): Promise<boolean> {
  const today = todayInChina(now);
  return unsafeAsSystem(async (db) => {
    const locked = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM rectification_order WHERE id = ${orderId}::uuid FOR UPDATE`;
    if (locked.length === 0) return false;
    const order = await db.rectificationOrder.findUniqueOrThrow({
      where: { id: orderId },
      include: { _count: { select: { items: true } } },
    });
    const deadline = isoDateOf(order.deadline);
    if (order.escalatedAt !== null || !canRectification(order.status, "escalate") || deadline >= today) return false;
    const to = nextRectificationStatus(order.status, "escalate");
    await db.rectificationOrder.update({ where: { id: order.id }, data: { status: to, escalatedAt: now } });
    const signal = await db.riskSignal.createMany({
      data: [
        {
          institutionId: order.institutionId,
          authorityId: order.authorityId,
          kind: OVERDUE_SIGNAL,
          sourceId: order.id,
          occurredAt: now,
          details: { deadline, items: order._count.items, status: order.status },
        },
      ],
      skipDuplicates: true,
    });
    await recordStep(db, {
      order,
      actorUserId: null,
      event: "escalate",
      from: order.status,
      to,
      reason: null,
      details: { deadline, riskSignal: signal.count === 1 },
    });
    const name = await institutionNameOf(db, order.institutionId);
    await notifyInstitution(db, noticeOf("overdueInstitution", order, name, ""));
    await notifyRegulators(db, order.authorityId, noticeOf("overdueRegulator", order, name, ""));
    return true;
  });
}
