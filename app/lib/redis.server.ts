import { Redis, type RedisOptions } from "ioredis";
import { getEnv } from "./env.server";
import { onShutdown } from "./shutdown.server";

/**
 * Connections for producers and request-time work fail fast: a command sent while Redis is down
 * errors at once instead of waiting in an offline queue, so pages that do not need Redis keep
 * serving. Workers need the opposite (see `workerConnectionOptions`).
 */
export function createRedis(overrides: RedisOptions = {}): Redis {
  return new Redis(getEnv().REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: false,
    ...overrides,
  });
}

/** BullMQ workers block on Redis; they must retry forever rather than throw. */
export const workerConnectionOptions: RedisOptions = {
  maxRetriesPerRequest: null,
  enableOfflineQueue: true,
};

const globalForRedis = globalThis as unknown as { tipeiRedis?: Redis };

export function getRedis(): Redis {
  if (!globalForRedis.tipeiRedis) {
    const redis = createRedis();
    // Without a listener ioredis logs unhandled errors; the health check reports them instead.
    redis.on("error", () => {});
    onShutdown("redis", () => redis.quit());
    globalForRedis.tipeiRedis = redis;
  }
  return globalForRedis.tipeiRedis;
}

/** Resolves once the connection is ready (it may still be connecting right after start-up). */
export function redisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    function onReady() {
      clearTimeout(timer);
      resolve();
    }
    redis.once("ready", onReady);
  });
}
