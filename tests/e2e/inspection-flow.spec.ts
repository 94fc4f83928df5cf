import { addDays, isoDateInChina } from "../../app/lib/china-date.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { asOwner } from "./support/jobs.ts";
import { signInAs } from "./support/sessions.ts";

// Issue 7's inspection, on the screens: the city's administrator opens a task for a Xihu school and
// gives it to the district's inspector, who works it on a phone: starts it (the checklist comes
// from the rules that apply), fails an item with a note, is stopped by the browser when finishing
// with no outcome, and finishes with a rectification order built from the failed item.
const PHONE = { width: 375, height: 812 };
const INSPECTOR = "xihu.inspector@tipei.example";
const OUTCOME_MISSING = "请选择检查结论。";

test.use({ navigationTimeout: 60_000 });

test("an inspector works a task on a phone and orders rectification from a failed item", async ({ page, context }) => {
  test.setTimeout(180_000);
  // A registered Xihu school nobody is inspecting (the newest, so no other test's subject).
  const [school] = await asOwner<{ id: string; name: string }>(
    `SELECT i.id::text, i.name FROM institution i JOIN authority a ON a.id = i.authority_id AND a.code = '330106'
      WHERE i.status = 'APPROVED'
        AND NOT EXISTS (SELECT 1 FROM inspection_task t WHERE t.institution_id = i.id AND t.status <> 'DONE')
      ORDER BY i.registration_no DESC LIMIT 1`,
  );
  const [inspector] = await asOwner<{ display_name: string }>("SELECT display_name FROM app_user WHERE email = $1", [
    INSPECTOR,
  ]);
  if (!school || !inspector) throw new Error("the demo has no free Xihu school or no Xihu inspector");
  const today = isoDateInChina();

  // 1. The city's administrator opens the task.
  await signInAs(context, "hangzhou.admin@tipei.example");
  await page.goto("/gov/hangzhou/inspections");
  await waitForHydration(page);
  await page.getByLabel("机构", { exact: true }).selectOption({ label: school.name });
  await page.getByLabel("截止日期", { exact: true }).fill(addDays(today, 14));
  await page.getByLabel("检查员", { exact: true }).selectOption({ label: inspector.display_name });
  await page.getByRole("button", { name: "创建任务" }).click();
  // The new task's page follows, not started yet.
  await page.waitForURL(/\/gov\/hangzhou\/inspections\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: school.name })).toBeVisible();
  await expect(page.getByText("检查尚未开始")).toBeVisible();

  // 2. The inspector, on a phone, finds it in their list and starts it.
  await page.setViewportSize(PHONE);
  await signInAs(context, INSPECTOR);
  await page.goto("/gov/hangzhou-xihu/inspections");
  await page.getByRole("link", { name: school.name }).first().click();
  await expect(page.getByRole("heading", { name: school.name })).toBeVisible();
  await page.getByRole("button", { name: "开始检查" }).click();
  const items = page.getByRole("heading", { name: "检查清单" }).locator("xpath=following-sibling::ol[1]/li");
  await expect(items.first()).toBeVisible();
  const [{ count }] = (await asOwner<{ count: number }>(
    `SELECT count(*)::int AS count FROM inspection_item it JOIN inspection ins ON ins.id = it.inspection_id
       JOIN inspection_task t ON t.id = ins.task_id WHERE t.institution_id = $1 AND t.status <> 'DONE'`,
    [school.id],
  )) as [{ count: number }];
  expect(count).toBeGreaterThan(0);
  await expect(items).toHaveCount(count);
  // Each item names its rule in words, not only by its code.
  await expect(items.first().locator("p").first()).toHaveText(/^[A-Z]{3}-\d{2}\s*\p{Script=Han}{2,}/u);
  await waitForHydration(page);

  // 3. Every item starts as not checked; the first fails, with a note.
  const first = items.nth(0);
  await expect(first.getByLabel("未检查")).toBeChecked();
  await first.getByLabel("不合格").check();
  await first.getByLabel("备注").fill("消防通道被杂物堵塞");
  await first.getByRole("button", { name: "保存此项" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  const [saved] = await asOwner<{ result: string; note: string }>(
    `SELECT it.result::text, it.note FROM inspection_item it JOIN inspection ins ON ins.id = it.inspection_id
       JOIN inspection_task t ON t.id = ins.task_id WHERE t.institution_id = $1 AND it.result IS NOT NULL`,
    [school.id],
  );
  expect(saved).toEqual({ result: "FAIL", note: "消防通道被杂物堵塞" });

  // The page fits the phone: nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // 4. The outcome: sent without one, the browser says what is missing and nothing is posted.
  await page.getByRole("button", { name: "提交结论" }).click();
  await expect(page.getByText(OUTCOME_MISSING)).toBeVisible();
  // Rectification, with a deadline; the order is made from the failed item.
  await page.getByLabel("结论", { exact: true }).selectOption({ label: "责令整改" });
  await page.getByLabel("检查意见").fill("请于期限内清理消防通道并提交整改照片。");
  await page.getByLabel("整改期限（责令整改时填写）").fill(addDays(today, 20));
  await page.getByRole("button", { name: "提交结论" }).click();
  await expect(page.getByText(/检查已于 .+ 完成，结论：责令整改。/)).toBeVisible();
  await page.getByRole("link", { name: "查看整改通知书" }).click();
  await expect(page.getByText("消防通道被杂物堵塞").first()).toBeVisible();

  const [task] = await asOwner<{ status: string; outcome: string; items: number }>(
    `SELECT t.status::text, ins.outcome::text,
            (SELECT count(*)::int FROM rectification_item ri WHERE ri.order_id = ins.rectification_order_id) AS items
       FROM inspection_task t JOIN inspection ins ON ins.task_id = t.id
      WHERE t.institution_id = $1 ORDER BY ins.finished_at DESC NULLS LAST LIMIT 1`,
    [school.id],
  );
  expect(task).toEqual({ status: "DONE", outcome: "RECTIFICATION", items: 1 });
});
