-- Long work the worker does for a person's change, and how far it has got: the re-evaluation of a
-- jurisdiction after its settings change, the refunds of an institution that is suspended, revoked
-- or closed. Every web process reads the same rows (app/modules/operations/background-work.server.ts),
-- so the progress a page shows does not depend on which process answers it.
--
-- A request is written QUEUED in the transaction of the change that asks for it, next to the job in
-- the job outbox: one waiting request per subject (a burst of changes is one request, as the job's
-- deduplication makes it one job). The job claims it (or, for work nobody asked for, such as the
-- nightly run, writes its own row) and records its progress once per batch. A run is keyed by
-- `run_key`, derived from the job's id and creation time, the same for every attempt: a retried job
-- finds its row and goes on from `resume_after`; `done` is set from the work that committed, never
-- added to.
CREATE TYPE "BackgroundWorkKind" AS ENUM ('COMPLIANCE_REEVALUATION', 'CLOSURE_REFUNDS');
CREATE TYPE "BackgroundWorkStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

CREATE TABLE "background_work" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind"           "BackgroundWorkKind" NOT NULL,
    "authority_id"   UUID NOT NULL,
    "institution_id" UUID,
    "trigger"        VARCHAR(20) NOT NULL,
    "status"         "BackgroundWorkStatus" NOT NULL DEFAULT 'QUEUED',
    "run_key"        VARCHAR(200),
    "total"          INTEGER NOT NULL DEFAULT 0,
    "done"           INTEGER NOT NULL DEFAULT 0,
    "resume_after"   VARCHAR(64),
    "attempts"       INTEGER NOT NULL DEFAULT 0,
    "requested_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at"     TIMESTAMPTZ(3),
    "updated_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at"    TIMESTAMPTZ(3),
    CONSTRAINT "background_work_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "background_work_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "background_work_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    -- A jurisdiction's re-evaluation belongs to the authority; closure refunds to one institution.
    CONSTRAINT "background_work_subject" CHECK (("kind" = 'CLOSURE_REFUNDS') = ("institution_id" IS NOT NULL)),
    CONSTRAINT "background_work_counts" CHECK ("done" >= 0 AND "done" <= "total"),
    -- Waiting: no run yet. Started: a run and its start. Finished: when.
    CONSTRAINT "background_work_run" CHECK (
        ("status" = 'QUEUED' AND "run_key" IS NULL AND "started_at" IS NULL)
        OR ("status" <> 'QUEUED' AND "run_key" IS NOT NULL AND "started_at" IS NOT NULL)),
    CONSTRAINT "background_work_finished" CHECK (("status" IN ('DONE', 'FAILED')) = ("finished_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "background_work_run_key_key" ON "background_work"("run_key");
-- One waiting request per subject: a second change before the job starts adds nothing.
CREATE UNIQUE INDEX "background_work_one_waiting" ON "background_work"("kind", "authority_id", "institution_id")
    NULLS NOT DISTINCT WHERE "status" = 'QUEUED';
-- The pages ask for the latest work of an authority or of an institution.
CREATE INDEX "background_work_authority_id_kind_requested_at_idx" ON "background_work"("authority_id", "kind", "requested_at");
CREATE INDEX "background_work_institution_id_kind_requested_at_idx" ON "background_work"("institution_id", "kind", "requested_at");

-- Regulators read the work of their jurisdiction; an institution's members the work on their
-- institution (its closure refunds). The change that asks for work writes the request in its own
-- scope (a regulator's, an inspector's); only the worker (platform) starts, advances and ends runs.
ALTER TABLE "background_work" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "background_work_read" ON "background_work" FOR SELECT
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR institution_id IN (SELECT tipei_member_institution_ids()));
CREATE POLICY "background_work_request" ON "background_work" FOR INSERT
  WITH CHECK (status = 'QUEUED' AND authority_id IN (SELECT tipei_visible_authority_ids()));
CREATE POLICY "background_work_platform" ON "background_work" USING (tipei_platform()) WITH CHECK (tipei_platform());

GRANT SELECT, INSERT, UPDATE ON "background_work" TO tipei_app;
