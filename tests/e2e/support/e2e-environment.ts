import path from "node:path";

/** Where the suite runs and what it owns; shared by global setup, teardown and the fixtures. */
export const ROOT_DIR = path.resolve(import.meta.dirname, "../../..");

// One database per run (the runner's pid, handed to its workers through the environment), so two
// runs on one machine never drop each other's database.
process.env.TIPEI_E2E_DATABASE ??= `tipei_e2e_${process.pid}`;
export const E2E_DATABASE = process.env.TIPEI_E2E_DATABASE;
export const OWNER_ADMIN_URL = "postgresql://tipei:tipei@127.0.0.1:5432/postgres";
export const OWNER_DATABASE_URL = `postgresql://tipei:tipei@127.0.0.1:5432/${E2E_DATABASE}`;
export const APP_DATABASE_URL = `postgresql://tipei_app:tipei_app@127.0.0.1:5432/${E2E_DATABASE}`;
export const REDIS_URL = "redis://127.0.0.1:6379";
/** Signs the session cookies of this run; tests sign their own with it (see sessions.ts). */
export const E2E_SESSION_SECRET = "e2e-session-secret-that-is-long-enough-0123456789";

/** Set by global setup; Playwright hands the runner's environment to its worker processes. */
export const BASE_URL_VARIABLE = "E2E_BASE_URL";

/** Set by global setup: the Redis prefix of this run's web and worker (tests queue jobs under it). */
export const REDIS_PREFIX_VARIABLE = "E2E_REDIS_PREFIX";

/** Server and worker output, kept after the run for debugging (outside Playwright's outputDir, which it empties). */
export const PROCESS_LOG_DIR = path.join(ROOT_DIR, "test-results", "e2e-process-logs");

export function baseURLFromEnvironment(): string {
  const url = process.env[BASE_URL_VARIABLE];
  if (!url) throw new Error(`${BASE_URL_VARIABLE} is not set: run the suite with \`npx playwright test\``);
  return url;
}
