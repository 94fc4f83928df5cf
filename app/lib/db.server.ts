import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { getEnv } from "./env.server";
import { onShutdown } from "./shutdown.server";

// One client (and one pg pool) per process; the global keeps it across dev rebuilds.
const globalForPrisma = globalThis as unknown as { tipeiPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: getEnv().DATABASE_URL,
    // Fail fast when PostgreSQL is unreachable instead of queueing requests behind it.
    connectionTimeoutMillis: 3_000,
  });
  return new PrismaClient({ adapter });
}

function sharedClient(): PrismaClient {
  if (!globalForPrisma.tipeiPrisma) {
    const client = createClient();
    onShutdown("prisma", () => client.$disconnect());
    globalForPrisma.tipeiPrisma = client;
  }
  return globalForPrisma.tipeiPrisma;
}

export const prisma: PrismaClient = sharedClient();
