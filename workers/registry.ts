import { type Job, UnrecoverableError } from "bullmq";
import { isJobName, type JobName, type JobPayload, jobDefinitions } from "~/lib/jobs/definitions";
import { runEvaluateInstitutions, runEvaluateJurisdiction, runNightlyEvaluation } from "./handlers/compliance";
import { relayEmails, sendEmail } from "./handlers/email";
import {
  runAutoConfirmLessons,
  runDeemRefundsAccepted,
  runEvaluateFundWarnings,
  runExecuteRefund,
  runPayOutDaily,
  runProcessPaymentEvent,
  runReconcilePayments,
  runRefundOnClosure,
  runRelayPaymentEvents,
  runRelayRefunds,
} from "./handlers/escrow";
import { runHeartbeat } from "./handlers/heartbeat";
import { runOpenRiskTasks } from "./handlers/inspection";
import { runRectificationEscalation } from "./handlers/rectification";
import { runNightlyRiskScoring, runScoreRiskInstitution, runScoreRiskTenant } from "./handlers/risk";

type Handlers = { [N in JobName]: (payload: JobPayload<N>, job: Job) => Promise<void> };

const handlers: Handlers = {
  heartbeat: () => runHeartbeat(),
  "send-email": (payload) => sendEmail(payload.emailId),
  "relay-emails": () => relayEmails(),
  "escalate-rectifications": () => runRectificationEscalation(),
  "evaluate-institutions": (payload) => runEvaluateInstitutions(payload.institutionIds, payload.trigger),
  "evaluate-jurisdiction": (payload, job) => runEvaluateJurisdiction(payload.authorityId, payload.trigger, job),
  "evaluate-nightly": () => runNightlyEvaluation(),
  "process-payment-event": (payload) => runProcessPaymentEvent(payload.eventId),
  "relay-payment-events": () => runRelayPaymentEvents(),
  "auto-confirm-lessons": () => runAutoConfirmLessons(),
  "deem-refunds-accepted": () => runDeemRefundsAccepted(),
  "execute-refund": (payload) => runExecuteRefund(payload.refundId),
  "relay-refunds": () => runRelayRefunds(),
  "pay-out-daily": (_payload, job) => runPayOutDaily(job),
  "refund-on-closure": (payload, job) => runRefundOnClosure(payload.institutionId, job),
  "reconcile-payments": () => runReconcilePayments(),
  "evaluate-fund-warnings": (payload) => runEvaluateFundWarnings(payload.institutionIds),
  "score-risk-nightly": () => runNightlyRiskScoring(),
  "score-risk-tenant": (payload, job) => runScoreRiskTenant(payload, job),
  "score-risk-institution": (payload, job) => runScoreRiskInstitution(payload, job),
  "open-risk-tasks": (payload) => runOpenRiskTasks(payload.authorityId),
};

/**
 * Runs one job: an unknown name or a payload that fails its schema cannot succeed on retry,
 * so it fails at once (UnrecoverableError) instead of burning attempts.
 */
export async function dispatch(job: Job): Promise<void> {
  if (!isJobName(job.name)) throw new UnrecoverableError(`unknown job ${job.name}`);
  const parsed = jobDefinitions[job.name].payload.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(
      `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ")}`,
    );
  }
  // The schema just parsed the payload for this very name; TypeScript cannot pair the two.
  const handler = handlers[job.name] as (payload: unknown, job: Job) => Promise<void>;
  await handler(parsed.data, job);
}
