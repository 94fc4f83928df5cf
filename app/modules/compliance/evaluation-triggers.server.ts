import type { Db } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { requestWork } from "~/modules/operations/background-work.server";

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

/**
 * After a change of an authority's settings: the whole jurisdiction again, and a request the
 * settings and compliance pages show the progress of (background-work.server.ts).
 */
export async function evaluateJurisdictionSoon(db: Db, authorityId: string): Promise<void> {
  await requestWork(db, { kind: "COMPLIANCE_REEVALUATION", authorityId }, "settings");
  await enqueueInTransaction(
    db,
    "evaluate-jurisdiction",
    { v: 1, authorityId, trigger: "settings" },
    { deduplicationId: `evaluate-jurisdiction-${authorityId}` },
  );
}
