import { type Db, inScope } from "~/lib/db-scope.server";
import { answerOrder } from "~/modules/compliance/rectification-answer.server";
import { escalateOverdueOrders } from "~/modules/compliance/rectification-escalation.server";
import { issueOrder } from "~/modules/compliance/rectification-issue.server";
import { listOrders, orderDetail, rectificationOrdersOf } from "~/modules/compliance/rectification-read.server";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  authorityId,
  deadlineIn,
  deadlinePassed,
  giveReport,
  member,
  PEOPLE,
  regulator,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
} from "./rectification-fixtures";

// Row-level security on the rectification tables, under the app's role: each side sees its own
// orders and nothing of another city's, whatever the query asks for.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

const hangzhou = regulator(PEOPLE.hangzhouAdmin, "330100");
const ningbo = regulator(PEOPLE.ningboAdmin, "330200");
const yinzhou = regulator(PEOPLE.yinzhouInspector, "330212");
const zhejiang = regulator(PEOPLE.zhejiangAdmin, "330000");
let hangzhouOrder = "";
let ningboOrder = "";

async function everything(db: Db) {
  return {
    orders: await db.rectificationOrder.count(),
    items: await db.rectificationItem.count(),
    responses: await db.rectificationResponse.count(),
    events: await db.rectificationEvent.count(),
    signals: await db.riskSignal.count(),
  };
}

beforeAll(async () => {
  await seedDemoData();
  const swim = await giveReport(owner, XIHU_SWIM, [{ rule: "VEN-01" }]);
  const football = await giveReport(owner, YINZHOU_FOOTBALL, [{ rule: "STF-01" }, { rule: "STF-02" }]);
  const order = (scope: typeof hangzhou, institutionId: string, findingIds: string[]) =>
    issueOrder(scope, { institutionId, findingIds, deadline: deadlineIn(5), instructions: "整改" });
  hangzhouOrder = await order(hangzhou, XIHU_SWIM, swim.findingIds);
  ningboOrder = await order(yinzhou, YINZHOU_FOOTBALL, football.findingIds);
  await answerOrder(member(PEOPLE.swimAdmin), XIHU_SWIM, hangzhouOrder, { text: "已整改", fileIds: [] });
  await answerOrder(member(PEOPLE.footballAdmin), YINZHOU_FOOTBALL, ningboOrder, { text: "已整改", fileIds: [] });
  // An overdue order in each city, so each has a risk signal.
  for (const [scope, institutionId, findingIds] of [
    [hangzhou, XIHU_SWIM, swim.findingIds],
    [ningbo, YINZHOU_FOOTBALL, football.findingIds],
  ] as const) {
    const id = await order(scope, institutionId, [...findingIds]);
    await deadlinePassed(owner, id);
  }
  expect(await escalateOverdueOrders()).toBe(2);
});

describe("row-level security on rectification", () => {
  it("shows the Ningbo regulator nothing of Hangzhou's orders, and the reverse", async () => {
    const ningboSees = await inScope(ningbo, async (db) => ({
      ...(await everything(db)),
      hangzhouRows: await db.rectificationOrder.count({ where: { authorityId: authorityId("330106") } }),
      hangzhouSignals: await db.riskSignal.count({ where: { institutionId: XIHU_SWIM } }),
    }));
    expect(ningboSees).toEqual({
      orders: 2,
      items: 4,
      responses: 1,
      events: 4,
      signals: 1,
      hangzhouRows: 0,
      hangzhouSignals: 0,
    });
    expect(await orderDetail(ningbo, hangzhouOrder, { jurisdiction: true })).toBeNull();
    expect(await orderDetail(hangzhou, ningboOrder, { jurisdiction: true })).toBeNull();
    const list = await listOrders(ningbo, { status: "all", page: 1 });
    expect(list.rows.map((r) => r.institution.id)).toEqual([YINZHOU_FOOTBALL, YINZHOU_FOOTBALL]);
    expect(list.total).toBe(2);
    expect(await rectificationOrdersOf(ningbo, XIHU_SWIM)).toEqual([]);
  });

  it("shows a district its own orders and the province both cities'", async () => {
    expect((await inScope(regulator(PEOPLE.xihuInspector, "330106"), everything)).orders).toBe(2);
    expect((await inScope(regulator(PEOPLE.xihuInspector, "330108"), everything)).orders).toBe(0);
    expect(await inScope(zhejiang, everything)).toMatchObject({ orders: 4, signals: 2 });
  });

  it("shows an institution's members their own orders and answers, never a risk signal or another's", async () => {
    const swim = await inScope(member(PEOPLE.swimStaff), everything);
    expect(swim).toEqual({ orders: 2, items: 2, responses: 1, events: 4, signals: 0 });
    const football = await inScope(member(PEOPLE.footballAdmin), (db) =>
      db.rectificationOrder.findMany({ select: { institutionId: true } }),
    );
    expect(new Set(football.map((o) => o.institutionId))).toEqual(new Set([YINZHOU_FOOTBALL]));
    expect(await inScope(member(PEOPLE.parent), everything)).toEqual({
      orders: 0,
      items: 0,
      responses: 0,
      events: 0,
      signals: 0,
    });
  });

  it("refuses an institution member writing an order, an item, a signal or another institution's answer", async () => {
    const swimAdmin = member(PEOPLE.swimAdmin);
    const xihu = authorityId("330106");
    await expect(
      inScope(swimAdmin, (db) =>
        db.rectificationOrder.create({
          data: {
            institutionId: XIHU_SWIM,
            authorityId: xihu,
            issuingAuthorityId: xihu,
            instructions: "自己给自己下通知",
            deadline: new Date("2030-01-01T00:00:00Z"),
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inScope(swimAdmin, (db) =>
        db.rectificationItem.create({
          data: {
            orderId: hangzhouOrder,
            institutionId: XIHU_SWIM,
            authorityId: xihu,
            position: 9,
            ruleCode: "VEN-01",
            severity: "MINOR",
            entityType: "institution",
            evidence: {},
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inScope(swimAdmin, (db) =>
        db.riskSignal.create({
          data: { institutionId: XIHU_SWIM, authorityId: xihu, kind: "RECTIFICATION_OVERDUE", sourceId: hangzhouOrder },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inScope(swimAdmin, (db) =>
        db.rectificationResponse.create({
          data: {
            orderId: ningboOrder,
            institutionId: YINZHOU_FOOTBALL,
            authorityId: authorityId("330212"),
            text: "代答",
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("keeps what an order is out of the app's reach once issued", async () => {
    await expect(
      inScope(hangzhou, (db) =>
        db.rectificationOrder.update({ where: { id: hangzhouOrder }, data: { deadline: new Date("2030-01-01") } }),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inScope(hangzhou, (db) => db.rectificationOrder.delete({ where: { id: hangzhouOrder } })),
    ).rejects.toThrow(/permission denied/);
  });
});
