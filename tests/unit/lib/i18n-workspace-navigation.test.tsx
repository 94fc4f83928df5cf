// @vitest-environment happy-dom
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";

// As in the browser: no message is here until the client entry or a route loads it (on the
// server, catalogs.server.ts has every language whole).
vi.mock("~/lib/i18n/catalogs.server", () => ({ serverCatalogs: {} }));

type I18n = {
  catalog: typeof import("~/lib/i18n/catalog");
  load: typeof import("~/lib/i18n/load-catalog");
  route: typeof import("~/lib/i18n/workspace-route");
  useTranslation: typeof import("~/lib/i18n/use-translation").useTranslation;
};

// Each test starts from a page that has loaded nothing.
async function freshI18n(): Promise<I18n> {
  vi.resetModules();
  return {
    catalog: await import("~/lib/i18n/catalog"),
    load: await import("~/lib/i18n/load-catalog"),
    route: await import("~/lib/i18n/workspace-route"),
    useTranslation: (await import("~/lib/i18n/use-translation")).useTranslation,
  };
}

afterEach(cleanup);

// The pages of the navigation test, with the modules of that test's page.
let i18n: I18n | undefined;
const rendered: string[] = [];

function Root() {
  return <Outlet />;
}

function PublicPage() {
  const { t } = (i18n as I18n).useTranslation();
  return <Link to="/gov">{t("nav.home")}</Link>;
}

function WorkspacePage() {
  const { t } = (i18n as I18n).useTranslation();
  const label = t("gov.nav.label"); // throws if the key is not here
  rendered.push(label);
  return <h1>{label}</h1>;
}

describe("the message parts in the browser", () => {
  it("loads only the public part for a public page", async () => {
    const { catalog, load } = await freshI18n();
    await load.loadCatalog("zh-CN");
    expect(catalog.hasPart("zh-CN", "public")).toBe(true);
    expect(catalog.hasPart("zh-CN", "workspace")).toBe(false);
    expect(catalog.hasPart("en", "public")).toBe(false);
    expect(catalog.messagesFor("zh-CN")["nav.home"]).toBe("首页");
    expect(catalog.messagesFor("zh-CN")["gov.nav.label"]).toBeUndefined();
    expect(catalog.isMessageKey("nav.home")).toBe(true);
    expect(catalog.isMessageKey("risk.factor.FINDING_CRITICAL")).toBe(false);
  });

  it("loads the workspace part when the server named it in <html data-messages>", async () => {
    const { catalog, load } = await freshI18n();
    catalog.markPartNeeded("workspace"); // what entry.client.tsx does before hydrating
    await load.loadCatalog("en");
    expect(catalog.hasCatalog("en")).toBe(true);
    expect(catalog.messagesFor("en")["gov.nav.label"]).toBe("Regulator workspace");
    // Stored keys (risk factors, evidence) are recognised once the workspace part is here.
    expect(catalog.isMessageKey("risk.factor.FINDING_CRITICAL")).toBe(true);
  });

  it("never shows a language without the workspace part once a workspace has opened", async () => {
    const { catalog, load } = await freshI18n();
    await load.loadCatalog("zh-CN");
    // The person switches to English and, at once, opens a workspace.
    const english = load.loadCatalog("en");
    await load.needMessagePart("workspace");
    expect(catalog.messagesFor("en")["gov.nav.label"]).toBeDefined();
    await english;
    await load.loadCatalog("en"); // what useTranslation asks for while English is not complete
    expect(catalog.hasPart("en", "workspace")).toBe(true);
    expect(catalog.messagesFor("en")["gov.nav.label"]).toBe("Regulator workspace");
  });

  it.each([
    ["zh-CN", "首页", "监管工作台"],
    ["en", "Home", "Regulator workspace"],
  ] as const)(
    "renders a workspace reached from a public page only with its messages (%s)",
    async (locale, home, workspace) => {
      i18n = await freshI18n();
      const { catalog, load, route } = i18n;
      rendered.length = 0;
      await load.loadCatalog(locale);
      const Stub = createRemixStub([
        {
          id: "root",
          path: "/",
          Component: Root,
          loader: () => ({ locale }),
          children: [
            { index: true, Component: PublicPage },
            {
              path: "gov",
              Component: WorkspacePage,
              // The route's clientLoader on a client-side navigation, its server loader stubbed.
              loader: (args: LoaderFunctionArgs) =>
                route.clientLoader({ ...args, serverLoader: async () => ({ authority: "330106" }) } as never),
            },
          ],
        },
      ]);
      render(<Stub initialEntries={["/"]} />);
      const link = await screen.findByRole("link", { name: home });
      expect(catalog.hasPart(locale, "workspace")).toBe(false);
      await act(async () => fireEvent.click(link));
      expect((await screen.findByRole("heading", { level: 1 })).textContent).toBe(workspace);
      expect(rendered.every((text) => text === workspace)).toBe(true);
      expect(catalog.hasPart(locale, "workspace")).toBe(true);
    },
  );

  it("loads the page whole when the workspace messages cannot be fetched (a deploy replaced them)", async () => {
    vi.doMock("~/lib/i18n/zh-CN.workspace", () => {
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    try {
      const { catalog, load, route } = await freshI18n();
      await load.loadCatalog("zh-CN");
      const assign = vi.spyOn(window.location, "assign").mockImplementation(() => {});
      let settled = false;
      void route
        .clientLoader({
          request: new Request("http://localhost/gov/hangzhou"),
          params: {},
          serverLoader: async () => ({}),
        } as never)
        .finally(() => {
          settled = true;
        });
      await vi.waitFor(() => expect(assign).toHaveBeenCalledWith("http://localhost/gov/hangzhou"));
      // The route never renders without its messages: the loader does not settle, the page leaves.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(settled).toBe(false);
      expect(catalog.hasPart("zh-CN", "workspace")).toBe(false);
      assign.mockRestore();
    } finally {
      vi.doUnmock("~/lib/i18n/zh-CN.workspace");
    }
  });

  it("names the parts of the matched routes for the client entry", async () => {
    const { route } = await freshI18n();
    expect(route.messagePartsOf([{ handle: undefined }, {}])).toEqual(["public"]);
    expect(route.messagePartsOf([{}, { handle: route.handle }, {}])).toEqual(["public", "workspace"]);
  });
});
