import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { ZH } from "./support/texts.ts";

// Chromium logs every 404 response, the document's included.
test.use({ allowedConsoleErrors: [/status of 404/] });

test("an unknown path answers 404 with the localized page and no stack trace", async ({ request }) => {
  const response = await request.get("/no-such-page");
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain(ZH.notFoundTitle);
  expect(html).toContain('lang="zh-CN"');
  expect(html).not.toMatch(/\bat .+:\d+:\d+/);
  expect(html).not.toContain("node_modules");
  expect(html).not.toContain("build/server");
});

test("the 404 page links back home", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ZH.notFoundTitle);
  await waitForHydration(page);

  await page.getByRole("link", { name: ZH.backHome }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ZH.homeTitle);
});
