/**
 * The fault suite (`npm run test:faults`): the production build's web and worker against a
 * PostgreSQL cluster and a Redis server of its own, which it stops, restarts and kills under
 * traffic. Each case prints what it checked. Needs `npm run build` first (scripts/test.sh does).
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { PrismaPg } from "@prisma/adapter-pg";
import { createCookie } from "@remix-run/node";
import { type Job, Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import Stripe from "stripe";
import { type AppProcess, startAppProcess, stopAppProcess, waitUntilHealthy } from "../e2e/support/app-processes.ts";
import { freePorts } from "../e2e/support/free-ports.ts";
import { OwnPostgres, OwnRedis } from "./support/services.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DATABASE = "tipei_faults";
const SECRET = "faults-session-secret-that-is-long-enough-0123456789";
const WEBHOOK_SECRET = "whsec_faults_webhook_secret";
const PREFIX = `tipei-faults-${process.pid}`;

for (const file of ["build/node/server.js", "build/node/worker.js", "build/server/index.js"]) {
  if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
}

const [pgPort, redisPort, webPort, workerPort] = await freePorts(4);
if (!pgPort || !redisPort || !webPort || !workerPort) throw new Error("no free ports");
const postgres = new OwnPostgres(pgPort);
const redis = new OwnRedis(redisPort);
const BASE = `http://127.0.0.1:${webPort}`;
const OWNER_URL = postgres.url("tipei", "tipei", DATABASE);

const appEnv = (port: number, name: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TZ: process.env.TZ,
  NODE_ENV: "production",
  TIPEI_PROCESS: name,
  PORT: String(port),
  APP_ORIGIN: BASE,
  DATABASE_URL: postgres.url("tipei_app", "tipei_app", DATABASE),
  REDIS_URL: redis.url,
  REDIS_PREFIX: PREFIX,
  SESSION_SECRET: SECRET,
  LOG_LEVEL: "warn",
  HEARTBEAT_EVERY_MS: "1000",
  MAIL_TRANSPORT: "outbox",
  MAIL_VIEWER: "on",
  TRUST_PROXY_HOPS: "0",
  PAYMENT_PROVIDER: "simulated",
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
// This process sets up data with the app's own modules, as the web would: same database, same Redis.
Object.assign(process.env, appEnv(webPort, "faults"), { MIGRATION_DATABASE_URL: OWNER_URL });

const { PrismaClient } = await import("~/generated/prisma/client.ts");
const { applyMigrations } = await import("../../scripts/db/migration-runner.ts");
const fx = await import("../integration/modules/escrow/escrow-fixtures.ts");
const { recordLesson } = await import("~/modules/escrow/lessons.server");
const { requestRefund } = await import("~/modules/escrow/refunds.server");
const { changeRegistration } = await import("~/modules/registry/filing.server");
const { isoDateInChina, addDays } = await import("~/lib/china-date");
const { runIdOf } = await import("../../workers/handlers/risk.ts");

let owner: InstanceType<typeof PrismaClient>;
let web: AppProcess | null = null;
let worker: AppProcess | null = null;
const log = (line: string) => console.log(`  · ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, check: () => Promise<T | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
}

function startWorker(): AppProcess {
  worker = startAppProcess("faults-worker", "build/node/worker.js", appEnv(workerPort as number, "worker"));
  return worker;
}

async function sessionCookie(email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await owner.$executeRaw`INSERT INTO user_session (user_id, token_hash, expires_at)
    SELECT id, ${createHash("sha256").update(token).digest("hex")}, now() + interval '1 day' FROM app_user WHERE email = ${email}`;
  const cookie = createCookie("tipei_session", { secrets: [SECRET], path: "/" });
  return (await cookie.serialize(token)).split(";")[0] ?? "";
}

async function post(pathname: string, form: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${BASE}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: BASE,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
}

/** Lessons recorded by the seller for these enrollments, one per hour slot of `day`. */
async function recordLessons(enrollmentIds: string[], count: number, day: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const hour = String(8 + i).padStart(2, "0");
    await recordLesson(fx.memberScope(fx.SELLER.adminEmail), fx.SELLER.id, {
      courseId: fx.SELLER.courseId,
      lessonDate: day,
      startTime: `${hour}:00`,
      endTime: `${hour}:45`,
      enrollmentIds,
    });
  }
}

const attendancesOf = (enrollmentIds: string[]) =>
  owner.lessonAttendance.findMany({ where: { enrollmentId: { in: enrollmentIds } }, orderBy: { id: "asc" } });

async function outboxWaiting(): Promise<number> {
  return owner.jobOutbox.count({ where: { relayedAt: null } });
}

/** Every key of the ledger once, every transaction balanced, no account below zero, no enrollment overdrawn. */
async function assertLedgerHolds(): Promise<void> {
  const violations = await fx.ledgerViolations(owner);
  for (const [name, rows] of Object.entries(violations)) assert.deepEqual(rows, [], `ledger invariant ${name}`);
  const keys = await owner.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) - count(DISTINCT idempotency_key) AS n FROM ledger_transaction`;
  assert.equal(Number(keys[0]?.n ?? 0), 0, "an idempotency key posted twice");
}

let today = "";
const E: Record<string, string> = {};

before(async () => {
  const started = Date.now();
  postgres.init();
  postgres.start();
  await postgres.createRolesAndDatabase(DATABASE);
  await applyMigrations({ connectionString: OWNER_URL, dir: path.join(ROOT, "prisma/migrations") });
  owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: OWNER_URL }) });
  await redis.start();
  startWorker();
  web = startAppProcess("faults-web", "build/node/server.js", appEnv(webPort, "web"));
  // The demo (people, a registry of four institutions per district) and a Xihu seller taking payments.
  await fx.setUpSeller(owner);
  await waitUntilHealthy(BASE, [web, worker as AppProcess], 60_000);
  today = isoDateInChina();
  for (const name of ["A", "B", "C1", "C2", "C3", "D1", "D2", "D3", "D4"]) {
    E[name] = (await fx.buyLessons(10, { trainee: `学员${name}` })).enrollmentId;
  }
  for (const name of ["W1", "W2"]) {
    E[name] = (await fx.buyLessons(10, { trainee: `学员${name}`, pay: "no" })).enrollmentId;
  }
  await recordLessons([E.A as string], 1, today);
  await recordLessons([E.C1, E.C2, E.C3] as string[], 3, addDays(today, -1));
  await recordLessons([E.D1, E.D2, E.D3, E.D4] as string[], 5, addDays(today, -2));
  console.log(
    `set-up: own PostgreSQL :${pgPort}, own Redis :${redisPort}, web and worker up, data in ${Date.now() - started} ms`,
  );
});

after(async () => {
  for (const app of [web, worker]) if (app) await stopAppProcess(app, 10_000);
  await owner?.$disconnect().catch(() => undefined);
  await redis.stop().catch(() => undefined);
  postgres.destroy();
});

test("Redis stopped during traffic: PostgreSQL-only pages serve, state changes commit, their jobs run once after", async () => {
  const parent = await sessionCookie(fx.PARENT.email);
  const admin = await sessionCookie(fx.SELLER.adminEmail);
  const { refundId } = await requestRefund(fx.parentScope(), E.B as string, "孩子搬家，无法继续上课。");
  const [pending] = await attendancesOf([E.A as string]);
  assert.ok(pending, "a lesson to confirm");

  await redis.stop();
  const health = await fetch(`${BASE}/healthz`);
  const body = (await health.json()) as { db: string; redis: string };
  assert.equal(health.status, 503);
  assert.equal(body.db, "ok");
  assert.equal(body.redis, "down");
  log(`/healthz answers 503 naming the part: db=${body.db} redis=${body.redis}`);

  for (const page of [
    "/",
    "/institutions",
    `/institutions/${fx.SELLER.registrationNo}`,
    "/login",
    "/api/v1/institutions",
  ]) {
    const res = await fetch(`${BASE}${page}`);
    assert.equal(res.status, 200, `${page} while Redis is down`);
  }
  log("public search, a public profile, the login page and the public API answer 200 without Redis");

  const confirm = await post(`/account/enrollments/${E.A}`, { intent: "confirm", attendanceId: pending.id }, parent);
  assert.ok(confirm.status < 400, `a parent confirms a lesson: ${confirm.status}`);
  const accept = await post(`/org/${fx.SELLER.id}/escrow`, { intent: "acceptRefund", refundId }, admin);
  assert.ok(accept.status < 400, `the institution accepts a refund: ${accept.status}`);
  const reset = await post("/forgot-password", { email: fx.PARENT.email });
  assert.equal(reset.status, 200, "a password reset is requested");
  assert.equal((await owner.lessonAttendance.findUniqueOrThrow({ where: { id: pending.id } })).status, "CONFIRMED");
  assert.equal((await owner.refundRequest.findUniqueOrThrow({ where: { id: refundId } })).status, "APPROVED");
  const waiting = await outboxWaiting();
  assert.ok(waiting >= 2, "the refund payment and the email wait in the job outbox");
  log(
    `while Redis was down: lesson confirmed, refund approved, reset email written; ${waiting} jobs wait in the outbox`,
  );

  await redis.start();
  const paid = await waitFor("the refund paid after Redis returned", async () => {
    const r = await owner.refundRequest.findUniqueOrThrow({ where: { id: refundId } });
    return r.status === "SUCCEEDED" ? r : null;
  });
  const email = await waitFor("the reset email delivered", async () => {
    const e = await owner.emailOutbox.findFirst({ where: { kind: "password-reset" } });
    return e?.sentAt ? e : null;
  });
  await waitFor("the outbox relayed", async () => (await outboxWaiting()) === 0);
  await waitUntilHealthy(BASE, [], 20_000);
  const providerRefunds = await owner.simulatedProviderRecord.count({
    where: { idempotencyKey: `refund:${refundId}` },
  });
  const refundPosts = await owner.ledgerTransaction.count({ where: { referenceId: refundId } });
  assert.equal(paid.status, "SUCCEEDED");
  assert.equal(providerRefunds, 1, "the provider was asked to refund once");
  assert.equal(email.attempts, 1, "the email was sent once");
  log(
    `after Redis returned: refund paid once (provider refunds=${providerRefunds}, ledger postings=${refundPosts}), email sent once (attempts=${email.attempts}), outbox empty, /healthz 200`,
  );
});

test("PostgreSQL restarted during traffic: clean 503s, recovery without a restart, no half-written record", async () => {
  const parent = await sessionCookie(fx.PARENT.email);
  const attendances = await attendancesOf([E.C1, E.C2, E.C3] as string[]);
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  let stop = false;
  const pages = ["/institutions", `/institutions/${fx.SELLER.registrationNo}`, "/api/v1/institutions", "/login"];
  const reader = async () => {
    for (let i = 0; !stop; i++) {
      const page = pages[i % pages.length] as string;
      try {
        const res = await fetch(`${BASE}${page}`, { signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 && res.status !== 503) problems.push(`${page}: ${res.status}`);
        // Error details must not leak into any answer, a page served in full included.
        if (/\n\s+at |ECONNREFUSED|PrismaClient|DriverAdapterError/.test(text))
          problems.push(`${page}: details leaked`);
      } catch (error) {
        problems.push(`${page}: ${String(error)}`);
      }
    }
  };
  const confirmer = async () => {
    for (const a of attendances) {
      const res = await post(
        `/account/enrollments/${a.enrollmentId}`,
        { intent: "confirm", attendanceId: a.id },
        parent,
      );
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500 && res.status !== 503) problems.push(`confirm: ${res.status}`);
      await sleep(150);
    }
  };
  const traffic = [reader(), reader(), confirmer()];
  await sleep(500);
  postgres.stop();
  await sleep(1_500);
  postgres.start();
  const webPid = web?.child.pid;
  await waitFor("the app serving again", async () => (await fetch(`${BASE}/institutions`)).status === 200, 30_000);
  await sleep(500);
  stop = true;
  await Promise.all(traffic);
  assert.deepEqual(problems, []);
  assert.ok((statuses.get(503) ?? 0) > 0, "some requests met the restart");
  assert.equal(web?.child.pid, webPid);
  assert.equal(web?.child.exitCode, null, "the web kept running");
  log(
    `answers during the restart: ${JSON.stringify(Object.fromEntries(statuses))}; no 500, no stack trace; same web process serves again`,
  );

  // Each lesson answered wholly or not at all: CONFIRMED exactly when its release is in the ledger and the audit.
  const after = await owner.lessonAttendance.findMany({ where: { id: { in: attendances.map((a) => a.id) } } });
  let confirmed = 0;
  for (const a of after) {
    const postings = await owner.ledgerTransaction.count({ where: { referenceId: a.id } });
    const audits = await owner.auditEvent.count({ where: { entityId: a.id, action: { startsWith: "escrow.lesson" } } });
    if (a.status === "CONFIRMED") {
      confirmed += 1;
      assert.equal(postings, 1, `attendance ${a.id} confirmed with one release`);
      assert.ok(audits >= 1, `attendance ${a.id} confirmed and audited`);
    } else {
      assert.equal(a.status, "PENDING");
      assert.equal(postings, 0, `attendance ${a.id} not confirmed and nothing posted`);
    }
  }
  await assertLedgerHolds();
  log(
    `${confirmed}/${after.length} lessons confirmed, each with exactly one release posting and audit; the rest untouched`,
  );
});

test("each payment webhook delivered three times and out of order: one effect each", async () => {
  const payments = await owner.payment.findMany({ where: { enrollmentId: { in: [E.W1, E.W2] as string[] } } });
  assert.equal(payments.length, 2);
  // The charges these events announce, as the payment provider holds them (the simulated provider
  // is the app's provider here): a later refund of these enrollments is paid back from them.
  const intentOf = (p: { id: string }) => `sim_pi_${p.id.replace(/-/g, "")}`;
  for (const p of payments) {
    await owner.simulatedProviderRecord.create({
      data: {
        id: intentOf(p),
        kind: "CHARGE",
        parentId: p.checkoutSessionId,
        amountFen: BigInt(p.amountFen),
        status: "succeeded",
        metadata: { paymentId: p.id, enrollmentId: p.enrollmentId },
        idempotencyKey: `charge:${p.id}`,
      },
    });
    await owner.simulatedProviderRecord.update({
      where: { id: p.checkoutSessionId ?? "" },
      data: { status: "complete", updatedAt: new Date() },
    });
  }
  const stripe = new Stripe("sk_test_faults");
  const events = payments.flatMap((p) => [
    {
      id: `evt_faults_open_${p.id.slice(0, 8)}`,
      type: "checkout.session.completed",
      object: { payment_status: "unpaid", status: "complete" },
      p,
    },
    {
      id: `evt_faults_paid_${p.id.slice(0, 8)}`,
      type: "checkout.session.async_payment_succeeded",
      object: { payment_status: "paid", status: "complete" },
      p,
    },
  ]);
  const deliveries = [...events, ...events, ...events].reverse(); // the success arrives before "processing"
  const answers: string[] = [];
  for (const e of deliveries) {
    const payload = JSON.stringify({
      id: e.id,
      object: "event",
      type: e.type,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: e.p.checkoutSessionId,
          object: "checkout.session",
          payment_intent: intentOf(e.p),
          amount_total: e.p.amountFen,
          currency: "cny",
          client_reference_id: e.p.id,
          metadata: { paymentId: e.p.id, enrollmentId: e.p.enrollmentId },
          ...e.object,
        },
      },
    });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await fetch(`${BASE}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": header },
      body: payload,
    });
    assert.equal(res.status, 200);
    answers.push(((await res.json()) as { duplicate: boolean }).duplicate ? "dup" : "new");
  }
  assert.equal(answers.filter((a) => a === "new").length, events.length, "each event stored once");
  await waitFor("every event processed", async () => {
    const left = await owner.paymentEvent.count({ where: { id: { in: events.map((e) => e.id) }, processedAt: null } });
    return left === 0;
  });
  for (const p of payments) {
    const captured = await owner.ledgerTransaction.count({
      where: { enrollmentId: p.enrollmentId, kind: "PAYMENT_CAPTURED" },
    });
    const payment = await owner.payment.findUniqueOrThrow({ where: { id: p.id } });
    assert.equal(captured, 1, "the payment captured once");
    assert.equal(payment.status, "SUCCEEDED", "a late 'processing' does not undo the success");
    assert.equal(payment.paymentIntentId, intentOf(p), "the charge the events name");
  }
  log(
    `${deliveries.length} deliveries of ${events.length} events, reversed: ${events.length} stored, each payment captured once and SUCCEEDED`,
  );
});

/** Queues a job straight into the worker's Redis, as a schedule or another process would. */
async function addJob(queue: string, name: string, data: Record<string, unknown>, jobId?: string): Promise<Job> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection, prefix: PREFIX });
  try {
    return await q.add(name, data, jobId ? { jobId } : {});
  } finally {
    await q.close();
    await connection.quit();
  }
}

/**
 * A row lock held in a transaction of the suite's own: the worker's batch stops at that row, in
 * the middle, with the rows before it committed and that row's transaction open.
 */
type RowLock = { pid: number; release: () => Promise<void> };

async function holdRowLock(sql: string, params: unknown[]): Promise<RowLock> {
  const client = new pg.Client({ connectionString: postgres.url("postgres", "", DATABASE) });
  await client.connect();
  await client.query("BEGIN");
  const locked = await client.query(sql, params);
  assert.equal(locked.rowCount, 1, `one row locked by: ${sql}`);
  const pid = Number((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid);
  return {
    pid,
    release: async () => {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

/**
 * Waits until a worker transaction waits for `lock`, kills the worker with SIGKILL there, lets the
 * lock go (the dead worker's open transaction then rolls back) and starts a new worker. The job
 * that was cut off is BullMQ's to recover: once its lock has expired, the stalled-job check hands
 * it to the new worker (30 to 90 seconds with the default lock duration and check interval).
 */
async function killWorkerBlockedOn(what: string, lock: RowLock): Promise<number> {
  let killedAt = 0;
  try {
    await waitFor(
      what,
      async () => {
        const rows = await owner.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE usename = 'tipei_app' AND ${lock.pid}::int = ANY(pg_blocking_pids(pid))`;
        return (rows[0]?.n ?? 0) > 0;
      },
      60_000,
    );
    const dying = worker as AppProcess;
    dying.child.kill("SIGKILL");
    killedAt = Date.now();
    const status = await dying.exited;
    assert.equal(status.signal, "SIGKILL", "the worker died of SIGKILL");
  } finally {
    await lock.release();
  }
  startWorker();
  return killedAt;
}

type Resumed = { pickedUpAfterS: number; doneAfterS: number; attempts: number };
const describeResume = (r: Resumed) =>
  `BullMQ handed the same job to the new worker ${r.pickedUpAfterS} s after the kill (attempt ${r.attempts}), done at ${r.doneAfterS} s`;

/** Waits for the cut-off job to complete under the new worker; when it was picked up again and finished. */
async function waitForJob(
  job: Pick<Job, "queueName" | "name" | "id">,
  killedAt: number,
  timeoutMs = 150_000,
): Promise<Resumed> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const q = new Queue(job.queueName, { connection, prefix: PREFIX });
  try {
    const state = await waitFor(
      `job ${job.name} ${job.id} to complete after the restart`,
      async () => {
        const s = await q.getJobState(job.id as string);
        if (s === "failed")
          throw new Error(`job ${job.name} failed: ${(await q.getJob(job.id as string))?.failedReason}`);
        return s === "completed" ? s : null;
      },
      timeoutMs,
    );
    assert.equal(state, "completed");
    const done = await q.getJob(job.id as string);
    const seconds = (at: number | undefined) => Math.round(((at ?? 0) - killedAt) / 100) / 10;
    return {
      pickedUpAfterS: seconds(done?.processedOn),
      doneAfterS: seconds(done?.finishedOn),
      attempts: done?.attemptsStarted ?? 0,
    };
  } finally {
    await q.close();
    await connection.quit();
  }
}

test("the worker killed with SIGKILL in the middle of a lesson release: every lesson released once", async () => {
  // The D lessons become overdue; the auto-confirm batch releases them one transaction each, in
  // (due date, id) order, and the worker dies while the ninth one's transaction is open.
  const dIds = [E.D1, E.D2, E.D3, E.D4] as string[];
  await owner.$executeRaw`UPDATE lesson_attendance SET confirm_due_on = ${addDays(today, -10)}::date
    WHERE enrollment_id = ANY(${dIds}::uuid[])`;
  const due = await owner.lessonAttendance.findMany({
    where: { enrollmentId: { in: dIds } },
    orderBy: [{ confirmDueOn: "asc" }, { id: "asc" }],
  });
  const total = due.length;
  assert.equal(total, 20, "4 enrollments with 5 recorded lessons each");
  const cut = 8;
  const lock = await holdRowLock("SELECT id FROM lesson_attendance WHERE id = $1 FOR UPDATE", [due[cut]?.id]);
  const job = await addJob("escrow", "auto-confirm-lessons", { v: 1 }, `faults-release-${Date.now()}`);
  const released = () =>
    owner.lessonAttendance.count({ where: { enrollmentId: { in: dIds }, status: "AUTO_CONFIRMED" } });
  const killedAt = await killWorkerBlockedOn("the release batch at the ninth lesson", lock);
  const atKill = await released();
  assert.equal(atKill, cut, "the lessons before the cut were released and committed, the cut one was not");
  const resumed = await waitForJob(job, killedAt);
  assert.equal(await released(), total);
  for (const a of due) {
    assert.equal(await owner.ledgerTransaction.count({ where: { referenceId: a.id } }), 1, `one release of ${a.id}`);
    const audits = await owner.auditEvent.count({ where: { entityId: a.id, action: { startsWith: "escrow.lesson" } } });
    assert.equal(audits, 1, `one audit event for ${a.id}`);
  }
  await assertLedgerHolds();
  log(
    `killed with ${atKill}/${total} released and the next one's transaction open; ${describeResume(resumed)}: all ${total} released, one ledger transaction and one audit event each`,
  );
});

test("the worker killed with SIGKILL in the middle of a scoring run: one assessment per institution, one run", async () => {
  const province = await owner.authority.findFirstOrThrow({ where: { parentId: null, code: "330000" } });
  // A run scores the registered and the suspended institutions of the tenant (SCORED_STATUSES in
  // app/modules/risk/scoring.server.ts): parents still have money and children at a suspended one.
  const targets = await owner.$queryRaw<{ id: string; status: string }[]>`
    WITH RECURSIVE t AS (SELECT id FROM authority WHERE id = ${province.id}::uuid
      UNION ALL SELECT a.id FROM authority a JOIN t ON a.parent_id = t.id)
    SELECT id::text, status::text FROM institution
     WHERE authority_id IN (SELECT id FROM t) AND status IN ('APPROVED', 'SUSPENDED') ORDER BY id`;
  const expected = targets.length;
  const suspended = targets.filter((t) => t.status === "SUSPENDED").length;
  assert.ok(suspended > 0, "the demo has suspended institutions in the province (they are scored too)");
  // The run's batch stops at one institution's row (its assessment's foreign key waits for it).
  const blocked = targets[Math.floor(expected / 2)]?.id;
  const lock = await holdRowLock("SELECT id FROM institution WHERE id = $1::uuid FOR UPDATE", [blocked]);
  const job = await addJob(
    "risk",
    "score-risk-tenant",
    { v: 1, authorityId: province.id, trigger: "manual" },
    `faults-score-${Date.now()}`,
  );
  const runId = runIdOf(job);
  const assessed = () => owner.riskAssessment.count({ where: { runId } });
  const killedAt = await killWorkerBlockedOn("the scoring run writing its assessments", lock);
  const atKill = await assessed();
  assert.equal(atKill, 0, "the batch that was being written left nothing behind");
  const resumed = await waitForJob(job, killedAt);
  const rows = await owner.$queryRaw<{ n: number; distinct_n: number }[]>`
    SELECT count(*)::int AS n, count(DISTINCT institution_id)::int AS distinct_n FROM risk_assessment
     WHERE run_id = ${runId}::uuid`;
  assert.equal(rows[0]?.n, expected, "every registered or suspended institution assessed in the job's run");
  assert.equal(rows[0]?.distinct_n, expected, "one assessment per institution");
  const others = await owner.riskAssessment.count({ where: { trigger: "manual", runId: { not: runId } } });
  assert.equal(others, 0, "the retried job continued its run instead of starting another");
  log(
    `killed while the run wrote its batch (${atKill}/${expected} committed; ${expected - suspended} registered and ${suspended} suspended institutions); ${describeResume(resumed)}: run ${runId.slice(0, 8)} holds ${expected} assessments, one per institution, no other run`,
  );
});

test("the worker killed with SIGKILL in the middle of a closure refund batch: every enrollment refunded once", async () => {
  // The seller is suspended; the closure job (queued through the job outbox in the same
  // transaction) closes its enrollments one transaction each, in id order, refunding what is unused.
  const active = await owner.enrollment.findMany({
    where: { institutionId: fx.SELLER.id, status: "ACTIVE" },
    orderBy: { id: "asc" },
  });
  assert.ok(active.length >= 8, `enough active enrollments to cut the batch: ${active.length}`);
  const cut = 3;
  // A regulator admin of the seller's district or of an authority above it.
  const [regulator] = await owner.$queryRaw<{ user_id: string; authority_id: string }[]>`
    WITH RECURSIVE up AS (SELECT id, parent_id, 0 AS depth FROM authority
                           WHERE id = (SELECT authority_id FROM institution WHERE id = ${fx.SELLER.id}::uuid)
      UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id)
    SELECT m.user_id::text, m.authority_id::text FROM membership m JOIN up ON up.id = m.authority_id
     WHERE m.role = 'REGULATOR_ADMIN' ORDER BY up.depth LIMIT 1`;
  assert.ok(regulator, "a regulator of the seller");
  const lock = await holdRowLock("SELECT id FROM enrollment WHERE id = $1::uuid FOR UPDATE", [active[cut]?.id]);
  try {
    await changeRegistration(
      { userId: regulator.user_id, authorityId: regulator.authority_id, platform: false },
      fx.SELLER.id,
      "suspend",
      "故障演练：暂停登记，退还未消费课时费。",
    );
  } catch (error) {
    await lock.release();
    throw error;
  }
  const closureRefunds = () => owner.refundRequest.count({ where: { institutionId: fx.SELLER.id, origin: "CLOSURE" } });
  const killedAt = await killWorkerBlockedOn("the closure refunds at the fourth enrollment", lock);
  const refundsAtKill = await closureRefunds();
  assert.equal(refundsAtKill, cut, "the enrollments before the cut were refunded and committed, the cut one was not");
  const [outboxed] = await owner.jobOutbox.findMany({
    where: { name: "refund-on-closure" },
    orderBy: { createdAt: "desc" },
    take: 1,
  });
  assert.ok(outboxed, "the closure job went through the job outbox");
  const paidAtKill = await owner.refundRequest.count({
    where: { institutionId: fx.SELLER.id, origin: "CLOSURE", status: "SUCCEEDED" },
  });
  const resumed = await waitForJob({ queueName: "escrow", name: outboxed.name, id: outboxed.jobId }, killedAt);
  // Each refund is paid by a job of its own, queued with it: the kill may have cut one of those
  // too (BullMQ hands it back after the same 30 to 90 seconds), and the provider's report of a
  // refund paid just before the kill must still reach the ledger.
  const unpaid = () =>
    owner.refundRequest.findMany({
      where: { institutionId: fx.SELLER.id, origin: "CLOSURE", status: { not: "SUCCEEDED" } },
      select: { id: true, status: true, providerRefundId: true },
    });
  try {
    await waitFor(
      "every closure refund paid",
      async () => (await unpaid()).length === 0,
      killedAt + 150_000 - Date.now(),
    );
  } catch (error) {
    const left = await unpaid();
    const events = await owner.paymentEvent.findMany({
      where: { processedAt: null },
      select: { id: true, type: true },
    });
    throw new Error(
      `${String(error)}; unpaid: ${JSON.stringify(left)}; provider refunds of them: ${await owner.simulatedProviderRecord.count(
        { where: { idempotencyKey: { in: left.map((r) => `refund:${r.id}`) } } },
      )}; unprocessed events: ${JSON.stringify(events)}`,
    );
  }
  const paidAfterS = Math.round((Date.now() - killedAt) / 1000);
  const open = await owner.enrollment.count({ where: { institutionId: fx.SELLER.id, status: "ACTIVE" } });
  assert.equal(open, 0, "every enrollment closed");
  const refunds = await owner.refundRequest.findMany({ where: { institutionId: fx.SELLER.id, origin: "CLOSURE" } });
  // Every active enrollment had unrecorded lessons (10 bought, at most 5 recorded), so each gets one refund.
  assert.deepEqual(
    refunds.map((r) => r.enrollmentId).sort(),
    active.map((e) => e.id).sort(),
    "one closure refund per active enrollment",
  );
  for (const r of refunds) {
    assert.equal(
      await owner.simulatedProviderRecord.count({ where: { idempotencyKey: `refund:${r.id}` } }),
      1,
      `refund ${r.id} paid once at the provider`,
    );
    assert.equal(
      await owner.ledgerTransaction.count({ where: { referenceId: r.id, kind: "REFUND_PAID" } }),
      1,
      `refund ${r.id} posted once`,
    );
  }
  await assertLedgerHolds();
  log(
    `killed with ${refundsAtKill}/${active.length} enrollments refunded (${paidAtKill} of them paid) and the next one's transaction open; ${describeResume(resumed)}; all paid ${paidAfterS} s after the kill: ${refunds.length} closure refunds, one per enrollment, each paid once at the provider and posted once`,
  );
});

test("at the end: ledger invariants and the audit hash chain hold", async () => {
  await assertLedgerHolds();
  const broken = await owner.$queryRaw<{ broken: bigint | null }[]>`SELECT audit_verify_chain() AS broken`;
  assert.equal(broken[0]?.broken ?? null, null);
  const events = await owner.auditEvent.count();
  // Jobs written by the last transactions are relayed on their commit's notification or within
  // the relay's one-second poll: the outbox empties, nothing stays behind in it.
  const inFlight = await outboxWaiting();
  await waitFor("the job outbox relayed to the last row", async () => (await outboxWaiting()) === 0, 20_000);
  log(
    `ledger: balanced, no negative account, no overdrawn enrollment, every key once; audit chain of ${events} events verifies; job outbox empty (${inFlight} rows were in flight at the last step)`,
  );
});
