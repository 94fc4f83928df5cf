import { baseURLFromEnvironment } from "./support/e2e-environment.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { copyOfDemoAccount, signInAs } from "./support/sessions.ts";

// The error pages in both languages: what went wrong in words, no stack trace, a way back home.
// Chromium logs every 403 and 404 response, the document's included.
test.use({ allowedConsoleErrors: [/status of 40[34]/] });

const PAGES = {
  "zh-CN": { notFound: "页面不存在", forbidden: "没有权限", home: "返回首页" },
  en: { notFound: "Page not found", forbidden: "Not allowed", home: "Back to the home page" },
} as const;

for (const locale of ["zh-CN", "en"] as const) {
  const words = PAGES[locale];

  test(`an unknown page answers 404 in ${locale} with a way home`, async ({ page, context }) => {
    const lng = Buffer.from(JSON.stringify(locale), "utf8").toString("base64");
    await context.addCookies([{ name: "lng", value: encodeURIComponent(lng), url: baseURLFromEnvironment() }]);
    const response = await page.goto("/no-such-page/at-all");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(words.notFound);
    expect(await page.content()).not.toMatch(/\bat .+:\d+:\d+/);
    await waitForHydration(page);
    await page.getByRole("link", { name: words.home }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test(`a page the role may not open answers 403 in ${locale} with a way home`, async ({ page, context }) => {
    // The inspector may not open the members page of their own district.
    const inspector = await copyOfDemoAccount("xihu.inspector@tipei.example", locale);
    try {
      await signInAs(context, inspector.email);
      const response = await page.goto("/gov/hangzhou-xihu/members");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(words.forbidden);
      expect(await page.content()).not.toMatch(/\bat .+:\d+:\d+/);
      await expect(page.getByRole("link", { name: words.home })).toHaveAttribute("href", "/");
    } finally {
      await inspector.remove();
    }
  });
}
