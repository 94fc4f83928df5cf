import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { findBrokenAuditLink } from "~/modules/audit/verify.server";
import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { applyMigrations } from "../../../scripts/db/migration-runner";
import { appUrl, createDatabase, dropDatabase, ownerUrl } from "../../support/databases";
import { ownerClient, seedDemoData } from "../../support/demo-database";
import { ledgerViolations } from "../modules/escrow/escrow-fixtures";

// The demo is dumped with scripts/db/backup.sh and restored with scripts/db/restore.sh into a
// fresh database; the copy must hold the same rows, the same audit hashes, a balanced ledger and
// the same protections (owners, grants to the app's role, row-level security, triggers).
const source = process.env.TEST_DATABASE_NAME ?? "";
const copy = `${source}_copy`;
const owner = ownerClient();
let restoredOwner: PrismaClient;
let dir: string;
let dumpFile: string;
let restoreOutput: string;

function run(script: string, args: string[]) {
  return spawnSync("bash", [script, ...args], {
    encoding: "utf8",
    env: { ...process.env, MIGRATION_DATABASE_URL: ownerUrl(source) },
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// What protects the data, as catalog rows that must be equal on both sides.
const PROTECTIONS = {
  owners: `SELECT c.relname, c.relkind::text, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2`,
  rowSecurity: `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`,
  policies: `SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies ORDER BY 1, 2`,
  tableGrants: `SELECT table_name, privilege_type FROM information_schema.role_table_grants
                 WHERE grantee = 'tipei_app' ORDER BY 1, 2`,
  columnGrants: `SELECT table_name, column_name, privilege_type FROM information_schema.column_privileges
                  WHERE grantee = 'tipei_app' ORDER BY 1, 2, 3`,
  triggers: `SELECT tgrelid::regclass::text AS table_name, tgname, tgenabled::text FROM pg_trigger
              WHERE NOT tgisinternal ORDER BY 1, 2`,
  functions: `SELECT proname, prosecdef, md5(prosrc) AS body FROM pg_proc
               WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 3`,
};

async function rowCounts(url: string): Promise<Record<string, number>> {
  const [row] = await query<{ counts: Record<string, number> }>(
    url,
    `SELECT jsonb_object_agg(tablename, (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %I', tablename), false, true, '')))[1]::text::int) AS counts
       FROM pg_tables WHERE schemaname = 'public'`,
  );
  return row?.counts ?? {};
}

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 2 });
  await seedEscrowDemo(owner, "2026-12-03");
  // Audit events written as the app writes them, with a gap in the ids (a rolled-back append):
  // a restore that renumbered or re-chained them would change every later hash.
  const event = (n: number) => ({
    actorUserId: null,
    authorityId: null,
    action: "backup.test",
    entityType: "backup",
    entityId: String(n),
    after: { n, note: "备份测试" },
  });
  await unsafeAsSystem((db) => appendAudit(db, event(1)));
  await unsafeAsSystem(async (db) => {
    await appendAudit(db, event(2));
    throw new Error("rolled back");
  }).catch(() => {});
  await unsafeAsSystem((db) => appendAudit(db, event(3)));

  dir = await mkdtemp(path.join(tmpdir(), "tipei-backup-"));
  dumpFile = path.join(dir, "demo.dump");
  const backup = run("scripts/db/backup.sh", [dumpFile]);
  expect(backup.stderr).toBe("");
  expect(backup.status).toBe(0);
  await createDatabase(copy);
  const restore = run("scripts/db/restore.sh", [dumpFile, ownerUrl(copy)]);
  expect(restore.stderr).toBe("");
  expect(restore.status).toBe(0);
  restoreOutput = restore.stdout;
  restoredOwner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl(copy) }) });
}, 120_000);

afterAll(async () => {
  await owner.$disconnect();
  await restoredOwner?.$disconnect();
  await dropDatabase(copy);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores every row of the demo", async () => {
    const counts = await rowCounts(ownerUrl(source));
    expect(counts.institution).toBeGreaterThan(0);
    expect(counts.ledger_entry).toBeGreaterThan(0);
    expect(counts.audit_event).toBeGreaterThanOrEqual(2);
    expect(await rowCounts(ownerUrl(copy))).toEqual(counts);
  });

  it("keeps the ledger whole on the copy: every transaction balances, no account is negative", async () => {
    expect(await restoredOwner.ledgerTransaction.count()).toBe(await owner.ledgerTransaction.count());
    expect(await ledgerViolations(restoredOwner)).toEqual({
      unbalanced: [],
      negative: [],
      overdrawn: [],
      doublePaid: [],
    });
    expect(restoreOutput).toContain("audit chain verified");
  });

  it("keeps the audit chain as it was: same ids and hashes, verified on the copy, and it goes on", async () => {
    const chain = "SELECT id::text, prev_hash, hash FROM audit_event ORDER BY id";
    const original = await query(ownerUrl(source), chain);
    expect(await query(ownerUrl(copy), chain)).toEqual(original);
    expect(await restoredOwner.$transaction((db) => findBrokenAuditLink(db))).toBeNull();

    // The sequence came back too: the next event on the copy links to the last restored one.
    await restoredOwner.$transaction((db) => appendAudit(db, { ...eventAfterRestore() }));
    const [last] = await query<{ id: string; prev_hash: string }>(
      ownerUrl(copy),
      "SELECT id::text, prev_hash FROM audit_event ORDER BY id DESC LIMIT 1",
    );
    expect(BigInt(last?.id ?? 0)).toBeGreaterThan(BigInt((original.at(-1) as { id: string }).id));
    expect(last?.prev_hash).toBe((original.at(-1) as { hash: string }).hash);
    expect(await restoredOwner.$transaction((db) => findBrokenAuditLink(db))).toBeNull();
  });

  it("keeps owners, grants to the app's role, row-level security, policies and triggers", async () => {
    for (const [name, sql] of Object.entries(PROTECTIONS)) {
      const original = await query(ownerUrl(source), sql);
      expect(original.length, name).toBeGreaterThan(0);
      expect(await query(ownerUrl(copy), sql), name).toEqual(original);
    }
    const owners = await query<{ owner: string }>(ownerUrl(copy), PROTECTIONS.owners);
    expect(new Set(owners.map((o) => o.owner))).toEqual(new Set(["tipei"]));
  });

  it("enforces them on the copy: the app's role sees no tenant rows unscoped, the ledger refuses edits", async () => {
    expect(await restoredOwner.institution.count()).toBeGreaterThan(0);
    const unscoped = await query<{ n: string }>(appUrl(copy), "SELECT count(*) AS n FROM institution");
    expect(unscoped[0]?.n).toBe("0");
    await expect(query(ownerUrl(copy), "UPDATE ledger_entry SET amount_fen = amount_fen + 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(query(appUrl(copy), "DELETE FROM audit_event")).rejects.toThrow();
  });

  it("leaves the copy at the checkout's migrations, so the next deploy migrates it as usual", async () => {
    expect(await applyMigrations({ connectionString: ownerUrl(copy), dir: path.resolve("prisma/migrations") })).toEqual(
      [],
    );
  });

  it("refuses to restore over a database that has tables, changing nothing", async () => {
    const before = await rowCounts(ownerUrl(copy));
    const again = run("scripts/db/restore.sh", [dumpFile, ownerUrl(copy)]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has \d+ tables/);
    expect(await rowCounts(ownerUrl(copy))).toEqual(before);
  });
});

function eventAfterRestore() {
  return { actorUserId: null, authorityId: null, action: "backup.restored", entityType: "backup", entityId: "copy" };
}
