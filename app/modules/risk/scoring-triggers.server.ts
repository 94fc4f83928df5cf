import type { JobPayload } from "~/lib/jobs/definitions";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";

export type RiskSignal = JobPayload<"score-risk-institution">["signal"];

/**
 * Asks the worker to re-score one institution after a signal (a complaint, a fund warning, a failed
 * finding…). A burst of signals for the same institution scores it once: the deduplication id holds
 * one waiting job per institution. Fail-soft: the nightly run catches anything a Redis outage missed.
 */
export async function scoreRiskSoon(institutionId: string, signal: RiskSignal): Promise<void> {
  try {
    await enqueue(
      "score-risk-institution",
      { v: 1, institutionId, signal },
      { deduplicationId: `score-risk-${institutionId}` },
    );
  } catch (error) {
    logger.warn({ err: error, institutionId, signal }, "risk scoring left for the nightly run: queue unavailable");
  }
}

/** Re-scores a whole jurisdiction (after a settings change); one waiting job per authority. */
export async function scoreRiskTenantSoon(
  authorityId: string,
  trigger: JobPayload<"score-risk-tenant">["trigger"] = "settings",
): Promise<void> {
  try {
    await enqueue(
      "score-risk-tenant",
      { v: 1, authorityId, trigger },
      { deduplicationId: `score-risk-tenant-${authorityId}` },
    );
  } catch (error) {
    logger.warn({ err: error, authorityId }, "risk re-scoring left for the nightly run: queue unavailable");
  }
}
