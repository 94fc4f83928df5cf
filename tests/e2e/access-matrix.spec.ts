import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ACTORS, type Actor, type RouteRow } from "./access/matrix.ts";
import { baseURLFromEnvironment, ROOT_DIR } from "./support/e2e-environment.ts";
import { sessionCookieFor } from "./support/sessions.ts";

/**
 * Every route × every role × own tenant / foreign tenant / anonymous. Rows live in
 * tests/e2e/access/*.rows.ts (one file per area). "Own" for the regulators is Xihu district (the
 * inspector's own, below the admin's Hangzhou); "foreign" is Ningbo's Yinzhou district. A route
 * file without a row fails the first test, so a new route cannot ship without its row.
 */
const ACCESS_DIR = path.join(ROOT_DIR, "tests/e2e/access");
const rowFiles = readdirSync(ACCESS_DIR).filter((f) => f.endsWith(".rows.ts"));
const ROUTES: RouteRow[] = (
  await Promise.all(rowFiles.map(async (f) => ((await import(path.join(ACCESS_DIR, f))) as { ROWS: RouteRow[] }).ROWS))
).flat();

test("every route file has a row in the access matrix", () => {
  const files = readdirSync(path.join(ROOT_DIR, "app/routes")).filter((f) => /\.(tsx?|jsx?)$/.test(f));
  const covered = new Set(ROUTES.flatMap((r) => r.files));
  expect(
    files.filter((f) => !covered.has(f)),
    "route files missing from the matrix",
  ).toEqual([]);
  expect(
    [...covered].filter((f) => !files.includes(f)),
    "matrix rows for files that no longer exist",
  ).toEqual([]);
});

for (const [actor, email] of Object.entries(ACTORS) as [Actor, string | null][]) {
  test(`access matrix as ${actor}`, async ({ playwright }) => {
    const baseURL = baseURLFromEnvironment();
    const cookie = email ? await sessionCookieFor(email) : null;
    const context = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Origin: baseURL, ...(cookie ? { Cookie: cookie } : {}) },
    });
    const mismatches: string[] = [];
    for (const check of ROUTES.flatMap((r) => r.checks)) {
      const response =
        check.method === "GET"
          ? await context.get(check.path, { maxRedirects: 0 })
          : await context.post(check.path, { form: {}, maxRedirects: 0 });
      const expected = check.expect[actor];
      if (response.status() !== expected) {
        mismatches.push(`${check.method} ${check.path} (${check.label}): ${response.status()}, expected ${expected}`);
      }
      if (response.status() === 302 && expected === 302 && actor === "anonymous" && check.path.startsWith("/gov")) {
        expect(response.headers().location).toMatch(/^\/login\?redirectTo=/);
      }
    }
    await context.dispose();
    expect(mismatches).toEqual([]);
  });
}
