// Lesson releases (一课一消) per second with concurrent writers, as the auto-confirmation job and
// parents' confirmations release them: each release locks its attendance and enrollment escrow,
// posts a balanced ledger transaction, updates the attendance and appends an audit event.
// `npm run bench -- escrow-release`. BENCH_INSTITUTIONS (default 10,000; 100,000 works) registered
// institutions with 5 paid enrollments each, escrowed in the ledger; BENCH_RELEASES (default 4000)
// pending attendances, 4 per enrollment, of enrollments drawn evenly across them; BENCH_WRITERS
// (default 20) at once. The data is generated in SQL (generate_series), deterministic ids.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { benchDatabase, benchLine } from "./support/bench-database";
import { benchId, districtId, generateJurisdiction, institutionId } from "./support/generate-jurisdiction";

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const releases = Number(process.env.BENCH_RELEASES ?? 4000);
const writers = Number(process.env.BENCH_WRITERS ?? 20);
const DISTRICTS = 10;
const db = await benchDatabase("escrow");
Object.assign(process.env, {
  DATABASE_URL: db.appUrl,
  MIGRATION_DATABASE_URL: db.ownerUrl,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  SESSION_SECRET: "bench-session-secret-0123456789abcdef",
  LOG_LEVEL: "warn",
});

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

try {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("~/generated/prisma/client.ts");
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.ownerUrl }) });

  // The jurisdiction, then four recorded lessons awaiting an answer for each drawn enrollment: the
  // first enrollment of every `stride`-th institution (20 lessons each, so none finishes).
  const setupStart = performance.now();
  const perEnrollment = 4;
  const drawn = Math.min(institutions, Math.ceil(releases / perEnrollment));
  const stride = Math.max(1, Math.floor(institutions / drawn));
  const c = new pg.Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    const { parentId } = await generateJurisdiction(c, {
      institutions,
      districts: DISTRICTS,
      enrollmentsPerInstitution: 5,
    });
    const drawnSeries = `(SELECT 1 + j * ${stride} AS g FROM generate_series(0, ${drawn - 1}) j) s
                         CROSS JOIN generate_series(1, ${perEnrollment}) d`;
    await c.query(`
      INSERT INTO lesson (id, institution_id, authority_id, course_id, lesson_date, start_time, end_time)
      SELECT ${benchId("'lesson:' || g || ':' || d")}, ${institutionId("g")}, ${districtId("g", DISTRICTS)},
             ${benchId("'course:' || g")}, current_date - d, '16:00', '17:00'
        FROM ${drawnSeries}`);
    await c.query(
      `INSERT INTO lesson_attendance (id, lesson_id, enrollment_id, institution_id, authority_id, parent_user_id, price_fen,
                                      confirm_due_on, updated_at)
       SELECT ${benchId("'attendance:' || g || ':' || d")}, ${benchId("'lesson:' || g || ':' || d")},
              ${benchId("'enrollment:' || g || ':1'")}, ${institutionId("g")}, ${districtId("g", DISTRICTS)},
              $1, 10000, current_date - 1, now()
         FROM ${drawnSeries}`,
      [parentId],
    );
    await c.query("COMMIT");
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
  const ids = (
    await owner.lessonAttendance.findMany({
      where: { status: "PENDING" },
      select: { id: true },
      orderBy: { id: "asc" },
    })
  )
    .map((a) => a.id)
    .slice(0, releases);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  const { unsafeAsSystem } = await import("~/lib/db-scope.server");
  const { lockAttendance, releaseAttendance } = await import("~/modules/escrow/lesson-release.server");
  const { runShutdownHooks } = await import("~/lib/shutdown.server");
  const latencies: number[] = [];
  let requeued = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const id = ids[i] ?? "";
        const t0 = performance.now();
        // More writers than pooled connections: a writer may wait longer for one than Prisma lets a
        // transaction wait to start (P2028, nothing done yet). It queues again; the wait is in its latency.
        for (let attempt = 1; ; attempt++) {
          try {
            await unsafeAsSystem(async (tx) => {
              const attendance = await lockAttendance(tx, id);
              if (attendance) await releaseAttendance(tx, attendance, "AUTO_CONFIRMED", { userId: null });
            });
            break;
          } catch (error) {
            const notStarted =
              (error as { code?: string }).code === "P2028" && /start a transaction/.test(String(error));
            if (!notStarted || attempt === 10) throw error;
            requeued += 1;
          }
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await runShutdownHooks(() => {});

  const [check] = await owner.$queryRaw<
    { unbalanced: bigint; negative: bigint; overdrawn: bigint; released: bigint }[]
  >`
    SELECT (SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry GROUP BY transaction_id
                                   HAVING sum(amount_fen) <> 0) x) AS unbalanced,
           (SELECT count(*) FROM (SELECT a.id FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
                                   WHERE a.kind <> 'PROVIDER_CLEARING' GROUP BY a.id HAVING sum(e.amount_fen) < 0) x) AS negative,
           (SELECT count(*) FROM enrollment_funds WHERE consumed_fen + refunded_fen > paid_fen) AS overdrawn,
           (SELECT count(*) FROM ledger_transaction WHERE kind = 'LESSON_RELEASE' AND idempotency_key LIKE 'lesson-release:%') AS released`;
  await owner.$disconnect();
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `generated ${institutions} institutions, ${ids.length} attendances of ${drawn} enrollments in ${setupSeconds.toFixed(1)} s`,
  );
  console.log(`invariants: ${JSON.stringify(check, (_, v) => (typeof v === "bigint" ? Number(v) : v))}`);
  if (
    !check ||
    check.unbalanced > 0n ||
    check.negative > 0n ||
    check.overdrawn > 0n ||
    Number(check.released) < ids.length
  )
    throw new Error("the ledger's invariants do not hold after the run");
  console.log(
    benchLine("escrow-release", {
      institutions,
      releases: ids.length,
      writers,
      releases_per_s: (ids.length / seconds).toFixed(0),
      p50_ms: quantile(sorted, 0.5).toFixed(1),
      p99_ms: quantile(sorted, 0.99).toFixed(1),
      requeued,
      invariants: "ok",
    }),
  );
} finally {
  await db.drop();
}
