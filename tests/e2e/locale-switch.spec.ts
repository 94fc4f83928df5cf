import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { EN, ZH } from "./support/texts.ts";

test("the language switch changes to English, is remembered, and switches back on the same page", async ({ page }) => {
  await page.goto("/?from=e2e");
  await waitForHydration(page);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(ZH.homeTitle);

  // Once hydrated, Remix submits the form with fetch instead of reloading the document.
  const submission = page.waitForRequest((request) => request.method() === "POST" && request.url().includes("/locale"));
  await page.getByRole("button", { name: ZH.switchToOther }).click();
  expect((await submission).resourceType()).toBe("fetch");

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(heading).toHaveText(EN.homeTitle);
  await expect(page).toHaveURL(/\/\?from=e2e$/);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(heading).toHaveText(EN.homeTitle);

  await waitForHydration(page);
  await page.getByRole("button", { name: EN.switchToOther }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(heading).toHaveText(ZH.homeTitle);
  await expect(page).toHaveURL(/\/\?from=e2e$/);

  await page.reload();
  await expect(heading).toHaveText(ZH.homeTitle);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the switch is a plain form post that still works", async ({ page }) => {
    await page.goto("/?from=no-js");
    await page.getByRole("button", { name: ZH.switchToOther }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(EN.homeTitle);
    await expect(page).toHaveURL(/\/\?from=no-js$/);
  });
});
