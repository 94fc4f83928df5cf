import path from "node:path";
import { applyMigrations } from "../../scripts/db/migration-runner";
import { createDatabase, ownerUrl, TEMPLATE_DATABASE, withMaintenance } from "./databases";

/** Migrates the template database once per run; every test file clones it. */
export default async function setup(): Promise<() => Promise<void>> {
  // Clones left by an interrupted run would only take disk space.
  await withMaintenance(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'tipei_test_f%'",
    );
    for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
  await createDatabase(TEMPLATE_DATABASE);
  await applyMigrations({ connectionString: ownerUrl(TEMPLATE_DATABASE), dir: path.resolve("prisma/migrations") });
  return async () => {};
}
