import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import { ACTORS, type Actor } from "./access/matrix.ts";
import { baseURLFromEnvironment } from "./support/e2e-environment.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { DEMO_REGISTRATION_NO, enrollmentPagesOf, inspectionTaskPages, routePagesFor } from "./support/pages.ts";
import { copyOfDemoAccount, signInAs } from "./support/sessions.ts";

/**
 * Every page of the app, in both languages, checked by axe-core against WCAG 2.1 A and AA: no
 * serious or critical violation. The pages are the access matrix's (support/pages.ts), so a new
 * page is checked as soon as it has its row. Every role opens every page it may (an admin's page
 * has forms an inspector's lacks), with its own header; pages that need a record (a profile, an
 * enrollment, an inspection) are opened with a demo one.
 */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LOCALES = ["zh-CN", "en"] as const;
type Locale = (typeof LOCALES)[number];
const ROLE_ORDER: Actor[] = [
  "anonymous",
  "parent",
  "institutionAdmin",
  "institutionStaff",
  "regulatorAdmin",
  "inspector",
  "platformAdmin",
];
const PAGES_PER_TEST = 8;

// No trace (axe is slow enough on a busy machine) and generous navigation time.
test.use({ trace: "off", navigationTimeout: 60_000 });

/** Every matrix page `actor` may open, and its home page: a page shows each role its own controls. */
function pagesCheckedAs(actor: Actor): string[] {
  return [...new Set(["/", ...routePagesFor(actor).values()])];
}

/** Pages that need a demo record, resolved once the database exists. */
async function recordPagesFor(actor: Actor, email: string | null): Promise<string[]> {
  if (actor === "anonymous") return [`/institutions/${DEMO_REGISTRATION_NO}`];
  if (actor === "parent" && email) return enrollmentPagesOf(email);
  if (actor === "regulatorAdmin" || actor === "inspector") return inspectionTaskPages();
  return [];
}

/** The signed-out visitor's language is the `lng` cookie (an unsigned JSON value in base64, as Remix writes it). */
async function chooseLocaleCookie(context: BrowserContext, locale: Locale): Promise<void> {
  const value = Buffer.from(JSON.stringify(locale), "utf8").toString("base64");
  await context.addCookies([{ name: "lng", value: encodeURIComponent(value), url: baseURLFromEnvironment() }]);
}

const copies: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const remove of copies.splice(0)) await remove();
});

/** The account whose pages are read in `locale`: the demo person, or an English-reading copy of them. */
async function accountFor(actor: Actor, locale: Locale): Promise<string | null> {
  const email = ACTORS[actor];
  if (!email || locale === "zh-CN") return email;
  // The English demo parent has enrollments of their own; anyone else gets a copy with their memberships.
  if (actor === "parent") return "parent.en@tipei.example";
  const copy = await copyOfDemoAccount(email, "en");
  copies.push(copy.remove);
  return copy.email;
}

async function openAs(context: BrowserContext, actor: Actor, locale: Locale): Promise<string | null> {
  const email = await accountFor(actor, locale);
  if (email) await signInAs(context, email);
  else await chooseLocaleCookie(context, locale);
  return email;
}

async function seriousViolations(page: Page, path: string, locale: Locale): Promise<string[]> {
  await page.goto(path);
  await waitForHydration(page);
  await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const targets = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ");
      return `${path} [${locale}]: ${v.id} (${v.impact}, ${v.nodes.length}×) ${v.help} — ${targets}`;
    });
}

async function expectNoSeriousViolations(page: Page, paths: string[], locale: Locale): Promise<void> {
  const problems: string[] = [];
  for (const path of paths) problems.push(...(await seriousViolations(page, path, locale)));
  expect(problems, `${problems.length} serious or critical accessibility problems`).toEqual([]);
}

for (const actor of ROLE_ORDER) {
  const pages = pagesCheckedAs(actor);
  for (const locale of LOCALES) {
    for (let from = 0; from < pages.length; from += PAGES_PER_TEST) {
      const chunk = pages.slice(from, from + PAGES_PER_TEST);
      test(`${actor}'s pages pass axe in ${locale} (${from + 1}–${from + chunk.length} of ${pages.length})`, async ({
        page,
        context,
      }) => {
        test.setTimeout(240_000);
        await openAs(context, actor, locale);
        await expectNoSeriousViolations(page, chunk, locale);
      });
    }
    test(`${actor}'s pages with demo records pass axe in ${locale}`, async ({ page, context }) => {
      test.setTimeout(240_000);
      const email = await openAs(context, actor, locale);
      const paths = await recordPagesFor(actor, email);
      test.skip(paths.length === 0, "no page of this role needs a record");
      await expectNoSeriousViolations(page, paths, locale);
    });
  }
}
