-- Rectification (整改): from failed compliance findings a regulator issues an order with a
-- deadline; the institution answers with text and documents; the regulator accepts or rejects.
-- An order past its deadline is escalated once by a scheduled job, which also writes a risk
-- signal for risk scoring. The findings are copied into the order when it is issued, so the
-- order still reads the same after the institution is evaluated again.

CREATE TYPE "RectificationStatus" AS ENUM ('ISSUED', 'ANSWERED', 'ACCEPTED', 'REJECTED', 'OVERDUE', 'WITHDRAWN');

CREATE TABLE "rectification_order" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"       UUID NOT NULL,
    -- The institution's authority when the order was issued: whose jurisdiction the order is in.
    "authority_id"         UUID NOT NULL,
    -- The workspace it was issued from (the district itself, or an authority above it).
    "issuing_authority_id" UUID NOT NULL,
    "issued_by_id"         UUID,
    -- The compliance report whose findings it covers (kept while the report is).
    "report_id"            UUID,
    "status"               "RectificationStatus" NOT NULL DEFAULT 'ISSUED',
    "instructions"         TEXT NOT NULL,
    -- The last day to answer (Asia/Shanghai): late from the next midnight in China.
    "deadline"             DATE NOT NULL,
    "issued_at"            TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at"          TIMESTAMPTZ(3),
    "escalated_at"         TIMESTAMPTZ(3),
    "closed_at"            TIMESTAMPTZ(3),
    "updated_at"           TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rectification_order_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rectification_order_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rectification_order_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "rectification_order_issuing_authority_id_fkey" FOREIGN KEY ("issuing_authority_id")
        REFERENCES "authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "rectification_order_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "rectification_order_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "compliance_report"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "rectification_order_instructions_given" CHECK (length(btrim("instructions")) > 0),
    -- Closed exactly when accepted or withdrawn; overdue only once escalated.
    CONSTRAINT "rectification_order_closed_when_final"
        CHECK (("closed_at" IS NOT NULL) = ("status" IN ('ACCEPTED', 'WITHDRAWN'))),
    CONSTRAINT "rectification_order_overdue_escalated" CHECK ("status" <> 'OVERDUE' OR "escalated_at" IS NOT NULL)
);
CREATE INDEX "rectification_order_authority_id_status_deadline_idx"
    ON "rectification_order"("authority_id", "status", "deadline");
CREATE INDEX "rectification_order_institution_id_issued_at_idx" ON "rectification_order"("institution_id", "issued_at");
-- The escalation job's search: open orders by deadline.
CREATE INDEX "rectification_order_status_deadline_idx" ON "rectification_order"("status", "deadline");

CREATE TABLE "rectification_item" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id"       UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    -- The finding it was copied from (null once that report is removed).
    "finding_id"     UUID,
    "position"       INTEGER NOT NULL,
    "rule_code"      VARCHAR(10) NOT NULL,
    "severity"       "FindingSeverity" NOT NULL,
    "entity_type"    VARCHAR(20) NOT NULL,
    "entity_id"      VARCHAR(64),
    "entity_label"   VARCHAR(200),
    "evidence"       JSONB NOT NULL,
    CONSTRAINT "rectification_item_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rectification_item_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "rectification_order"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rectification_item_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "compliance_finding"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "rectification_item_order_id_finding_id_key" ON "rectification_item"("order_id", "finding_id");
CREATE INDEX "rectification_item_finding_id_idx" ON "rectification_item"("finding_id");

CREATE TABLE "rectification_response" (
    "id"              UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id"        UUID NOT NULL,
    "institution_id"  UUID NOT NULL,
    "authority_id"    UUID NOT NULL,
    "text"            TEXT NOT NULL,
    -- Evidence documents (stored_file ids of this institution, uploaded with the answer).
    "file_ids"        UUID[] NOT NULL DEFAULT '{}',
    "responded_by_id" UUID,
    "responded_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rectification_response_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rectification_response_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "rectification_order"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rectification_response_responded_by_id_fkey" FOREIGN KEY ("responded_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "rectification_response_text_given" CHECK (length(btrim("text")) > 0),
    CONSTRAINT "rectification_response_file_count" CHECK (cardinality("file_ids") <= 10)
);
CREATE INDEX "rectification_response_order_id_responded_at_idx"
    ON "rectification_response"("order_id", "responded_at");

-- The order's history, read by both sides (the audit trail is the regulators' only).
CREATE TABLE "rectification_event" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id"       UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "event"          VARCHAR(20) NOT NULL,
    "from_status"    "RectificationStatus",
    "to_status"      "RectificationStatus" NOT NULL,
    -- Null when the platform acted (the overdue escalation).
    "actor_user_id"  UUID,
    "reason"         TEXT,
    "occurred_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rectification_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rectification_event_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "rectification_order"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rectification_event_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "rectification_event_order_id_occurred_at_idx" ON "rectification_event"("order_id", "occurred_at");

-- Facts that raise an institution's risk (STANDARDS.md: "overdue rectification", …), one per
-- kind and source, so whatever writes a signal may run again without doubling it.
CREATE TABLE "risk_signal" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "kind"           VARCHAR(40) NOT NULL,
    "source_id"      UUID NOT NULL,
    "occurred_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "details"        JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "risk_signal_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "risk_signal_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "risk_signal_kind_format" CHECK ("kind" ~ '^[A-Z][A-Z0-9_]*$')
);
CREATE UNIQUE INDEX "risk_signal_kind_source_id_key" ON "risk_signal"("kind", "source_id");
CREATE INDEX "risk_signal_authority_id_occurred_at_idx" ON "risk_signal"("authority_id", "occurred_at");
CREATE INDEX "risk_signal_institution_id_occurred_at_idx" ON "risk_signal"("institution_id", "occurred_at");

-- Row-level security. Both sides read an order; only regulators (the jurisdiction) issue it and
-- its items; only the institution's members write answers; both sides move its status (the
-- institution by answering) and write its history. Risk signals are the regulators' alone.
ALTER TABLE "rectification_order" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rectification_item" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rectification_response" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "rectification_event" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "risk_signal" ENABLE ROW LEVEL SECURITY;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rectification_order', 'rectification_item', 'rectification_response',
                           'rectification_event'] LOOP
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_read', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['rectification_order', 'rectification_item'] LOOP
    EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
      WITH CHECK (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()))$p$,
      t || '_issue', t);
  END LOOP;
END $$;

CREATE POLICY "rectification_order_move" ON "rectification_order" FOR UPDATE
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));
CREATE POLICY "rectification_response_answer" ON "rectification_response" FOR INSERT
  WITH CHECK (tipei_platform()
              OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));
CREATE POLICY "rectification_event_record" ON "rectification_event" FOR INSERT
  WITH CHECK (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
              OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));
CREATE POLICY "risk_signal_tenant" ON "risk_signal"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));

GRANT SELECT, INSERT ON "rectification_order", "rectification_item", "rectification_response",
  "rectification_event", "risk_signal" TO tipei_app;
-- What an order is (institution, findings, deadline, instructions) never changes once issued.
GRANT UPDATE ("status", "answered_at", "escalated_at", "closed_at", "updated_at") ON "rectification_order" TO tipei_app;
