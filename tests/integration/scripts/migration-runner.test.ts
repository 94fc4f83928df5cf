import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations, MigrationError, migrationChecksum } from "../../../scripts/db/migration-runner";
import { createDatabase, dropDatabase, ownerUrl } from "../../support/databases";

const MIGRATIONS = path.resolve("prisma/migrations");
let database: string;

beforeEach(async () => {
  database = `tipei_test_r${process.env.TIPEI_TEST_RUN ?? "0"}_mig_${randomBytes(4).toString("hex")}`;
  await createDatabase(database);
});
afterEach(async () => {
  await dropDatabase(database);
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: ownerUrl(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfMigrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tipei-mig-"));
  for (const entry of await readdir(MIGRATIONS, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    await mkdir(path.join(dir, entry.name));
    await writeFile(
      path.join(dir, entry.name, "migration.sql"),
      await readFile(path.join(MIGRATIONS, entry.name, "migration.sql")),
    );
  }
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("the migration runner", () => {
  it("applies every migration once and records it the way prisma migrate does", async () => {
    const applied = await applyMigrations({ connectionString: ownerUrl(database), dir: MIGRATIONS });
    expect(applied).toContain("20261123000000_init");
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    const sql = await readFile(path.join(MIGRATIONS, "20261123000000_init", "migration.sql"), "utf8");
    expect(rows[0]?.checksum).toBe(migrationChecksum(sql));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);

    expect(await applyMigrations({ connectionString: ownerUrl(database), dir: MIGRATIONS })).toEqual([]);
  });

  it("lets two processes migrate at once without applying anything twice", async () => {
    const run = () => applyMigrations({ connectionString: ownerUrl(database), dir: MIGRATIONS });
    const [a, b] = await Promise.all([run(), run()]);
    const total = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((e) => e.isDirectory()).length;
    // One waited on the lock and then found nothing left to do.
    expect([a.length, b.length].sort()).toEqual([0, total]);
    const rows = await query<{ n: string }>('SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(Number(rows[0]?.n)).toBe(total);
  });

  it("rolls a failing migration back whole and records nothing of it", async () => {
    const dir = await copyOfMigrationsWith({
      "20991231000000_broken": 'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";',
    });
    await expect(applyMigrations({ connectionString: ownerUrl(database), dir })).rejects.toThrow(
      /20991231000000_broken failed and was rolled back: relation "no_such_table" does not exist/,
    );
    expect(await query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toEqual([]);
    const names = await query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((r) => r.migration_name)).not.toContain("20991231000000_broken");
    expect(names.length).toBeGreaterThan(0);
  });

  it("refuses to go on when an applied migration was edited", async () => {
    await applyMigrations({ connectionString: ownerUrl(database), dir: MIGRATIONS });
    const dir = await copyOfMigrationsWith({});
    await writeFile(path.join(dir, "20261123000000_init", "migration.sql"), "-- edited\n");
    await expect(applyMigrations({ connectionString: ownerUrl(database), dir })).rejects.toBeInstanceOf(MigrationError);
    await expect(applyMigrations({ connectionString: ownerUrl(database), dir })).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it("refuses a database that has a migration this checkout does not know", async () => {
    const dir = await copyOfMigrationsWith({ "20991231000001_later": "SELECT 1;" });
    await applyMigrations({ connectionString: ownerUrl(database), dir });
    await expect(applyMigrations({ connectionString: ownerUrl(database), dir: MIGRATIONS })).rejects.toThrow(
      /20991231000001_later, which is not in/,
    );
  });
});
