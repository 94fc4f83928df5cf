// Starts servers for the HTTP benchmarks: the production build of the web process (as
// scripts/start.sh runs it) and the bare baseline (bare-public-server.ts), each a process of its own.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import { freePorts } from "../../tests/e2e/support/free-ports.ts";

/** Node's flags for the web process, as `npm start` and scripts/start.sh give them (a unit test checks). */
export const WEB_NODE_ARGS = ["--max-semi-space-size=64"];

export type RunningServer = { name: string; baseUrl: string; pid: number; stop: () => Promise<void> };

/**
 * The tree whose production build is measured: BENCH_APP_DIR, or the current directory. The
 * benchmark does not build (a build in a shared tree would clobber other people's); run
 * `npm run build` there first.
 */
export function appDir(): string {
  const dir = path.resolve(process.env.BENCH_APP_DIR ?? ".");
  for (const file of ["build/node/server.js", "build/server/index.js", "public/build"]) {
    if (!existsSync(path.join(dir, file))) {
      throw new Error(`${path.join(dir, file)} is missing: run \`npm run build\` there (or set BENCH_APP_DIR)`);
    }
  }
  return dir;
}

async function waitUntilUp(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer ${url} within 30 s`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("close", () => resolve());
      child.kill("SIGTERM");
    });
}

/**
 * The web process of the production build (`node build/node/server.js`) with the environment
 * production gives it. TRUST_PROXY_HOPS=1, as behind a load balancer: the benchmark names a
 * different client address per request in X-Forwarded-For, so the per-IP rate limit of the public
 * API runs (and costs what it costs) without refusing the benchmark. LOG_LEVEL is production's
 * `info` (one log line per request) unless BENCH_LOG_LEVEL says otherwise.
 */
export async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const dir = appDir();
  const [port] = await freePorts(1);
  const baseUrl = `http://127.0.0.1:${port}`;
  const redisPrefix = `tipei-bench-${process.pid}`;
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? WEB_NODE_ARGS), "build/node/server.js"],
    {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TZ: process.env.TZ,
        NODE_ENV: "production",
        TIPEI_PROCESS: "web",
        PORT: String(port),
        APP_ORIGIN: baseUrl,
        DATABASE_URL: databaseUrl,
        REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        REDIS_PREFIX: redisPrefix,
        SESSION_SECRET: "bench-session-secret-0123456789abcdef",
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
        TRUST_PROXY_HOPS: "1",
        MAIL_TRANSPORT: "outbox",
        PAYMENT_PROVIDER: "simulated",
        ...extraEnv,
      },
    },
  );
  await waitUntilUp(`${baseUrl}/healthz`, child, "web");
  const stop = stopper(child);
  return {
    name: "app",
    baseUrl,
    pid: child.pid ?? 0,
    async stop() {
      await stop();
      await dropRedisKeys(`${redisPrefix}:*`);
    },
  };
}

/** The bare node:http + pg server answering the same queries (bench/support/bare-public-server.ts). */
export async function startBare(ownerUrl: string): Promise<RunningServer> {
  const [port] = await freePorts(1);
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("bench/support/bare-public-server.ts"), String(port), ownerUrl],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" },
    },
  );
  await waitUntilUp(`${baseUrl}/healthz`, child, "bare");
  return { name: "bare", baseUrl, pid: child.pid ?? 0, stop: stopper(child) };
}

/** Rate-limit counters the benchmark left (they would expire within a minute anyway). */
async function dropRedisKeys(pattern: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
