import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { asOwner, runJobNow } from "./support/jobs.ts";
import { signInAs } from "./support/sessions.ts";

// Issue 6's walk through the money, on the three sides' screens: a parent buys 10 lessons, the
// institution records lessons, the parent confirms 2 and disputes 1, one more is confirmed by
// itself once its working days have passed (the deadline moved into the past: the clock of the
// test), the parent asks for the rest back, the institution stays silent past its deadline, and
// the refund goes back by the simulated provider. Every figure is checked where people read it.
const REGISTRATION_NO = "330106-2024-0001";
const SELLER_ADMIN = "inst-330106-05@tipei.example";
const TRAINEE = "李小华";
const yuan = (fen: number) =>
  new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", minimumFractionDigits: 2 }).format(fen / 100);

/** The amount shown beside a figure's label (a <dt> holds the label and its help text). */
async function figure(page: Page, label: string) {
  return page.locator("dt", { hasText: label }).first().locator("xpath=following-sibling::dd[1]");
}

async function waitFor(check: () => Promise<boolean>, what: string, seconds = 30) {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a parent pays into escrow, lessons are released one by one, the rest is refunded", async ({ page, context }) => {
  test.setTimeout(180_000);

  // 1. The parent picks a course on the public profile and enrolls for 10 lessons.
  await signInAs(context, "parent@tipei.example");
  await page.goto(`/institutions/${REGISTRATION_NO}`);
  await page.getByRole("link", { name: "报名" }).first().click();
  await waitForHydration(page);
  await page.getByLabel("学员姓名").fill(TRAINEE);
  await page.getByLabel("学员出生年份").fill("2016");
  await page.getByLabel("购买课时数（节）").fill("10");
  await page.getByRole("button", { name: "查看金额与合同" }).click();
  await expect(page.getByRole("heading", { name: /培训服务合同/ })).toBeVisible();
  await page.getByLabel("我已阅读并同意以上合同").check();
  await page.getByRole("button", { name: /同意合同并支付/ }).click();

  // 2. The simulated provider's page, clearly marked; the payment succeeds.
  await expect(page.getByText("模拟支付 · SIMULATION").first()).toBeVisible();
  await page.getByRole("button", { name: "模拟支付成功" }).click();
  await page.waitForURL(/\/account\/enrollments\/[0-9a-f-]{36}/);
  const enrollmentPath = new URL(page.url()).pathname;
  const enrollmentId = enrollmentPath.split("/").pop() ?? "";
  const [enrollment] = await asOwner<{ price: number; course_id: string; institution_id: string }>(
    "SELECT price_per_lesson_fen AS price, course_id::text, institution_id::text FROM enrollment WHERE id = $1",
    [enrollmentId],
  );
  if (!enrollment) throw new Error("the enrollment was not written");
  const price = enrollment.price;
  await waitFor(async () => {
    await page.goto(enrollmentPath);
    return (await page.getByText("学费已进入监管账户").count()) > 0;
  }, "the worker to capture the payment");
  await expect(await figure(page, "已缴")).toHaveText(yuan(10 * price));
  await expect(await figure(page, "监管账户中")).toContainText(yuan(10 * price));

  // 3. The institution records four lessons the trainee attended.
  await signInAs(context, SELLER_ADMIN);
  const lessonsPath = `/org/${enrollment.institution_id}/lessons`;
  const today = new Date();
  for (const daysAgo of [4, 3, 2, 1]) {
    const day = new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.goto(lessonsPath);
    await waitForHydration(page);
    await page.getByLabel("课程").selectOption(enrollment.course_id);
    await page.getByLabel("上课日期").fill(day);
    await page.getByLabel("开始时间").fill("16:00");
    await page.getByLabel("结束时间").fill("17:00");
    await page.getByLabel(new RegExp(TRAINEE)).check();
    await page.getByRole("button", { name: "记录这节课" }).click();
    await expect(page.getByText(/已记录 1 名学员/)).toBeVisible();
  }

  // 4. The parent confirms two lessons and disputes one; the fourth is left unanswered.
  await signInAs(context, "parent@tipei.example");
  for (let i = 0; i < 2; i += 1) {
    await page.goto(enrollmentPath);
    await waitForHydration(page);
    await page
      .getByRole("button", { name: /^确认 / })
      .first()
      .click();
    await expect(page.getByText("已确认这节课")).toBeVisible();
  }
  await page.goto(enrollmentPath);
  await waitForHydration(page);
  await page.locator("summary", { hasText: "有异议" }).first().click();
  await page.getByLabel("异议原因").first().fill("那天临时停课，没有上课。");
  await page.getByRole("button", { name: "提交异议" }).first().click();
  await expect(page.getByText("已提交异议")).toBeVisible();
  const reserve = Math.floor(price * 0.2);
  await expect(await figure(page, "已消课")).toHaveText(yuan(2 * price));

  // 5. The working days pass for the unanswered lesson: the scheduled job confirms it.
  await asOwner(
    "UPDATE lesson_attendance SET confirm_due_on = current_date - 1 WHERE enrollment_id = $1 AND status = 'PENDING'",
    [enrollmentId],
  );
  await runJobNow("escrow", "auto-confirm-lessons");
  await waitFor(async () => {
    const rows = await asOwner<{ status: string }>(
      "SELECT status::text FROM lesson_attendance WHERE enrollment_id = $1 AND status = 'AUTO_CONFIRMED'",
      [enrollmentId],
    );
    return rows.length === 1;
  }, "the worker to confirm the overdue lesson");
  await page.goto(enrollmentPath);
  await expect(page.getByText("逾期自动确认", { exact: true })).toBeVisible();
  await expect(await figure(page, "已消课")).toHaveText(yuan(3 * price));

  // 6. The parent asks for the six lessons not given; the institution stays silent past its deadline.
  await page.getByLabel("退费原因").fill("孩子课业太忙，不再参加。");
  await page.getByRole("button", { name: "申请退费" }).click();
  await expect(page.getByText("退费申请已提交")).toBeVisible();
  await asOwner(
    "UPDATE refund_request SET respond_by = current_date - 1 WHERE enrollment_id = $1 AND status = 'REQUESTED'",
    [enrollmentId],
  );
  await runJobNow("escrow", "deem-refunds-accepted");
  await waitFor(async () => {
    await page.goto(enrollmentPath);
    return (await page.getByText("已退款", { exact: true }).count()) > 0;
  }, "the refund to complete through the provider");
  await expect(page.getByText("机构逾期未答复，视为同意")).toBeVisible();

  // The parent's figures: paid 10, consumed 3 (with the reserve), 6 refunded, the disputed one still held.
  await expect(await figure(page, "已缴")).toHaveText(yuan(10 * price));
  await expect(await figure(page, "已消课")).toHaveText(yuan(3 * price));
  await expect(await figure(page, "其中风险保证金")).toHaveText(yuan(3 * reserve));
  await expect(await figure(page, "已退回")).toHaveText(yuan(6 * price));
  await expect(await figure(page, "监管账户中")).toContainText(yuan(price));

  // The institution's figures: the disputed lesson held and awaiting; three released less the reserve.
  await signInAs(context, SELLER_ADMIN);
  await page.goto(`/org/${enrollment.institution_id}/escrow`);
  const [other] = await asOwner<{ escrow: string; reserve: string; payable: string }>(
    "SELECT escrow_fen::text AS escrow, reserve_fen::text AS reserve, payable_fen::text AS payable FROM institution_funds WHERE institution_id = $1",
    [enrollment.institution_id],
  );
  if (!other) throw new Error("no funds for the institution");
  await expect(await figure(page, "已结算待付")).toHaveText(yuan(Number(other.payable)));
  await expect(await figure(page, "风险保证金")).toHaveText(yuan(Number(other.reserve)));
  expect(Number(other.payable)).toBeGreaterThanOrEqual(3 * (price - reserve));

  // The regulator sees the institution's held funds and the dispute in its queue.
  await signInAs(context, "hangzhou.admin@tipei.example");
  await page.goto("/gov/hangzhou/disputes");
  await expect(page.getByText("那天临时停课，没有上课。")).toBeVisible();
  await page.goto("/gov/hangzhou/funds");
  await expect(page.getByText(yuan(Number(other.escrow) + Number(other.reserve))).first()).toBeVisible();
});
