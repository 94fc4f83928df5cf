// Scale-out: two web and two worker processes (production build) on one PostgreSQL database and one
// Redis prefix. `npm run test:scale` after `npm run build`; scripts/test.sh runs it after the
// end-to-end tests. Node's own test runner, no browser: each check is a few HTTP requests or jobs.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { DEMO_PASSWORD } from "../../prisma/seed/demo.ts";
import type { AppProcess } from "../e2e/support/app-processes.ts";
import {
  deadProcesses,
  REDIS_URL,
  type ScaleCluster,
  startCluster,
  stopCluster,
  stopProcesses,
} from "./support/scale-cluster.ts";

const started: AppProcess[] = [];
let cluster: ScaleCluster;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` gives a value; a wait, not a timing assertion (the deadline only stops a hang). */
async function waitFor<T>(what: string, read: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function web(i: 0 | 1): string {
  const found = cluster.webs[i];
  if (!found) throw new Error(`no web process ${i}`);
  return found.url;
}

async function ownerQuery<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The headers a load balancer passes on with a form post: the browser's Origin (the public site)
 * and X-Forwarded-Host (Remix refuses an action whose Origin is not the host it was sent to).
 */
function forwarded(): Record<string, string> {
  return { Origin: cluster.origin, "X-Forwarded-Host": new URL(cluster.origin).host };
}

/** A sign-in form post as it reaches either web from the load balancer. */
function postLogin(base: string, email: string, password: string): Promise<Response> {
  return fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...forwarded() },
    body: new URLSearchParams({ email, password, redirectTo: "" }),
  });
}

function sessionCookie(response: Response): string {
  const found = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("tipei_session=") && c.length > "tipei_session=".length);
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  return found;
}

before(async () => {
  cluster = await startCluster(started);
});

after(async () => {
  const problems = await stopCluster(started);
  if (problems.length > 0) console.error(`scale-out clean-up:\n${problems.join("\n")}`);
});

describe("two web and two worker processes on one database and one Redis", () => {
  it("serves a session made on web A from web B, and ends it everywhere when B signs it out", async () => {
    const login = await postLogin(web(0), "parent@tipei.example", DEMO_PASSWORD);
    assert.equal(login.status, 302, `sign-in on A answered ${login.status}`);
    const cookie = sessionCookie(login);

    const onB = await fetch(`${web(1)}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    assert.equal(onB.status, 200, `B answered ${onB.status} to A's session`);
    assert.match(await onB.text(), /parent@tipei\.example/);
    const anonymous = await fetch(`${web(1)}/account`, { redirect: "manual" });
    assert.equal(anonymous.status, 302, "B let an anonymous visitor in");

    const logout = await fetch(`${web(1)}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, ...forwarded() },
    });
    assert.equal(logout.status, 302, `sign-out on B answered ${logout.status}`);
    const onA = await fetch(`${web(0)}/account`, { headers: { Cookie: cookie }, redirect: "manual" });
    assert.equal(onA.status, 302, "A still honoured a session B had ended");
  });

  it("counts failed sign-ins of one account across both webs (5 allowed, the 6th refused)", async () => {
    const email = "hangzhou.admin@tipei.example";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await postLogin(web(attempt % 2 === 0 ? 0 : 1), email, "not-the-password-123");
      statuses.push(response.status);
    }
    // Three failures on each web: with a limiter per process neither would have refused.
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
    const right = await postLogin(web(0), email, DEMO_PASSWORD);
    assert.equal(right.status, 429, "the right password got through a locked account");
  });

  it("counts public API requests of one IP across both webs", async () => {
    // 120 a minute per IP: alternate the webs, each sees 60, yet the 121st request is refused.
    const statuses: number[] = [];
    for (let request = 0; request < 121; request++) {
      const response = await fetch(`${web(request % 2 === 0 ? 0 : 1)}/api/v1/institutions?q=swim`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    assert.deepEqual(
      statuses.slice(0, 120).filter((s) => s !== 200),
      [],
    );
    assert.equal(statuses[120], 429);
  });

  it("runs each job once, and fires the heartbeat scheduler once per tick, with two workers", async () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue("maintenance", { connection, prefix: cluster.redisPrefix });
    try {
      await waitFor("both workers on the maintenance queue", async () =>
        (await queue.getWorkersCount()) >= 2 ? true : null,
      );
      const schedulers = await queue.getJobSchedulers();
      assert.deepEqual(
        schedulers.map((s) => s.key),
        ["heartbeat"],
        "each worker upserted its own schedule",
      );

      const N = 200;
      const ids = Array.from({ length: N }, (_, i) => `scale-once-${i}`);
      await queue.addBulk(ids.map((jobId) => ({ name: "heartbeat", data: { v: 1 }, opts: { jobId } })));
      await waitFor("the queued jobs to complete", async () => {
        const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
        return states.every((s) => s === "completed") ? true : null;
      });
      const ticksOf = async () =>
        (await queue.getCompleted(0, -1))
          .map((job) => job.id ?? "")
          .filter((id) => id.startsWith("repeat:heartbeat:"))
          .map((id) => Number(id.slice("repeat:heartbeat:".length)));
      await waitFor("five scheduler ticks", async () => ((await ticksOf()).length >= 5 ? true : null));

      // Stop the workers (they finish their running jobs), so the counts below stand still.
      assert.deepEqual(await stopProcesses(started.filter((p) => p.name.includes("worker"))), []);

      const counts = await queue.getJobCounts("completed", "failed", "active");
      assert.equal(counts.failed, 0, "a heartbeat job failed");
      assert.equal(counts.active, 0, "a job was left active");
      const [row] = await ownerQuery<{ run_count: number }>(
        "SELECT run_count FROM job_heartbeat WHERE name = 'heartbeat'",
      );
      // Each completed job (queued or scheduled) recorded exactly one run: none ran twice.
      assert.equal(row?.run_count, counts.completed);

      const ticks = (await ticksOf()).sort((a, b) => a - b);
      const gaps = ticks.slice(1).map((t, i) => t - (ticks[i] ?? 0));
      assert.ok(
        gaps.every((gap) => gap >= cluster.heartbeatEveryMs),
        `two scheduler jobs within one period: ${JSON.stringify(gaps)}`,
      );
    } finally {
      await queue.close();
      await connection.quit();
    }
  });

  it("kept every web process alive", async () => {
    const dead = await deadProcesses(started.filter((p) => p.name.includes("web")));
    assert.deepEqual(dead, []);
  });
});
