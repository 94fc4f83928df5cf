import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { DEMO_REGISTRATION_NO } from "./support/pages.ts";
import { copyOfDemoAccount, signInAs } from "./support/sessions.ts";

/**
 * Keyboard only: Tab to each control (never a click), type, and act with Enter or Space; the
 * focused control always shows a visible outline. A person who cannot use a mouse can sign in and
 * enroll a child up to the payment page.
 */
const DEMO_PASSWORD = "Tipei-Demo-2026!";
// A copy of a demo account (same password): no other test signs it in with the form (its
// per-account rate limit stays untouched) or changes its password (one resets Yinzhou's inspector's).
const KEYBOARD_ACCOUNT_OF = "ningbo.admin@tipei.example";

test.use({ navigationTimeout: 60_000 });

/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      await expectVisibleFocus(target);
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function expectVisibleFocus(target: Locator): Promise<void> {
  const outline = await target.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline.style, "the focused control shows an outline").not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

test("signing in works with the keyboard alone", async ({ page }) => {
  const account = await copyOfDemoAccount(KEYBOARD_ACCOUNT_OF, "zh-CN");
  try {
    await page.goto("/login");
    await waitForHydration(page);
    await tabTo(page, page.getByLabel("电子邮箱"));
    await page.keyboard.type(account.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("密码")).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await tabTo(page, page.getByRole("button", { name: "登录" }));
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  } finally {
    await account.remove();
  }
});

test("a parent enrolls and accepts the contract with the keyboard alone", async ({ page, context }) => {
  test.setTimeout(90_000);
  // A copy of the demo parent: the enrollment it starts leaves the demo's own figures alone.
  const parent = await copyOfDemoAccount("parent@tipei.example", "zh-CN");
  try {
    await signInAs(context, parent.email);
    await page.goto(`/institutions/${DEMO_REGISTRATION_NO}`);
    await waitForHydration(page);
    await tabTo(page, page.getByRole("link", { name: /^报名 / }).first(), 80);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/enroll$/);
    await waitForHydration(page);

    await tabTo(page, page.getByLabel("学员姓名"));
    await page.keyboard.type("键盘小明");
    await tabTo(page, page.getByLabel("学员出生年份"));
    await page.keyboard.type("2016");
    await tabTo(page, page.getByLabel("购买课时数（节）"));
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("4");
    await tabTo(page, page.getByRole("button", { name: "查看金额与合同" }));
    await page.keyboard.press("Enter");

    const agree = page.getByRole("checkbox");
    await expect(agree).toBeVisible();
    await tabTo(page, agree);
    await page.keyboard.press("Space");
    await expect(agree).toBeChecked();
    await tabTo(page, page.getByRole("button", { name: /同意合同并支付/ }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/pay\/simulated\//);
    await expect(page.getByRole("button", { name: "模拟支付成功" })).toBeVisible();
  } finally {
    await parent.remove();
  }
});
