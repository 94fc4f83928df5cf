import type { Job } from "bullmq";
import { prisma } from "~/lib/db.server";
import { enqueue } from "~/lib/queue.server";
import {
  type EvaluationTrigger,
  evaluateInstitutions,
  evaluateJurisdiction,
} from "~/modules/compliance/evaluation.server";
import { isFinalAttempt, runKeyOf, runTracked } from "~/modules/operations/background-work.server";

export async function runEvaluateInstitutions(institutionIds: string[], trigger: EvaluationTrigger): Promise<void> {
  await evaluateInstitutions(institutionIds, { trigger });
}

/**
 * A jurisdiction's evaluation, its progress recorded for the pages (a settings change's
 * re-evaluation claims the request the change wrote). Every attempt of the job is one run.
 */
export async function runEvaluateJurisdiction(
  authorityId: string,
  trigger: EvaluationTrigger,
  job: Pick<Job, "name" | "id" | "timestamp" | "attemptsMade" | "opts">,
): Promise<void> {
  await runTracked(
    { kind: "COMPLIANCE_REEVALUATION", authorityId },
    { key: runKeyOf(job), trigger, finalAttempt: isFinalAttempt(job) },
    (run) => evaluateJurisdiction(authorityId, { trigger, run }).then(() => undefined),
  );
}

/** Nightly: one job per province (authorities are public), so a failure retries one province only. */
export async function runNightlyEvaluation(): Promise<void> {
  const provinces = await prisma.authority.findMany({ where: { parentId: null }, select: { id: true } });
  for (const province of provinces) {
    await enqueue(
      "evaluate-jurisdiction",
      { v: 1, authorityId: province.id, trigger: "nightly" },
      { deduplicationId: `evaluate-jurisdiction-${province.id}` },
    );
  }
}
