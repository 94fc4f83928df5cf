import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { getRedis } from "~/lib/redis.server";
import { checkHealth } from "~/modules/operations/health.server";

// 200 when PostgreSQL and Redis both answer, 503 naming the part that does not.
export async function loader() {
  const health = await checkHealth({
    db: prisma,
    redis: getRedis(),
    heartbeatEveryMs: getEnv().HEARTBEAT_EVERY_MS,
  });
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
