-- A public profile not yet in a web process's cache, read in one round trip
-- (app/modules/registry/public-institution.server.ts). Until now such a read was a Prisma
-- transaction (BEGIN, the public scope's set_config, the query, COMMIT: four round trips, about
-- 1.3 ms), and every profile is such a read once per process: the first minutes after a deploy, or
-- a scan of a QR code nobody scanned lately, were the public API's slowest requests (docs/PERFORMANCE.md,
-- verify-api).
--
-- Definer rights, as tipei_public_version: it answers exactly what the institution_public policy lets
-- anyone see (registration_no IS NOT NULL) and what readPublicInstitution selected under it, the public
-- columns of one registered institution and its authority's code and names, nothing else (no id,
-- contacts, approved content, risk or documents). Change it together with the policy and
-- public-institution.server.ts; tests/integration/modules/public/public-institution-read.test.ts holds
-- the rows and the columns.
CREATE FUNCTION "tipei_public_institution"(p_registration_no text)
RETURNS TABLE (
  "version" integer,
  "registrationNo" text,
  "name" text,
  "status" text,
  "creditCode" text,
  "sports" text[],
  "publicProfile" jsonb,
  "registeredAt" timestamptz,
  "approvedAt" timestamptz,
  "fundsSupervisionEnabled" boolean,
  "complianceGrade" text,
  "complianceEvaluatedAt" timestamptz,
  "complianceOpenRules" text[],
  "authorityCode" text,
  "authorityName" text,
  "authorityNameEn" text
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.public_version, i.registration_no, i.name, i.status::text, i.credit_code, i.sports, i.public_profile,
         i.registered_at, i.approved_at, i.funds_supervision_enabled, i.compliance_grade,
         i.compliance_evaluated_at, i.compliance_open_rules, a.code, a.name, a.name_en
    FROM institution i JOIN authority a ON a.id = i.authority_id
   WHERE i.registration_no = p_registration_no
$$;
REVOKE ALL ON FUNCTION "tipei_public_institution"(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION "tipei_public_institution"(text) TO tipei_app;
