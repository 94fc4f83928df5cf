import type { Page } from "@playwright/test";
import { ACTORS } from "./access/matrix.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { copyOfDemoAccount, signInAs } from "./support/sessions.ts";
import { ZH } from "./support/texts.ts";

// Single fetch revalidates every loader on each navigation, and a route with a clientLoader (the
// workspace layouts load their messages in one) is fetched in a request of its own. The layouts
// revalidate only after a submission or when the workspace changes (layoutRevalidation), so a link
// inside a workspace is one request.

const LAYOUT = "routes/gov.$authority";

/** The routes each data request of the page names, from now on. */
function dataRequests(page: Page): string[][] {
  const seen: string[][] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith(".data")) seen.push((url.searchParams.get("_routes") ?? "").split(","));
  });
  return seen;
}

test("a link inside a workspace is one request without the layout's loader; a submission reloads the layout", async ({
  page,
  context,
}) => {
  const copy = await copyOfDemoAccount(ACTORS.regulatorAdmin, "zh-CN");
  try {
    await signInAs(context, copy.email);
    await page.goto("/gov/hangzhou");
    await waitForHydration(page);
    const requests = dataRequests(page);

    for (const tab of ["reviews", "institutions"]) {
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/gov/hangzhou/${tab}.data`);
      await page.locator(`nav a[href="/gov/hangzhou/${tab}"]`).click();
      await answered;
      await expect(page).toHaveURL(new RegExp(`/gov/hangzhou/${tab}$`));
    }
    expect(requests).toHaveLength(2);
    for (const routes of requests) {
      expect(routes).not.toContain(LAYOUT);
      expect(routes).toContain("root");
    }

    // A submission (the language switch) revalidates the layout with everything else.
    requests.length = 0;
    await page.getByRole("button", { name: ZH.switchToOther }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect.poll(() => requests.flat()).toContain(LAYOUT);
  } finally {
    await copy.remove();
  }
});
