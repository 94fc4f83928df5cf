import type { BackgroundWorkKind, BackgroundWorkStatus, Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";

/**
 * Long work the worker does for a person's change, and how far it has got (the table
 * background_work; see its migration). Three parts:
 * - `requestWork`, in the transaction of the change that asks for the work (next to its job in the
 *   outbox): a QUEUED row, one per subject however many changes ask;
 * - `runTracked`, in the job: claims the request (or writes a row for work nobody asked for), lets
 *   the work record its progress once per batch, and ends the run. A run's key is the job's, the
 *   same for every attempt, so a retry finds its row and goes on; `done` is always set from what
 *   committed, never added to. A request that arrives while a run is under way (its job is dropped
 *   by the queue's deduplication while this one runs) is run by the same job in another pass;
 * - `latest…` and `workView`, for the pages: what the regulator or the institution may read
 *   (row-level security), shaped for the browser.
 */

export type WorkSubject =
  | { kind: "COMPLIANCE_REEVALUATION"; authorityId: string; institutionId?: undefined }
  | { kind: "CLOSURE_REFUNDS"; authorityId: string; institutionId: string };

/** What asked for the work: a settings change, a closure, or routine work (nightly, daily sweep). */
export type WorkTrigger = "settings" | "nightly" | "manual" | "approval" | "closure" | "sweep";

/** Records that a change asks for this work, in the change's transaction. */
export async function requestWork(db: Db, subject: WorkSubject, trigger: WorkTrigger): Promise<void> {
  // No RETURNING: a tenant's scope writes the request; the partial unique index keeps one waiting.
  await db.$executeRaw`
    INSERT INTO background_work (kind, authority_id, institution_id, trigger)
    VALUES (${subject.kind}::"BackgroundWorkKind", ${subject.authorityId}::uuid,
            ${subject.institutionId ?? null}::uuid, ${trigger})
    ON CONFLICT (kind, authority_id, institution_id) WHERE status = 'QUEUED' DO NOTHING`;
}

// ---------------------------------------------------------------------------------------------
// The worker's side

type RunRow = {
  id: string;
  status: BackgroundWorkStatus;
  total: number;
  done: number;
  resume_after: string | null;
  attempts: number;
};

/** One run as its work sees it: where a retry resumes, and how to record what committed. */
export type TrackedRun = {
  readonly id: string;
  /** Finished and committed by earlier attempts of this run. */
  readonly done: number;
  readonly total: number;
  /** The last item an earlier attempt finished (work taken in a stable order resumes after it). */
  readonly resumeAfter: string | null;
  readonly attempts: number;
  /** Sets the progress; in `db`, the batch's own transaction, it commits with the batch. */
  record(db: Db, progress: { done: number; total: number; resumeAfter?: string | null }): Promise<void>;
};

export type TrackedJob = {
  /** The same for every attempt of the job (see runKeyOf). */
  key: string;
  trigger: WorkTrigger;
  /** No attempt follows this one: a failure now ends the run as FAILED. */
  finalAttempt: boolean;
};

/** A job's key for its runs: its id and creation time, the same for every attempt of it. */
export function runKeyOf(job: { name: string; id?: string | undefined; timestamp: number }): string {
  return `${job.name}:${job.id ?? ""}:${job.timestamp}`.slice(0, 190);
}

/** Whether no attempt follows this one when it fails (BullMQ counts the attempts made before it). */
export function isFinalAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * The row of one pass of a run: its own (another attempt: it goes on), else the subject's waiting
 * request (claimed), else, when `mayCreate`, a new one. Null when a later pass finds nothing asked.
 */
async function openPass(
  subject: WorkSubject,
  runKey: string,
  trigger: WorkTrigger,
  mayCreate: boolean,
): Promise<RunRow | null> {
  const institutionId = subject.institutionId ?? null;
  return unsafeAsSystem(async (db) => {
    const own = await db.$queryRaw<RunRow[]>`
      SELECT id::text, status, total, done, resume_after, attempts FROM background_work
       WHERE run_key = ${runKey} FOR UPDATE`;
    if (own[0]?.status === "DONE") return own[0];
    if (own[0]) {
      // Another attempt of the same run (a retry, or a stalled job run again).
      const again = await db.$queryRaw<RunRow[]>`
        UPDATE background_work SET attempts = attempts + 1, status = 'RUNNING', finished_at = NULL, updated_at = now()
         WHERE id = ${own[0].id}::uuid
        RETURNING id::text, status, total, done, resume_after, attempts`;
      return again[0] ?? null;
    }
    const claimed = await db.$queryRaw<RunRow[]>`
      UPDATE background_work SET status = 'RUNNING', run_key = ${runKey}, started_at = now(), updated_at = now(),
             attempts = 1
       WHERE id = (SELECT id FROM background_work
                    WHERE kind = ${subject.kind}::"BackgroundWorkKind" AND authority_id = ${subject.authorityId}::uuid
                      AND institution_id IS NOT DISTINCT FROM ${institutionId}::uuid AND status = 'QUEUED'
                    LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id::text, status, total, done, resume_after, attempts`;
    if (claimed[0]) return claimed[0];
    if (!mayCreate) return null;
    const created = await db.$queryRaw<RunRow[]>`
      INSERT INTO background_work (kind, authority_id, institution_id, trigger, status, run_key, started_at, attempts)
      VALUES (${subject.kind}::"BackgroundWorkKind", ${subject.authorityId}::uuid, ${institutionId}::uuid,
              ${trigger}, 'RUNNING', ${runKey}, now(), 1)
      ON CONFLICT (run_key) DO UPDATE SET attempts = background_work.attempts + 1, updated_at = now()
      RETURNING id::text, status, total, done, resume_after, attempts`;
    return created[0] ?? null;
  });
}

async function recordProgress(
  db: Db,
  id: string,
  progress: { done: number; total: number; resumeAfter?: string | null },
): Promise<void> {
  const done = Math.max(0, Math.trunc(progress.done));
  const total = Math.max(done, Math.trunc(progress.total));
  await db.$executeRaw`
    UPDATE background_work SET done = ${done}, total = ${total},
           resume_after = coalesce(${progress.resumeAfter ?? null}, resume_after), updated_at = now()
     WHERE id = ${id}::uuid AND status = 'RUNNING'`;
}

function trackedRun(row: RunRow): TrackedRun {
  return {
    id: row.id,
    done: row.done,
    total: row.total,
    resumeAfter: row.resume_after,
    attempts: row.attempts,
    record: (db, progress) => recordProgress(db, row.id, progress),
  };
}

async function endRun(id: string, status: "DONE" | "FAILED"): Promise<void> {
  await unsafeAsSystem(
    (db) => db.$executeRaw`
      UPDATE background_work SET status = ${status}::"BackgroundWorkStatus", finished_at = now(), updated_at = now()
       WHERE id = ${id}::uuid AND status = 'RUNNING'`,
  );
}

/**
 * Runs `work` for a subject with its progress recorded, then once more for each request that came
 * in while it ran. A pass already finished by an earlier attempt of the job is not run again.
 */
export async function runTracked(
  subject: WorkSubject,
  job: TrackedJob,
  work: (run: TrackedRun) => Promise<void>,
): Promise<void> {
  for (let pass = 1; ; pass += 1) {
    const row = await openPass(subject, `${job.key}#${pass}`, job.trigger, pass === 1);
    if (!row) return;
    if (row.status === "DONE") continue;
    try {
      await work(trackedRun(row));
    } catch (error) {
      if (job.finalAttempt) {
        await endRun(row.id, "FAILED").catch((e: unknown) =>
          logger.warn({ err: e, workId: row.id }, "could not mark the failed run"),
        );
      }
      throw error;
    }
    await endRun(row.id, "DONE");
  }
}

// ---------------------------------------------------------------------------------------------
// The pages' side

export type WorkStatus = BackgroundWorkStatus;
export type WorkKind = BackgroundWorkKind;

/** What a page shows of a run; dates as ISO strings (they travel to the browser). */
export type WorkView = {
  id: string;
  kind: WorkKind;
  trigger: string;
  status: WorkStatus;
  total: number;
  done: number;
  /** Attempts made so far; above 1 the run is being retried. */
  attempts: number;
  /**
   * Queued or running with nothing recorded for STALE_AFTER_MS: no worker is on it (its job was
   * lost with Redis, say). The page says so and stops asking; a run records far more often.
   */
  stale: boolean;
  requestedAt: string;
  startedAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
};

export const isActive = (status: WorkStatus): boolean => status === "QUEUED" || status === "RUNNING";

const VIEW_SELECT = {
  id: true,
  kind: true,
  trigger: true,
  status: true,
  total: true,
  done: true,
  attempts: true,
  requestedAt: true,
  startedAt: true,
  updatedAt: true,
  finishedAt: true,
} as const;

type ViewRow = Prisma.BackgroundWorkGetPayload<{ select: typeof VIEW_SELECT }>;

/** Far longer than a batch (about a second) or the retries' backoff (2 to 30 s) ever takes. */
export const STALE_AFTER_MS = 10 * 60_000;

function viewOf(row: ViewRow, now = Date.now()): WorkView {
  return {
    ...row,
    stale: isActive(row.status) && now - row.updatedAt.getTime() > STALE_AFTER_MS,
    requestedAt: row.requestedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The latest re-evaluation of an authority's jurisdiction asked for by a change of its settings
 * (the nightly run is routine and not shown). Null when there is none or the scope may not see it.
 */
export async function latestReevaluation(scope: DataScope, authorityId: string): Promise<WorkView | null> {
  const row = await inScope(scope, (db) =>
    db.backgroundWork.findFirst({
      where: { kind: "COMPLIANCE_REEVALUATION", authorityId, trigger: "settings" },
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      select: VIEW_SELECT,
    }),
  );
  return row ? viewOf(row) : null;
}

/** Refunds to parents of a suspended, revoked or closed institution, paid by the provider or not yet. */
export type ClosureRefundPayments = { total: number; paid: number; failed: number; amountFen: number };

export type ClosureProgress = { run: WorkView; payments: ClosureRefundPayments };

/** What the progress routes answer (and the panels poll): the work and, for closures, its refunds' payments. */
export type ReevaluationAnswer = { work: WorkView | null };
export type ClosureAnswer = { work: WorkView | null; payments: ClosureRefundPayments | null };

export function closureAnswer(progress: ClosureProgress | null): ClosureAnswer {
  return { work: progress?.run ?? null, payments: progress?.payments ?? null };
}

/** The latest closure-refund run of an institution and where its refunds' payments stand. */
export async function latestClosureRefunds(scope: DataScope, institutionId: string): Promise<ClosureProgress | null> {
  return inScope(scope, async (db) => {
    const row = await db.backgroundWork.findFirst({
      where: { kind: "CLOSURE_REFUNDS", institutionId },
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      select: VIEW_SELECT,
    });
    if (!row) return null;
    const counts = await db.refundRequest.groupBy({
      by: ["status"],
      where: { institutionId, origin: "CLOSURE" },
      _count: { _all: true },
      _sum: { amountFen: true },
    });
    const payments: ClosureRefundPayments = { total: 0, paid: 0, failed: 0, amountFen: 0 };
    for (const c of counts) {
      payments.total += c._count._all;
      payments.amountFen += c._sum.amountFen ?? 0;
      if (c.status === "SUCCEEDED") payments.paid += c._count._all;
      if (c.status === "FAILED") payments.failed += c._count._all;
    }
    return { run: viewOf(row), payments };
  });
}
