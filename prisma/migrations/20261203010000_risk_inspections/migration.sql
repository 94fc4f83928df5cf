-- Risk monitoring and inspections: a risk assessment per institution and run (score, level, credit
-- grade and the factors that made it), parents' complaints, inspection tasks (opened by a high risk
-- level, drawn at random, or by hand), the random draws themselves (seeded, so they can be re-run for
-- an audit), and inspections with their checklist items.

CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');
CREATE TYPE "ComplaintStatus" AS ENUM ('SUBMITTED', 'TRIAGED', 'ASSIGNED', 'RESOLVED', 'DISMISSED');
CREATE TYPE "InspectionOrigin" AS ENUM ('RISK', 'DRAW', 'MANUAL');
CREATE TYPE "InspectionTaskStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');
CREATE TYPE "InspectionOutcome" AS ENUM ('PASSED', 'RECTIFICATION', 'PENALTY', 'SUSPENSION');
CREATE TYPE "InspectionItemResult" AS ENUM ('PASS', 'FAIL', 'NOTE', 'NOT_CHECKED');

CREATE TABLE "risk_assessment" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    -- One scoring run (nightly for a tenant, or one institution on a signal).
    "run_id"         UUID NOT NULL,
    "trigger"        VARCHAR(20) NOT NULL,
    "model_version"  VARCHAR(20) NOT NULL,
    "assessed_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "score"          INTEGER NOT NULL,
    "level"          "RiskLevel" NOT NULL,
    "credit_grade"   CHAR(1) NOT NULL,
    "likelihood"     DOUBLE PRECISION NOT NULL,
    "magnitude"      DOUBLE PRECISION NOT NULL,
    -- [{ "code": …, "value": …, "points": …, "message": catalog key, "values": {…} }, …]
    "factors"        JSONB NOT NULL,
    CONSTRAINT "risk_assessment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "risk_assessment_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "risk_assessment_score_range" CHECK ("score" BETWEEN 0 AND 100),
    CONSTRAINT "risk_assessment_grade_known" CHECK ("credit_grade" IN ('A', 'B', 'C', 'D', 'E'))
);
CREATE INDEX "risk_assessment_institution_id_assessed_at_idx" ON "risk_assessment"("institution_id", "assessed_at");
CREATE INDEX "risk_assessment_authority_id_assessed_at_idx" ON "risk_assessment"("authority_id", "assessed_at");
CREATE UNIQUE INDEX "risk_assessment_run_id_institution_id_key" ON "risk_assessment"("run_id", "institution_id");

-- The latest assessment, kept on the institution for ranking (like its compliance grade).
ALTER TABLE "institution"
  ADD COLUMN "risk_score" INTEGER,
  ADD COLUMN "risk_level" "RiskLevel",
  ADD COLUMN "risk_assessment_id" UUID,
  ADD COLUMN "risk_assessed_at" TIMESTAMPTZ(3);
CREATE INDEX "institution_authority_id_risk_score_idx" ON "institution"("authority_id", "risk_score");

CREATE TABLE "complaint" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "parent_user_id" UUID NOT NULL,
    "enrollment_id"  UUID,
    "category"       VARCHAR(30) NOT NULL,
    "description"    TEXT NOT NULL,
    -- Photos (stored_file ids of purpose COMPLAINT_PHOTO), at most 6.
    "photo_file_ids" UUID[] NOT NULL DEFAULT '{}',
    "status"         "ComplaintStatus" NOT NULL DEFAULT 'SUBMITTED',
    "assigned_to_id" UUID,
    "outcome"        TEXT,
    "resolved_at"    TIMESTAMPTZ(3),
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"     TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "complaint_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "complaint_parent_user_id_fkey" FOREIGN KEY ("parent_user_id") REFERENCES "app_user"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "complaint_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "complaint_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "complaint_description_given" CHECK (length(btrim("description")) > 0),
    CONSTRAINT "complaint_photo_count" CHECK (cardinality("photo_file_ids") <= 6),
    CONSTRAINT "complaint_outcome_when_closed"
        CHECK (("status" IN ('RESOLVED', 'DISMISSED')) = ("outcome" IS NOT NULL AND "resolved_at" IS NOT NULL))
);
CREATE INDEX "complaint_authority_id_status_created_at_idx" ON "complaint"("authority_id", "status", "created_at");
CREATE INDEX "complaint_institution_id_created_at_idx" ON "complaint"("institution_id", "created_at");
CREATE INDEX "complaint_parent_user_id_created_at_idx" ON "complaint"("parent_user_id", "created_at");

-- A complaint's history, read by the parent and the regulators.
CREATE TABLE "complaint_event" (
    "id"            UUID NOT NULL DEFAULT gen_random_uuid(),
    "complaint_id"  UUID NOT NULL,
    "authority_id"  UUID NOT NULL,
    "parent_user_id" UUID NOT NULL,
    "event"         VARCHAR(20) NOT NULL,
    "to_status"     "ComplaintStatus" NOT NULL,
    "actor_user_id" UUID,
    "note"          TEXT,
    "occurred_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "complaint_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "complaint_event_complaint_id_fkey" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "complaint_event_complaint_id_occurred_at_idx" ON "complaint_event"("complaint_id", "occurred_at");

-- A random draw (双随机): the period, the ratios by grade, the seed and what it drew.
CREATE TABLE "random_draw" (
    "id"                UUID NOT NULL DEFAULT gen_random_uuid(),
    "authority_id"      UUID NOT NULL,
    "period_start"      DATE NOT NULL,
    "period_end"        DATE NOT NULL,
    "seed"              VARCHAR(64) NOT NULL,
    -- Sampling ratio (percent) by credit grade in force when drawn, e.g. { "A": 5, …, "E": 100 }.
    "ratios"            JSONB NOT NULL,
    "inspector_ids"     UUID[] NOT NULL,
    -- The population and the result, in the order drawn: [{ "institutionId", "grade", "inspectorId" }, …].
    "population"        JSONB NOT NULL,
    "drawn"             JSONB NOT NULL,
    "drawn_by_id"       UUID,
    "drawn_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "random_draw_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "random_draw_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "random_draw_period_ordered" CHECK ("period_start" <= "period_end")
);
CREATE INDEX "random_draw_authority_id_drawn_at_idx" ON "random_draw"("authority_id", "drawn_at");

CREATE TABLE "inspection_task" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "origin"         "InspectionOrigin" NOT NULL,
    "assessment_id"  UUID,
    "draw_id"        UUID,
    "risk_level"     "RiskLevel",
    "assigned_to_id" UUID,
    "due_on"         DATE NOT NULL,
    "status"         "InspectionTaskStatus" NOT NULL DEFAULT 'OPEN',
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"     TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "inspection_task_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "inspection_task_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "inspection_task_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "risk_assessment"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "inspection_task_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES "random_draw"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "inspection_task_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "inspection_task_authority_id_status_due_on_idx" ON "inspection_task"("authority_id", "status", "due_on");
CREATE INDEX "inspection_task_assigned_to_id_status_idx" ON "inspection_task"("assigned_to_id", "status");
CREATE INDEX "inspection_task_institution_id_idx" ON "inspection_task"("institution_id");
-- A high risk level opens a task once: not again while one is open for the institution.
CREATE UNIQUE INDEX "inspection_task_one_open_risk_task" ON "inspection_task"("institution_id")
    WHERE "origin" = 'RISK' AND "status" IN ('OPEN', 'IN_PROGRESS');

CREATE TABLE "inspection" (
    "id"                     UUID NOT NULL DEFAULT gen_random_uuid(),
    "task_id"                UUID NOT NULL,
    "institution_id"         UUID NOT NULL,
    "authority_id"           UUID NOT NULL,
    "inspector_id"           UUID,
    "started_at"             TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at"            TIMESTAMPTZ(3),
    "outcome"                "InspectionOutcome",
    "summary"                TEXT,
    "rectification_order_id" UUID,
    "updated_at"             TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "inspection_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "inspection_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "inspection_task"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "inspection_inspector_id_fkey" FOREIGN KEY ("inspector_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "inspection_rectification_order_id_fkey" FOREIGN KEY ("rectification_order_id")
        REFERENCES "rectification_order"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "inspection_finished_with_outcome" CHECK (("finished_at" IS NULL) = ("outcome" IS NULL))
);
CREATE UNIQUE INDEX "inspection_task_id_key" ON "inspection"("task_id");
CREATE INDEX "inspection_institution_id_finished_at_idx" ON "inspection"("institution_id", "finished_at");

CREATE TABLE "inspection_item" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "inspection_id"  UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "position"       INTEGER NOT NULL,
    "rule_code"      VARCHAR(10) NOT NULL,
    "result"         "InspectionItemResult" NOT NULL DEFAULT 'NOT_CHECKED',
    "note"           TEXT,
    "photo_file_ids" UUID[] NOT NULL DEFAULT '{}',
    "updated_at"     TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "inspection_item_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "inspection_item_inspection_id_fkey" FOREIGN KEY ("inspection_id") REFERENCES "inspection"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "inspection_item_photo_count" CHECK (cardinality("photo_file_ids") <= 6)
);
CREATE UNIQUE INDEX "inspection_item_inspection_id_rule_code_key" ON "inspection_item"("inspection_id", "rule_code");

-- Row-level security. Regulators: their jurisdiction. Parents: their own complaints and their
-- history. Institutions: the outcome of inspections of them (never the tasks: inspections may be
-- unannounced), nothing of complaints or risk assessments.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['risk_assessment', 'random_draw', 'inspection_task', 'inspection', 'inspection_item'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()))$p$, t || '_tenant', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['complaint', 'complaint_event'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR parent_user_id = tipei_user_id())$p$, t || '_parties', t);
  END LOOP;
END $$;
CREATE POLICY "inspection_institution_read" ON "inspection" FOR SELECT
  USING (finished_at IS NOT NULL AND institution_id IN (SELECT tipei_member_institution_ids()));
CREATE POLICY "inspection_item_institution_read" ON "inspection_item" FOR SELECT
  USING (institution_id IN (SELECT tipei_member_institution_ids())
         AND inspection_id IN (SELECT i.id FROM inspection i WHERE i.finished_at IS NOT NULL));

GRANT SELECT, INSERT ON "risk_assessment", "random_draw", "complaint_event" TO tipei_app;
GRANT SELECT, INSERT, UPDATE ON "complaint", "inspection_task", "inspection", "inspection_item" TO tipei_app;

-- A parent's complaint is recorded in the audit trail of the authority of the institution complained about.
DROP POLICY "audit_event_append" ON "audit_event";
CREATE POLICY "audit_event_append" ON "audit_event" FOR INSERT
  WITH CHECK (tipei_platform() OR authority_id IS NULL
              OR authority_id IN (SELECT tipei_visible_authority_ids())
              OR authority_id IN (SELECT m.authority_id FROM membership m WHERE m.user_id = tipei_user_id())
              OR authority_id IN (SELECT e.authority_id FROM enrollment e WHERE e.parent_user_id = tipei_user_id())
              OR authority_id IN (SELECT c.authority_id FROM complaint c WHERE c.parent_user_id = tipei_user_id()));
