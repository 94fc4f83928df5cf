-- The rules an institution currently fails, kept beside its grade: the public profile shows them in
-- summary, and lists filter on them without reading every finding.
ALTER TABLE "institution" ADD COLUMN "compliance_open_rules" TEXT[] NOT NULL DEFAULT '{}';
GRANT UPDATE ("compliance_open_rules") ON "institution" TO tipei_app;
