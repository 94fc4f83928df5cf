import { PrismaPg } from "@prisma/adapter-pg";
import { Redis } from "ioredis";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { prisma } from "~/lib/db.server";
import { getRedis } from "~/lib/redis.server";
import { checkHealth } from "~/modules/operations/health.server";
import { recordHeartbeat } from "~/modules/operations/heartbeat.server";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  it("answers 200 with db and redis ok when both answer", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok", db: "ok", redis: "ok" });
  });

  it("reports the heartbeat and whether the worker has gone quiet", async () => {
    const at = new Date("2026-11-23T08:00:00.000Z");
    await recordHeartbeat(prisma, "heartbeat", at);
    const deps = { db: prisma, redis: getRedis(), heartbeatEveryMs: 60_000 };
    const fresh = await checkHealth({ ...deps, now: new Date(at.getTime() + 60_000) });
    expect(fresh).toMatchObject({ heartbeatAt: at.toISOString(), workerStale: false });
    const stale = await checkHealth({ ...deps, now: new Date(at.getTime() + 4 * 60_000) });
    expect(stale.workerStale).toBe(true);
  });

  it("names Redis as the failing part when it does not answer", async () => {
    const deadRedis = new Redis("redis://127.0.0.1:1", {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    deadRedis.on("error", () => {});
    deadRedis.connect().catch(() => {});
    const health = await checkHealth({ db: prisma, redis: deadRedis, heartbeatEveryMs: 60_000 });
    deadRedis.disconnect();
    expect(health).toMatchObject({ status: "degraded", db: "ok", redis: "down" });
  });

  it("names the database as the failing part when PostgreSQL does not answer", async () => {
    const deadDb = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: "postgresql://tipei_app:x@127.0.0.1:1/none",
        connectionTimeoutMillis: 500,
      }),
    });
    const health = await checkHealth({ db: deadDb, redis: getRedis(), heartbeatEveryMs: 60_000 });
    await deadDb.$disconnect();
    expect(health).toMatchObject({ status: "degraded", db: "down", redis: "ok", heartbeatAt: null });
  });
});
