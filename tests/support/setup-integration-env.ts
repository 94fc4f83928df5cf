import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { appUrl, createDatabase, dropDatabase, ownerUrl } from "./databases";

// A database and a Redis prefix of this test file's own, set before any app module reads the env.
const run = process.env.TIPEI_TEST_RUN ?? "0";
const template = process.env.TIPEI_TEST_TEMPLATE;
if (!template) throw new Error("integration tests need the global set-up (vitest --project integration)");
const id = `${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(3).toString("hex")}`;
const database = `tipei_test_r${run}_f${id}`;
await createDatabase(database, template);

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tipei-test-${id}`;
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: appUrl(database),
  MIGRATION_DATABASE_URL: ownerUrl(database),
  TEST_DATABASE_NAME: database,
  REDIS_URL: redisUrl,
  REDIS_PREFIX: prefix,
  LOG_LEVEL: "silent",
  HEARTBEAT_EVERY_MS: "1000",
  SESSION_SECRET: "integration-test-session-secret-0123456789",
  APP_ORIGIN: "http://localhost",
  MAIL_TRANSPORT: "outbox",
});

afterAll(async () => {
  const { runShutdownHooks } = await import("~/lib/shutdown.server");
  await runShutdownHooks(() => {});
  await dropDatabase(database);
  const redis = new Redis(redisUrl);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await redis.quit();
});
