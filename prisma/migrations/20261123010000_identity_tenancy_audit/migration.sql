-- Identity (passwords, sessions, memberships, invitations, password resets), the email outbox,
-- a first institution table (applicants create their draft at sign-up), the hash-chained audit
-- trail, and row-level security for the app role on every tenant-owned table.

CREATE TYPE "Role" AS ENUM (
  'PLATFORM_ADMIN', 'REGULATOR_ADMIN', 'INSPECTOR', 'INSTITUTION_ADMIN', 'INSTITUTION_STAFF', 'PARENT'
);
CREATE TYPE "InstitutionStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'SUSPENDED', 'CLOSED');

ALTER TABLE "app_user"
  ADD COLUMN "password_hash" TEXT,
  ADD COLUMN "disabled_at" TIMESTAMPTZ(3);

CREATE TABLE "institution" (
    "id"            UUID NOT NULL DEFAULT gen_random_uuid(),
    "authority_id"  UUID NOT NULL,
    "name"          VARCHAR(200) NOT NULL,
    "status"        "InstitutionStatus" NOT NULL DEFAULT 'DRAFT',
    "created_by_id" UUID,
    "created_at"    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"    TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "institution_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "institution_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "institution_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "institution_authority_id_idx" ON "institution"("authority_id");

CREATE TABLE "membership" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id"        UUID NOT NULL,
    "role"           "Role" NOT NULL,
    -- The authority whose data the member reaches; for institution roles, the institution's authority.
    "authority_id"   UUID,
    "institution_id" UUID,
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "membership_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "membership_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "membership_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "membership_scope_by_role" CHECK (CASE
        WHEN "role" IN ('PLATFORM_ADMIN', 'PARENT') THEN "authority_id" IS NULL AND "institution_id" IS NULL
        WHEN "role" IN ('REGULATOR_ADMIN', 'INSPECTOR') THEN "authority_id" IS NOT NULL AND "institution_id" IS NULL
        ELSE "authority_id" IS NOT NULL AND "institution_id" IS NOT NULL END)
);
CREATE UNIQUE INDEX "membership_user_id_role_authority_id_institution_id_key"
    ON "membership"("user_id", "role", "authority_id", "institution_id") NULLS NOT DISTINCT;
CREATE INDEX "membership_authority_id_idx" ON "membership"("authority_id");
CREATE INDEX "membership_institution_id_idx" ON "membership"("institution_id");

-- An institution member's authority is always the institution's.
CREATE FUNCTION "membership_authority_matches_institution"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.institution_id IS NOT NULL AND NEW.authority_id IS DISTINCT FROM
     (SELECT authority_id FROM institution WHERE id = NEW.institution_id) THEN
    RAISE EXCEPTION 'membership authority must be the institution''s authority';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "membership_authority_matches_institution" BEFORE INSERT OR UPDATE ON "membership"
  FOR EACH ROW EXECUTE FUNCTION "membership_authority_matches_institution"();

CREATE TABLE "user_session" (
    "id"           UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id"      UUID NOT NULL,
    -- sha256 of the cookie's token: a leaked table cannot be replayed as cookies.
    "token_hash"   CHAR(64) NOT NULL,
    "created_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at"   TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at"   TIMESTAMPTZ(3),
    "ip"           VARCHAR(64),
    "user_agent"   VARCHAR(300),
    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "user_session_token_hash_key" ON "user_session"("token_hash");
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

CREATE TABLE "invitation" (
    "id"               UUID NOT NULL DEFAULT gen_random_uuid(),
    "authority_id"     UUID NOT NULL,
    "email"            VARCHAR(254) NOT NULL,
    "role"             "Role" NOT NULL,
    "token_hash"       CHAR(64) NOT NULL,
    "invited_by_id"    UUID NOT NULL,
    "expires_at"       TIMESTAMPTZ(3) NOT NULL,
    "accepted_at"      TIMESTAMPTZ(3),
    "accepted_user_id" UUID,
    "revoked_at"       TIMESTAMPTZ(3),
    "created_at"       TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invitation_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "invitation_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "app_user"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "invitation_accepted_user_id_fkey" FOREIGN KEY ("accepted_user_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "invitation_regulator_roles" CHECK ("role" IN ('REGULATOR_ADMIN', 'INSPECTOR'))
);
CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"("token_hash");
CREATE INDEX "invitation_authority_id_idx" ON "invitation"("authority_id");

CREATE TABLE "password_reset" (
    "id"         UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id"    UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at"    TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "password_reset_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "password_reset_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id")
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "password_reset_token_hash_key" ON "password_reset"("token_hash");
CREATE INDEX "password_reset_user_id_idx" ON "password_reset"("user_id");

CREATE TABLE "email_outbox" (
    "id"              UUID NOT NULL DEFAULT gen_random_uuid(),
    "to_address"      VARCHAR(254) NOT NULL,
    "subject"         VARCHAR(300) NOT NULL,
    "text_body"       TEXT NOT NULL,
    "kind"            VARCHAR(64) NOT NULL,
    "created_at"      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at"         TIMESTAMPTZ(3),
    "transport"       VARCHAR(16),
    "attempts"        INTEGER NOT NULL DEFAULT 0,
    "last_error"      VARCHAR(500),
    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "email_outbox_sent_at_idx" ON "email_outbox"("sent_at");

CREATE TABLE "audit_event" (
    "id"            BIGSERIAL NOT NULL,
    "occurred_at"   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "authority_id"  UUID,
    "action"        VARCHAR(100) NOT NULL,
    "entity_type"   VARCHAR(64) NOT NULL,
    "entity_id"     VARCHAR(64) NOT NULL,
    "before"        JSONB,
    "after"         JSONB,
    "prev_hash"     CHAR(64) NOT NULL,
    "hash"          CHAR(64) NOT NULL,
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_event_authority_id_occurred_at_idx" ON "audit_event"("authority_id", "occurred_at");
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");

-- The hash covers the previous event's hash and every field of this one, so changing, removing
-- or reordering any event breaks every later link. Appends are serialized by an advisory lock.
CREATE FUNCTION "audit_event_digest"(e "audit_event") RETURNS CHAR(64) LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', e.prev_hash, e.id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    coalesce(e.actor_user_id::text, ''), coalesce(e.authority_id::text, ''), e.action, e.entity_type,
    e.entity_id, coalesce(e.before::text, 'null'), coalesce(e.after::text, 'null')), 'UTF8')), 'hex')
$$;

CREATE FUNCTION "audit_event_chain"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(727073690);
  NEW.occurred_at := coalesce(NEW.occurred_at, CURRENT_TIMESTAMP);
  NEW.prev_hash := coalesce((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1), repeat('0', 64));
  NEW.hash := audit_event_digest(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER "audit_event_chain" BEFORE INSERT ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_chain"();

CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- The id of the first event whose link is broken, or NULL when the whole chain verifies.
CREATE FUNCTION "audit_verify_chain"() RETURNS BIGINT LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  SELECT id FROM (
    SELECT e.id, e.hash, e.prev_hash, audit_event_digest(e) AS expected,
           coalesce(lag(e.hash) OVER (ORDER BY e.id), repeat('0', 64)) AS previous
      FROM audit_event e
  ) c WHERE c.hash <> c.expected OR c.prev_hash <> c.previous ORDER BY id LIMIT 1
$$;

-- Row-level security. The app sets, per transaction, tipei.authority_id (the acting authority),
-- tipei.user_id (the signed-in person) and tipei.platform ('on' only for platform work).
CREATE FUNCTION "tipei_platform"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('tipei.platform', true), '') = 'on'
$$;
CREATE FUNCTION "tipei_user_id"() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('tipei.user_id', true), '')::uuid
$$;
-- The acting authority and all its descendants (never a sibling or an ancestor).
CREATE FUNCTION "tipei_visible_authority_ids"() RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public AS $$
  WITH RECURSIVE tree AS (
    SELECT id FROM authority WHERE id = nullif(current_setting('tipei.authority_id', true), '')::uuid
    UNION ALL
    SELECT a.id FROM authority a JOIN tree t ON a.parent_id = t.id
  )
  SELECT id FROM tree
$$;

ALTER TABLE "authority" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "authority_read" ON "authority" FOR SELECT USING (true);
CREATE POLICY "authority_update" ON "authority" FOR UPDATE
  USING (tipei_platform() OR id IN (SELECT tipei_visible_authority_ids()));
CREATE POLICY "authority_insert" ON "authority" FOR INSERT WITH CHECK (tipei_platform());
CREATE POLICY "authority_delete" ON "authority" FOR DELETE USING (tipei_platform());

ALTER TABLE "institution" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "institution_tenant" ON "institution"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
         OR id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()));

ALTER TABLE "membership" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "membership_tenant" ON "membership"
  USING (tipei_platform() OR user_id = tipei_user_id()
         OR authority_id IN (SELECT tipei_visible_authority_ids()))
  WITH CHECK (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));

ALTER TABLE "invitation" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "invitation_tenant" ON "invitation"
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));

ALTER TABLE "audit_event" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "audit_event_read" ON "audit_event" FOR SELECT
  USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids()));
CREATE POLICY "audit_event_append" ON "audit_event" FOR INSERT
  WITH CHECK (tipei_platform() OR authority_id IS NULL
              OR authority_id IN (SELECT tipei_visible_authority_ids()));

GRANT SELECT, INSERT, UPDATE, DELETE ON "institution", "membership", "user_session", "invitation",
  "password_reset", "email_outbox" TO tipei_app;
GRANT SELECT, INSERT ON "audit_event" TO tipei_app;
GRANT USAGE ON SEQUENCE "audit_event_id_seq" TO tipei_app;
