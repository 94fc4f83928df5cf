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
import { Queue } from "bullmq";
import { Redis } from "ioredis";
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
        if (res.status !== 200 && /\n\s+at |ECONNREFUSED|PrismaClient|DriverAdapterError/.test(text))
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
          payment_intent: `pi_faults_${e.p.id.slice(0, 8)}`,
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
  }
  log(
    `${deliveries.length} deliveries of ${events.length} events, reversed: ${events.length} stored, each payment captured once and SUCCEEDED`,
  );
});

async function addJob(queue: string, name: string, data: Record<string, unknown>, jobId?: string): Promise<void> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection, prefix: PREFIX });
  try {
    await q.add(name, data, jobId ? { jobId } : {});
  } finally {
    await q.close();
    await connection.quit();
  }
}

/** SIGKILL the worker once `started` is true (polled closely), then start a new one. */
async function killWorkerWhen(what: string, started: () => Promise<boolean>): Promise<void> {
  await waitFor(what, async () => started(), 60_000);
  worker?.child.kill("SIGKILL");
  await worker?.exited;
  startWorker();
}

test("the worker killed with SIGKILL in a lesson release, a scoring run and a refund batch: every effect once", async () => {
  // Lesson release: the D lessons become overdue, the auto-confirm batch starts, the worker dies in it.
  const dIds = [E.D1, E.D2, E.D3, E.D4] as string[];
  await owner.$executeRaw`UPDATE lesson_attendance SET confirm_due_on = ${addDays(today, -10)}::date
    WHERE enrollment_id = ANY(${dIds}::uuid[])`;
  const total = (await attendancesOf(dIds)).length;
  await addJob("escrow", "auto-confirm-lessons", { v: 1 });
  const released = () =>
    owner.lessonAttendance.count({ where: { enrollmentId: { in: dIds }, status: "AUTO_CONFIRMED" } });
  await killWorkerWhen("the release batch under way", async () => (await released()) > 0);
  const atKill = await released();
  await addJob("escrow", "auto-confirm-lessons", { v: 1 });
  await waitFor("every overdue lesson released", async () => (await released()) === total);
  for (const a of await attendancesOf(dIds)) {
    assert.equal(await owner.ledgerTransaction.count({ where: { referenceId: a.id } }), 1);
  }
  log(
    `lesson release: killed after ${atKill}/${total}; after restart all ${total} released, one ledger transaction each`,
  );

  // Scoring run: one assessment per institution and run, however often the run is cut off.
  const province = await owner.authority.findFirstOrThrow({ where: { parentId: null, code: "330000" } });
  const startedAt = new Date();
  await addJob(
    "risk",
    "score-risk-tenant",
    { v: 1, authorityId: province.id, trigger: "manual" },
    `faults-score-${Date.now()}`,
  );
  const assessed = () => owner.riskAssessment.count({ where: { assessedAt: { gte: startedAt } } });
  await killWorkerWhen("the scoring run under way", async () => (await assessed()) > 0);
  const scoredAtKill = await assessed();
  const institutions = await owner.$queryRaw<{ n: bigint }[]>`
    WITH RECURSIVE t AS (SELECT id FROM authority WHERE id = ${province.id}::uuid
      UNION ALL SELECT a.id FROM authority a JOIN t ON a.parent_id = t.id)
    SELECT count(*) AS n FROM institution WHERE authority_id IN (SELECT id FROM t) AND status = 'APPROVED'`;
  const expected = Number(institutions[0]?.n ?? 0);
  // The cut-off job is retried once its lock expires (BullMQ's stalled-job check): same job, same run.
  const runs = await waitFor(
    "the scoring run finished after the restart",
    async () => {
      const rows = await owner.$queryRaw<{ run_id: string; n: bigint; distinct_n: bigint }[]>`
        SELECT run_id::text, count(*) AS n, count(DISTINCT institution_id) AS distinct_n FROM risk_assessment
         WHERE assessed_at >= ${startedAt} GROUP BY run_id`;
      const full = rows.find((r) => Number(r.distinct_n) >= expected);
      return full ? rows : null;
    },
    120_000,
  );
  for (const r of runs)
    assert.equal(Number(r.n), Number(r.distinct_n), `run ${r.run_id}: one assessment per institution`);
  log(
    `scoring run: killed after ${scoredAtKill}/${expected} assessments; resumed in ${runs.length} run(s), one assessment per institution and run`,
  );

  // Refund batch: the seller is suspended (closure refunds queued with it, through the job outbox).
  const active = await owner.enrollment.findMany({ where: { institutionId: fx.SELLER.id, status: "ACTIVE" } });
  // A regulator admin of the seller's district or of an authority above it.
  const [regulator] = await owner.$queryRaw<{ user_id: string; authority_id: string }[]>`
    WITH RECURSIVE up AS (SELECT id, parent_id, 0 AS depth FROM authority
                           WHERE id = (SELECT authority_id FROM institution WHERE id = ${fx.SELLER.id}::uuid)
      UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id)
    SELECT m.user_id::text, m.authority_id::text FROM membership m JOIN up ON up.id = m.authority_id
     WHERE m.role = 'REGULATOR_ADMIN' ORDER BY up.depth LIMIT 1`;
  assert.ok(regulator, "a regulator of the seller");
  const closureRefunds = () => owner.refundRequest.count({ where: { institutionId: fx.SELLER.id, origin: "CLOSURE" } });
  await changeRegistration(
    { userId: regulator.user_id, authorityId: regulator.authority_id, platform: false },
    fx.SELLER.id,
    "suspend",
    "故障演练：暂停登记，退还未消费课时费。",
  );
  await killWorkerWhen("the closure refunds under way", async () => (await closureRefunds()) > 0);
  const refundsAtKill = await closureRefunds();
  await waitFor(
    "every enrollment closed and refunded",
    async () => {
      const open = await owner.enrollment.count({ where: { institutionId: fx.SELLER.id, status: "ACTIVE" } });
      const unpaid = await owner.refundRequest.count({
        where: { institutionId: fx.SELLER.id, origin: "CLOSURE", status: { not: "SUCCEEDED" } },
      });
      return open === 0 && unpaid === 0;
    },
    120_000,
  );
  const refunds = await owner.refundRequest.findMany({ where: { institutionId: fx.SELLER.id, origin: "CLOSURE" } });
  for (const r of refunds) {
    assert.equal(await owner.simulatedProviderRecord.count({ where: { idempotencyKey: `refund:${r.id}` } }), 1);
  }
  const perEnrollment = new Set(refunds.map((r) => r.enrollmentId));
  assert.equal(perEnrollment.size, refunds.length, "one closure refund per enrollment");
  log(
    `refund batch: killed after ${refundsAtKill} of ${refunds.length} closure refunds (${active.length} active enrollments); all paid once at the provider, one per enrollment`,
  );
});

test("at the end: ledger invariants and the audit hash chain hold", async () => {
  await assertLedgerHolds();
  const broken = await owner.$queryRaw<{ broken: bigint | null }[]>`SELECT audit_verify_chain() AS broken`;
  assert.equal(broken[0]?.broken ?? null, null);
  const events = await owner.auditEvent.count();
  const waiting = await outboxWaiting();
  assert.equal(waiting, 0);
  log(
    `ledger: balanced, no negative account, no overdrawn enrollment, every key once; audit chain of ${events} events verifies; outbox empty`,
  );
});
