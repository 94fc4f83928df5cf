import type { Db } from "~/lib/db-scope.server";
import type { JobPayload } from "~/lib/jobs/definitions";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";

export type RiskSignal = JobPayload<"score-risk-institution">["signal"];

/**
 * Asks the worker to re-score one institution after a signal (a complaint, a fund warning, a failed
 * finding…), in the signal's transaction (the job outbox: queued exactly when the signal commits).
 * A burst of signals for the same institution scores it once: the deduplication id holds one
 * waiting job per institution.
 */
export async function scoreRiskSoon(db: Db, institutionId: string, signal: RiskSignal): Promise<void> {
  await enqueueInTransaction(
    db,
    "score-risk-institution",
    { v: 1, institutionId, signal },
    { deduplicationId: `score-risk-${institutionId}` },
  );
}

/** Re-scores a whole jurisdiction (after a settings change); one waiting job per authority. */
export async function scoreRiskTenantSoon(
  db: Db,
  authorityId: string,
  trigger: JobPayload<"score-risk-tenant">["trigger"] = "settings",
): Promise<void> {
  await enqueueInTransaction(
    db,
    "score-risk-tenant",
    { v: 1, authorityId, trigger },
    { deduplicationId: `score-risk-tenant-${authorityId}` },
  );
}
