import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { asOwner, runJobNow } from "./support/jobs.ts";
import { signInAs } from "./support/sessions.ts";

// Issue 10's progress on long work, in the browser. Two districts no other spec uses: Shangcheng,
// whose run this test moves by hand (the panel must follow without a reload, and stop asking once
// it is done), and Gongshu, re-evaluated by the run's real worker from a queued request.
const CITY_ADMIN = "hangzhou.admin@tipei.example";

async function authorityIdOf(code: string): Promise<string> {
  const [row] = await asOwner<{ id: string }>("SELECT id::text FROM authority WHERE code = $1", [code]);
  if (!row) throw new Error(`no authority ${code}`);
  return row.id;
}

test("the re-evaluation panel follows the run without a reload and stops asking when it is done", async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  const shangcheng = await authorityIdOf("330102");
  await asOwner("DELETE FROM background_work WHERE authority_id = $1", [shangcheng]);
  await asOwner(
    `INSERT INTO background_work (kind, authority_id, trigger, status, run_key, started_at, attempts, total, done)
     VALUES ('COMPLIANCE_REEVALUATION', $1, 'settings', 'RUNNING', 'e2e-progress-' || gen_random_uuid(), now(), 1, 9, 3)`,
    [shangcheng],
  );
  try {
    await signInAs(context, CITY_ADMIN);
    const polls: string[] = [];
    page.on("request", (request) => {
      // Remix's single fetch asks for /progress.json.data?of=…&_routes=…
      const url = new URL(request.url());
      if (/\/progress\.json(\.data)?$/.test(url.pathname) && url.searchParams.get("of") === "reevaluation") {
        polls.push(url.href);
      }
    });
    await page.goto("/gov/hangzhou-shangcheng/compliance");
    await waitForHydration(page);
    const panel = page.locator("#reevaluation-progress");
    await expect(panel).toContainText("正在按新参数重新评估：已完成 3 / 9 家机构");
    await expect(panel.locator("progress")).toHaveAttribute("value", "3");
    // The bar is named by its sentence; nothing serious for axe in the panel.
    await expect(panel.getByRole("progressbar", { name: /已完成 3 \/ 9 家机构/ })).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .include("#reevaluation-progress")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The worker finishes another batch: the page shows it within a poll or two.
    await asOwner("UPDATE background_work SET done = 6, updated_at = now() WHERE authority_id = $1", [shangcheng]);
    await expect(panel).toContainText("已完成 6 / 9 家机构", { timeout: 10_000 });
    await expect(panel.locator("progress")).toHaveAttribute("value", "6");

    await asOwner(
      "UPDATE background_work SET done = 9, status = 'DONE', finished_at = now(), updated_at = now() WHERE authority_id = $1",
      [shangcheng],
    );
    await expect(panel).toContainText("重新评估已完成", { timeout: 10_000 });
    await expect(panel.locator("progress")).toHaveCount(0);
    // Done: no more questions to the server.
    const asked = polls.length;
    expect(asked).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(6_000);
    expect(polls.length).toBe(asked);
  } finally {
    await asOwner("DELETE FROM background_work WHERE authority_id = $1", [shangcheng]);
  }
});

test("a queued re-evaluation is run by the worker and the settings page shows it finished", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const gongshu = await authorityIdOf("330105");
  await asOwner("DELETE FROM background_work WHERE authority_id = $1", [gongshu]);
  // What a saved setting writes with its job (the request), and the job itself.
  await asOwner(
    "INSERT INTO background_work (kind, authority_id, trigger) VALUES ('COMPLIANCE_REEVALUATION', $1, 'settings')",
    [gongshu],
  );
  await signInAs(context, CITY_ADMIN);
  await page.goto("/gov/hangzhou-gongshu/settings");
  await waitForHydration(page);
  const panel = page.locator("#reevaluation-progress");
  await expect(panel).toContainText("已排队");
  await runJobNow("compliance", "evaluate-jurisdiction", { v: 1, authorityId: gongshu, trigger: "settings" });
  await expect(panel).toContainText("重新评估已完成", { timeout: 60_000 });
  const [row] = await asOwner<{ status: string; done: number; total: number }>(
    "SELECT status::text, done, total FROM background_work WHERE authority_id = $1",
    [gongshu],
  );
  expect(row?.status).toBe("DONE");
  expect(row?.total).toBeGreaterThan(0);
  expect(row?.done).toBe(row?.total);
  await expect(panel).toContainText(`${row?.total} 家在册机构已按新参数评估`);
});

test("the compliance CSV link says the file is being made until it arrives, then downloads it", async ({
  page,
  context,
}) => {
  await signInAs(context, CITY_ADMIN);
  // The server builds the whole file before it answers (1 to 2.5 s for a province of 15,750 here).
  await page.route("**/compliance.csv*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto("/gov/hangzhou/compliance");
  await waitForHydration(page);
  const link = page.getByRole("link", { name: "下载 CSV（当前筛选条件下的全部机构）" });
  const download = page.waitForEvent("download");
  await link.click();
  await expect(page.getByRole("link", { name: "正在生成文件，请稍候…" })).toHaveAttribute("aria-busy", "true");
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^合规情况-hangzhou-\d{4}-\d{2}-\d{2}\.csv$/);
  // The file itself, as the server wrote it: the byte-order mark and the header row.
  const text = await readFile((await file.path()) ?? "", "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.split("\n")[0]).toContain("机构");
  await expect(link).toBeVisible();
});
