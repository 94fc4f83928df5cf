import type { Page } from "@playwright/test";
import { creditCodeFor } from "../fixtures/registration-content.ts";
import { samplePdf } from "../fixtures/sample-files.ts";
import { expect, test } from "./support/fixtures.ts";
import { waitForHydration } from "./support/hydration.ts";

const PASSWORD = "Tipei-Demo-2026!";
const NAME = "杭州滨江星河游泳培训有限公司";
const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: Buffer.from(samplePdf()) });

// Navigating away while the router still revalidates after a form post aborts that fetch, which
// the browser reports as an error: wait until the page is quiet first.
async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
}

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

async function signOut(page: Page) {
  await settled(page);
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function reviewOf(page: Page) {
  await settled(page);
  await page.goto("/gov/hangzhou/reviews");
  await page.getByRole("link", { name: NAME }).click();
  await page.getByRole("button", { name: "开始审核" }).click();
  await expect(page.getByRole("button", { name: "通过备案" })).toBeVisible();
}

test("an applicant files, the regulator sends it back, the applicant amends, the regulator approves, a parent verifies it", async ({
  page,
}) => {
  test.setTimeout(120_000);

  // The applicant opens an account and the institution's draft.
  await page.goto("/signup/institution");
  await waitForHydration(page);
  await page.getByLabel("机构名称").fill(NAME);
  await page.getByLabel("所在区（县）").selectOption({ label: "杭州市体育局 · 杭州市滨江区文化和广电旅游体育局" });
  await page.getByLabel("姓名").fill("钱多多");
  await page.getByLabel("电子邮箱").fill("owner@binjiang-swim.example");
  await page.getByLabel("密码", { exact: true }).fill("Swim-Binjiang-2026");
  await page.getByLabel("再次输入密码").fill("Swim-Binjiang-2026");
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL(/\/org\/[0-9a-f-]{36}$/);
  const orgUrl = new URL(page.url()).pathname;

  await page.getByRole("button", { name: "开始首次备案" }).click();
  await page.waitForURL(/\/filing\/entity$/);

  // 1. Entity: a wrong check character is caught before anything is saved.
  const code = creditCodeFor("330108", "MA2J8P4Q1");
  await page.getByLabel("统一社会信用代码").fill(`${code.slice(0, 17)}${code[17] === "0" ? "1" : "0"}`);
  await page.getByLabel("法定代表人").fill("钱多多");
  await page.getByLabel("联系人").fill("钱多多");
  await page.getByLabel("联系电话").fill("13905710088");
  await page.getByLabel("注册地址").fill("浙江省杭州市滨江区江南大道 88 号");
  await page.getByLabel("游泳").check();
  await page.getByRole("button", { name: "保存并继续" }).click();
  await expect(page.getByText("统一社会信用代码校验位不正确")).toBeVisible();
  await page.getByLabel("统一社会信用代码").fill(code);
  await page.getByRole("button", { name: "保存并继续" }).click();
  await page.waitForURL(/\/filing\/venues$/);

  // 2. A pool.
  await page.getByRole("link", { name: "新增" }).click();
  await page.getByLabel("场地名称").fill("江南游泳馆");
  await page.getByLabel("场地地址").fill("杭州市滨江区江南大道 88 号");
  await page.getByLabel("训练面积（平方米，不含服务区）").fill("800");
  await page.getByLabel("所在楼层（地下为负数）").fill("1");
  await page.getByLabel("游泳池").check();
  await page.getByLabel("配备 AED（自动体外除颤器）").check();
  await page.getByLabel("水面面积（平方米）").fill("500");
  await page.getByLabel("最浅水深（米）").fill("0.9");
  await page.getByLabel("最深水深（米）").fill("1.4");
  await page.getByLabel("消防验收或备案文件").setInputFiles(pdf("消防验收.pdf"));
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/filing\/venues$/);
  await expect(page.getByText("江南游泳馆")).toBeVisible();

  // 3. A coach and the safety staff.
  await settled(page);
  await page.goto(`${orgUrl}/filing/staff?item=new`);
  await page.getByLabel("姓名", { exact: true }).first().fill("孙游");
  await page.getByLabel("全职").check();
  await page.getByLabel("证书类型").first().selectOption("SOCIAL_SPORTS_INSTRUCTOR");
  await page.getByLabel("证书编号").first().fill("SSI-330108-0099");
  await page.getByLabel("适用项目").first().selectOption("SWIMMING");
  await page.getByLabel("有效期至").first().fill("2029-06-30");
  await page.getByRole("button", { name: "保存", exact: true }).first().click();
  await page.waitForURL(/\/filing\/staff$/);
  await expect(page.getByText("孙游")).toBeVisible();
  await page.getByLabel("安全员姓名").fill("周安全");
  await page.getByLabel("安全员电话").fill("13905710089");
  await page.getByLabel("姓名", { exact: true }).first().fill("吴急救");
  await page.getByLabel("急救证书编号").first().fill("FA-2026-777");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByLabel("安全员姓名")).toHaveValue("周安全");

  // 4. A course at the pool.
  await settled(page);
  await page.goto(`${orgUrl}/filing/courses?item=new`);
  await page.getByLabel("课程名称").fill("少儿游泳基础班");
  await page.getByLabel("项目").selectOption("SWIMMING");
  await page.getByLabel("最小年龄").fill("6");
  await page.getByLabel("最大年龄").fill("12");
  await page.getByLabel("班额（人）").fill("8");
  await page.getByLabel("每班教练人数").fill("1");
  await page.getByLabel("每节时长（分钟）").fill("60");
  await page.getByLabel("课时数").fill("20");
  await page.getByLabel("每节价格（元）").fill("150");
  await page.getByLabel("星期").first().selectOption("6");
  await page.getByLabel("开始").first().fill("09:00");
  await page.getByLabel("结束").first().fill("10:00");
  await page.getByLabel("场地").first().selectOption({ label: "江南游泳馆" });
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/filing\/courses$/);
  await expect(page.getByText("少儿游泳基础班")).toBeVisible();

  // 5. Documents, with the swimming permit.
  await settled(page);
  await page.goto(`${orgUrl}/filing/documents`);
  await page.getByLabel("营业执照").setInputFiles(pdf("营业执照.pdf"));
  await page.getByLabel("项目").selectOption("SWIMMING");
  await page.getByLabel("许可证编号").fill("浙体许〔2026〕0108-001");
  await page.getByLabel("有效期至").last().fill("2031-01-31");
  await page.getByLabel("许可证扫描件").setInputFiles(pdf("许可证.pdf"));
  await page.getByRole("button", { name: "保存并继续" }).click();
  await page.waitForURL(/\/filing\/review$/);

  // 6. Submit.
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核")).toBeVisible();
  await signOut(page);

  // The regulator sends it back with a comment.
  await signIn(page, "hangzhou.admin@tipei.example");
  await reviewOf(page);
  await page.getByLabel("总体意见").fill("请核实场地信息");
  await page.getByLabel("针对的内容").first().selectOption({ index: 1 });
  await page.getByLabel("修改意见").first().fill("请写明游泳馆的具体楼栋");
  await page.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByText("退回修改").first()).toBeVisible();
  await signOut(page);

  // The applicant sees the comment, amends the venue and submits again.
  await signIn(page, "owner@binjiang-swim.example", "Swim-Binjiang-2026");
  await settled(page);
  await page.goto(`${orgUrl}/filing/venues`);
  await expect(page.getByText("请写明游泳馆的具体楼栋")).toBeVisible();
  await page.getByRole("link", { name: "修改" }).click();
  await page.getByLabel("场地名称").fill("江南游泳馆（2 号楼）");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/filing\/venues$/);
  await settled(page);
  await page.goto(`${orgUrl}/filing/review`);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核")).toBeVisible();
  await signOut(page);

  // The regulator approves.
  await signIn(page, "hangzhou.admin@tipei.example");
  await reviewOf(page);
  await page.getByRole("button", { name: "通过备案" }).click();
  await expect(page.getByText(/330108-\d{4}-\d{4}/).first()).toBeVisible();
  const registrationNo = (
    await page
      .getByText(/330108-\d{4}-\d{4}/)
      .first()
      .textContent()
  )?.match(/330108-\d{4}-\d{4}/)?.[0];
  expect(registrationNo).toBeTruthy();
  await signOut(page);

  // A parent scans the QR code on the wall: its short link opens the public profile.
  await page.goto(`/i/${registrationNo}`);
  await expect(page).toHaveURL(new RegExp(`/institutions/${registrationNo}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NAME);
  await expect(page.getByRole("heading", { name: "少儿游泳基础班" })).toBeVisible();
  await expect(page.getByText("江南游泳馆（2 号楼）").first()).toBeVisible();
  await expect(page.getByText("13905710088")).toHaveCount(0);
});
