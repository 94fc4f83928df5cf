import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { appendAudit } from "~/modules/audit/append.server";
import { requestWork, type TrackedRun } from "~/modules/operations/background-work.server";
import { enrollmentProgress } from "./enrollment-progress.server";
import { approveOpenRequest, createApprovedRefund } from "./refunds.server";

const CLOSED_STATUSES = ["SUSPENDED", "REVOKED", "CLOSED"] as const;

/**
 * When an institution is suspended, revoked or closed, every unconsumed balance goes back to
 * the parents (STANDARDS: money flow). One enrollment per transaction, each refund keyed by its
 * enrollment: the job can be interrupted anywhere and run again without paying anyone twice.
 * Lessons already recorded stay with the parent's answer (confirm, dispute, or the deadline).
 */
export async function refundOnClosure(institutionId: string, run?: TrackedRun): Promise<{ refunds: number }> {
  const enrollments = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT e.id::text FROM enrollment e JOIN institution i ON i.id = e.institution_id
       WHERE e.institution_id = ${institutionId}::uuid AND e.status = 'ACTIVE'
         AND i.status::text IN ('SUSPENDED', 'REVOKED', 'CLOSED')
       ORDER BY e.id`,
  );
  const progress = closureProgress(run, enrollments.length);
  await progress.record(true);
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
    await progress.finished();
  }
  await progress.record(true);
  return { refunds };
}

const PROGRESS_EVERY = 20;
const PROGRESS_EVERY_MS = 1_000;

/**
 * The run's progress, for the pages (background-work.server.ts): enrollments processed of those
 * that were active when the run began. Written in a transaction of its own after enrollments have
 * committed (never in a refund's), every 20 enrollments or second; an attempt after a failure
 * finds only the enrollments still active, so what earlier attempts finished counts once.
 */
function closureProgress(run: TrackedRun | undefined, left: number) {
  // A retry keeps the first attempt's total: what it finished is no longer in `left`.
  const total = Math.max(run?.total ?? 0, left);
  let processed = 0;
  let recorded = 0;
  let recordedAt = 0;
  const record = async (force: boolean) => {
    if (!run) return;
    if (!force && processed - recorded < PROGRESS_EVERY && Date.now() - recordedAt < PROGRESS_EVERY_MS) return;
    await unsafeAsSystem((db) => run.record(db, { done: total - left + processed, total }));
    recorded = processed;
    recordedAt = Date.now();
  };
  return {
    record,
    async finished() {
      processed += 1;
      await record(false);
    },
  };
}

/** Queues the closure refunds in the transaction of a registration change that closes the institution. */
export async function refundOnClosureSoon(db: Db, institutionId: string, status: string): Promise<void> {
  if (!(CLOSED_STATUSES as readonly string[]).includes(status)) return;
  // The institution's pages show the refunds' progress from this request on.
  const { authorityId } = await db.institution.findUniqueOrThrow({
    where: { id: institutionId },
    select: { authorityId: true },
  });
  await requestWork(db, { kind: "CLOSURE_REFUNDS", authorityId, institutionId }, "closure");
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
