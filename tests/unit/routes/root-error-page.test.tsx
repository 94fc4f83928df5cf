// @vitest-environment happy-dom
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { cleanup, render, screen } from "@testing-library/react";
import { ErrorBoundary } from "~/root";

// The 500 page, as the root boundary renders it when a page's loader fails with an unexpected
// error: the words in the reader's language, the request id to quote, a way home, and nothing of
// the error itself (message or stack). The 404 and 403 pages are checked end to end.
// Importing the root module must not open a database pool.
vi.mock("~/lib/db.server", () => ({ prisma: {}, pgPool: vi.fn() }));

const SECRET = 'relation "secret_table" does not exist';

function Page() {
  return <p>never rendered: the page's loader failed</p>;
}

function Root() {
  return <Outlet />;
}

afterEach(cleanup);

async function renderFailedPage(locale: "zh-CN" | "en", thrown?: unknown): Promise<string> {
  const failure = new Error(SECRET);
  failure.stack = `Error: ${SECRET}\n    at loader (/srv/app/build/server/index.js:1234:56)`;
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      Component: Root,
      ErrorBoundary,
      loader: () => ({ locale, requestId: "req-7f3a", viewer: null }),
      children: [
        {
          id: "page",
          path: "page",
          Component: Page,
          loader: () => {
            throw thrown ?? failure;
          },
        },
      ],
    },
  ]);
  render(<Stub initialEntries={["/page"]} />);
  await screen.findByRole("heading", { level: 1 });
  return document.body.innerHTML;
}

describe("the server error page", () => {
  it.each([
    ["zh-CN", "服务暂时不可用", "返回首页"],
    ["en", "Service temporarily unavailable", "Back to the home page"],
  ] as const)(
    "in %s says what happened, gives the request id and a way home, and hides the error",
    async (locale, title, home) => {
      const html = await renderFailedPage(locale);
      expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(title);
      expect(screen.getByRole("link", { name: home }).getAttribute("href")).toBe("/");
      expect(html).toContain("req-7f3a");
      expect(html).not.toContain("secret_table");
      expect(html).not.toMatch(/\bat .+:\d+:\d+/);
    },
  );
});

describe("the too-many-requests page", () => {
  it.each([
    ["zh-CN", "请求过于频繁", "稍候一分钟", "返回首页"],
    ["en", "Too many requests", "wait a minute", "Back to the home page"],
  ] as const)("in %s says to wait, without a request id", async (locale, title, body, home) => {
    const html = await renderFailedPage(locale, new Response(null, { status: 429, headers: { "Retry-After": "42" } }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(title);
    expect(html).toContain(body);
    expect(screen.getByRole("link", { name: home }).getAttribute("href")).toBe("/");
    expect(html).not.toContain("req-7f3a");
  });
});
