import path from "node:path";
import { applyMigrations } from "../../scripts/db/migration-runner";
import { createDatabase, dropDatabase, ownerUrl, withMaintenance } from "./databases";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Migrates a template database once per run; every test file clones it. Names carry the run's
 * process id, so two runs on one machine never touch each other's databases.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const run = String(process.pid);
  // Databases left by runs that were killed only take disk space.
  await withMaintenance(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'tipei\\_test\\_r%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^tipei_test_r(\d+)_/.exec(datname)?.[1]);
      if (!alive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
  const template = `tipei_test_r${run}_template`;
  process.env.TIPEI_TEST_RUN = run;
  process.env.TIPEI_TEST_TEMPLATE = template;
  await createDatabase(template);
  await applyMigrations({ connectionString: ownerUrl(template), dir: path.resolve("prisma/migrations") });
  return async () => {
    await dropDatabase(template);
  };
}
