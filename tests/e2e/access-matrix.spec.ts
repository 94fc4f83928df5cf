import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { stableId } from "../../prisma/seed/stable-id.ts";
import { baseURLFromEnvironment, ROOT_DIR } from "./support/e2e-environment.ts";
import { sessionCookieFor } from "./support/sessions.ts";

/**
 * Every route × every role × own tenant / foreign tenant / anonymous. A route file that is not
 * in ROUTES fails the first test, so a new route cannot ship without its row here.
 */
const ACTORS = {
  anonymous: null,
  platformAdmin: "admin@tipei.example",
  regulatorAdmin: "hangzhou.admin@tipei.example",
  inspector: "xihu.inspector@tipei.example",
  institutionAdmin: "xihu.swim@tipei.example",
  institutionStaff: "xihu.swim.staff@tipei.example",
  parent: "parent@tipei.example",
} as const;
type Actor = keyof typeof ACTORS;
type Expect = Record<Actor, number>;

const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const SOME_TOKEN = "A".repeat(43);
const SOME_UUID = "00000000-0000-4000-8000-000000000000";

const all = (status: number): Expect => ({
  anonymous: status,
  platformAdmin: status,
  regulatorAdmin: status,
  inspector: status,
  institutionAdmin: status,
  institutionStaff: status,
  parent: status,
});
const signedIn = (status: number, anonymous = 302): Expect => ({ ...all(status), anonymous });
const regulatorPage = (inspector: number): Expect => ({
  ...signedIn(404),
  platformAdmin: 200,
  regulatorAdmin: 200,
  inspector,
});
const foreign: Expect = { ...signedIn(404), platformAdmin: 200 };

type Check = { method: "GET" | "POST"; path: string; expect: Expect; label: string };
type RouteRow = { files: string[]; checks: Check[] };

const get = (label: string, p: string, expected: Expect): Check => ({
  method: "GET",
  path: p,
  expect: expected,
  label,
});
const post = (label: string, p: string, expected: Expect): Check => ({
  method: "POST",
  path: p,
  expect: expected,
  label,
});

// "Own" for the regulators is Xihu district (the inspector's own, below the admin's Hangzhou);
// "foreign" is Ningbo's Yinzhou district; the inspector's parent city is foreign to the inspector.
const ROUTES: RouteRow[] = [
  { files: ["_index.tsx"], checks: [get("home", "/", all(200))] },
  { files: ["$.tsx"], checks: [get("unknown path", "/no-such-page", all(404))] },
  { files: ["healthz.ts"], checks: [get("health", "/healthz", all(200))] },
  { files: ["locale.ts"], checks: [get("locale (GET)", "/locale", all(302))] },
  { files: ["login.tsx"], checks: [get("login", "/login", { ...signedIn(302), anonymous: 200 })] },
  { files: ["logout.ts"], checks: [get("logout (GET)", "/logout", all(302))] },
  { files: ["signup._index.tsx"], checks: [get("sign-up choice", "/signup", all(200))] },
  { files: ["signup.parent.tsx"], checks: [get("parent sign-up", "/signup/parent", all(200))] },
  { files: ["signup.institution.tsx"], checks: [get("institution sign-up", "/signup/institution", all(200))] },
  { files: ["forgot-password.tsx"], checks: [get("forgot password", "/forgot-password", all(200))] },
  { files: ["reset-password.$token.tsx"], checks: [get("reset link", `/reset-password/${SOME_TOKEN}`, all(200))] },
  { files: ["invitations.$token.tsx"], checks: [get("invitation link", `/invitations/${SOME_TOKEN}`, all(200))] },
  {
    files: ["account.tsx"],
    checks: [get("account", "/account", signedIn(200)), post("account bad intent", "/account", signedIn(400))],
  },
  { files: ["admin.tsx"], checks: [get("platform admin", "/admin", { ...signedIn(404), platformAdmin: 200 })] },
  {
    files: ["org.$institutionId.tsx"],
    checks: [
      get("own institution", `/org/${OWN_INSTITUTION}`, {
        ...signedIn(404),
        institutionAdmin: 200,
        institutionStaff: 200,
      }),
      get("foreign institution", `/org/${FOREIGN_INSTITUTION}`, signedIn(404)),
      get("malformed institution id", "/org/not-a-uuid", signedIn(404)),
    ],
  },
  {
    files: ["gov.$authority.tsx", "gov.$authority._index.tsx"],
    checks: [
      get("overview own", "/gov/hangzhou-xihu", regulatorPage(200)),
      get("overview above the inspector", "/gov/hangzhou", { ...regulatorPage(404) }),
      get("overview foreign", "/gov/ningbo-yinzhou", foreign),
      get("overview unknown authority", "/gov/no-such-authority", signedIn(404)),
    ],
  },
  {
    files: ["gov.$authority.members.tsx"],
    checks: [
      get("members own", "/gov/hangzhou-xihu/members", regulatorPage(403)),
      get("members foreign", "/gov/ningbo-yinzhou/members", foreign),
      post("invite own (empty form)", "/gov/hangzhou-xihu/members?intent=invite", {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("invite foreign (empty form)", "/gov/ningbo-yinzhou/members?intent=invite", {
        ...foreign,
        platformAdmin: 400,
      }),
    ],
  },
  {
    files: ["gov.$authority.settings.tsx"],
    checks: [
      get("settings own", "/gov/hangzhou-xihu/settings", regulatorPage(200)),
      get("settings foreign", "/gov/ningbo-yinzhou/settings", foreign),
      post("change setting own (empty form)", "/gov/hangzhou-xihu/settings", {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("change setting foreign (empty form)", "/gov/ningbo-yinzhou/settings", { ...foreign, platformAdmin: 400 }),
    ],
  },
  {
    files: ["gov.$authority.audit.tsx"],
    checks: [
      get("audit own", "/gov/hangzhou-xihu/audit", regulatorPage(403)),
      get("audit foreign", "/gov/ningbo-yinzhou/audit", foreign),
    ],
  },
  { files: ["dev.mail._index.tsx"], checks: [get("mail viewer", "/dev/mail", all(200))] },
  { files: ["dev.mail.$id.tsx"], checks: [get("unknown email", `/dev/mail/${SOME_UUID}`, all(404))] },
];

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
