import { isoDateInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { workingDayAfter } from "./calendar.server";
import { enrollmentProgress, settleIfFinished } from "./enrollment-progress.server";
import { EscrowRefusal } from "./escrow-errors";
import type { RefundDecision, RefundResponse } from "./escrow-forms";
import { postLedgerTransaction } from "./ledger.server";
import { refundApproved, refundFailed, refundPaid } from "./ledger-postings";
import { paymentProvider } from "./providers/provider.server";
import { openReconciliationAlert } from "./reconciliation-alerts.server";

type DecidedBy = "INSTITUTION" | "DEEMED" | "REGULATOR" | "SYSTEM";

/**
 * The parent asks for the unconsumed lessons back: every lesson not recorded yet, at the
 * enrollment's price. The institution has the tenant's number of working days to answer.
 */
export async function requestRefund(
  scope: DataScope,
  enrollmentId: string,
  reason: string,
  today = isoDateInChina(),
): Promise<{ refundId: string }> {
  return inScope(scope, async (db) => {
    const enrollment = await db.enrollment.findFirst({
      where: { id: enrollmentId, parentUserId: scope.userId ?? "" },
      select: { id: true, status: true, institutionId: true, authorityId: true, pricePerLessonFen: true },
    });
    if (!enrollment) throw new EscrowRefusal("escrow.notFound", 404);
    if (enrollment.status !== "ACTIVE") throw new EscrowRefusal("escrow.refund.notActive");
    const progress = await enrollmentProgress(db, enrollment.id);
    if (progress.openRefund) throw new EscrowRefusal("escrow.refund.alreadyOpen");
    if (progress.unrecorded < 1) throw new EscrowRefusal("escrow.refund.nothingLeft");
    const settings = await resolveSettingsFor(enrollment.authorityId, today, db);
    const respondBy = await workingDayAfter(
      db,
      enrollment.authorityId,
      today,
      settings.get("ESCROW.refundDeemedAgreedWorkingDays"),
    );
    const count = await db.refundRequest.count({ where: { enrollmentId: enrollment.id } });
    const refund = await db.refundRequest.create({
      data: {
        enrollmentId: enrollment.id,
        institutionId: enrollment.institutionId,
        authorityId: enrollment.authorityId,
        parentUserId: scope.userId ?? "",
        origin: "PARENT",
        lessons: progress.unrecorded,
        amountFen: progress.unrecorded * enrollment.pricePerLessonFen,
        reason,
        respondBy: new Date(`${respondBy}T00:00:00Z`),
        idempotencyKey: `refund:parent:${enrollment.id}:${count + 1}`,
      },
      select: { id: true },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: enrollment.authorityId,
      action: "escrow.refundRequested",
      entityType: "refund_request",
      entityId: refund.id,
      after: { enrollmentId: enrollment.id, lessons: progress.unrecorded, respondBy },
    });
    return { refundId: refund.id };
  });
}

type LockedRefund = {
  id: string;
  enrollment_id: string;
  institution_id: string;
  authority_id: string;
  amount_fen: number;
  status: string;
  origin: string;
};

async function lockRefund(db: Db, refundId: string): Promise<LockedRefund | null> {
  if (!isUuid(refundId)) return null;
  const rows = await db.$queryRaw<LockedRefund[]>`
    SELECT id::text, enrollment_id::text, institution_id::text, authority_id::text, amount_fen, status::text, origin::text
      FROM refund_request WHERE id = ${refundId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * A refund is decided in the parent's favour: the money leaves escrow into refunds payable (so
 * it can no longer be released) and the provider is asked to pay it back by the original route.
 */
async function approve(db: Db, refund: LockedRefund, by: DecidedBy, actorUserId: string | null, note: string | null) {
  await postLedgerTransaction(db, {
    idempotencyKey: `refund-approved:${refund.id}`,
    kind: "REFUND_APPROVED",
    institutionId: refund.institution_id,
    enrollmentId: refund.enrollment_id,
    referenceId: refund.id,
    postings: refundApproved(refund.amount_fen),
  });
  await db.refundRequest.update({
    where: { id: refund.id },
    data: { status: "APPROVED", decidedBy: by, decidedById: actorUserId, decisionNote: note, decidedAt: new Date() },
  });
  await appendAudit(db, {
    actorUserId,
    authorityId: refund.authority_id,
    action: "escrow.refundApproved",
    entityType: "refund_request",
    entityId: refund.id,
    after: { decidedBy: by, amountFen: refund.amount_fen },
  });
  // Paid back by the worker once this commits (the job outbox: a Redis outage cannot lose it).
  await enqueueInTransaction(db, "execute-refund", { v: 1, refundId: refund.id }, { jobId: refundJobId(refund.id) });
}

const refundJobId = (refundId: string) => `execute-refund-${refundId}`;

/** Asks again for a refund still unpaid; `relay` names the attempt (BullMQ keeps a failed job's id). */
async function payRefundAgain(refundId: string, relay: string): Promise<void> {
  try {
    await enqueue("execute-refund", { v: 1, refundId }, { jobId: `${refundJobId(refundId)}-${relay}` });
  } catch (error) {
    logger.warn({ err: error, refundId }, "refund left for the relay: queue unavailable");
  }
}

/** The institution accepts (the refund goes ahead) or contests it (the regulator decides). */
export async function respondToRefund(scope: DataScope, institutionId: string, input: RefundResponse) {
  await inScope(scope, async (db) => {
    const refund = await lockRefund(db, input.refundId);
    if (!refund || refund.institution_id !== institutionId) throw new EscrowRefusal("escrow.notFound", 404);
    if (refund.status !== "REQUESTED") throw new EscrowRefusal("escrow.refund.alreadyAnswered");
    if (input.intent === "acceptRefund") {
      await approve(db, refund, "INSTITUTION", scope.userId, null);
      return;
    }
    await db.refundRequest.update({
      where: { id: refund.id },
      data: { status: "CONTESTED", institutionResponse: input.response },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: refund.authority_id,
      action: "escrow.refundContested",
      entityType: "refund_request",
      entityId: refund.id,
    });
  });
}

/** The regulator decides a contested refund: approve (paid back) or reject (the enrollment goes on). */
export async function decideContestedRefund(scope: DataScope, input: RefundDecision) {
  await inScope(scope, async (db) => {
    const refund = await lockRefund(db, input.refundId);
    const visible = refund && (await db.refundRequest.findFirst({ where: { id: refund.id }, select: { id: true } }));
    if (!refund || !visible) throw new EscrowRefusal("escrow.notFound", 404);
    if (refund.status !== "CONTESTED") throw new EscrowRefusal("escrow.refund.alreadyAnswered");
    if (input.intent === "approveRefund") {
      await approve(db, refund, "REGULATOR", scope.userId, input.note);
      return;
    }
    await db.refundRequest.update({
      where: { id: refund.id },
      data: {
        status: "REJECTED",
        decidedBy: "REGULATOR",
        decidedById: scope.userId,
        decisionNote: input.note,
        decidedAt: new Date(),
      },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: refund.authority_id,
      action: "escrow.refundRejected",
      entityType: "refund_request",
      entityId: refund.id,
    });
  });
}

/** Silence past the last day to answer counts as acceptance (STANDARDS: 5 working days by default). */
export async function deemOverdueRefundsAccepted(today = isoDateInChina()): Promise<number> {
  const due = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM refund_request WHERE status = 'REQUESTED' AND respond_by < ${today}::date ORDER BY respond_by, id`,
  );
  let deemed = 0;
  for (const { id } of due) {
    const done = await unsafeAsSystem(async (db) => {
      const refund = await lockRefund(db, id);
      if (refund?.status !== "REQUESTED") return false;
      await approve(db, refund, "DEEMED", null, null);
      return true;
    });
    if (done) deemed += 1;
  }
  return deemed;
}

/**
 * Creates a refund decided by the platform (closure, a dispute decided for the parent) and
 * approves it in the caller's transaction; idempotent by key. Returns its id, or null when it existed.
 */
export async function createApprovedRefund(
  db: Db,
  input: {
    key: string;
    enrollmentId: string;
    origin: "CLOSURE" | "DISPUTE";
    lessons: number;
    amountFen: number;
    reason: string;
    attendanceId?: string;
    actorUserId: string | null;
    by: DecidedBy;
  },
): Promise<string | null> {
  const enrollment = await db.enrollment.findUniqueOrThrow({
    where: { id: input.enrollmentId },
    select: { institutionId: true, authorityId: true, parentUserId: true },
  });
  const created = await db.refundRequest.createMany({
    data: [
      {
        enrollmentId: input.enrollmentId,
        institutionId: enrollment.institutionId,
        authorityId: enrollment.authorityId,
        parentUserId: enrollment.parentUserId,
        origin: input.origin,
        attendanceId: input.attendanceId ?? null,
        lessons: input.lessons,
        amountFen: input.amountFen,
        reason: input.reason,
        idempotencyKey: input.key,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count === 0) return null;
  const row = await db.refundRequest.findUniqueOrThrow({ where: { idempotencyKey: input.key }, select: { id: true } });
  const refund = await lockRefund(db, row.id);
  if (!refund) return null;
  await approve(db, refund, input.by, input.actorUserId, null);
  return row.id;
}

/** Accepts a parent's open request as part of a closure (the money goes back all the same). */
export async function approveOpenRequest(db: Db, enrollmentId: string): Promise<string | null> {
  const open = await db.refundRequest.findFirst({
    where: { enrollmentId, status: { in: ["REQUESTED", "CONTESTED"] }, origin: "PARENT" },
    select: { id: true },
  });
  if (!open) return null;
  const refund = await lockRefund(db, open.id);
  if (!refund) return null;
  await approve(db, refund, "SYSTEM", null, null);
  return open.id;
}

/**
 * Pays an approved refund through the provider (the job `execute-refund`): idempotent at the
 * provider by the refund's id. The provider's event (refund succeeded or failed) completes it.
 */
export async function executeRefund(refundId: string): Promise<void> {
  const found = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<
        { status: string; amount_fen: number; payment_intent_id: string | null; provider_refund_id: string | null }[]
      >`
      SELECT r.status::text, r.amount_fen, p.payment_intent_id, r.provider_refund_id
        FROM refund_request r JOIN payment p ON p.enrollment_id = r.enrollment_id
       WHERE r.id = ${refundId}::uuid`,
  );
  const refund = found[0];
  if (refund?.status !== "APPROVED" || refund.provider_refund_id) return;
  if (!refund.payment_intent_id) throw new Error(`refund ${refundId}: the payment has no provider reference`);
  const { providerRefundId } = await paymentProvider().refund({
    refundId,
    paymentIntentId: refund.payment_intent_id,
    amountFen: refund.amount_fen,
  });
  await unsafeAsSystem((db) =>
    db.refundRequest.updateMany({
      where: { id: refundId, providerRefundId: null },
      data: { providerRefundId },
    }),
  );
}

/** The provider paid the refund back: refunds payable is settled. Once, whatever the events' order. */
export async function completeRefund(db: Db, refundId: string, providerRefundId: string): Promise<void> {
  const refund = await lockRefund(db, refundId);
  if (!refund) throw new Error(`no refund ${refundId}`);
  if (refund.status === "SUCCEEDED") return;
  if (refund.status !== "APPROVED") return;
  await postLedgerTransaction(db, {
    idempotencyKey: `refund-paid:${refund.id}`,
    kind: "REFUND_PAID",
    institutionId: refund.institution_id,
    enrollmentId: refund.enrollment_id,
    referenceId: refund.id,
    postings: refundPaid(refund.amount_fen),
  });
  await db.refundRequest.update({
    where: { id: refund.id },
    data: { status: "SUCCEEDED", completedAt: new Date(), providerRefundId },
  });
  await appendAudit(db, {
    actorUserId: null,
    authorityId: refund.authority_id,
    action: "escrow.refundPaid",
    entityType: "refund_request",
    entityId: refund.id,
    after: { amountFen: refund.amount_fen, providerRefundId },
  });
  await settleIfFinished(db, refund.enrollment_id);
}

/** The provider could not pay it: the money is held in escrow again and the regulator is alerted. */
export async function failRefund(db: Db, refundId: string, providerRefundId: string): Promise<void> {
  const refund = await lockRefund(db, refundId);
  if (refund?.status !== "APPROVED") return;
  await postLedgerTransaction(db, {
    idempotencyKey: `refund-failed:${refund.id}`,
    kind: "REFUND_FAILED",
    institutionId: refund.institution_id,
    enrollmentId: refund.enrollment_id,
    referenceId: refund.id,
    postings: refundFailed(refund.amount_fen),
  });
  await db.refundRequest.update({ where: { id: refund.id }, data: { status: "FAILED", providerRefundId } });
  await appendAudit(db, {
    actorUserId: null,
    authorityId: refund.authority_id,
    action: "escrow.refundFailed",
    entityType: "refund_request",
    entityId: refund.id,
    after: { amountFen: refund.amount_fen, providerRefundId },
  });
  await openReconciliationAlert(db, {
    kind: "REFUND_FAILED",
    subjectId: refund.id,
    institutionId: refund.institution_id,
    authorityId: refund.authority_id,
    ledgerFen: refund.amount_fen,
    providerFen: 0,
    details: { providerRefundId },
  });
}

/** Approved refunds the provider has not been asked for (Redis was down, a crash): queue them again. */
export async function relayApprovedRefunds(olderThanMinutes = 5): Promise<number> {
  const stale = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM refund_request
       WHERE status = 'APPROVED' AND provider_refund_id IS NULL
         AND decided_at < now() - make_interval(mins => ${olderThanMinutes})`,
  );
  const relay = `relay${Date.now()}`;
  for (const { id } of stale) await payRefundAgain(id, relay);
  return stale.length;
}
