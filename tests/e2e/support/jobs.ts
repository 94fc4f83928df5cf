import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { OWNER_DATABASE_URL, REDIS_PREFIX_VARIABLE, REDIS_URL } from "./e2e-environment.ts";

/** Queues a job for this run's worker now (instead of waiting for its schedule). */
export async function runJobNow(queue: string, name: string, data: Record<string, unknown> = { v: 1 }): Promise<void> {
  const prefix = process.env[REDIS_PREFIX_VARIABLE];
  if (!prefix) throw new Error(`${REDIS_PREFIX_VARIABLE} is not set: run the suite with \`npx playwright test\``);
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection, prefix });
  try {
    await q.add(name, data);
  } finally {
    await q.close();
    await connection.quit();
  }
}

/** Runs SQL as the schema owner on this run's database (to move a deadline into the past, say). */
export async function asOwner<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
