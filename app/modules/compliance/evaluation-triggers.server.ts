import type { Db } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";

/**
 * Asks the worker to re-evaluate after a change, in the change's transaction (the job outbox):
 * the evaluation is queued exactly when the change commits, whether Redis answers or not.
 */
export async function evaluateSoon(db: Db, institutionId: string): Promise<void> {
  await enqueueInTransaction(
    db,
    "evaluate-institutions",
    { v: 1, institutionIds: [institutionId], trigger: "approval" },
    { deduplicationId: `evaluate-institution-${institutionId}` },
  );
}

export async function evaluateJurisdictionSoon(db: Db, authorityId: string): Promise<void> {
  await enqueueInTransaction(
    db,
    "evaluate-jurisdiction",
    { v: 1, authorityId, trigger: "settings" },
    { deduplicationId: `evaluate-jurisdiction-${authorityId}` },
  );
}
