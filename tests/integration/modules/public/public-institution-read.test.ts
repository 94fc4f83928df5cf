import { randomUUID } from "node:crypto";
import pg from "pg";
import { inPublicRegistry } from "~/lib/db-scope.server";
import { findPublicInstitution } from "~/modules/registry/public-institution.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { captureSql } from "../../../support/sql-capture";
import { insertRegistered } from "./registry-fixtures";

/**
 * A profile not yet cached is read through the definer-rights function tipei_public_institution
 * (migration 20261206020000), outside row-level security: its WHERE and its columns are the only
 * thing that keep private data out, so they must show what the institution_public policy shows,
 * and only the public columns.
 */

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const PUBLIC_COLUMNS = [
  "version",
  "registrationNo",
  "name",
  "status",
  "creditCode",
  "sports",
  "publicProfile",
  "registeredAt",
  "approvedAt",
  "fundsSupervisionEnabled",
  "complianceGrade",
  "complianceEvaluatedAt",
  "complianceOpenRules",
  "authorityCode",
  "authorityName",
  "authorityNameEn",
];

// The same columns read the way the function replaced: a query under the public policy.
const THROUGH_POLICY = `
  SELECT i.public_version AS version, i.registration_no AS "registrationNo", i.name, i.status::text AS status,
         i.credit_code AS "creditCode", i.sports, i.public_profile AS "publicProfile",
         i.registered_at AS "registeredAt", i.approved_at AS "approvedAt",
         i.funds_supervision_enabled AS "fundsSupervisionEnabled", i.compliance_grade AS "complianceGrade",
         i.compliance_evaluated_at AS "complianceEvaluatedAt", i.compliance_open_rules AS "complianceOpenRules",
         a.code AS "authorityCode", a.name AS "authorityName", a.name_en AS "authorityNameEn"
    FROM institution i JOIN authority a ON a.id = i.authority_id
   ORDER BY i.registration_no`;

let app: pg.Client;
beforeAll(async () => {
  await seedDemoData();
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});
afterAll(() => app.end());

async function throughFunction(registrationNo: string | null): Promise<Record<string, unknown>[]> {
  const { rows } = await app.query("SELECT * FROM tipei_public_institution($1)", [registrationNo]);
  return rows;
}

describe("tipei_public_institution", () => {
  it("returns, for every number, exactly the row the public policy shows", async () => {
    for (const [n, status] of (["APPROVED", "SUSPENDED", "REVOKED", "CLOSED"] as const).entries()) {
      await insertRegistered(owner, {
        name: `函数读取测试${status}游泳馆`,
        district: n % 2 ? "330106" : "330212",
        sports: ["SWIMMING"],
        registrationNo: `330106-2025-081${n}`,
        status,
      });
    }
    await owner.$executeRaw`UPDATE institution SET compliance_grade = 'B', compliance_evaluated_at = now(),
                                compliance_open_rules = ARRAY['HRS-01'] WHERE registration_no = '330106-2025-0810'`;
    const policyRows = await inPublicRegistry((db) => db.$queryRawUnsafe<Record<string, unknown>[]>(THROUGH_POLICY));
    expect(policyRows.length).toBeGreaterThanOrEqual(4);
    for (const row of policyRows) {
      const [fromFunction, ...more] = await throughFunction(String(row.registrationNo));
      expect(more).toEqual([]);
      // Prisma's raw rows and pg's differ only in how they carry the same values.
      expect(JSON.parse(JSON.stringify(fromFunction))).toEqual(JSON.parse(JSON.stringify(row)));
    }
  });

  it("returns nothing for an institution without a registration number, or a number nobody holds", async () => {
    const id = randomUUID();
    await owner.institution.create({
      data: { id, authorityId: stableId("authority", "330106"), name: "函数读取测试草稿", status: "UNDER_REVIEW" },
    });
    expect(await throughFunction(null)).toEqual([]);
    expect(await throughFunction("")).toEqual([]);
    expect(await throughFunction("330106-2099-9999")).toEqual([]);
    expect(await throughFunction("%")).toEqual([]);
  });

  it("has only the public columns, and the app's role may only execute it", async () => {
    const { rows } = await app.query<{ names: string[]; modes: string[] }>(
      `SELECT proargnames AS names, proargmodes::text[] AS modes FROM pg_proc WHERE proname = 'tipei_public_institution'`,
    );
    expect(rows).toHaveLength(1);
    const outputs = rows[0]?.names.filter((_, n) => rows[0]?.modes[n] === "t");
    expect(outputs).toEqual(PUBLIC_COLUMNS);
    const grants = await owner.$queryRaw<{ role: string; granted: boolean }[]>`
      SELECT r AS role, has_function_privilege(r, 'tipei_public_institution(text)', 'EXECUTE') AS granted
        FROM unnest(ARRAY['tipei_app', 'pg_monitor']) r`;
    expect(grants).toEqual([
      { role: "tipei_app", granted: true },
      { role: "pg_monitor", granted: false },
    ]);
  });
});

describe("a verification of a profile not yet cached", () => {
  it("is one statement, no transaction, and shows the profile", async () => {
    const registrationNo = "330106-2025-0820";
    await insertRegistered(owner, {
      name: "函数读取测试游泳馆",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo,
    });
    const { result, statements } = await captureSql(() => findPublicInstitution(registrationNo));
    expect(statements.map((s) => s.text)).toEqual(["SELECT * FROM tipei_public_institution($1)"]);
    expect(result?.name).toBe("函数读取测试游泳馆");
    expect(result?.status).toBe("APPROVED");
    expect(result?.authority.code).toBe("330106");
    expect(result?.profileAvailable).toBe(true);
    expect(result?.courses.length).toBeGreaterThan(0);
  });
});
