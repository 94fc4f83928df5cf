// Lesson releases (一课一消) per second with concurrent writers, as the auto-confirmation job and
// parents' confirmations release them: each release locks its attendance and enrollment escrow,
// posts a balanced ledger transaction, updates the attendance and appends an audit event.
// `npm run bench -- escrow-release`. BENCH_RELEASES (default 4000) attendances spread over
// enrollments of every registered demo institution; BENCH_WRITERS (default 20) at once.
import { performance } from "node:perf_hooks";
import { benchDatabase, benchLine } from "./support/bench-database";

const releases = Number(process.env.BENCH_RELEASES ?? 4000);
const writers = Number(process.env.BENCH_WRITERS ?? 20);
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
  const { seedDemo } = await import("../prisma/seed/demo");
  const { seedRegistryDemo } = await import("../prisma/seed/registry-demo");
  const { seedEscrowDemo } = await import("../prisma/seed/escrow-demo");
  const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.ownerUrl }) });
  await seedDemo(owner);
  await seedRegistryDemo(owner, { institutionsPerDistrict: 10 });
  await seedEscrowDemo(owner);

  // Enrollments of 10 lessons, paid and held, then one recorded lesson each awaiting an answer.
  const setupStart = performance.now();
  const perEnrollment = 4;
  const enrollments = Math.ceil(releases / perEnrollment);
  await owner.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('tipei.platform', 'on', true)`;
      await tx.$executeRaw`
        WITH courses AS (
          SELECT c.id, c.institution_id, c.authority_id, c.price_per_lesson_fen, c.lesson_minutes,
                 row_number() OVER (ORDER BY c.id) AS n, count(*) OVER () AS total
            FROM course c JOIN institution i ON i.id = c.institution_id AND i.status = 'APPROVED'
           WHERE c.price_per_lesson_fen > 0)
        INSERT INTO enrollment (id, institution_id, authority_id, course_id, parent_user_id, trainee_name, trainee_birth_year,
                                lesson_count, price_per_lesson_fen, amount_fen, lesson_minutes, status, reserve_percent,
                                contract_version, contract_text, contract_sha256, signed_at, period_start, period_end, updated_at)
        SELECT gen_random_uuid(), c.institution_id, c.authority_id, c.id, (SELECT id FROM app_user WHERE email = 'parent@tipei.example'),
               '学员' || g, 2015, 10, c.price_per_lesson_fen, 10 * c.price_per_lesson_fen, c.lesson_minutes, 'ACTIVE', 20,
               'bench', 'bench', repeat('0', 64), now(), current_date, current_date + 60, now()
          FROM generate_series(1, ${enrollments}::int) g JOIN courses c ON c.n = 1 + (g % c.total)`;
      await tx.$executeRaw`
        INSERT INTO payment (enrollment_id, institution_id, authority_id, parent_user_id, provider, amount_fen, status,
                             payment_intent_id, succeeded_at, updated_at)
        SELECT e.id, e.institution_id, e.authority_id, e.parent_user_id, 'simulated', e.amount_fen, 'SUCCEEDED',
               'bench_pi_' || e.id, now(), now() FROM enrollment e WHERE e.contract_version = 'bench'`;
      await tx.$executeRaw`
        SELECT ledger_post('bench-captured:' || e.id, 'PAYMENT_CAPTURED', e.institution_id, e.id, NULL,
               jsonb_build_array(jsonb_build_object('account', 'PROVIDER_CLEARING', 'amountFen', -e.amount_fen),
                                 jsonb_build_object('account', 'ENROLLMENT_ESCROW', 'amountFen', e.amount_fen)))
          FROM enrollment e WHERE e.contract_version = 'bench'`;
      await tx.$executeRaw`
        INSERT INTO lesson (institution_id, authority_id, course_id, lesson_date, start_time, end_time)
        SELECT DISTINCT e.institution_id, e.authority_id, e.course_id, current_date - k, '16:00', '17:00'
          FROM enrollment e CROSS JOIN generate_series(1, ${perEnrollment}::int) k WHERE e.contract_version = 'bench'`;
      await tx.$executeRaw`
        INSERT INTO lesson_attendance (lesson_id, enrollment_id, institution_id, authority_id, parent_user_id, price_fen,
                                       confirm_due_on, updated_at)
        SELECT l.id, e.id, e.institution_id, e.authority_id, e.parent_user_id, e.price_per_lesson_fen, current_date - 1, now()
          FROM enrollment e JOIN lesson l ON l.course_id = e.course_id WHERE e.contract_version = 'bench'`;
    },
    { timeout: 600_000 },
  );
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
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const id = ids[i] ?? "";
        const t0 = performance.now();
        await unsafeAsSystem(async (tx) => {
          const attendance = await lockAttendance(tx, id);
          if (attendance) await releaseAttendance(tx, attendance, "AUTO_CONFIRMED", { userId: null });
        });
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
  console.log(`set up ${enrollments} enrollments and ${ids.length} attendances in ${setupSeconds.toFixed(1)} s`);
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
      releases: ids.length,
      writers,
      releases_per_s: (ids.length / seconds).toFixed(0),
      p50_ms: quantile(sorted, 0.5).toFixed(1),
      p99_ms: quantile(sorted, 0.99).toFixed(1),
      invariants: "ok",
    }),
  );
} finally {
  await db.drop();
}
