-- Compliance reports: every evaluation of an institution against the standards, with every
-- finding, the standards version and the parameters it used. The latest grade is kept on the
-- institution for lists, the public profile and risk scoring.

CREATE TYPE "ComplianceOutcome" AS ENUM ('PASS', 'FAIL', 'WARNING', 'NOT_APPLICABLE');
CREATE TYPE "FindingSeverity" AS ENUM ('CRITICAL', 'MAJOR', 'MINOR');

CREATE TABLE "compliance_report" (
    "id"                UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"    UUID NOT NULL,
    "authority_id"      UUID NOT NULL,
    "evaluated_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- The day the rules and parameters were taken at (Asia/Shanghai).
    "as_of"             DATE NOT NULL,
    "standards_version" VARCHAR(20) NOT NULL,
    "trigger"           VARCHAR(30) NOT NULL,
    -- Which content was evaluated: the approved one, or a filing's draft (the pre-check).
    "subject"           VARCHAR(20) NOT NULL,
    "filing_id"         UUID,
    "grade"             CHAR(1) NOT NULL,
    "fail_count"        INTEGER NOT NULL,
    "warning_count"     INTEGER NOT NULL,
    "parameters"        JSONB NOT NULL,
    CONSTRAINT "compliance_report_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_report_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "compliance_report_grade_known" CHECK ("grade" IN ('A', 'B', 'C', 'D', 'E')),
    CONSTRAINT "compliance_report_subject_known" CHECK ("subject" IN ('APPROVED', 'DRAFT'))
);
CREATE INDEX "compliance_report_institution_id_evaluated_at_idx" ON "compliance_report"("institution_id", "evaluated_at");
CREATE INDEX "compliance_report_authority_id_idx" ON "compliance_report"("authority_id");

CREATE TABLE "compliance_finding" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "report_id"      UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "rule_code"      VARCHAR(10) NOT NULL,
    "outcome"        "ComplianceOutcome" NOT NULL,
    "severity"       "FindingSeverity" NOT NULL,
    "entity_type"    VARCHAR(20) NOT NULL,
    "entity_id"      VARCHAR(64),
    "entity_label"   VARCHAR(200),
    -- A catalog key and the values compared, e.g. { "key": "…", "values": { "area": 120, … } }.
    "evidence"       JSONB NOT NULL,
    CONSTRAINT "compliance_finding_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "compliance_finding_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "compliance_report"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "compliance_finding_report_id_idx" ON "compliance_finding"("report_id");
CREATE INDEX "compliance_finding_authority_id_rule_code_outcome_idx" ON "compliance_finding"("authority_id", "rule_code", "outcome");

ALTER TABLE "institution"
  ADD COLUMN "compliance_grade" CHAR(1),
  ADD COLUMN "compliance_report_id" UUID,
  ADD COLUMN "compliance_evaluated_at" TIMESTAMPTZ(3);
CREATE INDEX "institution_authority_id_compliance_grade_idx" ON "institution"("authority_id", "compliance_grade");

ALTER TABLE "compliance_report" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "compliance_finding" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "compliance_report_tenant" ON "compliance_report"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));
CREATE POLICY "compliance_finding_tenant" ON "compliance_finding"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));

GRANT SELECT, INSERT, DELETE ON "compliance_report", "compliance_finding" TO tipei_app;
GRANT UPDATE ("compliance_grade", "compliance_report_id", "compliance_evaluated_at") ON "institution" TO tipei_app;
