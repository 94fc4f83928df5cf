import { createHash } from "node:crypto";
import type { Job } from "bullmq";
import { prisma } from "~/lib/db.server";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import type { JobPayload } from "~/lib/jobs/definitions";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";
import { scoreInstitution, scoreTenant } from "~/modules/risk/scoring.server";

/**
 * The run id of a job: the same for every attempt of the job, so a retry after a worker restart
 * continues the run (assessments are unique by run and institution) instead of starting another.
 */
export function runIdOf(job: Pick<Job, "id" | "name" | "timestamp">): string {
  const hex = createHash("sha256")
    .update(`risk-run:${job.name}:${job.id ?? ""}:${job.timestamp}`)
    .digest("hex");
  // Shaped as a version-4-looking UUID (the column is uuid; uniqueness is what matters).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** After scoring, high and critical levels become inspection tasks (the inspection module). Fail-soft. */
async function openRiskTasksSoon(authorityId?: string): Promise<void> {
  try {
    await enqueue("open-risk-tasks", authorityId ? { v: 1, authorityId } : { v: 1 }, {
      deduplicationId: `open-risk-tasks-${authorityId ?? "all"}`,
    });
  } catch (error) {
    logger.warn({ err: error, authorityId }, "opening risk tasks left for the next run: queue unavailable");
  }
}

/** Nightly: one job per province (authorities are public), so a failure retries one province only. */
export async function runNightlyRiskScoring(): Promise<void> {
  const provinces = await prisma.authority.findMany({ where: { parentId: null }, select: { id: true } });
  for (const province of provinces) {
    await enqueue(
      "score-risk-tenant",
      { v: 1, authorityId: province.id, trigger: "nightly" },
      { deduplicationId: `score-risk-tenant-${province.id}` },
    );
  }
}

/**
 * A deployment whose registered institutions were never scored (a new one, the demo) is scored
 * at once rather than at the next 03:00: the regulators' risk pages are not empty for a day.
 * Any number of workers may start together: the jobs are deduplicated per province.
 */
export async function scoreIfNeverScored(): Promise<boolean> {
  const scored = await unsafeAsSystem((db) =>
    db.institution.findFirst({ where: { riskAssessedAt: { not: null } }, select: { id: true } }),
  );
  if (scored) return false;
  await runNightlyRiskScoring();
  return true;
}

export async function runScoreRiskTenant(payload: JobPayload<"score-risk-tenant">, job: Job): Promise<void> {
  const result = await scoreTenant(payload.authorityId, { trigger: payload.trigger, runId: runIdOf(job) });
  logger.info({ authorityId: payload.authorityId, scored: result.scored, byLevel: result.byLevel }, "tenant scored");
  await openRiskTasksSoon(payload.authorityId);
}

export async function runScoreRiskInstitution(payload: JobPayload<"score-risk-institution">, job: Job): Promise<void> {
  await scoreInstitution(payload.institutionId, { trigger: "signal", runId: runIdOf(job) });
  const institution = await unsafeAsSystem((db) =>
    db.institution.findUnique({ where: { id: payload.institutionId }, select: { authorityId: true } }),
  );
  if (institution) await openRiskTasksSoon(institution.authorityId);
}
