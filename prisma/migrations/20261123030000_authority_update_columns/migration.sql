-- Row-level security decides which authorities the app may update; this decides what: only the
-- settings (and the timestamp Prisma keeps), never the tree, codes or names.
REVOKE UPDATE ON "authority" FROM tipei_app;
GRANT UPDATE ("settings", "updated_at") ON "authority" TO tipei_app;
