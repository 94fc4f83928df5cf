import { readdirSync } from "node:fs";
import path from "node:path";
import { ACTORS, type Actor, type RouteRow } from "./access/matrix.ts";
import { ROOT_DIR } from "./support/e2e-environment.ts";
import { expect, test } from "./support/fixtures.ts";
import { signInAs } from "./support/sessions.ts";

/**
 * Every page an actor may open (a GET row of the access matrix answering 200) opened in the browser:
 * it must hydrate without a console error. The matrix proves who gets in; this proves the page
 * works once there (a server-only value used in a component, say, renders on the server and
 * crashes in the browser).
 */
const ACCESS_DIR = path.join(ROOT_DIR, "tests/e2e/access");
const ROUTES: RouteRow[] = (
  await Promise.all(
    readdirSync(ACCESS_DIR)
      .filter((f) => f.endsWith(".rows.ts"))
      .map(async (f) => ((await import(path.join(ACCESS_DIR, f))) as { ROWS: RouteRow[] }).ROWS),
  )
).flat();

// Resource routes answer files, CSV or JSON: nothing to hydrate.
const NOT_PAGES = /^\/(healthz|api\/|files\/|coach-photos\/)|\.(csv|svg|pdf|json)(\?|$)/;

const ACTORS_TO_BROWSE: Actor[] = ["anonymous", "regulatorAdmin", "inspector", "institutionAdmin", "parent"];

for (const actor of ACTORS_TO_BROWSE) {
  test(`every page ${actor} may open hydrates without errors`, async ({ page, context }) => {
    test.setTimeout(120_000);
    const email = ACTORS[actor];
    if (email) await signInAs(context, email);
    const paths = [
      ...new Set(
        ROUTES.flatMap((r) => r.checks)
          .filter((c) => c.method === "GET" && c.expect[actor] === 200 && !NOT_PAGES.test(c.path))
          .map((c) => c.path),
      ),
    ];
    expect(paths.length).toBeGreaterThan(3);
    for (const p of paths) {
      await page.goto(p);
      await page.waitForFunction(() => "__remixRouter" in window);
      await page.waitForLoadState("networkidle");
      await expect(page.locator("main"), p).toBeVisible();
    }
  });
}
