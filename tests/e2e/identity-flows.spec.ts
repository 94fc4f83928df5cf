import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";

const DEMO_PASSWORD = "Tipei-Demo-2026!";

test("a regulator signs in through the form, lands in their workspace and signs out", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("电子邮箱").fill("hangzhou.admin@tipei.example");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/gov\/hangzhou$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("杭州市体育局");
  await expect(page.getByRole("link", { name: /杭州市西湖区/ })).toBeVisible();

  await page.getByRole("link", { name: "成员与邀请" }).click();
  await expect(page.getByRole("cell", { name: "hangzhou.admin@tipei.example" })).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/gov/hangzhou");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fgov%2Fhangzhou/);
});

test.describe("a refused sign-in", () => {
  // The refused form post answers 400, which Chromium logs as a failed resource.
  test.use({ allowedConsoleErrors: [/status of 400/] });

  test("shows field errors before posting, and the server's answer for a wrong password", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByLabel("电子邮箱").fill("not-an-email");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入有效的电子邮箱地址。")).toBeVisible();
    await expect(page.getByLabel("电子邮箱")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("电子邮箱").fill("ningbo.admin@tipei.example");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert")).toHaveText("邮箱或密码不正确。");
  });
});

test("a parent signs up and is signed in to their account", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("link", { name: /家长账号/ }).click();
  await waitForHydration(page);
  await page.getByLabel("电子邮箱").fill("new.parent@tipei.example");
  await page.getByLabel("姓名").fill("王小明");
  await page.getByLabel("密码", { exact: true }).fill("Family-2026-ok");
  await page.getByLabel("再次输入密码").fill("Family-2026-ok");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("new.parent@tipei.example")).toBeVisible();
  await expect(page.getByText("家长", { exact: true })).toBeVisible();
});

test("a forgotten password is reset through the emailed link, which works once", async ({ page }) => {
  await page.goto("/forgot-password");
  await waitForHydration(page);
  await page.getByLabel("电子邮箱").fill("yinzhou.inspector@tipei.example");
  await page.getByRole("button", { name: "发送重设链接" }).click();
  await expect(page.getByRole("status")).toContainText("重设密码的链接已经发出");

  await page.goto("/dev/mail");
  await page.getByRole("link", { name: "体培：重设密码" }).first().click();
  const link = page.getByRole("link", { name: /\/reset-password\// });
  const href = await link.getAttribute("href");
  await link.click();
  await waitForHydration(page);
  await page.getByLabel("新密码").fill("Brand-new-2026");
  await page.getByLabel("再次输入密码").fill("Brand-new-2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page).toHaveURL(/\/login\?notice=passwordReset/);
  await expect(page.getByRole("status")).toContainText("密码已更新");

  await page.getByLabel("电子邮箱").fill("yinzhou.inspector@tipei.example");
  await page.getByLabel("密码").fill("Brand-new-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/gov\/ningbo-yinzhou$/);

  await page.goto(href ?? "/");
  await expect(page.getByRole("alert")).toContainText("此链接无效、已过期或已使用");
});
