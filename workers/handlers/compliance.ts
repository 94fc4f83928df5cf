import { prisma } from "~/lib/db.server";
import { enqueue } from "~/lib/queue.server";
import {
  type EvaluationTrigger,
  evaluateInstitutions,
  evaluateJurisdiction,
} from "~/modules/compliance/evaluation.server";

export async function runEvaluateInstitutions(institutionIds: string[], trigger: EvaluationTrigger): Promise<void> {
  await evaluateInstitutions(institutionIds, { trigger });
}

export async function runEvaluateJurisdiction(authorityId: string, trigger: EvaluationTrigger): Promise<void> {
  await evaluateJurisdiction(authorityId, { trigger });
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
