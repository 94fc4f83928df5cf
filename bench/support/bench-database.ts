import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/migration-runner";

/**
 * A database of the benchmark's own, migrated, dropped afterwards. The app modules read
 * DATABASE_URL when first imported, so call this before importing them.
 */
export async function benchDatabase(
  name: string,
): Promise<{ ownerUrl: string; appUrl: string; drop: () => Promise<void> }> {
  const host = process.env.BENCH_PG_HOST ?? "127.0.0.1:5432";
  const database = `tipei_bench_${name}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `postgresql://tipei:tipei@${host}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}" OWNER tipei`);
  await admin.end();
  const ownerUrl = `postgresql://tipei:tipei@${host}/${database}`;
  const appUrl = `postgresql://tipei_app:tipei_app@${host}/${database}`;
  await applyMigrations({ connectionString: ownerUrl, dir: path.resolve("prisma/migrations") });
  return {
    ownerUrl,
    appUrl,
    async drop() {
      const c = new pg.Client({ connectionString: `postgresql://tipei:tipei@${host}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export function benchLine(name: string, metrics: Record<string, string | number>): string {
  return `BENCH ${name} ${Object.entries(metrics)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ")}`;
}
