-- What the public search reads (app/modules/registry/public-search.server.ts): the public columns of
-- registered institutions, as a view with the owner's rights, so a name search can use the trigram index.
--
-- Why a view. The app's role reads institution under row-level security, and PostgreSQL evaluates a
-- condition that is not leakproof (ILIKE, pg_trgm's %, array @>) only after the policies: it may not
-- be an index condition, which runs first. So `name ILIKE '%青松博雅%'` read every registered row (a
-- sequential scan of the whole table, or of the covering index institution_public_search_idx). Only a
-- superuser can mark a function leakproof (the migration owner is not one). A view runs with its owner's
-- rights: the owner is not subject to row-level security (it is not forced), so the view's own WHERE is
-- the rule, and the search's conditions are planned like any query's (trigram bitmap scan, sports GIN
-- index, the authority and registration number indexes, index-only scans of the covering index).
--
-- The rows: exactly those the institution_public policy shows (tipei_public() AND registration_no IS
-- NOT NULL), none outside a public-registry transaction. Change both together. The columns: only what
-- the search filters, orders and shows, all of it public (number, name, status, sports) and the key of
-- the registering authority, whose code and name every public profile shows. Not the id, contacts,
-- approved content, risk or compliance columns.
--
-- Not a security barrier, on purpose: with security_barrier the view's WHERE is applied like a policy,
-- before every condition that is not leakproof, and the trigram index is out of reach again. Without
-- it the planner may evaluate the caller's conditions on a row before the view's WHERE; the result
-- still holds only rows that pass it, and what could leak is a side effect of a caller's condition on
-- a hidden row (an error quoting its value). The search's conditions (ILIKE with an escaped pattern, %,
-- similarity, =, @>, IN) never raise on a row's value. And a session that could send arbitrary SQL as
-- tipei_app could set tipei.platform itself: row-level security here guards against a query that
-- forgets its scope, not against the app's own role. tests/integration/modules/public/
-- public-registry-entry.test.ts checks the rows and the columns.
CREATE VIEW "public_registry_entry" AS
SELECT i.registration_no, i.name, i.status, i.sports, i.authority_id
  FROM institution i
 WHERE tipei_public() AND i.registration_no IS NOT NULL;

GRANT SELECT ON "public_registry_entry" TO tipei_app;
