import { existsSync } from "node:fs";
import path from "node:path";
import { type AppProcess, startAppProcess, waitUntilHealthy } from "./app-processes.ts";
import { createE2eDatabase } from "./e2e-database.ts";
import {
  APP_DATABASE_URL,
  BASE_URL_VARIABLE,
  E2E_SESSION_SECRET,
  REDIS_PREFIX_VARIABLE,
  REDIS_URL,
  ROOT_DIR,
} from "./e2e-environment.ts";
import { freePorts } from "./free-ports.ts";
import { rememberRun, takeRun } from "./run-state.ts";
import { stopRun } from "./stop-run.ts";

const WEB_SCRIPT = "build/node/server.js";
const WORKER_SCRIPT = "build/node/worker.js";

function requireBuild(): void {
  for (const file of [WEB_SCRIPT, WORKER_SCRIPT, "build/server/index.js", "public/build"]) {
    if (!existsSync(path.join(ROOT_DIR, file))) {
      throw new Error(
        `${file} is missing: run \`npm run build\` before \`npx playwright test\` (scripts/test.sh does).`,
      );
    }
  }
}

/**
 * Only what the processes need: the runner's own variables (NODE_OPTIONS and the like) stay out.
 * The app fills anything not set here from .env (scripts/db/load-dotenv.ts).
 */
export function processEnv(port: number, baseURL: string, redisPrefix: string, name: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: process.env.TZ,
    NODE_ENV: "production",
    TIPEI_PROCESS: name,
    PORT: String(port),
    APP_ORIGIN: baseURL,
    DATABASE_URL: APP_DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    SESSION_SECRET: E2E_SESSION_SECRET,
    LOG_LEVEL: "warn",
    HEARTBEAT_EVERY_MS: "1000",
    MAIL_TRANSPORT: "outbox",
    MAIL_VIEWER: "on",
    TRUST_PROXY_HOPS: "0",
    // Payments through the simulation, with the Stripe webhook endpoint on (it checks signatures).
    PAYMENT_PROVIDER: "simulated",
    STRIPE_WEBHOOK_SECRET: "whsec_e2e_webhook_secret",
  };
}

export default async function globalSetup(): Promise<void> {
  requireBuild();
  try {
    await createE2eDatabase();

    const [webPort, workerPort] = await freePorts(2);
    if (webPort === undefined || workerPort === undefined) throw new Error("could not find two free ports");
    const baseURL = `http://127.0.0.1:${webPort}`;
    const redisPrefix = `tipei-e2e-${process.pid}`;
    // The worker serves nothing today; a port of its own keeps it off the web's if it ever does (metrics).

    const processes: AppProcess[] = [
      startAppProcess("worker", WORKER_SCRIPT, processEnv(workerPort, baseURL, redisPrefix, "worker")),
      startAppProcess("web", WEB_SCRIPT, processEnv(webPort, baseURL, redisPrefix, "web")),
    ];
    rememberRun({ processes, redisPrefix });
    await waitUntilHealthy(baseURL, processes, 30_000);
    process.env[BASE_URL_VARIABLE] = baseURL;
    process.env[REDIS_PREFIX_VARIABLE] = redisPrefix;
  } catch (error) {
    // Stop whatever did start now, so the start-up error is the one reported.
    const problems = await stopRun(takeRun(), { reportEarlyExits: false });
    if (problems.length > 0) console.error(`e2e clean-up after the failed setup:\n${problems.join("\n")}`);
    throw error;
  }
}
