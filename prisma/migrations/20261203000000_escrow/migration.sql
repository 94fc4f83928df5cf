-- Tuition escrow (资金监管): enrollments under the standard contract, payments through a provider,
-- a double-entry ledger in integer fen, lessons released one at a time (一课一消), refunds,
-- payouts, provider webhooks stored once, reconciliation alerts, fund warnings, and the
-- working-day calendar the confirmation and refund deadlines are counted on.

CREATE TYPE "PaymentAccountStatus" AS ENUM ('PENDING', 'ACTIVE', 'RESTRICTED');
CREATE TYPE "EnrollmentStatus" AS ENUM ('PENDING_PAYMENT', 'ACTIVE', 'PAYMENT_FAILED', 'COMPLETED', 'CLOSED');
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'DISPUTED');
CREATE TYPE "AttendanceStatus" AS ENUM ('PENDING', 'CONFIRMED', 'AUTO_CONFIRMED', 'DISPUTED', 'RELEASED_BY_DECISION', 'REFUNDED_BY_DECISION');
CREATE TYPE "RefundOrigin" AS ENUM ('PARENT', 'CLOSURE', 'DISPUTE');
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'CONTESTED', 'APPROVED', 'SUCCEEDED', 'FAILED', 'REJECTED');
CREATE TYPE "PayoutStatus" AS ENUM ('PENDING', 'PAID', 'FAILED', 'REVERSED');
CREATE TYPE "LedgerAccountKind" AS ENUM ('PROVIDER_CLEARING', 'ENROLLMENT_ESCROW', 'ENROLLMENT_RESERVE', 'REFUNDS_PAYABLE', 'INSTITUTION_PAYABLE', 'INSTITUTION_PAID_OUT');
CREATE TYPE "FundWarningLevel" AS ENUM ('YELLOW', 'RED');

-- Working days, as data per tenant: an entry overrides the weekday rule (Mon–Fri work) for one
-- day; the nearest authority up the tree with an entry for a day decides it.
CREATE TABLE "working_calendar_day" (
    "authority_id" UUID NOT NULL,
    "day"          DATE NOT NULL,
    "working"      BOOLEAN NOT NULL,
    "name"         VARCHAR(60) NOT NULL,
    "updated_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "working_calendar_day_pkey" PRIMARY KEY ("authority_id", "day"),
    CONSTRAINT "working_calendar_day_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);

-- The institution's account at the payment provider (Stripe Connect, or the simulation).
CREATE TABLE "payment_account" (
    "id"               UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"   UUID NOT NULL,
    "authority_id"     UUID NOT NULL,
    "provider"         VARCHAR(20) NOT NULL,
    "external_id"      VARCHAR(100) NOT NULL,
    "status"           "PaymentAccountStatus" NOT NULL DEFAULT 'PENDING',
    "charges_enabled"  BOOLEAN NOT NULL DEFAULT false,
    "payouts_enabled"  BOOLEAN NOT NULL DEFAULT false,
    "created_at"       TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"       TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "payment_account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_account_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "payment_account_institution_id_key" ON "payment_account"("institution_id");
CREATE UNIQUE INDEX "payment_account_provider_external_id_key" ON "payment_account"("provider", "external_id");

-- A parent's purchase of lessons of one course for one trainee, under the signed standard contract.
CREATE TABLE "enrollment" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"       UUID NOT NULL,
    "authority_id"         UUID NOT NULL,
    "course_id"            UUID NOT NULL,
    "parent_user_id"       UUID NOT NULL,
    "trainee_name"         VARCHAR(50) NOT NULL,
    "trainee_birth_year"   INTEGER NOT NULL,
    "lesson_count"         INTEGER NOT NULL,
    "price_per_lesson_fen" INTEGER NOT NULL,
    "amount_fen"           INTEGER NOT NULL,
    "lesson_minutes"       INTEGER NOT NULL,
    "status"               "EnrollmentStatus" NOT NULL DEFAULT 'PENDING_PAYMENT',
    -- The risk reserve share (FEE-07) in force at checkout, in percent (0 when the rule is off).
    "reserve_percent"      INTEGER NOT NULL,
    "contract_version"     VARCHAR(20) NOT NULL,
    "contract_text"        TEXT NOT NULL,
    "contract_sha256"      CHAR(64) NOT NULL,
    "signed_at"            TIMESTAMPTZ(3) NOT NULL,
    "period_start"         DATE NOT NULL,
    "period_end"           DATE NOT NULL,
    "ended_at"             TIMESTAMPTZ(3),
    "created_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"           TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "enrollment_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "enrollment_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "enrollment_parent_user_id_fkey" FOREIGN KEY ("parent_user_id") REFERENCES "app_user"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "enrollment_amount_is_lessons_times_price" CHECK ("amount_fen" = "lesson_count" * "price_per_lesson_fen"),
    CONSTRAINT "enrollment_positive" CHECK ("lesson_count" > 0 AND "price_per_lesson_fen" > 0 AND "lesson_minutes" > 0),
    CONSTRAINT "enrollment_reserve_percent_range" CHECK ("reserve_percent" BETWEEN 0 AND 100),
    CONSTRAINT "enrollment_trainee_given" CHECK (length(btrim("trainee_name")) > 0),
    CONSTRAINT "enrollment_period_ordered" CHECK ("period_start" <= "period_end")
);
CREATE INDEX "enrollment_parent_user_id_created_at_idx" ON "enrollment"("parent_user_id", "created_at");
CREATE INDEX "enrollment_institution_id_status_idx" ON "enrollment"("institution_id", "status");
CREATE INDEX "enrollment_course_id_idx" ON "enrollment"("course_id");
CREATE INDEX "enrollment_authority_id_idx" ON "enrollment"("authority_id");

-- The payment of an enrollment at the provider (one per enrollment: trying again is a new enrollment).
CREATE TABLE "payment" (
    "id"                  UUID NOT NULL DEFAULT gen_random_uuid(),
    "enrollment_id"       UUID NOT NULL,
    "institution_id"      UUID NOT NULL,
    "authority_id"        UUID NOT NULL,
    "parent_user_id"      UUID NOT NULL,
    "provider"            VARCHAR(20) NOT NULL,
    "amount_fen"          INTEGER NOT NULL,
    "status"              "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "checkout_session_id" VARCHAR(255),
    "checkout_url"        TEXT,
    "payment_intent_id"   VARCHAR(255),
    "succeeded_at"        TIMESTAMPTZ(3),
    "failed_at"           TIMESTAMPTZ(3),
    "created_at"          TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"          TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "payment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "payment_amount_positive" CHECK ("amount_fen" > 0)
);
CREATE UNIQUE INDEX "payment_enrollment_id_key" ON "payment"("enrollment_id");
CREATE UNIQUE INDEX "payment_checkout_session_id_key" ON "payment"("checkout_session_id");
CREATE INDEX "payment_payment_intent_id_idx" ON "payment"("payment_intent_id");
CREATE INDEX "payment_institution_id_status_idx" ON "payment"("institution_id", "status");

-- A lesson given, as the institution records it from its course schedule.
CREATE TABLE "lesson" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "course_id"      UUID NOT NULL,
    "slot_id"        UUID,
    "lesson_date"    DATE NOT NULL,
    "start_time"     CHAR(5) NOT NULL,
    "end_time"       CHAR(5) NOT NULL,
    "recorded_by_id" UUID,
    "recorded_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lesson_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lesson_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "course"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "lesson_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "lesson_course_id_lesson_date_start_time_key" ON "lesson"("course_id", "lesson_date", "start_time");
CREATE INDEX "lesson_institution_id_lesson_date_idx" ON "lesson"("institution_id", "lesson_date");

-- One trainee (enrollment) at one lesson: what the parent confirms or disputes, and what is released.
CREATE TABLE "lesson_attendance" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "lesson_id"      UUID NOT NULL,
    "enrollment_id"  UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "parent_user_id" UUID NOT NULL,
    "price_fen"      INTEGER NOT NULL,
    "status"         "AttendanceStatus" NOT NULL DEFAULT 'PENDING',
    -- The last working day for the parent to answer; confirmed automatically after it.
    "confirm_due_on" DATE NOT NULL,
    "answered_at"    TIMESTAMPTZ(3),
    "dispute_reason" TEXT,
    "decided_at"     TIMESTAMPTZ(3),
    "decided_by_id"  UUID,
    "decision_note"  TEXT,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"     TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lesson_attendance_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lesson_attendance_lesson_id_fkey" FOREIGN KEY ("lesson_id") REFERENCES "lesson"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "lesson_attendance_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "lesson_attendance_price_positive" CHECK ("price_fen" > 0),
    CONSTRAINT "lesson_attendance_disputed_with_reason"
        CHECK ("status" NOT IN ('DISPUTED', 'RELEASED_BY_DECISION', 'REFUNDED_BY_DECISION')
               OR length(btrim(coalesce("dispute_reason", ''))) > 0)
);
CREATE UNIQUE INDEX "lesson_attendance_lesson_id_enrollment_id_key" ON "lesson_attendance"("lesson_id", "enrollment_id");
CREATE INDEX "lesson_attendance_enrollment_id_idx" ON "lesson_attendance"("enrollment_id");
CREATE INDEX "lesson_attendance_status_confirm_due_on_idx" ON "lesson_attendance"("status", "confirm_due_on");
CREATE INDEX "lesson_attendance_authority_id_status_idx" ON "lesson_attendance"("authority_id", "status");
CREATE INDEX "lesson_attendance_parent_user_id_status_idx" ON "lesson_attendance"("parent_user_id", "status");

-- A refund of unconsumed lessons: asked by the parent, owed on closure, or decided on a dispute.
CREATE TABLE "refund_request" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "enrollment_id"        UUID NOT NULL,
    "institution_id"       UUID NOT NULL,
    "authority_id"         UUID NOT NULL,
    "parent_user_id"       UUID NOT NULL,
    "origin"               "RefundOrigin" NOT NULL,
    "attendance_id"        UUID,
    "lessons"              INTEGER NOT NULL,
    "amount_fen"           INTEGER NOT NULL,
    "reason"               TEXT NOT NULL,
    "status"               "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    -- The last working day for the institution to answer; silence after it counts as acceptance.
    "respond_by"           DATE,
    "institution_response" TEXT,
    -- Who approved or rejected it: INSTITUTION, DEEMED (silence), REGULATOR, SYSTEM (closure, dispute).
    "decided_by"           VARCHAR(20),
    "decided_by_id"        UUID,
    "decision_note"        TEXT,
    "decided_at"           TIMESTAMPTZ(3),
    "provider_refund_id"   VARCHAR(255),
    "completed_at"         TIMESTAMPTZ(3),
    "idempotency_key"      VARCHAR(200) NOT NULL,
    "requested_at"         TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"           TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "refund_request_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "refund_request_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "refund_request_attendance_id_fkey" FOREIGN KEY ("attendance_id") REFERENCES "lesson_attendance"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "refund_request_amount_positive" CHECK ("amount_fen" > 0 AND "lessons" > 0),
    CONSTRAINT "refund_request_reason_given" CHECK (length(btrim("reason")) > 0)
);
CREATE UNIQUE INDEX "refund_request_idempotency_key_key" ON "refund_request"("idempotency_key");
CREATE UNIQUE INDEX "refund_request_provider_refund_id_key" ON "refund_request"("provider_refund_id");
CREATE INDEX "refund_request_enrollment_id_idx" ON "refund_request"("enrollment_id");
CREATE INDEX "refund_request_status_respond_by_idx" ON "refund_request"("status", "respond_by");
CREATE INDEX "refund_request_authority_id_status_idx" ON "refund_request"("authority_id", "status");
-- At most one open refund an enrollment: the unconsumed lessons cannot be asked for twice.
CREATE UNIQUE INDEX "refund_request_one_open_per_enrollment" ON "refund_request"("enrollment_id")
    WHERE "status" IN ('REQUESTED', 'CONTESTED') AND "origin" <> 'DISPUTE';

-- Released money paid out to an institution, one batch a day.
CREATE TABLE "payout" (
    "id"                   UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id"       UUID NOT NULL,
    "authority_id"         UUID NOT NULL,
    "business_date"        DATE NOT NULL,
    "amount_fen"           BIGINT NOT NULL,
    "status"               "PayoutStatus" NOT NULL DEFAULT 'PENDING',
    "provider_transfer_id" VARCHAR(255),
    "created_at"           TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at"              TIMESTAMPTZ(3),
    "updated_at"           TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "payout_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payout_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "payout_amount_positive" CHECK ("amount_fen" > 0)
);
CREATE UNIQUE INDEX "payout_institution_id_business_date_key" ON "payout"("institution_id", "business_date");
CREATE UNIQUE INDEX "payout_provider_transfer_id_key" ON "payout"("provider_transfer_id");
CREATE INDEX "payout_authority_id_business_date_idx" ON "payout"("authority_id", "business_date");

-- Every event the provider sent, stored once by its id, processed by a job.
CREATE TABLE "payment_event" (
    "id"           VARCHAR(255) NOT NULL,
    "provider"     VARCHAR(20) NOT NULL,
    "type"         VARCHAR(80) NOT NULL,
    "payload"      JSONB NOT NULL,
    "received_at"  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "attempts"     INTEGER NOT NULL DEFAULT 0,
    "last_error"   TEXT,
    CONSTRAINT "payment_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "payment_event_processed_at_received_at_idx" ON "payment_event"("processed_at", "received_at");

-- The simulated provider's own books (what Stripe would hold for the `stripe` provider): checkout
-- sessions, charges, refunds, transfers and reversals, so reconciliation compares the ledger with
-- records kept apart from it. Platform work only.
CREATE TABLE "simulated_provider_record" (
    "id"              VARCHAR(255) NOT NULL,
    "kind"            VARCHAR(20) NOT NULL,
    -- The charge (payment intent) a refund belongs to, the transfer a reversal belongs to.
    "parent_id"       VARCHAR(255),
    "amount_fen"      BIGINT NOT NULL,
    "status"          VARCHAR(20) NOT NULL,
    "metadata"        JSONB NOT NULL DEFAULT '{}',
    "idempotency_key" VARCHAR(255) NOT NULL,
    "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "simulated_provider_record_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "simulated_provider_record_kind_known"
        CHECK ("kind" IN ('ACCOUNT', 'CHECKOUT', 'CHARGE', 'REFUND', 'TRANSFER', 'REVERSAL'))
);
CREATE UNIQUE INDEX "simulated_provider_record_idempotency_key_key" ON "simulated_provider_record"("idempotency_key");
CREATE INDEX "simulated_provider_record_parent_id_idx" ON "simulated_provider_record"("parent_id");

-- A difference between the ledger and the provider's records, open until someone resolves it.
CREATE TABLE "reconciliation_alert" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID,
    "authority_id"   UUID,
    "kind"           VARCHAR(40) NOT NULL,
    "subject_id"     VARCHAR(255) NOT NULL,
    "ledger_fen"     BIGINT NOT NULL,
    "provider_fen"   BIGINT NOT NULL,
    "details"        JSONB NOT NULL DEFAULT '{}',
    "opened_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at"    TIMESTAMPTZ(3),
    CONSTRAINT "reconciliation_alert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "reconciliation_alert_open_key" ON "reconciliation_alert"("kind", "subject_id") WHERE "resolved_at" IS NULL;
CREATE INDEX "reconciliation_alert_authority_id_opened_at_idx" ON "reconciliation_alert"("authority_id", "opened_at");

-- Yellow and red fund warnings, raised and cleared by a job; one open warning per institution and reason.
CREATE TABLE "fund_warning" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "reason"         VARCHAR(20) NOT NULL,
    "level"          "FundWarningLevel" NOT NULL,
    "measured"       JSONB NOT NULL,
    "raised_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at"     TIMESTAMPTZ(3),
    "updated_at"     TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "fund_warning_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fund_warning_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "fund_warning_reason_known" CHECK ("reason" IN ('BALANCE', 'OUTFLOW'))
);
CREATE UNIQUE INDEX "fund_warning_open_key" ON "fund_warning"("institution_id", "reason") WHERE "cleared_at" IS NULL;
CREATE INDEX "fund_warning_authority_id_raised_at_idx" ON "fund_warning"("authority_id", "raised_at");
CREATE INDEX "fund_warning_institution_id_raised_at_idx" ON "fund_warning"("institution_id", "raised_at");

-- The ledger. An account per enrollment (escrow, reserve, refunds payable) and per institution
-- (provider clearing, payable, paid out). Amounts in fen: positive adds to an account, negative
-- takes from it; the money that came in through the provider is PROVIDER_CLEARING's negative.
CREATE TABLE "ledger_account" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind"           "LedgerAccountKind" NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "enrollment_id"  UUID,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_account_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_account_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ledger_account_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ledger_account_owner_matches_kind" CHECK (
        ("enrollment_id" IS NOT NULL) = ("kind" IN ('ENROLLMENT_ESCROW', 'ENROLLMENT_RESERVE', 'REFUNDS_PAYABLE')))
);
CREATE UNIQUE INDEX "ledger_account_kind_institution_id_enrollment_id_key"
    ON "ledger_account"("kind", "institution_id", "enrollment_id") NULLS NOT DISTINCT;
CREATE INDEX "ledger_account_enrollment_id_idx" ON "ledger_account"("enrollment_id");

CREATE TABLE "ledger_transaction" (
    "id"              UUID NOT NULL DEFAULT gen_random_uuid(),
    "idempotency_key" VARCHAR(200) NOT NULL,
    "kind"            VARCHAR(30) NOT NULL,
    "institution_id"  UUID NOT NULL,
    "authority_id"    UUID NOT NULL,
    "enrollment_id"   UUID,
    -- The record that caused it (payment, attendance, refund, payout).
    "reference_id"    UUID,
    "occurred_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ledger_transaction_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_transaction_kind_format" CHECK ("kind" ~ '^[A-Z][A-Z_]*$')
);
CREATE UNIQUE INDEX "ledger_transaction_idempotency_key_key" ON "ledger_transaction"("idempotency_key");
CREATE INDEX "ledger_transaction_institution_id_occurred_at_idx" ON "ledger_transaction"("institution_id", "occurred_at");
CREATE INDEX "ledger_transaction_enrollment_id_idx" ON "ledger_transaction"("enrollment_id");

CREATE TABLE "ledger_entry" (
    "id"             BIGSERIAL NOT NULL,
    "transaction_id" UUID NOT NULL,
    "account_id"     UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "enrollment_id"  UUID,
    "amount_fen"     BIGINT NOT NULL,
    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ledger_entry_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transaction"("id")
        ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "ledger_entry_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "ledger_account"("id")
        ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "ledger_entry_amount_nonzero" CHECK ("amount_fen" <> 0)
);
CREATE INDEX "ledger_entry_transaction_id_idx" ON "ledger_entry"("transaction_id");
-- Balances are sums of entries: an index-only scan per account.
CREATE INDEX "ledger_entry_account_id_amount_fen_idx" ON "ledger_entry"("account_id", "amount_fen");
CREATE INDEX "ledger_entry_institution_id_idx" ON "ledger_entry"("institution_id");

-- Append-only: a posting is corrected by another posting, never by editing one.
CREATE FUNCTION "ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER "ledger_transaction_append_only" BEFORE UPDATE OR DELETE ON "ledger_transaction"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_transaction_no_truncate" BEFORE TRUNCATE ON "ledger_transaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_entry_append_only" BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_append_only"();
CREATE TRIGGER "ledger_entry_no_truncate" BEFORE TRUNCATE ON "ledger_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "ledger_append_only"();

-- An entry belongs to its account's institution and enrollment (so the row-level security of
-- the entry is the account's).
CREATE FUNCTION "ledger_entry_matches_account"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE a ledger_account;
BEGIN
  SELECT * INTO a FROM ledger_account WHERE id = NEW.account_id;
  IF a.institution_id IS DISTINCT FROM NEW.institution_id OR a.authority_id IS DISTINCT FROM NEW.authority_id
     OR a.enrollment_id IS DISTINCT FROM NEW.enrollment_id THEN
    RAISE EXCEPTION 'ledger entry does not match its account %', NEW.account_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ledger_entry_matches_account" BEFORE INSERT ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entry_matches_account"();

-- Checked at commit, when every entry of the transaction is in: it balances to zero, has at
-- least two entries, and leaves no escrow, reserve, refund or payable account below zero.
CREATE FUNCTION "ledger_entry_check_balances"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE total BIGINT; n INTEGER; k "LedgerAccountKind"; bal BIGINT;
BEGIN
  SELECT coalesce(sum(amount_fen), 0), count(*) INTO total, n FROM ledger_entry WHERE transaction_id = NEW.transaction_id;
  IF total <> 0 OR n < 2 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance (sum %, % entries)', NEW.transaction_id, total, n
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT kind INTO k FROM ledger_account WHERE id = NEW.account_id;
  IF k <> 'PROVIDER_CLEARING' AND NEW.amount_fen < 0 THEN
    SELECT sum(amount_fen) INTO bal FROM ledger_entry WHERE account_id = NEW.account_id;
    IF bal < 0 THEN
      RAISE EXCEPTION 'ledger account % (%) would go below zero (%)', NEW.account_id, k, bal
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "ledger_entry_check_balances" AFTER INSERT ON "ledger_entry"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_entry_check_balances"();

CREATE FUNCTION "ledger_transaction_has_entries"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF (SELECT count(*) FROM ledger_entry WHERE transaction_id = NEW.id) < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has fewer than two entries', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "ledger_transaction_has_entries" AFTER INSERT ON "ledger_transaction"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_transaction_has_entries"();

-- The lines of a posting as rows: account kind, its enrollment (for enrollment accounts), amount.
CREATE FUNCTION "ledger_lines"(p_postings JSONB, p_enrollment UUID)
RETURNS TABLE ("kind" "LedgerAccountKind", "enrollment_id" UUID, "amount" BIGINT) LANGUAGE sql IMMUTABLE AS $$
  SELECT (p->>'account')::"LedgerAccountKind",
         CASE WHEN p->>'account' IN ('ENROLLMENT_ESCROW', 'ENROLLMENT_RESERVE', 'REFUNDS_PAYABLE') THEN p_enrollment END,
         (p->>'amountFen')::BIGINT
    FROM jsonb_array_elements(p_postings) p
$$;

-- The only way into the ledger: one balanced transaction, posted once per idempotency key. The
-- caller must be a party of the institution or the enrollment (regulator, member, the paying
-- parent, or platform work); the app role cannot insert into the ledger tables directly. The
-- accounts money is taken from are locked (in id order, so two postings never deadlock) and
-- checked not to go below zero before the function returns; the deferred triggers check again
-- at commit. Enrollment accounts (escrow, reserve, refunds payable) are the given enrollment's.
CREATE FUNCTION "ledger_post"(p_key TEXT, p_kind TEXT, p_institution UUID, p_enrollment UUID, p_reference UUID,
                              p_postings JSONB)
RETURNS TABLE ("transaction_id" UUID, "posted" BOOLEAN) LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
  v_authority UUID;
  v_tx UUID;
  v_short RECORD;
BEGIN
  SELECT i.authority_id INTO v_authority FROM institution i WHERE i.id = p_institution;
  IF v_authority IS NULL THEN
    RAISE EXCEPTION 'ledger_post: unknown institution %', p_institution USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF p_enrollment IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.id = p_enrollment AND e.institution_id = p_institution) THEN
    RAISE EXCEPTION 'ledger_post: enrollment % is not of institution %', p_enrollment, p_institution
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NOT (tipei_platform() OR v_authority IN (SELECT tipei_visible_authority_ids())
          OR p_institution IN (SELECT tipei_member_institution_ids())
          OR (p_enrollment IS NOT NULL AND p_enrollment IN (SELECT tipei_parent_enrollment_ids()))) THEN
    RAISE EXCEPTION 'ledger_post: not a party of institution %', p_institution USING ERRCODE = 'insufficient_privilege';
  END IF;

  INSERT INTO ledger_transaction (idempotency_key, kind, institution_id, authority_id, enrollment_id, reference_id)
  VALUES (p_key, p_kind, p_institution, v_authority, p_enrollment, p_reference)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id INTO v_tx;
  IF v_tx IS NULL THEN
    RETURN QUERY SELECT t.id, false FROM ledger_transaction t WHERE t.idempotency_key = p_key;
    RETURN;
  END IF;

  IF EXISTS (SELECT 1 FROM ledger_lines(p_postings, p_enrollment) l
              WHERE l.kind IN ('ENROLLMENT_ESCROW', 'ENROLLMENT_RESERVE', 'REFUNDS_PAYABLE') AND l.enrollment_id IS NULL) THEN
    RAISE EXCEPTION 'ledger_post: an enrollment account needs the enrollment' USING ERRCODE = 'check_violation';
  END IF;

  INSERT INTO ledger_account (kind, institution_id, authority_id, enrollment_id)
  SELECT DISTINCT l.kind, p_institution, v_authority, l.enrollment_id FROM ledger_lines(p_postings, p_enrollment) l
  ON CONFLICT (kind, institution_id, enrollment_id) DO NOTHING;

  PERFORM 1 FROM ledger_account a
   WHERE a.institution_id = p_institution AND a.kind <> 'PROVIDER_CLEARING'
     AND EXISTS (SELECT 1 FROM ledger_lines(p_postings, p_enrollment) l
                  WHERE l.amount < 0 AND l.kind = a.kind AND l.enrollment_id IS NOT DISTINCT FROM a.enrollment_id)
   ORDER BY a.id FOR UPDATE;

  INSERT INTO ledger_entry (transaction_id, account_id, institution_id, authority_id, enrollment_id, amount_fen)
  SELECT v_tx, a.id, p_institution, v_authority, a.enrollment_id, l.amount
    FROM ledger_lines(p_postings, p_enrollment) l
    JOIN ledger_account a ON a.kind = l.kind AND a.institution_id = p_institution
                         AND a.enrollment_id IS NOT DISTINCT FROM l.enrollment_id;

  IF (SELECT coalesce(sum(l.amount), 0) FROM ledger_lines(p_postings, p_enrollment) l) <> 0 OR (SELECT count(*) FROM ledger_lines(p_postings, p_enrollment)) < 2 THEN
    RAISE EXCEPTION 'ledger_post: transaction % does not balance', p_key USING ERRCODE = 'check_violation';
  END IF;
  SELECT a.kind, sum(e.amount_fen) AS balance INTO v_short
    FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
   WHERE a.institution_id = p_institution AND a.kind <> 'PROVIDER_CLEARING'
     AND EXISTS (SELECT 1 FROM ledger_lines(p_postings, p_enrollment) l
                  WHERE l.amount < 0 AND l.kind = a.kind AND l.enrollment_id IS NOT DISTINCT FROM a.enrollment_id)
   GROUP BY a.id, a.kind HAVING sum(e.amount_fen) < 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger_post: % would go below zero (%)', v_short.kind, v_short.balance
      USING ERRCODE = 'check_violation', HINT = 'insufficient_funds';
  END IF;
  RETURN QUERY SELECT v_tx, true;
END $$;

-- Balance views (security_invoker: each reader sees only the rows row-level security lets them).
-- Per enrollment: what the parent paid, what is held, consumed (lessons released), kept as
-- reserve, refunded or being refunded, and what is pending the parent's confirmation.
CREATE VIEW "enrollment_funds" WITH (security_invoker = true) AS
SELECT e.id AS enrollment_id, e.institution_id, e.authority_id, e.parent_user_id,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'PAYMENT_CAPTURED'), 0)::bigint AS paid_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW'), 0)::bigint AS held_fen,
       coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'LESSON_RELEASE'), 0)::bigint AS consumed_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_RESERVE'), 0)::bigint AS reserve_fen,
       coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW' AND lt.kind = 'REFUND_APPROVED'), 0)::bigint AS refunded_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'REFUNDS_PAYABLE'), 0)::bigint AS refund_in_progress_fen
  FROM enrollment e
  LEFT JOIN ledger_entry le ON le.enrollment_id = e.id
  LEFT JOIN ledger_account la ON la.id = le.account_id
  LEFT JOIN ledger_transaction lt ON lt.id = le.transaction_id
 GROUP BY e.id;

-- Per institution: held (escrow + reserve of its enrollments), released (payable), paid out.
CREATE VIEW "institution_funds" WITH (security_invoker = true) AS
SELECT i.id AS institution_id, i.authority_id,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_ESCROW'), 0)::bigint AS escrow_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'ENROLLMENT_RESERVE'), 0)::bigint AS reserve_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'INSTITUTION_PAYABLE'), 0)::bigint AS payable_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'INSTITUTION_PAID_OUT'), 0)::bigint AS paid_out_fen,
       coalesce(sum(le.amount_fen) FILTER (WHERE la.kind = 'REFUNDS_PAYABLE'), 0)::bigint AS refunds_payable_fen,
       coalesce(-sum(le.amount_fen) FILTER (WHERE la.kind = 'PROVIDER_CLEARING'), 0)::bigint AS collected_fen
  FROM institution i
  JOIN ledger_entry le ON le.institution_id = i.id
  JOIN ledger_account la ON la.id = le.account_id
 GROUP BY i.id;

-- Row-level security. Regulators read their jurisdiction; institution members their own
-- institution's rows; a parent the rows of their own enrollments. Writes follow the same
-- parties (each posting runs in the transaction of the act that causes it).
CREATE FUNCTION "tipei_member_institution_ids"() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id() AND m.institution_id IS NOT NULL
$$;
CREATE FUNCTION "tipei_parent_enrollment_ids"() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT e.id FROM enrollment e WHERE e.parent_user_id = tipei_user_id()
$$;

ALTER TABLE "working_calendar_day" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "working_calendar_day_read" ON "working_calendar_day" FOR SELECT USING (true);
CREATE POLICY "working_calendar_day_write" ON "working_calendar_day"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()))
  WITH CHECK (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));

DO $$
DECLARE t text;
BEGIN
  -- Tables whose rows belong to one enrollment's parent as well as to the institution and the tenant.
  FOREACH t IN ARRAY ARRAY['enrollment', 'payment', 'lesson_attendance', 'refund_request'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT tipei_member_institution_ids())
             OR parent_user_id = tipei_user_id())$p$, t || '_parties', t);
  END LOOP;
  -- Tables of the institution and the tenant only.
  FOREACH t IN ARRAY ARRAY['payment_account', 'lesson', 'payout', 'fund_warning'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT tipei_member_institution_ids()))$p$, t || '_parties', t);
  END LOOP;
  -- The ledger: an account or entry of an enrollment is its parent's to read too.
  FOREACH t IN ARRAY ARRAY['ledger_account', 'ledger_transaction', 'ledger_entry'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT tipei_member_institution_ids())
             OR enrollment_id IN (SELECT tipei_parent_enrollment_ids()))$p$, t || '_parties', t);
  END LOOP;
END $$;
-- Lessons a parent's trainee attended are the parent's to read (date and time, nothing else is in the row).
CREATE POLICY "lesson_parent_read" ON "lesson" FOR SELECT
  USING (id IN (SELECT a.lesson_id FROM lesson_attendance a WHERE a.parent_user_id = tipei_user_id()));
-- Provider events and reconciliation are platform work; regulators read the alerts of their jurisdiction.
ALTER TABLE "payment_event" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "payment_event_platform" ON "payment_event" USING (tipei_platform());
ALTER TABLE "simulated_provider_record" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "simulated_provider_record_platform" ON "simulated_provider_record" USING (tipei_platform());
ALTER TABLE "reconciliation_alert" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "reconciliation_alert_platform" ON "reconciliation_alert" USING (tipei_platform());
CREATE POLICY "reconciliation_alert_read" ON "reconciliation_alert" FOR SELECT
  USING (authority_id IN (SELECT tipei_visible_authority_ids()));

GRANT SELECT, INSERT, UPDATE, DELETE ON "working_calendar_day" TO tipei_app;
GRANT SELECT, INSERT, UPDATE ON "payment_account", "enrollment", "payment", "lesson_attendance", "refund_request",
  "payout", "payment_event", "reconciliation_alert", "fund_warning", "simulated_provider_record" TO tipei_app;
GRANT SELECT, INSERT ON "lesson" TO tipei_app;
-- The ledger is read directly and written only through ledger_post.
GRANT SELECT ON "ledger_account", "ledger_transaction", "ledger_entry" TO tipei_app;
GRANT SELECT ON "enrollment_funds", "institution_funds" TO tipei_app;

-- Parents act without a tenant: what they do to an enrollment (signing, confirming, disputing,
-- asking a refund) is recorded under the authority of the institution they enrolled with.
DROP POLICY "audit_event_append" ON "audit_event";
CREATE POLICY "audit_event_append" ON "audit_event" FOR INSERT
  WITH CHECK (tipei_platform() OR authority_id IS NULL
              OR authority_id IN (SELECT tipei_visible_authority_ids())
              OR authority_id IN (SELECT m.authority_id FROM membership m WHERE m.user_id = tipei_user_id())
              OR authority_id IN (SELECT e.authority_id FROM enrollment e WHERE e.parent_user_id = tipei_user_id()));
