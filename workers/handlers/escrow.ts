import type { Job } from "bullmq";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { closedInstitutionsWithActiveEnrollments, refundOnClosure } from "~/modules/escrow/closure.server";
import { evaluateFundWarnings } from "~/modules/escrow/fund-warnings.server";
import { autoConfirmDueLessons } from "~/modules/escrow/lessons.server";
import { processPaymentEvent, relayPaymentEvents } from "~/modules/escrow/payment-events.server";
import { payOutDaily } from "~/modules/escrow/payouts.server";
import { reconcilePayments } from "~/modules/escrow/reconcile.server";
import { deemOverdueRefundsAccepted, executeRefund, relayApprovedRefunds } from "~/modules/escrow/refunds.server";
import { isFinalAttempt, runKeyOf, runTracked, type WorkTrigger } from "~/modules/operations/background-work.server";

export async function runProcessPaymentEvent(eventId: string): Promise<void> {
  await processPaymentEvent(eventId);
}

export async function runRelayPaymentEvents(): Promise<void> {
  await relayPaymentEvents();
}

export async function runAutoConfirmLessons(): Promise<void> {
  await autoConfirmDueLessons();
}

export async function runDeemRefundsAccepted(): Promise<void> {
  await deemOverdueRefundsAccepted();
}

export async function runExecuteRefund(refundId: string): Promise<void> {
  await executeRefund(refundId);
}

export async function runRelayRefunds(): Promise<void> {
  await relayApprovedRefunds();
}

type TrackedJobOf = Pick<Job, "name" | "id" | "timestamp" | "attemptsMade" | "opts">;

/**
 * An institution's closure refunds with their progress recorded for its pages: the request its
 * suspension or closure wrote is claimed (or a row written for the daily sweep's run).
 */
async function refundOnClosureTracked(institutionId: string, key: string, trigger: WorkTrigger, job: TrackedJobOf) {
  const institution = await unsafeAsSystem((db) =>
    db.institution.findUnique({ where: { id: institutionId }, select: { authorityId: true } }),
  );
  if (!institution) return;
  await runTracked(
    { kind: "CLOSURE_REFUNDS", authorityId: institution.authorityId, institutionId },
    { key, trigger, finalAttempt: isFinalAttempt(job) },
    (run) => refundOnClosure(institutionId, run).then(() => undefined),
  );
}

/** The daily batch: payouts, then the closure sweep behind any missed closure job. */
export async function runPayOutDaily(job: TrackedJobOf): Promise<void> {
  await payOutDaily();
  for (const institutionId of await closedInstitutionsWithActiveEnrollments()) {
    await refundOnClosureTracked(institutionId, `${runKeyOf(job)}:${institutionId}`, "sweep", job);
  }
}

export async function runRefundOnClosure(institutionId: string, job: TrackedJobOf): Promise<void> {
  await refundOnClosureTracked(institutionId, runKeyOf(job), "closure", job);
}

export async function runReconcilePayments(): Promise<void> {
  await reconcilePayments();
}

export async function runEvaluateFundWarnings(institutionIds?: string[]): Promise<void> {
  await evaluateFundWarnings(institutionIds);
}
