import { closedInstitutionsWithActiveEnrollments, refundOnClosure } from "~/modules/escrow/closure.server";
import { evaluateFundWarnings } from "~/modules/escrow/fund-warnings.server";
import { autoConfirmDueLessons } from "~/modules/escrow/lessons.server";
import { processPaymentEvent, relayPaymentEvents } from "~/modules/escrow/payment-events.server";
import { payOutDaily } from "~/modules/escrow/payouts.server";
import { reconcilePayments } from "~/modules/escrow/reconcile.server";
import { deemOverdueRefundsAccepted, executeRefund, relayApprovedRefunds } from "~/modules/escrow/refunds.server";

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

/** The daily batch: payouts, then the closure sweep behind any missed closure job. */
export async function runPayOutDaily(): Promise<void> {
  await payOutDaily();
  for (const institutionId of await closedInstitutionsWithActiveEnrollments()) await refundOnClosure(institutionId);
}

export async function runRefundOnClosure(institutionId: string): Promise<void> {
  await refundOnClosure(institutionId);
}

export async function runReconcilePayments(): Promise<void> {
  await reconcilePayments();
}

export async function runEvaluateFundWarnings(institutionIds?: string[]): Promise<void> {
  await evaluateFundWarnings(institutionIds);
}
