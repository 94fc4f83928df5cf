-- Daily safety logs of swimming pools (HRS-02 lifeguards, HRS-04 water quality): one log per pool
-- per day, kept by the institution's members from the pool deck, with one row per opening session
-- (its times, the lifeguards on duty and the water readings taken). Regulators of the
-- institution's authority (and its ancestors) read them; only the institution's members write.

CREATE TABLE "pool_safety_log" (
    "id"             UUID NOT NULL DEFAULT gen_random_uuid(),
    "institution_id" UUID NOT NULL,
    "authority_id"   UUID NOT NULL,
    "venue_id"       UUID NOT NULL,
    -- The calendar day in China the log is for.
    "log_date"       DATE NOT NULL,
    "recorded_by_id" UUID,
    "notes"          VARCHAR(500),
    "created_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at"     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "pool_safety_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pool_safety_log_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institution"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "pool_safety_log_authority_id_fkey" FOREIGN KEY ("authority_id") REFERENCES "authority"("id")
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "pool_safety_log_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "pool_safety_log_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id")
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "pool_safety_log_venue_id_log_date_key" ON "pool_safety_log"("venue_id", "log_date");
-- The compliance engine reads a window of days for many institutions at once.
CREATE INDEX "pool_safety_log_institution_id_log_date_idx" ON "pool_safety_log"("institution_id", "log_date");
CREATE INDEX "pool_safety_log_authority_id_log_date_idx" ON "pool_safety_log"("authority_id", "log_date");

CREATE TABLE "pool_safety_session" (
    "id"                 UUID NOT NULL DEFAULT gen_random_uuid(),
    "log_id"             UUID NOT NULL,
    "institution_id"     UUID NOT NULL,
    "authority_id"       UUID NOT NULL,
    "start_time"         CHAR(5) NOT NULL,
    "end_time"           CHAR(5) NOT NULL,
    "lifeguards_on_duty" INTEGER NOT NULL,
    "lifeguard_names"    TEXT[] NOT NULL DEFAULT '{}',
    "free_chlorine_mg_l" DECIMAL(4,2) NOT NULL,
    "ph"                 DECIMAL(4,2) NOT NULL,
    -- Urea is not measured every day: NULL when it was not.
    "urea_mg_l"          DECIMAL(4,2),
    CONSTRAINT "pool_safety_session_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pool_safety_session_log_id_fkey" FOREIGN KEY ("log_id") REFERENCES "pool_safety_log"("id")
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "pool_safety_session_times" CHECK (
        "start_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "end_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
        AND "start_time" < "end_time"),
    CONSTRAINT "pool_safety_session_lifeguards_range" CHECK ("lifeguards_on_duty" BETWEEN 0 AND 50),
    CONSTRAINT "pool_safety_session_free_chlorine_range" CHECK ("free_chlorine_mg_l" BETWEEN 0 AND 10),
    CONSTRAINT "pool_safety_session_ph_range" CHECK ("ph" BETWEEN 0 AND 14),
    CONSTRAINT "pool_safety_session_urea_range" CHECK ("urea_mg_l" IS NULL OR "urea_mg_l" BETWEEN 0 AND 50)
);
CREATE INDEX "pool_safety_session_log_id_idx" ON "pool_safety_session"("log_id");

-- A log belongs to the pool's own institution and authority, and only a pool has one; a session
-- carries its log's institution and authority. Row-level security trusts these two columns, so
-- the database keeps them true whatever a client sends (SECURITY DEFINER: the check must see the
-- venue even where the writer's policies would hide it).
CREATE FUNCTION "pool_safety_log_matches_venue"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM venue v
                  WHERE v.id = NEW.venue_id AND v.institution_id = NEW.institution_id
                    AND v.authority_id = NEW.authority_id AND v.is_pool) THEN
    RAISE EXCEPTION 'pool_safety_log: venue % is not a pool of institution %', NEW.venue_id, NEW.institution_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "pool_safety_log_matches_venue" BEFORE INSERT OR UPDATE ON "pool_safety_log"
  FOR EACH ROW EXECUTE FUNCTION "pool_safety_log_matches_venue"();

CREATE FUNCTION "pool_safety_session_matches_log"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pool_safety_log l
                  WHERE l.id = NEW.log_id AND l.institution_id = NEW.institution_id
                    AND l.authority_id = NEW.authority_id) THEN
    RAISE EXCEPTION 'pool_safety_session: institution and authority must be those of log %', NEW.log_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "pool_safety_session_matches_log" BEFORE INSERT OR UPDATE ON "pool_safety_session"
  FOR EACH ROW EXECUTE FUNCTION "pool_safety_session_matches_log"();

-- Row-level security: read like the registry's tenant tables (platform, the authority and its
-- ancestors, the institution's members); write only as a member of the institution, under the
-- authority of that membership (or as the platform).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pool_safety_log', 'pool_safety_session'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
      USING (tipei_platform() OR authority_id IN (SELECT tipei_visible_authority_ids())
             OR institution_id IN (SELECT m.institution_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_read', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR INSERT
      WITH CHECK (tipei_platform() OR (institution_id, authority_id) IN
        (SELECT m.institution_id, m.authority_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_insert', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR UPDATE
      USING (tipei_platform() OR (institution_id, authority_id) IN
        (SELECT m.institution_id, m.authority_id FROM membership m WHERE m.user_id = tipei_user_id()))
      WITH CHECK (tipei_platform() OR (institution_id, authority_id) IN
        (SELECT m.institution_id, m.authority_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_update', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR DELETE
      USING (tipei_platform() OR (institution_id, authority_id) IN
        (SELECT m.institution_id, m.authority_id FROM membership m WHERE m.user_id = tipei_user_id()))$p$,
      t || '_delete', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON "pool_safety_log", "pool_safety_session" TO tipei_app;
