// `npm run screenshots` (after `npm run build`): the README's screens, made from the production
// build with the demo data. It starts the web and the worker on free ports against a database of
// its own seeded as `npm run db:seed` seeds (the e2e suite's set-up, reused), signs the demo people
// in, and saves phone screens (375 px) under docs/screenshots/phone/ and desktop screens under
// docs/screenshots/. Everything it started is stopped and dropped at the end.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "@playwright/test";
import pg from "pg";

process.env.TIPEI_E2E_DATABASE ??= `tipei_screens_${process.pid}`;
const { processEnv } = await import("../tests/e2e/support/global-setup.ts");
const { createE2eDatabase } = await import("../tests/e2e/support/e2e-database.ts");
const { startAppProcess, waitUntilHealthy } = await import("../tests/e2e/support/app-processes.ts");
const { stopRun } = await import("../tests/e2e/support/stop-run.ts");
const { freePorts } = await import("../tests/e2e/support/free-ports.ts");
const { BASE_URL_VARIABLE, OWNER_DATABASE_URL, ROOT_DIR, baseURLFromEnvironment } = await import(
  "../tests/e2e/support/e2e-environment.ts"
);
const { sessionCookieFor } = await import("../tests/e2e/support/sessions.ts");
const { stableId } = await import("../prisma/seed/stable-id.ts");

const OUT = path.join(ROOT_DIR, "docs/screenshots");
const PROFILE = "/institutions/330106-2024-0001";
const XIHU_SWIM = stableId("institution", "xihu-swim");
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The worker scores a never-scored deployment when it starts, and opens inspection tasks from it. */
async function xihuInspectionTask(): Promise<string> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const [task] = await query<{ id: string }>(
      `SELECT t.id FROM inspection_task t JOIN authority a ON a.id = t.authority_id
        WHERE a.slug = 'hangzhou-xihu' ORDER BY t.due_on, t.id LIMIT 1`,
    );
    if (task) return task.id;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the worker opened no inspection task in Xihu within two minutes");
}

async function contextFor(browser: Browser, email: string | null, phone: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: baseURLFromEnvironment(),
    viewport: phone ? PHONE : DESKTOP,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
  if (email) {
    const [name, value] = (await sessionCookieFor(email)).split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: baseURLFromEnvironment() }]);
  }
  return context;
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.waitForLoadState("networkidle");
}

async function shoot(page: Page, file: string, options: { fullPage: boolean }): Promise<void> {
  await settle(page);
  const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  const limit = page.viewportSize()?.width ?? 0;
  if (width > limit) console.warn(`  ${file}: ${width} px wide at ${limit} px (scrolls sideways)`);
  await page.screenshot({ path: path.join(OUT, file), fullPage: options.fullPage });
  console.log(`  ${path.relative(ROOT_DIR, path.join(OUT, file))}`);
}

async function visit(page: Page, url: string, file: string, fullPage: boolean): Promise<void> {
  await page.goto(url);
  await shoot(page, file, { fullPage });
}

async function phoneScreens(browser: Browser, taskId: string): Promise<void> {
  const visitor = await (await contextFor(browser, null, true)).newPage();
  await visit(visitor, `/institutions?q=${encodeURIComponent("游泳")}`, "phone/search.png", true);
  await visit(visitor, PROFILE, "phone/profile.png", true);

  const parent = await (await contextFor(browser, "parent@tipei.example", true)).newPage();
  await visit(parent, `${PROFILE}/complain`, "phone/complaint.png", true);
  const [enrollment] = await query<{ id: string }>(
    `SELECT e.id FROM enrollment e JOIN app_user u ON u.id = e.parent_user_id
      WHERE u.email = 'parent@tipei.example' ORDER BY e.created_at LIMIT 1`,
  );
  if (enrollment) await visit(parent, `/account/enrollments/${enrollment.id}`, "phone/enrollment.png", true);
  await parent.goto(PROFILE);
  await parent
    .getByRole("link", { name: /^报名 / })
    .first()
    .click();
  await shoot(parent, "phone/enroll.png", { fullPage: true });
  await parent.getByLabel("学员姓名").fill("王小明");
  await parent.getByLabel("学员出生年份").fill("2016");
  await parent.getByLabel("购买课时数（节）").fill("4");
  await parent.getByRole("button", { name: "查看金额与合同" }).click();
  await parent.getByRole("checkbox").waitFor();
  await shoot(parent, "phone/contract.png", { fullPage: true });
  await parent.getByRole("checkbox").check();
  await parent.getByRole("button", { name: /同意合同并支付/ }).click();
  await parent.waitForURL(/\/pay\/simulated\//);
  await shoot(parent, "phone/payment.png", { fullPage: true });

  const inspector = await (await contextFor(browser, "xihu.inspector@tipei.example", true)).newPage();
  await visit(inspector, "/gov/hangzhou-xihu/inspections", "phone/inspections.png", true);
  await inspector.goto(`/gov/hangzhou-xihu/inspections/${taskId}`);
  await settle(inspector);
  const start = inspector.getByRole("button", { name: "开始检查" });
  if (await start.isVisible()) {
    await start.click();
    await inspector.getByRole("heading", { name: "检查清单" }).waitFor();
  }
  await shoot(inspector, "phone/inspection.png", { fullPage: true });
}

async function desktopScreens(browser: Browser, taskId: string): Promise<void> {
  const visitor = await (await contextFor(browser, null, false)).newPage();
  await visit(visitor, "/", "home.png", false);
  await visit(visitor, `/institutions?q=${encodeURIComponent("游泳")}`, "search.png", false);
  await visit(visitor, PROFILE, "profile.png", false);

  const institution = await (await contextFor(browser, "xihu.swim@tipei.example", false)).newPage();
  await visit(institution, `/org/${XIHU_SWIM}/filing`, "filing.png", false);

  const regulator = await (await contextFor(browser, "hangzhou.admin@tipei.example", false)).newPage();
  await visit(regulator, "/gov/hangzhou/reviews", "reviews.png", false);
  await visit(regulator, "/gov/hangzhou/compliance", "compliance.png", false);
  await visit(regulator, "/gov/hangzhou/funds", "funds.png", false);
  await visit(regulator, "/gov/hangzhou/risk", "risk.png", false);

  const inspector = await (await contextFor(browser, "xihu.inspector@tipei.example", false)).newPage();
  await visit(inspector, `/gov/hangzhou-xihu/inspections/${taskId}`, "inspection.png", false);
}

type Run = Parameters<typeof stopRun>[0];

/** The web and the worker of the build on free ports, on a fresh database with the demo data. */
async function startApp(): Promise<Run> {
  await createE2eDatabase();
  const [webPort, workerPort] = await freePorts(2);
  if (webPort === undefined || workerPort === undefined) throw new Error("could not find two free ports");
  const baseURL = `http://127.0.0.1:${webPort}`;
  const redisPrefix = `tipei-screens-${process.pid}`;
  const processes = [
    startAppProcess("screens-worker", "build/node/worker.js", processEnv(workerPort, baseURL, redisPrefix, "worker")),
    startAppProcess("screens-web", "build/node/server.js", processEnv(webPort, baseURL, redisPrefix, "web")),
  ];
  const run = { processes, redisPrefix };
  try {
    await waitUntilHealthy(baseURL, processes, 120_000);
  } catch (error) {
    await stopRun(run, { reportEarlyExits: false });
    throw error;
  }
  process.env[BASE_URL_VARIABLE] = baseURL;
  return run;
}

mkdirSync(path.join(OUT, "phone"), { recursive: true });
let browser: Browser | undefined;
let run: Run;
let failed = false;
try {
  console.log("screenshots: starting the web and the worker on the demo data…");
  run = await startApp();
  const taskId = await xihuInspectionTask();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  await phoneScreens(browser, taskId);
  await desktopScreens(browser, taskId);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser?.close();
  const problems = await stopRun(run, { reportEarlyExits: true });
  if (problems.length > 0) {
    failed = true;
    console.error(problems.join("\n"));
  }
}
process.exit(failed ? 1 : 0);
