import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";
import { signInAs } from "./support/sessions.ts";
import { ZH } from "./support/texts.ts";

// A public page downloads only the public part of its language's messages; a workspace gets the
// rest before it renders, on a full page load and on the client-side navigation after signing in
// (app/lib/i18n/load-catalog.ts, workspace-route.ts). The fixture fails the test on a console
// error, which is what a key missing in the browser causes.

const DEMO_PASSWORD = "Tipei-Demo-2026!";

function messageChunks(page: Page): string[] {
  const chunks: string[] = [];
  page.on("request", (request) => {
    const name = /\/((?:zh-CN|en)\.(?:public|workspace))-\w+\.js$/.exec(request.url())?.[1];
    if (name) chunks.push(name);
  });
  return chunks;
}

test("a public page loads the public messages only, and signing in brings the workspace's", async ({ page }) => {
  const chunks = messageChunks(page);
  await page.goto("/institutions");
  await waitForHydration(page);
  expect(chunks).toEqual(["zh-CN.public"]);

  await page.getByRole("link", { name: "登录" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("电子邮箱").fill("hangzhou.admin@tipei.example");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/gov\/hangzhou$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("杭州市体育局");
  await expect(page.getByRole("link", { name: "成员与邀请" })).toBeVisible();
  expect(chunks).toEqual(["zh-CN.public", "zh-CN.workspace"]);
});

test("a workspace opened directly loads both parts before it hydrates", async ({ page, context }) => {
  // Signed in without the form (the other tests here use it, and it is rate-limited).
  await signInAs(context, "hangzhou.admin@tipei.example");
  const chunks = messageChunks(page);
  await page.goto("/gov/hangzhou/members");
  await expect(page.locator("html")).toHaveAttribute("data-messages", "public workspace");
  await waitForHydration(page);
  expect(chunks.sort()).toEqual(["zh-CN.public", "zh-CN.workspace"]);
  await expect(page.getByRole("cell", { name: "hangzhou.admin@tipei.example" })).toBeVisible();

  // To a public page and back into the workspace: nothing more to download.
  await page.getByRole("link", { name: "查验机构" }).click();
  await expect(page).toHaveURL(/\/institutions$/);
  await page.getByRole("link", { name: "工作台" }).click();
  await expect(page).toHaveURL(/\/gov\/hangzhou$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("杭州市体育局");
  expect(chunks.sort()).toEqual(["zh-CN.public", "zh-CN.workspace"]);
});

test("signing in from a page in English to an account in Chinese shows the workspace in Chinese", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByRole("button", { name: ZH.switchToOther }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  const chunks = messageChunks(page);
  await page.getByLabel("Email").fill("hangzhou.admin@tipei.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/gov\/hangzhou$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("杭州市体育局");
  await expect(page.getByRole("link", { name: "成员与邀请" })).toBeVisible();
  // The workspace part of both languages the page has: which one the account reads is known only
  // once the server answers.
  expect(chunks.sort()).toEqual(["en.workspace", "zh-CN.workspace"]);
});
