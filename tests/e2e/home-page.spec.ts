import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { ZH } from "./support/texts.ts";

test("the home page is in Simplified Chinese by default and hydrates without errors", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);

  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ZH.homeTitle);
  await expect(page).toHaveTitle(ZH.appFullName);
  await expect(page.getByRole("button", { name: ZH.switchToOther })).toBeVisible();

  await waitForHydration(page);
  // The stylesheet got past the CSP (style-src 'self'): <main> is held to max-w-5xl.
  await expect(page.locator("main")).toHaveCSS("max-width", "1024px");
});
