import { randomUUID } from "node:crypto";
import pg from "pg";
import type { InstitutionStatus } from "~/generated/prisma/client.ts";
import { ANONYMOUS_SCOPE, type DataScope, inPublicRegistry, inScope } from "~/lib/db-scope.server";
import { type PublicSearchQuery, searchPublicRegistry } from "~/modules/registry/public-search.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { insertRegistered } from "./registry-fixtures";

/**
 * The view the public search reads (`public_registry_entry`, migration 20261205010000) runs with
 * its owner's rights, outside row-level security, so that the search may use the trigram index.
 * Its WHERE is therefore the only thing that keeps unregistered institutions out: it must show
 * exactly the rows the `institution_public` policy shows, in the public scope only, and only the
 * public columns.
 */

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const UNREGISTERED: InstitutionStatus[] = ["DRAFT", "SUBMITTED", "UNDER_REVIEW", "CHANGES_REQUESTED", "REJECTED"];
const REGISTERED = ["APPROVED", "SUSPENDED", "REVOKED", "CLOSED"] as const;
const hiddenName = (status: string) => `隐藏视图测试${status}游泳馆`;
const shownName = (status: string) => `公开视图测试${status}游泳馆`;

beforeAll(async () => {
  await seedDemoData();
  // Every status an institution without a registration number can be in, with names the search
  // would match (two characters and more) if the view let them through.
  for (const status of UNREGISTERED) {
    await owner.institution.create({
      data: {
        id: randomUUID(),
        authorityId: stableId("authority", "330106"),
        name: hiddenName(status),
        status,
        sports: ["SWIMMING"],
      },
    });
  }
  // Enough registered institutions, as wide as real ones (their approved content), for the planner
  // to prefer an index to reading them all.
  await owner.$executeRaw`
    INSERT INTO institution (id, authority_id, name, status, registration_no, sports, approved_content, updated_at)
    SELECT gen_random_uuid(), ${stableId("authority", "330102")}::uuid, '填充机构' || g, 'APPROVED',
           '330102-2024-' || lpad(g::text, 5, '0'), ARRAY['FOOTBALL'],
           jsonb_build_object('filler', (SELECT string_agg(md5(g || '-' || k), '') FROM generate_series(1, 60) k)),
           now()
      FROM generate_series(1, 3000) g`;
  await owner.$executeRaw`VACUUM (ANALYZE) institution`;
  for (const [n, status] of REGISTERED.entries()) {
    await insertRegistered(owner, {
      name: shownName(status),
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: `330106-2025-090${n}`,
      status,
    });
  }
});

function inPublic<T>(sql: string): Promise<T[]> {
  return inPublicRegistry((db) => db.$queryRawUnsafe<T[]>(sql));
}

async function search(query: Partial<PublicSearchQuery>) {
  const outcome = await inPublicRegistry((db) => searchPublicRegistry(db, { page: 1, ...query }));
  if (!outcome.ok) throw new Error(`search refused: ${JSON.stringify(outcome.fieldErrors)}`);
  return outcome.result;
}

describe("the public_registry_entry view", () => {
  it("shows exactly the institutions the public row-level security policy shows", async () => {
    const throughView = await inPublic<{ registration_no: string }>(
      "SELECT registration_no FROM public_registry_entry ORDER BY registration_no",
    );
    const throughPolicy = await inPublic<{ registration_no: string }>(
      "SELECT registration_no FROM institution ORDER BY registration_no",
    );
    expect(throughView.length).toBeGreaterThanOrEqual(REGISTERED.length);
    expect(throughView).toEqual(throughPolicy);
    // And the policy (so the view) is: every institution with a registration number, no other.
    const registered = await owner.institution.count({ where: { registrationNo: { not: null } } });
    expect(throughView).toHaveLength(registered);
  });

  it("never shows an institution without a registration number, whatever its status", async () => {
    const names = await inPublic<{ name: string; status: string }>(
      "SELECT name, status::text AS status FROM public_registry_entry",
    );
    for (const status of UNREGISTERED) expect(names.map((r) => r.name)).not.toContain(hiddenName(status));
    for (const status of REGISTERED) expect(names).toContainEqual({ name: shownName(status), status });
    // The unregistered rows exist: the view, not the data, keeps them out.
    expect(await owner.institution.count({ where: { name: { startsWith: "隐藏视图测试" } } })).toBe(
      UNREGISTERED.length,
    );
  });

  it("shows nothing outside a public-registry transaction, as the policy", async () => {
    const scopes: [string, DataScope][] = [
      ["anonymous", ANONYMOUS_SCOPE],
      ["a regulator of Hangzhou", { userId: null, authorityId: stableId("authority", "330100"), platform: false }],
      ["platform work", { userId: null, authorityId: null, platform: true }],
    ];
    for (const [label, scope] of scopes) {
      const rows = await inScope(
        scope,
        (db) => db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM public_registry_entry`,
      );
      expect(rows[0]?.n, label).toBe(0);
    }
  });

  it("has only the public columns the search uses", async () => {
    const columns = await inPublic<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = 'public_registry_entry' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["registration_no", "name", "status", "sports", "authority_id"]);
  });

  it("is read-only for the app's role", async () => {
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    try {
      const privileges = await app.query<{ privilege: string; granted: boolean }>(
        `SELECT p AS privilege, has_table_privilege('public_registry_entry', p) AS granted
           FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`,
      );
      expect(privileges.rows).toEqual([
        { privilege: "SELECT", granted: true },
        { privilege: "INSERT", granted: false },
        { privilege: "UPDATE", granted: false },
        { privilege: "DELETE", granted: false },
        { privilege: "TRUNCATE", granted: false },
      ]);
      await expect(app.query("UPDATE public_registry_entry SET name = name")).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it("lets the app's role search names through the trigram index, which the table under row-level security does not", async () => {
    // Only bitmap scans, the trigram index's access method: a plan on these few thousand rows
    // could otherwise read them all and show nothing.
    const plan = (relation: string) =>
      inPublicRegistry(async (db) => {
        await db.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        await db.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
        await db.$executeRawUnsafe("SET LOCAL enable_indexonlyscan = off");
        const rows = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          `EXPLAIN SELECT registration_no FROM ${relation} WHERE name ILIKE '%视图测试%'`,
        );
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      });
    expect(await plan("public_registry_entry")).toMatch(/Bitmap Index Scan on institution_name_trgm_idx/);
    expect(await plan("institution")).not.toContain("institution_name_trgm_idx");
  });
});

describe("the public search through the view", () => {
  it("never finds an unregistered institution, by a short or a long part of its name or all of it", async () => {
    for (const q of ["隐藏", "隐藏视图测试", "视图测试"]) {
      const result = await search({ q });
      for (const status of UNREGISTERED) expect(result.items.map((i) => i.name)).not.toContain(hiddenName(status));
    }
    for (const status of UNREGISTERED) {
      expect((await search({ q: hiddenName(status) })).totalItems).toBe(0);
      expect((await search({ q: hiddenName(status), sport: "SWIMMING", district: "330106" })).totalItems).toBe(0);
    }
  });

  it("finds the registered ones with their status, by a part of the name, a sport and an area", async () => {
    for (const query of [{ q: "公开视图" }, { q: "公开视图测试", sport: "SWIMMING" as const, district: "330100" }]) {
      const result = await search(query);
      const found = result.items.map((i) => ({ name: i.name, status: i.status }));
      expect(found.sort((a, b) => a.status.localeCompare(b.status))).toEqual(
        [...REGISTERED].sort().map((status) => ({ name: shownName(status), status })),
      );
      expect(result.totalItems).toBe(REGISTERED.length);
    }
  });
});
