import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "./env.server";
import { logger } from "./logger.server";
import { onShutdown } from "./shutdown.server";

// One client (and one pg pool) per process; the global keeps it across dev rebuilds.
const globalForPrisma = globalThis as unknown as { tipeiPrisma?: PrismaClient; tipeiPool?: pg.Pool };

function sharedPool(): pg.Pool {
  if (!globalForPrisma.tipeiPool) {
    const pool = new pg.Pool({
      connectionString: getEnv().DATABASE_URL,
      // Fail fast when PostgreSQL is unreachable instead of queueing requests behind it.
      connectionTimeoutMillis: 3_000,
      // No JIT compilation: our statements are short, and row-level security makes their
      // expressions large. Once a plan's estimate crossed jit_above_cost (tables not yet analyzed,
      // a join over a missing index) PostgreSQL spent about 0.9 s compiling a query that runs in
      // 3 to 50 ms; the compliance scan of 10,000 institutions paid that once per batch
      // (docs/PERFORMANCE.md, compliance-scan).
      options: "-c jit=off",
    });
    // An idle connection that PostgreSQL ends (a restart, a failover) is an 'error' event of the
    // pool, which drops the connection; unheard, it would end the process. Prisma listens only once
    // it has connected, and a web process may serve the public registry through pgPool alone.
    pool.on("error", (error) => logger.warn({ err: error }, "idle database connection closed"));
    // Prisma ends the pool when it disconnects (disposeExternalPool), but only if it ever connected.
    onShutdown("pg pool", () => (pool.ended ? Promise.resolve() : pool.end()));
    globalForPrisma.tipeiPool = pool;
  }
  return globalForPrisma.tipeiPool;
}

function sharedClient(): PrismaClient {
  if (!globalForPrisma.tipeiPrisma) {
    // Prisma runs on the pool we own, so the few single-statement hot reads (pgPool below) share
    // its connections instead of opening more; disconnecting Prisma ends the pool.
    const adapter = new PrismaPg(sharedPool(), { disposeExternalPool: true });
    const client = new PrismaClient({ adapter });
    onShutdown("prisma", () => client.$disconnect());
    globalForPrisma.tipeiPrisma = client;
  }
  return globalForPrisma.tipeiPrisma;
}

export const prisma: PrismaClient = sharedClient();

/**
 * The pg pool under Prisma, for a hot read that is one statement outside any transaction and needs
 * none of Prisma's mapping (the public profile's version check and its read on a cache miss, the
 * registry's version): Prisma's query pipeline costs more CPU than the query itself there.
 * Everything else goes through `prisma` and the scoped helpers.
 */
export function pgPool(): pg.Pool {
  return sharedPool();
}
