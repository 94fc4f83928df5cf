import { test as base, expect, type Page } from "@playwright/test";
import { baseURLFromEnvironment } from "./e2e-environment.ts";

type Options = {
  /** console.error messages a test expects (a 404 page makes Chromium log one); anything else fails it. */
  allowedConsoleErrors: RegExp[];
};

const CSP_MESSAGE = /Content[- ]Security[- ]Policy|Refused to/i;

/** Collects what the browser reports going wrong on a page: console errors, uncaught errors, CSP violations. */
async function watchForProblems(page: Page, allowedConsoleErrors: RegExp[]): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (CSP_MESSAGE.test(text)) problems.push(`CSP violation (console ${message.type()}): ${text}`);
    else if (message.type() === "error" && !allowedConsoleErrors.some((allowed) => allowed.test(text))) {
      problems.push(`console.error: ${text}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`uncaught error: ${error.stack ?? error.message}`));
  // A second witness that does not depend on console wording, which changes between Chromium versions
  // (Chromium 156 says "Executing inline script violates…", older ones "Refused to execute…").
  await page.exposeFunction("__e2eReportCspViolation", (report: string) => problems.push(`CSP violation: ${report}`));
  await page.addInitScript(() => {
    const report = (window as unknown as { __e2eReportCspViolation: (report: string) => void }).__e2eReportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      const where = event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "";
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}${where}`);
    });
  });
  return problems;
}

export const test = base.extend<Options>({
  allowedConsoleErrors: [[], { option: true }],

  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured first argument.
  baseURL: async ({}, use) => {
    // Known only once global setup has started the server, so it cannot come from the config.
    await use(baseURLFromEnvironment());
  },

  page: async ({ page, allowedConsoleErrors }, use) => {
    const problems = await watchForProblems(page, allowedConsoleErrors);
    await use(page);
    expect(problems, "the browser reported problems on this page").toEqual([]);
  },
});

export { expect };
