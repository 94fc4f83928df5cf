-- The registry: filings (initial, change, annual) with a frozen snapshot per submission, the
-- approved content projected into venues, coaches, certificates, courses and schedule slots,
-- uploaded files, the status history, registration numbers, and the public search index.

ALTER TYPE "InstitutionStatus" ADD VALUE 'UNDER_REVIEW' AFTER 'SUBMITTED';
ALTER TYPE "InstitutionStatus" ADD VALUE 'CHANGES_REQUESTED' AFTER 'UNDER_REVIEW';
ALTER TYPE "InstitutionStatus" ADD VALUE 'REJECTED' AFTER 'APPROVED';
ALTER TYPE "InstitutionStatus" ADD VALUE 'REVOKED' AFTER 'SUSPENDED';

CREATE TYPE "FilingKind" AS ENUM ('INITIAL', 'CHANGE', 'ANNUAL');
CREATE TYPE "FilingStatus" AS ENUM (
  'DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "institution"
  ADD COLUMN "registration_no" VARCHAR(32),
  ADD COLUMN "credit_code" CHAR(18),
  ADD COLUMN "sports" TEXT[] NOT NULL DEFAULT '{}',
  -- The approved registration content (as last approved) and what the public may see of it.
  ADD COLUMN "approved_content" JSONB,
  ADD COLUMN "public_profile" JSONB,
  ADD COLUMN "registered_at" TIMESTAMPTZ(3),
  ADD COLUMN "approved_at" TIMESTAMPTZ(3),
  ADD COLUMN "annual_filing_due_on" DATE,
  ADD COLUMN "funds_supervision_enabled" BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX "institution_registration_no_key" ON "institution"("registration_no");
CREATE INDEX "institution_name_trgm_idx" ON "institution" USING gin ("name" gin_trgm_ops);
CREATE INDEX "institution_sports_idx" ON "institution" USING gin ("sports");
CREATE INDEX "institution_authority_id_status_idx" ON "institution"("authority_id", "status");

CREATE TABLE "registration_counter" (
    "authority_id" UUID NOT NULL,
    "year"         INTEGER NOT NULL,
    "last_value"   INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "registration_counter_pkey" PRIMARY KEY ("authority_id", "year"),
    CONSTRAINT "registration_counter_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "filing" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"       UUID NOT NULL,
    "authority_id"         UUID NOT NULL,
    "kind"                 "FilingKind" NOT NULL,
    "status"               "FilingStatus" NOT NULL DEFAULT 'DRAFT',
    -- What the institution is editing; validated step by step.
    "draft"                JSONB NOT NULL,
    -- Frozen at each submission: what the reviewer reviews.
    "snapshot"             JSONB,
    "submitted_at"         TIMESTAMPTZ(3),
    "assigned_reviewer_id" UUID,
    "decided_at"           TIMESTAMPTZ(3),
    "decided_by_id"        UUID,
    "decision_reason"      TEXT,
    -- Per-field comments when changes are requested: [{ "path": "...", "comment": "..." }].
    "change_requests"      JSONB NOT NULL DEFAULT '[]',
    "created_by_id"        UUID,
    "created_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"           TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "filing_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "filing_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "filing_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "filing_assigned_reviewer_id_fkey" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "filing_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "filing_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "filing_submitted_has_snapshot" CHECK ("status" IN ('DRAFT', 'WITHDRAWN') OR "snapshot" IS NOT NULL)
);
CREATE INDEX "filing_institution_id_idx" ON "filing"("institution_id");
CREATE INDEX "filing_authority_id_status_submitted_at_idx" ON "filing"("authority_id", "status", "submitted_at");
-- At most one filing in progress per institution.
CREATE UNIQUE INDEX "filing_one_open_per_institution" ON "filing"("institution_id")
  WHERE "status" IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'CHANGES_REQUESTED');

CREATE TABLE "institution_status_event" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "filing_id"      UUID,
    "from_status"    "InstitutionStatus",
    "to_status"      "InstitutionStatus",
    "filing_status"  "FilingStatus",
    "actor_user_id"  UUID,
    "reason"         TEXT,
    "occurred_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "institution_status_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "institution_status_event_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "institution_status_event_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "institution_status_event_institution_id_occurred_at_idx"
    ON "institution_status_event"("institution_id", "occurred_at");

CREATE TABLE "stored_file" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "authority_id"   UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "purpose"        VARCHAR(40) NOT NULL,
    "original_name"  VARCHAR(255) NOT NULL,
    "content_type"   VARCHAR(100) NOT NULL,
    "size_bytes"     INTEGER NOT NULL,
    "sha256"         CHAR(64) NOT NULL,
    "storage_key"    VARCHAR(200) NOT NULL,
    "uploaded_by_id" UUID,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stored_file_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stored_file_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "stored_file_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "stored_file_size_positive" CHECK ("size_bytes" > 0)
);
CREATE UNIQUE INDEX "stored_file_storage_key_key" ON "stored_file"("storage_key");
CREATE INDEX "stored_file_institution_id_idx" ON "stored_file"("institution_id");

-- The approved content, projected for queries (compliance, risk, escrow). Ids come from the content.
CREATE TABLE "venue" (
    "id"                 UUID NOT NULL,
    "institution_id"     UUID NOT NULL,
    "authority_id"       UUID NOT NULL,
    "name"               VARCHAR(100) NOT NULL,
    "address"            VARCHAR(300) NOT NULL,
    "training_area_m2"   DECIMAL(10,2) NOT NULL,
    "floor"              INTEGER NOT NULL,
    "underground"        BOOLEAN NOT NULL,
    "residential"        BOOLEAN NOT NULL,
    "is_pool"            BOOLEAN NOT NULL,
    "pool_water_area_m2" DECIMAL(10,2),
    "pool_depth_min_m"   DECIMAL(4,2),
    "pool_depth_max_m"   DECIMAL(4,2),
    "aed"                BOOLEAN NOT NULL,
    "fire_safety_file_id" UUID,
    "active"             BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "venue_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "venue_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "venue_institution_id_idx" ON "venue"("institution_id");

CREATE TABLE "coach" (
    "id"                     UUID NOT NULL,
    "institution_id"         UUID NOT NULL,
    "authority_id"           UUID NOT NULL,
    "name"                   VARCHAR(50) NOT NULL,
    "photo_file_id"          UUID,
    "full_time"              BOOLEAN NOT NULL,
    "serving_school_teacher" BOOLEAN NOT NULL,
    "active"                 BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "coach_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "coach_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "coach_institution_id_idx" ON "coach"("institution_id");

CREATE TABLE "coach_certificate" (
    "id"             UUID NOT NULL,
    "coach_id"       UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "type"           VARCHAR(40) NOT NULL,
    "number"         VARCHAR(60) NOT NULL,
    "sport"          VARCHAR(40),
    "expires_on"     DATE,
    "scan_file_id"   UUID,
    CONSTRAINT "coach_certificate_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "coach_certificate_coach_id_fkey" FOREIGN KEY ("coach_id") REFERENCES "coach"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "coach_certificate_coach_id_idx" ON "coach_certificate"("coach_id");
CREATE INDEX "coach_certificate_institution_id_expires_on_idx" ON "coach_certificate"("institution_id", "expires_on");

CREATE TABLE "course" (
    "id"                   UUID NOT NULL,
    "institution_id"       UUID NOT NULL,
    "authority_id"         UUID NOT NULL,
    "name"                 VARCHAR(100) NOT NULL,
    "sport"                VARCHAR(40) NOT NULL,
    "age_min"              INTEGER NOT NULL,
    "age_max"              INTEGER NOT NULL,
    "class_size"           INTEGER NOT NULL,
    "coaches_per_class"    INTEGER NOT NULL,
    "lesson_minutes"       INTEGER NOT NULL,
    "lesson_count"         INTEGER NOT NULL,
    "price_per_lesson_fen" INTEGER NOT NULL,
    "online"               BOOLEAN NOT NULL,
    -- A course withdrawn by a later filing stays (enrollments may point at it) but is no longer sold.
    "active"               BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "course_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "course_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "course_price_non_negative" CHECK ("price_per_lesson_fen" >= 0)
);
CREATE INDEX "course_institution_id_idx" ON "course"("institution_id");

CREATE TABLE "schedule_slot" (
    "id"             UUID NOT NULL,
    "course_id"      UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "venue_id"       UUID,
    "weekday"        INTEGER NOT NULL,
    "start_time"     CHAR(5) NOT NULL,
    "end_time"       CHAR(5) NOT NULL,
    CONSTRAINT "schedule_slot_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "schedule_slot_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "schedule_slot_weekday_range" CHECK ("weekday" BETWEEN 1 AND 7)
);
CREATE INDEX "schedule_slot_course_id_idx" ON "schedule_slot"("course_id");

-- Row-level security. tipei.public = 'on' marks a public-registry transaction: it sees registered
-- institutions (and only what they show the public), never drafts.
CREATE FUNCTION "tipei_public"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('tipei.public', true), '') = 'on'
$$;

DROP POLICY "institution_tenant" ON "institution";
CREATE POLICY "institution_tenant" ON "institution"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));
CREATE POLICY "institution_public" ON "institution" FOR SELECT
  USING (tipei_public() AND registration_no IS NOT NULL);

ALTER TABLE "registration_counter" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "registration_counter_tenant" ON "registration_counter"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));

-- Tenant rows, and the rows of the person's own institutions.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['filing', 'institution_status_event', 'stored_file', 'venue', 'coach',
                           'coach_certificate', 'course', 'schedule_slot'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_tenant', t);
  END LOOP;
  -- What the public profile shows lives in institution.public_profile; coach photos are files too.
  FOREACH t IN ARRAY ARRAY['venue', 'coach', 'coach_certificate', 'course', 'schedule_slot'] LOOP
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
      USING (tipei_public() AND institution_id IN (SELECT id FROM institution WHERE registration_no IS NOT NULL))$p$,
      t || '_public', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON "registration_counter", "filing", "institution_status_event", "stored_file",
  "venue", "coach", "coach_certificate", "course", "schedule_slot" TO tipei_app;
GRANT DELETE ON "filing", "stored_file", "venue", "coach", "coach_certificate", "course", "schedule_slot" TO tipei_app;
