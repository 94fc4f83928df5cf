import type { Job } from "bullmq";
import { addDays } from "~/lib/china-date";
import { answerOrder } from "~/modules/compliance/rectification-answer.server";
import { decideOrder } from "~/modules/compliance/rectification-decide.server";
import { escalateOverdueOrders, OVERDUE_SIGNAL } from "~/modules/compliance/rectification-escalation.server";
import { issueOrder } from "~/modules/compliance/rectification-issue.server";
import { orderDetail } from "~/modules/compliance/rectification-read.server";
import { dispatch } from "../../../../workers/registry";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  deadlineIn,
  deadlinePassed,
  giveReport,
  member,
  PEOPLE,
  regulator,
  writeCounts,
  XIHU_SWIM,
} from "./rectification-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const hangzhou = regulator(PEOPLE.hangzhouAdmin, "330100");
const swimAdmin = member(PEOPLE.swimAdmin);
let findings: string[] = [];

beforeAll(async () => {
  await seedDemoData();
  ({ findingIds: findings } = await giveReport(owner, XIHU_SWIM, [{ rule: "VEN-01" }, { rule: "HRS-02" }]));
});

function issue(days = 7) {
  return issueOrder(hangzhou, {
    institutionId: XIHU_SWIM,
    findingIds: findings,
    deadline: deadlineIn(days),
    instructions: "按规定配备救生员。",
  });
}

const status = async (id: string) => (await owner.rectificationOrder.findUniqueOrThrow({ where: { id } })).status;

/** Closes every open order, so each test counts only its own. */
async function closeAll() {
  await owner.rectificationOrder.updateMany({
    where: { closedAt: null },
    data: { status: "WITHDRAWN", closedAt: new Date() },
  });
}

describe("overdue escalation", () => {
  afterEach(closeAll);

  it("escalates an order once its deadline day has ended in China, and not a second earlier", async () => {
    const orderId = await issue(3);
    const deadline = deadlineIn(3);
    const lastMinute = new Date(`${deadline}T23:59:59+08:00`);
    const midnight = new Date(`${addDays(deadline, 1)}T00:00:00+08:00`);
    expect(await escalateOverdueOrders(lastMinute)).toBe(0);
    expect(await status(orderId)).toBe("ISSUED");
    // 16:00 UTC is midnight in China: a server clock in UTC still reads the deadline day.
    expect(midnight.toISOString()).toBe(`${deadline}T16:00:00.000Z`);
    expect(await escalateOverdueOrders(midnight)).toBe(1);
    expect(await status(orderId)).toBe("OVERDUE");
  });

  it("writes one risk signal and one set of emails however often it runs", async () => {
    const orderId = await issue();
    await deadlinePassed(owner, orderId);
    expect(await escalateOverdueOrders()).toBe(1);
    const after = await writeCounts(owner);
    expect(await escalateOverdueOrders()).toBe(0);
    expect(await escalateOverdueOrders()).toBe(0);
    expect(await writeCounts(owner)).toEqual(after);

    const order = await owner.rectificationOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).toBe("OVERDUE");
    expect(order.escalatedAt).not.toBeNull();
    const signals = await owner.riskSignal.findMany({ where: { sourceId: orderId } });
    expect(signals).toEqual([
      expect.objectContaining({
        kind: OVERDUE_SIGNAL,
        institutionId: XIHU_SWIM,
        authorityId: order.authorityId,
        details: expect.objectContaining({ deadline: deadlineIn(-1), items: 2 }),
      }),
    ]);
    const emails = await owner.emailOutbox.findMany({
      where: { kind: { startsWith: "rectification.overdue" }, textBody: { contains: orderId } },
      orderBy: { toAddress: "asc" },
      select: { kind: true, toAddress: true, textBody: true },
    });
    expect(emails.map((e) => [e.kind, e.toAddress])).toEqual([
      ["rectification.overdueRegulator", "hangzhou.admin@tipei.example"],
      ["rectification.overdueInstitution", "xihu.swim@tipei.example"],
    ]);
    expect(emails[0]?.textBody).toContain(`/gov/hangzhou/rectifications/${orderId}`);
    const history = await owner.rectificationEvent.findMany({ where: { orderId, event: "escalate" } });
    expect(history).toEqual([
      expect.objectContaining({ fromStatus: "ISSUED", toStatus: "OVERDUE", actorUserId: null }),
    ]);
    expect(
      await owner.auditEvent.count({
        where: { entityId: orderId, action: "compliance.rectification.escalated", actorUserId: null },
      }),
    ).toBe(1);
  });

  it("escalates each order once when two runs race", async () => {
    const ids = [await issue(), await issue(), await issue()];
    for (const id of ids) await deadlinePassed(owner, id, 2);
    const [a, b] = await Promise.all([escalateOverdueOrders(), escalateOverdueOrders()]);
    expect(a + b).toBe(3);
    expect(await owner.riskSignal.count({ where: { sourceId: { in: ids } } })).toBe(3);
    expect(await owner.rectificationEvent.count({ where: { orderId: { in: ids }, event: "escalate" } })).toBe(3);
  });

  it("leaves an answered order alone, escalates a rejected one, and never escalates an order twice", async () => {
    const orderId = await issue();
    await answerOrder(swimAdmin, XIHU_SWIM, orderId, { text: "已整改。", fileIds: [] });
    await deadlinePassed(owner, orderId);
    expect(await escalateOverdueOrders()).toBe(0);
    expect(await status(orderId)).toBe("ANSWERED");

    await decideOrder(hangzhou, orderId, "reject", "仍未配齐救生员。");
    expect(await escalateOverdueOrders()).toBe(1);
    expect(await status(orderId)).toBe("OVERDUE");

    // A late answer is still taken; rejected again, the order stays escalated once.
    await answerOrder(swimAdmin, XIHU_SWIM, orderId, { text: "已配齐。", fileIds: [] });
    await decideOrder(hangzhou, orderId, "reject", "请提供排班表。");
    expect(await escalateOverdueOrders()).toBe(0);
    expect(await status(orderId)).toBe("REJECTED");
    expect(await owner.riskSignal.count({ where: { sourceId: orderId } })).toBe(1);
    const detail = await orderDetail(swimAdmin, orderId, { institutionId: XIHU_SWIM });
    expect(detail?.order.late).toBe(true);
    expect(detail?.history.find((h) => h.event === "escalate")?.actor).toEqual({ side: "platform", name: null });
  });

  it("runs as the worker's job, and refuses a malformed payload without retrying", async () => {
    const orderId = await issue();
    await deadlinePassed(owner, orderId);
    await dispatch({ name: "escalate-rectifications", data: { v: 1 } } as Job);
    expect(await status(orderId)).toBe("OVERDUE");
    await expect(dispatch({ name: "escalate-rectifications", data: { v: 2 } } as Job)).rejects.toThrow(
      /invalid payload for escalate-rectifications/,
    );
  });
});
