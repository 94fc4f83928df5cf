import type { Page } from "@playwright/test";
import { baseURLFromEnvironment } from "./support/e2e-environment.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { DEMO_REGISTRATION_NO, enrollmentPagesOf, inspectionTaskPages } from "./support/pages.ts";
import { copyOfDemoAccount, signInAs } from "./support/sessions.ts";

/**
 * Parents on phones and inspectors on site: their pages at 375 px wide, in both languages, never
 * scroll sideways. The checkout is walked through (enroll, see the contract, reach the simulated
 * payment page) by a copy of the demo parent, so no demo enrollment changes.
 */
const PHONE = { width: 375, height: 812 };
const LOCALES = ["zh-CN", "en"] as const;
type Locale = (typeof LOCALES)[number];
const PROFILE = `/institutions/${DEMO_REGISTRATION_NO}`;
const WORDS = {
  "zh-CN": {
    enroll: "报名",
    name: "学员姓名",
    year: "学员出生年份",
    lessons: "购买课时数（节）",
    preview: "查看金额与合同",
  },
  en: {
    enroll: "Enrol",
    name: "Trainee's name",
    year: "Trainee's year of birth",
    lessons: "Lessons to buy",
    preview: "See the amount and the contract",
  },
} as const;

// Generous navigation time: the suite shares two cores with everything else a CI machine runs.
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, navigationTimeout: 60_000 });

const copies: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const remove of copies.splice(0)) await remove();
});

async function copyOf(email: string, locale: Locale): Promise<string> {
  const copy = await copyOfDemoAccount(email, locale);
  copies.push(copy.remove);
  return copy.email;
}

/** The page's width and, when it is too wide, the elements that stick out (to say what to fix). */
async function sidewaysOverflow(page: Page): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((limit) => {
    const width = document.scrollingElement?.scrollWidth ?? 0;
    const culprits: string[] = [];
    if (width > limit) {
      for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.right > limit + 0.5 && culprits.length < 5) {
          const cls = typeof element.className === "string" ? element.className.slice(0, 60) : "";
          culprits.push(`<${element.tagName.toLowerCase()} class="${cls}"> right=${Math.round(box.right)}`);
        }
      }
    }
    return { width, culprits };
  }, PHONE.width);
}

async function expectFits(page: Page, what: string): Promise<void> {
  const { width, culprits } = await sidewaysOverflow(page);
  expect(width, `${what} is ${width} px wide at ${PHONE.width} px: ${culprits.join("; ")}`).toBeLessThanOrEqual(
    PHONE.width,
  );
}

async function expectPagesFit(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path);
    await waitForHydration(page);
    await expectFits(page, path);
  }
}

for (const locale of LOCALES) {
  test(`the public search and a profile fit a phone in ${locale}`, async ({ page, context }) => {
    const lng = Buffer.from(JSON.stringify(locale), "utf8").toString("base64");
    await context.addCookies([{ name: "lng", value: encodeURIComponent(lng), url: baseURLFromEnvironment() }]);
    await expectPagesFit(page, [
      "/",
      "/institutions",
      `/institutions?q=${encodeURIComponent("游泳")}`,
      "/institutions?q=no-such-institution-anywhere",
      PROFILE,
    ]);
  });

  test(`a parent enrolls, sees the contract and reaches the payment page on a phone in ${locale}`, async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    const words = WORDS[locale];
    await signInAs(context, await copyOf("parent@tipei.example", locale));
    await expectPagesFit(page, [PROFILE, `${PROFILE}/complain`, "/account/enrollments", "/account/complaints"]);

    await page.goto(PROFILE);
    await page.getByRole("link", { name: words.enroll }).first().click();
    await waitForHydration(page);
    await expectFits(page, "the enroll page");
    await page.getByLabel(words.name).fill("王小明");
    await page.getByLabel(words.year).fill("2016");
    await page.getByLabel(words.lessons).fill("4");
    await page.getByRole("button", { name: words.preview }).click();
    const agree = page.getByRole("checkbox");
    await expect(agree).toBeVisible();
    await expectFits(page, "the contract");
    await agree.check();
    await page.getByRole("button", { name: /同意合同并支付|Accept and pay/ }).click();
    await expect(page).toHaveURL(/\/pay\/simulated\//);
    await waitForHydration(page);
    await expectFits(page, "the simulated payment page");
  });

  test(`a parent's enrollment (lessons to confirm, refund) fits a phone in ${locale}`, async ({ page, context }) => {
    const parent = locale === "en" ? "parent.en@tipei.example" : "parent@tipei.example";
    await signInAs(context, parent);
    const enrollments = await enrollmentPagesOf(parent);
    expect(enrollments.length).toBeGreaterThan(0);
    await expectPagesFit(page, enrollments);
  });

  test(`the inspector's tasks fit a phone in ${locale}`, async ({ page, context }) => {
    const inspector =
      locale === "en" ? await copyOf("xihu.inspector@tipei.example", "en") : "xihu.inspector@tipei.example";
    await signInAs(context, inspector);
    await expectPagesFit(page, [
      "/gov/hangzhou-xihu/inspections",
      "/gov/hangzhou-xihu/inspections?done=1",
      ...(await inspectionTaskPages()),
    ]);
  });
}
