import { type Job, Worker } from "bullmq";
import { getEnv } from "~/lib/env.server";
import { QUEUE_NAMES } from "~/lib/jobs/definitions";
import { getQueue } from "~/lib/queue.server";
import { createRedis, workerConnectionOptions } from "~/lib/redis.server";
import type { QueueView } from "~/modules/operations/queue-dashboard.server";
import QueuesPage, { action as queuesAction, loader as queuesLoader } from "~/routes/admin_.queues";
import { dispatch } from "../../../../workers/registry";
import { seedDemoData } from "../../../support/demo-database";
import {
  callAction,
  callLoader,
  HANGZHOU_ADMIN,
  renderPage,
  userId,
  XIHU_INSPECTOR,
} from "../registry/review-fixtures";

// The platform admins' queue dashboard (/admin/queues): every queue with its counts, schedulers and
// latest failures (never a payload), a retry per failed job; 404 for everyone else.

const PLATFORM_ADMIN = userId("admin@tipei.example");
const SECRET = "payload-value-never-shown";
let failedJobId = "";

/** Runs the app's dispatch over the notifications queue until one job has failed. */
async function failOneJob(): Promise<string> {
  const queue = getQueue("notifications");
  // A payload its schema refuses: dispatch fails it at once (UnrecoverableError), no retries.
  const job = await queue.add("send-email", { v: 1, emailId: SECRET }, { attempts: 3 });
  const connection = createRedis(workerConnectionOptions);
  const worker = new Worker("notifications", (j: Job) => dispatch(j), { connection, prefix: getEnv().REDIS_PREFIX });
  worker.on("error", () => {});
  try {
    await new Promise<void>((resolve) => {
      worker.on("failed", (failed) => {
        if (failed?.id === job.id) resolve();
      });
    });
  } finally {
    await worker.close();
    await connection.quit();
  }
  return String(job.id);
}

beforeAll(async () => {
  await seedDemoData();
  failedJobId = await failOneJob();
});

describe("the queue dashboard", () => {
  it("shows the platform admin every queue with counts and the failed job, without its payload", async () => {
    const { status, body } = await callLoader(queuesLoader, "/admin/queues", {}, PLATFORM_ADMIN);
    expect(status).toBe(200);
    const queues = (body as { queues: QueueView[] }).queues;
    expect(queues.map((q) => q.name)).toEqual([...QUEUE_NAMES]);
    const notifications = queues.find((q) => q.name === "notifications");
    expect(notifications?.counts.failed).toBe(1);
    expect(notifications?.failed).toEqual([
      expect.objectContaining({ id: failedJobId, name: "send-email", attemptsMade: 1 }),
    ]);
    expect(notifications?.failed[0]?.failedReason).toContain("invalid payload");
    expect(JSON.stringify(body)).not.toContain(SECRET);
    const html = renderPage(QueuesPage, "/admin/queues", "/admin/queues", body, "zh-CN");
    expect(html).toContain("最近失败的任务");
    expect(html).toContain('value="retry"');
    expect(html).not.toContain(SECRET);
  });

  it("says Redis cannot be reached instead of failing when it is down", async () => {
    const spy = vi.spyOn(getQueue("maintenance"), "getJobCounts").mockRejectedValue(new Error("Connection is closed."));
    try {
      const { status, body } = await callLoader(queuesLoader, "/admin/queues", {}, PLATFORM_ADMIN);
      expect(status).toBe(200);
      expect(body).toEqual({ queues: null });
      const html = renderPage(QueuesPage, "/admin/queues", "/admin/queues", body, "en");
      expect(html).toContain("Redis cannot be reached");
    } finally {
      spy.mockRestore();
    }
  });

  it("answers 404 to regulators and sends the signed-out to sign in", async () => {
    for (const user of [HANGZHOU_ADMIN, XIHU_INSPECTOR, userId("parent@tipei.example")]) {
      expect((await callLoader(queuesLoader, "/admin/queues", {}, user)).status).toBe(404);
      const posted = await callAction(queuesAction, "/admin/queues", {}, user, {
        intent: "retry",
        queue: "notifications",
        jobId: failedJobId,
      });
      expect(posted.status).toBe(404);
    }
    expect((await callLoader(queuesLoader, "/admin/queues", {}, null)).status).toBe(302);
    expect(await (await getQueue("notifications").getJob(failedJobId))?.getState()).toBe("failed");
  });

  it("refuses an unknown queue or intent with 400", async () => {
    const fields = { intent: "retry", queue: "no-such-queue", jobId: failedJobId };
    expect((await callAction(queuesAction, "/admin/queues", {}, PLATFORM_ADMIN, fields)).status).toBe(400);
    const wrong = { intent: "drain", queue: "notifications", jobId: failedJobId };
    expect((await callAction(queuesAction, "/admin/queues", {}, PLATFORM_ADMIN, wrong)).status).toBe(400);
  });

  it("moves a failed job back to waiting on retry, and says so when it is no longer failed", async () => {
    const fields = { intent: "retry", queue: "notifications", jobId: failedJobId };
    const { status, body } = await callAction(queuesAction, "/admin/queues", {}, PLATFORM_ADMIN, fields);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, outcome: "retried", jobId: failedJobId });
    expect(await (await getQueue("notifications").getJob(failedJobId))?.getState()).toBe("waiting");
    const again = await callAction(queuesAction, "/admin/queues", {}, PLATFORM_ADMIN, fields);
    expect(again.status).toBe(409);
  });
});
