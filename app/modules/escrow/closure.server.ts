import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { appendAudit } from "~/modules/audit/append.server";
import { enrollmentProgress } from "./enrollment-progress.server";
import { approveOpenRequest, createApprovedRefund } from "./refunds.server";

const CLOSED_STATUSES = ["SUSPENDED", "REVOKED", "CLOSED"] as const;

/**
 * When an institution is suspended, revoked or closed, every unconsumed balance goes back to
 * the parents (STANDARDS: money flow). One enrollment per transaction, each refund keyed by its
 * enrollment: the job can be interrupted anywhere and run again without paying anyone twice.
 * Lessons already recorded stay with the parent's answer (confirm, dispute, or the deadline).
 */
export async function refundOnClosure(institutionId: string): Promise<{ refunds: number }> {
  const enrollments = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT e.id::text FROM enrollment e JOIN institution i ON i.id = e.institution_id
       WHERE e.institution_id = ${institutionId}::uuid AND e.status = 'ACTIVE'
         AND i.status::text IN ('SUSPENDED', 'REVOKED', 'CLOSED')
       ORDER BY e.id`,
  );
  let refunds = 0;
  for (const { id } of enrollments) {
    const refundId = await unsafeAsSystem(async (db) => {
      const progress = await enrollmentProgress(db, id);
      const enrollment = await db.enrollment.findUniqueOrThrow({
        where: { id },
        select: { status: true, pricePerLessonFen: true, authorityId: true },
      });
      if (enrollment.status !== "ACTIVE") return null;
      const fromRequest = progress.openRefund ? await approveOpenRequest(db, id) : null;
      const lessons = fromRequest ? 0 : progress.unrecorded;
      const created =
        lessons > 0
          ? await createApprovedRefund(db, {
              key: `refund:closure:${id}`,
              enrollmentId: id,
              origin: "CLOSURE",
              lessons,
              amountFen: lessons * enrollment.pricePerLessonFen,
              reason: "机构停业、被暂停或撤销登记：未消费的课时费全部退还。",
              actorUserId: null,
              by: "SYSTEM",
            })
          : null;
      await db.enrollment.update({ where: { id }, data: { status: "CLOSED", endedAt: new Date() } });
      await appendAudit(db, {
        actorUserId: null,
        authorityId: enrollment.authorityId,
        action: "escrow.enrollmentClosed",
        entityType: "enrollment",
        entityId: id,
        after: { refundedLessons: lessons, refundId: fromRequest ?? created },
      });
      return fromRequest ?? created;
    });
    // Each refund was queued for payment in its own transaction (see `approve`).
    if (refundId) refunds += 1;
  }
  return { refunds };
}

/** Queues the closure refunds in the transaction of a registration change that closes the institution. */
export async function refundOnClosureSoon(db: Db, institutionId: string, status: string): Promise<void> {
  if (!(CLOSED_STATUSES as readonly string[]).includes(status)) return;
  await enqueueInTransaction(
    db,
    "refund-on-closure",
    { v: 1, institutionId },
    { deduplicationId: `refund-on-closure-${institutionId}` },
  );
}

/** Institutions closed with enrollments still active: the daily sweep behind refundOnClosureSoon. */
export async function closedInstitutionsWithActiveEnrollments(): Promise<string[]> {
  const rows = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT i.id::text FROM institution i JOIN enrollment e ON e.institution_id = i.id AND e.status = 'ACTIVE'
       WHERE i.status::text IN ('SUSPENDED', 'REVOKED', 'CLOSED')`,
  );
  return rows.map((r) => r.id);
}
