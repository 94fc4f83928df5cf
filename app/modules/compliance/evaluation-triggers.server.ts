import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";

/**
 * Asks the worker to re-evaluate after a change. Fail-soft: the nightly run catches anything a
 * Redis outage made this miss (issue 9 moves these into a transactional outbox).
 */
export async function evaluateSoon(institutionId: string): Promise<void> {
  try {
    await enqueue(
      "evaluate-institutions",
      { v: 1, institutionIds: [institutionId], trigger: "approval" },
      { deduplicationId: `evaluate-institution-${institutionId}` },
    );
  } catch (error) {
    logger.warn({ err: error, institutionId }, "evaluation left for the nightly run: queue unavailable");
  }
}

export async function evaluateJurisdictionSoon(authorityId: string): Promise<void> {
  try {
    await enqueue(
      "evaluate-jurisdiction",
      { v: 1, authorityId, trigger: "settings" },
      { deduplicationId: `evaluate-jurisdiction-${authorityId}` },
    );
  } catch (error) {
    logger.warn({ err: error, authorityId }, "re-evaluation left for the nightly run: queue unavailable");
  }
}
