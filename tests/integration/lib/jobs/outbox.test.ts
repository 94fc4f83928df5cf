import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { type AddJob, relayOutboxBatch } from "~/lib/jobs/outbox-relay.server";
import { ownerClient } from "../../../support/demo-database";

const owner = ownerClient();
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const queue = new Queue("escrow", { connection, prefix: process.env.REDIS_PREFIX });

afterAll(async () => {
  await queue.close();
  await connection.quit();
  await owner.$disconnect();
});

beforeEach(async () => {
  await owner.jobOutbox.deleteMany();
});

const uuid = () => crypto.randomUUID();
const waiting = () => owner.jobOutbox.count({ where: { relayedAt: null } });

/** Relays until nothing is left (or Redis refuses), as the worker's loop does. */
async function drain(add?: AddJob): Promise<number> {
  let total = 0;
  for (;;) {
    const outcome = await relayOutboxBatch({ limit: 5, ...(add ? { add } : {}) });
    total += outcome.relayed;
    if (outcome.relayed === 0 || outcome.redisDown) return total;
  }
}

describe("the job outbox", () => {
  it("keeps no job of a change whose transaction rolls back", async () => {
    const refundId = uuid();
    await expect(
      unsafeAsSystem(async (db) => {
        await enqueueInTransaction(db, "execute-refund", { v: 1, refundId });
        throw new Error("the change failed after queueing its job");
      }),
    ).rejects.toThrow("the change failed");
    expect(await owner.jobOutbox.count()).toBe(0);
    expect(await drain()).toBe(0);
  });

  it("lets any scope write a job for its own change, and only platform work read the outbox", async () => {
    const tenant = { userId: null, authorityId: null, platform: false };
    await inScope(tenant, (db) => enqueueInTransaction(db, "execute-refund", { v: 1, refundId: uuid() }));
    expect(await inScope(tenant, (db) => db.jobOutbox.count())).toBe(0);
    expect(await unsafeAsSystem((db) => db.jobOutbox.count())).toBe(1);
  });

  it("refuses a payload its job does not accept before anything is written", async () => {
    await expect(
      unsafeAsSystem((db) => enqueueInTransaction(db, "execute-refund", { v: 1, refundId: "not-a-uuid" })),
    ).rejects.toThrow();
    expect(await owner.jobOutbox.count()).toBe(0);
  });

  it("commits while Redis is down and relays the job once Redis is back", async () => {
    const refundId = uuid();
    const jobId = `execute-refund-${refundId}`;
    await unsafeAsSystem((db) => enqueueInTransaction(db, "execute-refund", { v: 1, refundId }, { jobId }));
    const redisDown: AddJob = async () => {
      throw new Error("Connection is closed.");
    };
    const down = await relayOutboxBatch({ add: redisDown });
    expect(down).toEqual({ relayed: 0, rejected: 0, redisDown: true });
    const row = await owner.jobOutbox.findFirstOrThrow();
    expect(row.relayedAt).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("Connection is closed");

    expect(await drain()).toBe(1);
    const job = await queue.getJob(jobId);
    expect(job?.name).toBe("execute-refund");
    expect(job?.data).toEqual({ v: 1, refundId });
    expect(await waiting()).toBe(0);
    await job?.remove();
  });

  it("adds a job once when a relay dies after adding it and before marking its row", async () => {
    const refundId = uuid();
    await unsafeAsSystem((db) => enqueueInTransaction(db, "execute-refund", { v: 1, refundId }));
    const row = await owner.jobOutbox.findFirstOrThrow();
    // The first relay reaches BullMQ, then its transaction is lost (a crash before the commit).
    const real = (await import("~/lib/queue.server")).getQueue;
    const crashing: AddJob = async (job) => {
      await real("escrow").add(job.name, job.payload, { jobId: job.jobId });
      throw new Error("relay process killed");
    };
    await relayOutboxBatch({ add: crashing });
    expect(await waiting()).toBe(1);
    expect(await drain()).toBe(1);
    const jobs = (await queue.getJobs(["waiting", "prioritized", "delayed", "active", "completed"])).filter(
      (j) => j.data.refundId === refundId,
    );
    expect(jobs.map((j) => j.id)).toEqual([`outbox-${row.id}`]);
    await jobs[0]?.remove();
  });

  it("relays every row exactly once when two relays run side by side", async () => {
    const ids = Array.from({ length: 30 }, uuid);
    await unsafeAsSystem(async (db) => {
      for (const refundId of ids) await enqueueInTransaction(db, "execute-refund", { v: 1, refundId });
    });
    const added: string[] = [];
    const recording: AddJob = async (job) => {
      // A slow Redis: both relays are mid-batch at the same time.
      await new Promise((resolve) => setTimeout(resolve, 5));
      added.push((job.payload as { refundId: string }).refundId);
    };
    const [a, b] = await Promise.all([drain(recording), drain(recording)]);
    expect(a + b).toBe(30);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect([...added].sort()).toEqual([...ids].sort());
    expect(await waiting()).toBe(0);
  });

  it("sets aside a row no job accepts instead of retrying it forever", async () => {
    await owner.jobOutbox.create({ data: { name: "no-such-job", payload: { v: 1 }, jobId: "outbox-bad" } });
    expect(await relayOutboxBatch()).toEqual({ relayed: 0, rejected: 1, redisDown: false });
    const row = await owner.jobOutbox.findFirstOrThrow();
    expect(row.relayedAt).not.toBeNull();
    expect(row.lastError).toContain("unknown job");
  });
});
