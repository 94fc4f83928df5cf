-- One version for the whole public registry, so web processes can keep search pages in memory
-- (app/modules/registry/public-registry-cache.server.ts) and still show any change at once, as the
-- per-institution public_version (migration 20261204010000) does for profiles. A search page
-- depends on every registered institution, so any change of what the registry shows bumps it:
-- a public column of a registered institution (public_version changes, see that migration), a
-- registration added or removed, or an authority's code, names or place in the hierarchy (the
-- district list and the search's area filter).
--
-- The bump is written by the changing statement's own transaction, so it commits with the change:
-- a reader that sees the new version sees the change. Once per statement (transition tables),
-- not per row: the nightly compliance update of thousands of grades bumps once. Writers that
-- change public data serialize on this one row until they commit; such changes are rare (reviews,
-- suspensions, the nightly evaluation's batches), and risk scoring's updates, which change no
-- public column, never touch it.
CREATE TABLE "public_registry_version" (
  "id" BOOLEAN NOT NULL DEFAULT true,
  "version" BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT "public_registry_version_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "public_registry_version_one_row" CHECK ("id")
);
INSERT INTO "public_registry_version" ("id", "version") VALUES (true, 0);
-- Nothing in it is private; the app only reads it, outside any transaction.
GRANT SELECT ON "public_registry_version" TO tipei_app;

-- Definer rights: the writer may not be allowed to update this table (a regulator's review runs as
-- the app's role under row-level security).
--
-- The old and new rows are compared as sets (EXCEPT: hashed or sorted, linear in the statement's
-- rows), not joined on id: the planner knows nothing of transition tables' contents and joined them
-- in a nested loop, which made one UPDATE of 20,000 institutions take 40 s instead of 0.4 s.
CREATE FUNCTION "public_registry_version_bump"() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public AS $$
DECLARE
  changed boolean;
BEGIN
  IF TG_TABLE_NAME = 'institution' THEN
    IF TG_OP = 'INSERT' THEN
      SELECT EXISTS (SELECT 1 FROM new_rows WHERE registration_no IS NOT NULL) INTO changed;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT EXISTS (SELECT 1 FROM old_rows WHERE registration_no IS NOT NULL) INTO changed;
    ELSE
      -- A registered row (before or after) whose public version moved, or that was registered or
      -- deregistered: its (id, version) is among the registered rows on one side only.
      SELECT EXISTS (
        (SELECT id, public_version FROM new_rows WHERE registration_no IS NOT NULL
         EXCEPT ALL SELECT id, public_version FROM old_rows WHERE registration_no IS NOT NULL)
        UNION ALL
        (SELECT id, public_version FROM old_rows WHERE registration_no IS NOT NULL
         EXCEPT ALL SELECT id, public_version FROM new_rows WHERE registration_no IS NOT NULL)
      ) INTO changed;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT EXISTS (SELECT id, code, name, name_en, parent_id FROM new_rows
                   EXCEPT ALL SELECT id, code, name, name_en, parent_id FROM old_rows) INTO changed;
  ELSE
    changed := true;
  END IF;
  IF changed THEN
    UPDATE public_registry_version SET version = version + 1 WHERE id;
  END IF;
  RETURN NULL;
END $$;

-- A trigger with transition tables has one event each.
CREATE TRIGGER "institution_registry_version_insert" AFTER INSERT ON "institution"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "public_registry_version_bump"();
CREATE TRIGGER "institution_registry_version_update" AFTER UPDATE ON "institution"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "public_registry_version_bump"();
CREATE TRIGGER "institution_registry_version_delete" AFTER DELETE ON "institution"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "public_registry_version_bump"();
CREATE TRIGGER "authority_registry_version_insert" AFTER INSERT ON "authority"
  FOR EACH STATEMENT EXECUTE FUNCTION "public_registry_version_bump"();
CREATE TRIGGER "authority_registry_version_update" AFTER UPDATE ON "authority"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "public_registry_version_bump"();
CREATE TRIGGER "authority_registry_version_delete" AFTER DELETE ON "authority"
  FOR EACH STATEMENT EXECUTE FUNCTION "public_registry_version_bump"();
