import { existsSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../app/generated/prisma/client.ts";
import { seedDemo } from "../../../prisma/seed/demo.ts";
import { applyMigrations } from "../../../scripts/db/migration-runner.ts";
import {
  type AppProcess,
  describeDeath,
  hasExited,
  startAppProcess,
  stopAppProcess,
  waitUntilHealthy,
} from "../../e2e/support/app-processes.ts";
import { ROOT_DIR } from "../../e2e/support/e2e-environment.ts";
import { freePorts } from "../../e2e/support/free-ports.ts";
import { deleteKeysWithPrefix } from "../../e2e/support/redis-keys.ts";

/**
 * Two web and two worker processes of the production build on one PostgreSQL database and one
 * Redis prefix, as a load balancer would front them. Everything here is this run's own (names carry
 * the pid) and `stop` removes it all, whatever state `start` reached.
 */
export type ScaleCluster = {
  webs: { name: string; url: string }[];
  /** The origin the load balancer would serve (both webs accept it as their own). */
  origin: string;
  redisPrefix: string;
  ownerUrl: string;
  heartbeatEveryMs: number;
  processes: AppProcess[];
};

export const REDIS_URL = process.env.SCALE_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG = process.env.SCALE_PG_HOSTPORT ?? "127.0.0.1:5432";
const DATABASE = `tipei_scale_${process.pid}`;
const OWNER_ADMIN_URL = `postgresql://tipei:tipei@${PG}/postgres`;
const OWNER_URL = `postgresql://tipei:tipei@${PG}/${DATABASE}`;
const APP_URL = `postgresql://tipei_app:tipei_app@${PG}/${DATABASE}`;
const REDIS_PREFIX = `tipei-scale-${process.pid}`;
const SESSION_SECRET = "scale-test-session-secret-that-is-long-enough-0123456789";
const HEARTBEAT_EVERY_MS = 1_000;

async function asOwnerAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: OWNER_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<void> {
  await asOwnerAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await asOwnerAdmin(`CREATE DATABASE ${DATABASE} OWNER tipei`);
  await applyMigrations({ connectionString: OWNER_URL, dir: path.join(ROOT_DIR, "prisma/migrations") });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: OWNER_URL }) });
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}

function processEnv(name: string, port: number, origin: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    NODE_ENV: "production",
    TIPEI_PROCESS: name,
    PORT: String(port),
    APP_ORIGIN: origin,
    DATABASE_URL: APP_URL,
    REDIS_URL,
    REDIS_PREFIX,
    SESSION_SECRET,
    LOG_LEVEL: "info",
    HEARTBEAT_EVERY_MS: String(HEARTBEAT_EVERY_MS),
    MAIL_TRANSPORT: "outbox",
    TRUST_PROXY_HOPS: "0",
    PAYMENT_PROVIDER: "simulated",
  };
}

export async function startCluster(started: AppProcess[]): Promise<ScaleCluster> {
  for (const file of ["build/node/server.js", "build/node/worker.js", "build/server/index.js"]) {
    if (!existsSync(path.join(ROOT_DIR, file))) {
      throw new Error(
        `${file} is missing: run \`npm run build\` before \`npm run test:scale\` (scripts/test.sh does).`,
      );
    }
  }
  await createDatabase();
  const [portA, portB, portW1, portW2] = await freePorts(4);
  if (!portA || !portB || !portW1 || !portW2) throw new Error("could not find four free ports");
  const webs = [
    { name: "scale-web-a", url: `http://127.0.0.1:${portA}` },
    { name: "scale-web-b", url: `http://127.0.0.1:${portB}` },
  ];
  const origin = webs[0]?.url ?? "";
  // Pushed one by one, so the caller's list holds whatever started even if a later start throws.
  started.push(startAppProcess("scale-worker-1", "build/node/worker.js", processEnv("worker", portW1, origin)));
  started.push(startAppProcess("scale-worker-2", "build/node/worker.js", processEnv("worker", portW2, origin)));
  started.push(startAppProcess("scale-web-a", "build/node/server.js", processEnv("web", portA, origin)));
  started.push(startAppProcess("scale-web-b", "build/node/server.js", processEnv("web", portB, origin)));
  for (const web of webs) await waitUntilHealthy(web.url, started, 60_000);
  return {
    webs,
    origin,
    redisPrefix: REDIS_PREFIX,
    ownerUrl: OWNER_URL,
    heartbeatEveryMs: HEARTBEAT_EVERY_MS,
    processes: started,
  };
}

/** Processes that died on their own, described (an empty list when all were still running). */
export async function deadProcesses(processes: AppProcess[]): Promise<string[]> {
  const dead = processes.filter(hasExited);
  return Promise.all(dead.map(async (app) => describeDeath(app, await app.exited)));
}

/** SIGTERM (a worker finishes its running jobs first), then SIGKILL after 15 s; reports what went wrong. */
export async function stopProcesses(processes: AppProcess[]): Promise<string[]> {
  const results = await Promise.all(processes.map((app) => stopAppProcess(app, 15_000)));
  return results.flatMap((result, i) =>
    result.timedOut ? [`${processes[i]?.name} ignored SIGTERM and was killed`] : [],
  );
}

/** Stops every process, drops the database and deletes the Redis keys; reports what went wrong. */
export async function stopCluster(processes: AppProcess[]): Promise<string[]> {
  const problems = await stopProcesses(processes);
  await asOwnerAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`).catch((error: unknown) =>
    problems.push(`dropping ${DATABASE}: ${String(error)}`),
  );
  await deleteKeysWithPrefix(REDIS_PREFIX).catch((error: unknown) =>
    problems.push(`deleting Redis keys ${REDIS_PREFIX}:*: ${String(error)}`),
  );
  return problems;
}
