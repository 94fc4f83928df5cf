import { addDays, isoDateInChina } from "~/lib/china-date";
import { evaluateFundWarnings } from "~/modules/escrow/fund-warnings.server";
import { answerAttendance, recordLesson } from "~/modules/escrow/lessons.server";
import { payOutDaily } from "~/modules/escrow/payouts.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient } from "../../../support/demo-database";
import { buyLessons, memberScope, parentScope, SELLER, setUpSeller } from "./escrow-fixtures";

// Yellow and red warnings, with the tenant's thresholds: raised once while they hold, cleared
// when they no longer do.
const owner = ownerClient();
afterAll(() => owner.$disconnect());
beforeAll(async () => {
  await setUpSeller(owner);
});

const today = isoDateInChina();
const XIHU = stableId("authority", "330106");

async function openWarnings() {
  return owner.fundWarning.findMany({
    where: { institutionId: SELLER.id, clearedAt: null },
    orderBy: { reason: "asc" },
  });
}

/** Takes money out of escrow outside the lessons (as a chargeback would) or puts it back. */
async function moveEscrow(enrollmentId: string, amountFen: number, key: string) {
  await owner.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tipei.platform', 'on', true)`;
    await tx.$queryRaw`SELECT * FROM ledger_post(${key}, 'ADJUSTMENT', ${SELLER.id}::uuid, ${enrollmentId}::uuid, NULL,
      ${JSON.stringify([
        { account: "ENROLLMENT_ESCROW", amountFen: -amountFen },
        { account: "PROVIDER_CLEARING", amountFen },
      ])}::jsonb)`;
  });
}

describe("fund warnings", () => {
  let enrollmentId = "";

  it("raises nothing while the escrow holds what the institution owes", async () => {
    ({ enrollmentId } = await buyLessons(10));
    expect(await evaluateFundWarnings([SELLER.id])).toEqual({ raised: 0, cleared: 0 });
    expect(await openWarnings()).toEqual([]);
  });

  it("raises a yellow, then a red balance warning as the held share falls, once each", async () => {
    await moveEscrow(enrollmentId, 3 * SELLER.priceFen, "test-out-1");
    expect((await evaluateFundWarnings([SELLER.id])).raised).toBe(1);
    expect(await openWarnings()).toMatchObject([{ reason: "BALANCE", level: "YELLOW" }]);
    expect((await evaluateFundWarnings([SELLER.id])).raised).toBe(0);
    await moveEscrow(enrollmentId, 3 * SELLER.priceFen, "test-out-2");
    await evaluateFundWarnings([SELLER.id]);
    expect(await openWarnings()).toMatchObject([{ reason: "BALANCE", level: "RED" }]);
    expect(await owner.fundWarning.count({ where: { institutionId: SELLER.id } })).toBe(1);
    // Each raise and each escalation is one risk signal, whatever the number of runs.
    const signals = await owner.riskSignal.findMany({ where: { institutionId: SELLER.id }, orderBy: { kind: "asc" } });
    expect(signals.map((s) => s.kind)).toEqual(["FUND_WARNING_RED", "FUND_WARNING_YELLOW"]);
  });

  it("clears the warning when the balance is whole again", async () => {
    await owner.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('tipei.platform', 'on', true)`;
      await tx.$queryRaw`SELECT * FROM ledger_post('test-back', 'ADJUSTMENT', ${SELLER.id}::uuid, ${enrollmentId}::uuid, NULL,
        ${JSON.stringify([
          { account: "PROVIDER_CLEARING", amountFen: -6 * SELLER.priceFen },
          { account: "ENROLLMENT_ESCROW", amountFen: 6 * SELLER.priceFen },
        ])}::jsonb)`;
    });
    expect(await evaluateFundWarnings([SELLER.id])).toEqual({ raised: 0, cleared: 1 });
    expect(await openWarnings()).toEqual([]);
  });

  it("raises an outflow warning when payouts in the period exceed the tenant's amount", async () => {
    // Xihu sets a small institution's yellow outflow threshold to ¥1.
    await owner.authority.update({
      where: { id: XIHU },
      data: {
        settings: {
          version: 1,
          overrides: { "WARN.small.yellowOutflowFen": [{ effectiveFrom: "2026-01-01", value: 100 }] },
        },
      },
    });
    await recordLesson(memberScope(SELLER.adminEmail), SELLER.id, {
      courseId: SELLER.courseId,
      lessonDate: today,
      startTime: "09:00",
      endTime: "10:00",
      enrollmentIds: [enrollmentId],
    });
    const attendance = await owner.lessonAttendance.findFirstOrThrow({ where: { enrollmentId } });
    await answerAttendance(parentScope(), { intent: "confirm", attendanceId: attendance.id });
    await payOutDaily(addDays(today, -1));
    await evaluateFundWarnings([SELLER.id]);
    expect(await openWarnings()).toMatchObject([{ reason: "OUTFLOW", level: "YELLOW" }]);
  });
});
