import pg from "pg";
import { type DataScope, inPublicRegistry, inScope } from "~/lib/db-scope.server";
import { jurisdictionFunds } from "~/modules/escrow/gov-read.server";
import { accountBalance, institutionBalances } from "~/modules/escrow/ledger.server";
import { escrowOverview } from "~/modules/escrow/org-read.server";
import { listParentEnrollments } from "~/modules/escrow/parent-read.server";
import { findPublicInstitution, publicRegistrationExists } from "~/modules/registry/public-institution.server";
import { type PublicSearchQuery, searchPublicRegistry } from "~/modules/registry/public-search.server";
import { reviewQueueQuerySchema } from "~/modules/registry/review-forms";
import { listReviewQueue } from "~/modules/registry/review-queue.server";
import { institutionRisk, riskOverview, riskQuerySchema } from "~/modules/risk/gov-read.server";
import { PG_HOST, PG_PORT } from "../../support/databases";
import { type CapturedStatement, captureSql, explainCaptured, planNodes } from "../../support/sql-capture";
import { type GeneratedRegistry, generateRegistry } from "./support/generated-registry";

/**
 * The hot queries (public verify and search, the review queue, ledger balances, the risk ranking)
 * must not read a large table from end to end. Each case calls the app's own function against a
 * generated province (10 cities of 3 districts, 700 institutions each), records the SQL it sent,
 * and runs every read again under EXPLAIN ANALYZE in the same scope (row-level security included)
 * as the app's role. It fails on a sequential scan that ran over a table of more than LARGE_ROWS
 * rows. (Row-level security plans subplans that a false condition never runs; those do not count.) The cases ask what people ask: a district or a
 * city, a name fragment of 3+ characters, a registration number. (A one- or two-character name
 * query cannot use the trigram index and reads the registered rows on purpose: see
 * public-search.server.ts.)
 */

const PER_DISTRICT = Number(process.env.PERF_INSTITUTIONS_PER_DISTRICT ?? 700);
const LARGE_ROWS = 5_000;
const database = process.env.TEST_DATABASE_NAME ?? "";
const superuserUrl = `postgresql://postgres@${PG_HOST}:${PG_PORT}/${database}`;
const appRoleUrl = process.env.DATABASE_URL ?? "";

let data: GeneratedRegistry;
let largeTables: Set<string>;

beforeAll(async () => {
  data = await generateRegistry(superuserUrl, PER_DISTRICT);
  const c = new pg.Client({ connectionString: superuserUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND reltuples > $1`,
      [LARGE_ROWS],
    );
    largeTables = new Set(rows.map((r) => r.relname));
  } finally {
    await c.end();
  }
}, 120_000);

function regulator(authorityId: string): DataScope & { userId: string; authorityId: string } {
  return { userId: data.regulatorUserId, authorityId, platform: false };
}

/** The reads of `work` that scan a large table sequentially, described for the failure message. */
async function seqScansOfLargeTables(work: () => Promise<unknown>): Promise<string[]> {
  const { statements } = await captureSql(work);
  const reads = statements.filter((s: CapturedStatement) => /^\s*(SELECT|WITH)\b/i.test(s.text));
  expect(reads.filter((s) => !/^\s*SELECT\s+set_config\(/i.test(s.text)).length).toBeGreaterThan(0);
  const plans = await explainCaptured(appRoleUrl, statements);
  return plans.flatMap(({ text, plan }) =>
    planNodes(plan)
      .filter(
        (node) =>
          node["Node Type"] === "Seq Scan" &&
          largeTables.has(node["Relation Name"] ?? "") &&
          (node["Actual Loops"] ?? 1) > 0,
      )
      .map((node) => `Seq Scan on ${node["Relation Name"]} in:\n${text.replace(/\s+/g, " ").slice(0, 400)}`),
  );
}

function search(query: Partial<PublicSearchQuery>) {
  return () => inPublicRegistry((db) => searchPublicRegistry(db, { page: 1, ...query }));
}

describe("hot queries on a province of 21,000 institutions", () => {
  it("generates tables large enough to matter", () => {
    for (const table of ["institution", "filing", "membership", "ledger_entry", "risk_assessment", "enrollment"]) {
      expect(largeTables, table).toContain(table);
    }
  });

  it.each([
    ["public verify by registration number", () => findPublicInstitution(data.registrationNo)],
    ["the QR short link's existence check", () => publicRegistrationExists(data.registrationNo)],
    ["public search by a name fragment", () => search({ q: data.nameFragment })()],
    ["public search by registration number", () => search({ q: data.registrationNo })()],
    ["public search by a name fragment in a city", () => search({ q: data.nameFragment, district: "980100" })()],
    ["public search by a name fragment and a sport", () => search({ q: data.nameFragment, sport: "SWIMMING" })()],
  ])("%s reads no large table end to end", async (_name, work) => {
    expect(await seqScansOfLargeTables(work)).toEqual([]);
  });

  it.each([
    ["a district's review queue", () => data.districtId],
    ["a city's review queue", () => data.cityId],
    ["a province's review queue", () => data.provinceId],
  ])("%s reads no large table end to end", async (_name, authorityId) => {
    const query = reviewQueueQuerySchema.parse({});
    expect(await seqScansOfLargeTables(() => listReviewQueue(regulator(authorityId()), query))).toEqual([]);
  });

  it.each([
    [
      "an institution's account balances",
      () =>
        inScope({ userId: data.institutionAdminId, authorityId: null, platform: false }, async (db) => {
          await institutionBalances(db, data.institutionId);
          await accountBalance(db, data.institutionId, "ENROLLMENT_ESCROW", data.enrollmentId);
          await accountBalance(db, data.institutionId, "INSTITUTION_PAYABLE", null);
        }),
    ],
    [
      "an institution's funds page",
      () => escrowOverview({ userId: data.institutionAdminId, authorityId: null, platform: false }, data.institutionId),
    ],
    ["a parent's enrollments", () => listParentEnrollments(data.parentUserId)],
    ["a district's funds page", () => jurisdictionFunds(regulator(data.districtId), { sort: "held", page: 1 })],
    ["a city's funds page", () => jurisdictionFunds(regulator(data.cityId), { sort: "held", page: 1 })],
  ])("%s reads no large table end to end", async (_name, work) => {
    expect(await seqScansOfLargeTables(work)).toEqual([]);
  });

  it.each([
    ["a district's risk ranking", () => riskOverview(regulator(data.districtId), riskQuerySchema.parse({}))],
    ["a city's risk ranking", () => riskOverview(regulator(data.cityId), riskQuerySchema.parse({}))],
    [
      "a city's risk ranking of one level",
      () => riskOverview(regulator(data.cityId), riskQuerySchema.parse({ level: "CRITICAL" })),
    ],
    ["one institution's risk history", () => institutionRisk(regulator(data.districtId), data.institutionId)],
  ])("%s reads no large table end to end", async (_name, work) => {
    expect(await seqScansOfLargeTables(work)).toEqual([]);
  });
});
