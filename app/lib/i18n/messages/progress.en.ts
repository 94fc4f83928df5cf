import type { progressZh } from "./progress";

export const progressEn = {
  "progress.percent": "{percent}%",
  "progress.state.running": "In progress",
  "progress.stale":
    "No progress since {time}: the work may have stopped. Reload the page to see the latest state; if nothing moves, contact the platform's operators.",
  "progress.retrying":
    "The last attempt was interrupted; the platform is retrying (attempt {attempt}). What was finished is not counted twice.",

  "progress.reevaluation.heading": "Re-evaluation with the new parameters",
  "progress.reevaluation.queued":
    "Queued: every registered institution of the jurisdiction will be evaluated again with the parameters in effect today. Starting shortly.",
  "progress.reevaluation.link": "See the re-evaluation's progress",
  "progress.reevaluation.counting": "Re-evaluating with the new parameters: counting the institutions to evaluate…",
  "progress.reevaluation.running": "Re-evaluating with the new parameters: {done} of {total} institutions done",
  "progress.reevaluation.done":
    "Re-evaluation finished ({time}): {total} registered institutions evaluated with the new parameters.",
  "progress.reevaluation.failed":
    "The re-evaluation did not finish ({time}): {done} of {total} institutions done. The nightly evaluation will evaluate every institution again.",
  "progress.reevaluation.note":
    "This page updates itself every few seconds and refreshes the grades when it is done; leaving the page does not stop the evaluation.",

  "progress.closure.heading": "Refunds on closure",
  "progress.closure.queued":
    "Queued: every unconsumed prepaid fee of the institution will be refunded to the parents. Starting shortly.",
  "progress.closure.counting": "Refunding unconsumed prepaid fees: counting the enrollments still running…",
  "progress.closure.running": "Refunding unconsumed prepaid fees: {done} of {total} enrollments processed",
  "progress.closure.done":
    "Refunds on closure processed ({time}): {total} enrollments ended, their unconsumed lesson fees approved for refund to the parents.",
  "progress.closure.doneNone":
    "Refunds on closure processed ({time}): no enrollment was still running, nothing to refund.",
  "progress.closure.failed":
    "The refunds on closure did not finish ({time}): {done} of {total} enrollments processed. The daily settlement will go on with the rest.",
  "progress.closure.payments": "Refunds received: {paid} of {total} paid back to the parents, {amount} in all.",
  "download.pending": "Preparing the file, please wait…",
  "download.failed": "The file could not be prepared. Please try again later.",
  "progress.closure.paymentsFailed":
    "{failed} could not be paid back: the money is still held in escrow and the regulator has a reconciliation alert.",
} as const satisfies Record<keyof typeof progressZh, string>;
