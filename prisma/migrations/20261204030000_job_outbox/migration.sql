-- Jobs that follow a database change are written here in the same transaction as the change and
-- relayed to BullMQ by the worker (workers/outbox-relay.ts): a commit and its follow-up work are
-- never split by a Redis outage. `job_id` is the BullMQ job id the relay uses, so a relay that
-- dies between adding a job and marking its row adds the same id again, which BullMQ ignores.
CREATE TABLE "job_outbox" (
    "id"               UUID NOT NULL DEFAULT gen_random_uuid(),
    "name"             VARCHAR(64) NOT NULL,
    "payload"          JSONB NOT NULL,
    "job_id"           VARCHAR(200) NOT NULL,
    "deduplication_id" VARCHAR(200),
    "created_at"       TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayed_at"       TIMESTAMPTZ(3),
    "attempts"         INTEGER NOT NULL DEFAULT 0,
    "last_error"       VARCHAR(500),
    CONSTRAINT "job_outbox_pkey" PRIMARY KEY ("id")
);
-- The relay's scan: only rows still waiting, oldest first.
CREATE INDEX "job_outbox_waiting_idx" ON "job_outbox"("created_at") WHERE "relayed_at" IS NULL;
CREATE INDEX "job_outbox_relayed_at_idx" ON "job_outbox"("relayed_at");

-- Any scope may write a job for its own change; only platform work (the relay) reads, marks and trims.
-- The app writes without RETURNING: a tenant's transaction cannot read the row back.
ALTER TABLE "job_outbox" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "job_outbox_insert" ON "job_outbox" FOR INSERT WITH CHECK (true);
CREATE POLICY "job_outbox_platform" ON "job_outbox" USING (tipei_platform());

GRANT SELECT, INSERT, UPDATE, DELETE ON "job_outbox" TO tipei_app;

-- Wakes the relays when a transaction that wrote jobs commits (NOTIFY is delivered on commit only);
-- they also poll every second, so a missed notification only delays a job.
CREATE FUNCTION "job_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('job_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "job_outbox_notify" AFTER INSERT ON "job_outbox"
  FOR EACH STATEMENT EXECUTE FUNCTION "job_outbox_notify"();
