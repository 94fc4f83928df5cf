import type { PrismaClient } from "~/generated/prisma/client.ts";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { zhCN } from "~/lib/i18n/zh-CN";
import { CONTRACT_VERSION, contractDigest, contractText } from "~/modules/escrow/contract";
import { lessonRelease, paymentCaptured } from "~/modules/escrow/ledger-postings";
import { addWorkingDays } from "~/modules/escrow/working-days";
import { stableId } from "./stable-id";

/**
 * The escrow demo, after the registry demo: every registered institution that has funds
 * supervision gets an account at the simulated provider (so it can sell and be paid out), and
 * the demo parents have enrollments in a Xihu school in every interesting state: lessons
 * confirmed, disputed (in the regulator's queue) and awaiting an answer, and a refund the
 * institution has still to answer. Money moves only through `ledger_post`, as in the app; ids
 * and idempotency keys are stable, so a second run changes nothing.
 */
type Seller = { id: string; authority_id: string; name: string; registration_no: string; authority_name: string };
type Course = { id: string; name: string; sport: string; lesson_minutes: number; price_per_lesson_fen: number };

const compact = (id: string) => id.replace(/-/g, "");

export async function seedEscrowDemo(db: PrismaClient, today = isoDateInChina()): Promise<{ enrollments: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tipei.platform', 'on', true)`;
    await tx.$executeRaw`
      INSERT INTO payment_account (institution_id, authority_id, provider, external_id, status, charges_enabled, payouts_enabled, updated_at)
      SELECT i.id, i.authority_id, 'simulated', 'sim_acct_' || replace(i.id::text, '-', ''), 'ACTIVE', true, true, now()
        FROM institution i WHERE i.status = 'APPROVED' AND i.funds_supervision_enabled
      ON CONFLICT DO NOTHING`;
    await tx.$executeRaw`
      INSERT INTO simulated_provider_record (id, kind, amount_fen, status, metadata, idempotency_key)
      SELECT pa.external_id, 'ACCOUNT', 0, 'active', jsonb_build_object('institutionId', pa.institution_id), 'account:' || pa.institution_id
        FROM payment_account pa WHERE pa.provider = 'simulated'
      ON CONFLICT DO NOTHING`;

    const sellers = await tx.$queryRaw<(Seller & Course & { course_id: string })[]>`
      SELECT i.id::text, i.authority_id::text, i.name, i.registration_no, a.name AS authority_name,
             c.id::text AS course_id, c.name AS course_name, c.sport, c.lesson_minutes, c.price_per_lesson_fen
        FROM institution i JOIN authority a ON a.id = i.authority_id AND a.code = '330106'
        JOIN course c ON c.institution_id = i.id AND c.active AND c.price_per_lesson_fen BETWEEN 5000 AND 40000
       WHERE i.status = 'APPROVED' AND i.funds_supervision_enabled
         AND EXISTS (SELECT 1 FROM schedule_slot s WHERE s.course_id = c.id)
       ORDER BY i.registration_no, c.id LIMIT 1`;
    const seller = sellers[0];
    if (!seller) return { enrollments: 0 };
    const course: Course = {
      ...seller,
      id: seller.course_id,
      name: (seller as unknown as { course_name: string }).course_name,
    };
    const overrides = new Map(
      (
        await tx.$queryRaw<{ day: string; working: boolean }[]>`
          SELECT to_char(day, 'YYYY-MM-DD') AS day, working FROM working_calendar_day
           WHERE authority_id = (SELECT parent_id FROM authority WHERE id = (SELECT parent_id FROM authority WHERE id = ${seller.authority_id}::uuid))`
      ).map((r) => [r.day, r.working] as const),
    );
    const parents = await tx.user.findMany({
      where: { email: { in: ["parent@tipei.example", "parent.en@tipei.example"] } },
      select: { id: true, email: true, displayName: true },
    });
    const parentOf = (email: string) => {
      const p = parents.find((x) => x.email === email);
      if (!p) throw new Error(`demo parent ${email} missing: run seedDemo first`);
      return p;
    };

    const enroll = async (key: string, email: string, trainee: string, birthYear: number, lessons: number) => {
      const parent = parentOf(email);
      const id = stableId("enrollment", key);
      const paymentId = stableId("payment", key);
      const periodStart = addDays(today, -14);
      const periodEnd = addDays(periodStart, Math.ceil(lessons / 2) * 7);
      const text = contractText({
        institutionName: seller.name,
        registrationNo: seller.registration_no,
        authorityName: seller.authority_name,
        parentName: parent.displayName,
        parentEmail: parent.email,
        traineeName: trainee,
        traineeBirthYear: birthYear,
        courseName: course.name,
        sport: (zhCN as Record<string, string>)[`sport.${course.sport}`] ?? course.sport,
        lessons,
        lessonMinutes: course.lesson_minutes,
        pricePerLessonFen: course.price_per_lesson_fen,
        periodStart,
        periodEnd,
        autoConfirmWorkingDays: 7,
        refundDeemedAgreedWorkingDays: 5,
        reservePercent: 20,
      });
      const amount = lessons * course.price_per_lesson_fen;
      const signedAt = new Date(`${addDays(today, -15)}T02:00:00Z`);
      const created = await tx.enrollment.createMany({
        data: [
          {
            id,
            institutionId: seller.id,
            authorityId: seller.authority_id,
            courseId: course.id,
            parentUserId: parent.id,
            traineeName: trainee,
            traineeBirthYear: birthYear,
            lessonCount: lessons,
            pricePerLessonFen: course.price_per_lesson_fen,
            amountFen: amount,
            lessonMinutes: course.lesson_minutes,
            status: "ACTIVE",
            reservePercent: 20,
            contractVersion: CONTRACT_VERSION,
            contractText: text,
            contractSha256: await contractDigest(text),
            signedAt,
            periodStart: new Date(`${periodStart}T00:00:00Z`),
            periodEnd: new Date(`${periodEnd}T00:00:00Z`),
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) return null;
      const sessionId = `sim_cs_${compact(paymentId)}`;
      const intentId = `sim_pi_${compact(paymentId)}`;
      await tx.payment.create({
        data: {
          id: paymentId,
          enrollmentId: id,
          institutionId: seller.id,
          authorityId: seller.authority_id,
          parentUserId: parent.id,
          provider: "simulated",
          amountFen: amount,
          status: "SUCCEEDED",
          checkoutSessionId: sessionId,
          paymentIntentId: intentId,
          succeededAt: signedAt,
        },
      });
      await tx.simulatedProviderRecord.createMany({
        data: [
          {
            id: sessionId,
            kind: "CHECKOUT",
            amountFen: BigInt(amount),
            status: "complete",
            idempotencyKey: `checkout:${paymentId}`,
            metadata: { paymentId, enrollmentId: id },
          },
          {
            id: intentId,
            kind: "CHARGE",
            parentId: sessionId,
            amountFen: BigInt(amount),
            status: "succeeded",
            idempotencyKey: `charge:${paymentId}`,
            metadata: { paymentId, enrollmentId: id },
          },
        ],
        skipDuplicates: true,
      });
      await post(
        tx,
        `payment-captured:${paymentId}`,
        "PAYMENT_CAPTURED",
        seller.id,
        id,
        paymentId,
        paymentCaptured(amount),
      );
      return { id, parentId: parent.id };
    };

    const a = await enroll("demo-parent-a", "parent@tipei.example", "张小明", 2016, 10);
    if (a) {
      const answers = [
        { daysAgo: 9, status: "CONFIRMED" as const },
        { daysAgo: 5, status: "DISPUTED" as const },
        { daysAgo: 2, status: "PENDING" as const },
      ];
      for (const [n, answer] of answers.entries()) {
        const lessonDate = addDays(today, -answer.daysAgo);
        const lessonId = stableId("lesson", `demo-parent-a:${n}`);
        await tx.lesson.create({
          data: {
            id: lessonId,
            institutionId: seller.id,
            authorityId: seller.authority_id,
            courseId: course.id,
            lessonDate: new Date(`${lessonDate}T00:00:00Z`),
            startTime: "16:30",
            endTime: "17:30",
          },
        });
        const attendanceId = stableId("attendance", `demo-parent-a:${n}`);
        await tx.lessonAttendance.create({
          data: {
            id: attendanceId,
            lessonId,
            enrollmentId: a.id,
            institutionId: seller.id,
            authorityId: seller.authority_id,
            parentUserId: a.parentId,
            priceFen: course.price_per_lesson_fen,
            status: answer.status,
            confirmDueOn: new Date(`${addWorkingDays(lessonDate, 7, overrides)}T00:00:00Z`),
            answeredAt: answer.status === "PENDING" ? null : new Date(`${addDays(lessonDate, 1)}T04:00:00Z`),
            disputeReason: answer.status === "DISPUTED" ? "那天教练临时请假，孩子只做了半小时自由练习。" : null,
          },
        });
        if (answer.status === "CONFIRMED")
          await post(
            tx,
            `lesson-release:${attendanceId}`,
            "LESSON_RELEASE",
            seller.id,
            a.id,
            attendanceId,
            lessonRelease(course.price_per_lesson_fen, 20),
          );
      }
    }
    const b = await enroll("demo-parent-b", "parent.en@tipei.example", "Lily Wang", 2015, 8);
    if (b)
      await tx.refundRequest.create({
        data: {
          id: stableId("refund", "demo-parent-b"),
          enrollmentId: b.id,
          institutionId: seller.id,
          authorityId: seller.authority_id,
          parentUserId: b.parentId,
          origin: "PARENT",
          lessons: 8,
          amountFen: 8 * course.price_per_lesson_fen,
          reason: "We are moving to another city.",
          respondBy: new Date(`${addWorkingDays(today, 5, overrides)}T00:00:00Z`),
          idempotencyKey: "refund:parent:demo-parent-b:1",
        },
      });
    return { enrollments: (a ? 1 : 0) + (b ? 1 : 0) };
  });
}

async function post(
  tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0],
  key: string,
  kind: string,
  institutionId: string,
  enrollmentId: string,
  referenceId: string,
  postings: { account: string; amountFen: number }[],
) {
  await tx.$queryRaw`SELECT * FROM ledger_post(${key}, ${kind}, ${institutionId}::uuid, ${enrollmentId}::uuid,
    ${referenceId}::uuid, ${JSON.stringify(postings)}::jsonb)`;
}
