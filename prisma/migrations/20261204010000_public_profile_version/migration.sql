-- A version key for what the public registry shows of an institution, so web processes can keep
-- public profiles in memory and still show a change at once (app/modules/registry/public-profile-cache.server.ts).
-- The database bumps it, not the app: any writer (a review decision, the nightly compliance
-- evaluation's set-based update, a status change, a script) changes a public column through an
-- UPDATE, and the trigger sees every one. Each request compares its cached version with this one
-- (one indexed read, no transaction); a different number means read the profile again.

ALTER TABLE "institution" ADD COLUMN "public_version" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "institution_public_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_version := OLD.public_version + 1;
  RETURN NEW;
END $$;

-- Only the columns the public profile and the public API show (public-institution.server.ts);
-- the WHEN clause is evaluated without calling the function, so risk scoring's updates of
-- 100,000 rows (risk columns only) do not bump anything.
CREATE TRIGGER "institution_public_version" BEFORE UPDATE ON "institution" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.registration_no IS DISTINCT FROM NEW.registration_no
        OR OLD.authority_id IS DISTINCT FROM NEW.authority_id
        OR OLD.credit_code IS DISTINCT FROM NEW.credit_code
        OR OLD.sports IS DISTINCT FROM NEW.sports
        OR OLD.registered_at IS DISTINCT FROM NEW.registered_at
        OR OLD.approved_at IS DISTINCT FROM NEW.approved_at
        OR OLD.funds_supervision_enabled IS DISTINCT FROM NEW.funds_supervision_enabled
        OR OLD.compliance_grade IS DISTINCT FROM NEW.compliance_grade
        OR OLD.compliance_evaluated_at IS DISTINCT FROM NEW.compliance_evaluated_at
        OR OLD.compliance_open_rules IS DISTINCT FROM NEW.compliance_open_rules
        OR OLD.public_profile IS DISTINCT FROM NEW.public_profile)
  EXECUTE FUNCTION "institution_public_version_bump"();

-- The authority's name is part of every profile of its institutions. Definer rights: whoever
-- renames an authority may not see all its institutions under row-level security, and every one
-- of them must be bumped.
CREATE FUNCTION "authority_public_version_bump"() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE institution SET public_version = public_version + 1 WHERE authority_id = NEW.id;
  RETURN NEW;
END $$;
CREATE TRIGGER "authority_public_version" AFTER UPDATE ON "authority" FOR EACH ROW
  WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.name_en IS DISTINCT FROM NEW.name_en)
  EXECUTE FUNCTION "authority_public_version_bump"();

-- The version of a registered institution's public profile, or NULL when the number is not a
-- public registration. Definer rights so the check needs no transaction to set the public scope
-- (one round trip); it answers exactly what the institution_public policy lets anyone see
-- (registration_no IS NOT NULL), and only a counter.
CREATE FUNCTION "tipei_public_version"(p_registration_no text) RETURNS integer LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public AS $$
  SELECT public_version FROM institution WHERE registration_no = p_registration_no
$$;
REVOKE ALL ON FUNCTION "tipei_public_version"(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "tipei_public_version"(text) TO tipei_app;

-- The public search reads every registered institution whose name matches (a query like "游泳俱乐部"
-- matches a fifth of them, and the page needs the total). Under row-level security its ILIKE and
-- trigram conditions (not leakproof) cannot use the trigram index, so it read the whole table:
-- 127 MB at 100,000 institutions, most of it the JSON of the approved content and public profile.
-- This index holds just what the search filters, sorts and shows, for registered institutions
-- only (15 MB), and the search runs as an index-only scan of it.
CREATE INDEX "institution_public_search_idx" ON "institution" ("name")
  INCLUDE ("registration_no", "status", "sports", "authority_id", "id") WHERE "registration_no" IS NOT NULL;
