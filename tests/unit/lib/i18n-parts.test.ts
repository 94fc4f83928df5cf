import fs from "node:fs";
import path from "node:path";
import { en } from "~/lib/i18n/en";
import { enPublic } from "~/lib/i18n/en.public";
import { enWorkspace } from "~/lib/i18n/en.workspace";
import { zhCN } from "~/lib/i18n/zh-CN";
import { zhCNPublic } from "~/lib/i18n/zh-CN.public";
import { zhCNWorkspace } from "~/lib/i18n/zh-CN.workspace";

// A public page downloads only the public part of the messages (load-catalog.ts); a key of the
// workspace part used there would crash the page in the browser, though the server, which has
// every message, renders it fine. So every key a public route or a module it brings into the
// browser names must be in the public part. Read from the source: string literals that are keys,
// and the prefixes of keys built from a template (`sport.${code}`), whose every key must be public.

const APP = path.resolve("app");
const ROUTES = path.join(APP, "routes");
const WORKSPACE_ROUTE = "~/lib/i18n/workspace-route";

// Modules whose key literals are data that public pages do not show, with the reason.
const NOT_SHOWN_ON_PUBLIC_PAGES: Record<string, string> = {
  // The public profile needs only the standard rule codes (compliance/standard-codes.ts); the
  // parameters' labels and units are for the settings page. Rule names are public (ruleNames).
  "modules/tenancy/parameters.ts": "parameter labels and units, shown on the settings page",
};

const allKeys = Object.keys(zhCN);
const publicKeys = new Set(Object.keys(zhCNPublic));

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** Value imports and re-exports (a type-only import brings no code into the browser). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const specs = [
    ...[...source.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?["']([^"']+)["'];/gms)].map((m) => m[1]),
    ...[...source.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]),
  ];
  return specs.flatMap((spec) => {
    const resolved = spec ? resolveImport(file, spec) : null;
    return resolved ? [resolved] : [];
  });
}

const isServerModule = (file: string) => /\.server(\.tsx?$|\/)/.test(file);
const isCatalog = (file: string) =>
  file.includes("/lib/i18n/messages/") || /\/lib\/i18n\/(zh-CN|en)(\.\w+)?\.ts$/.test(file);

/**
 * The modules a route brings into the browser, and the server modules it calls directly (what
 * its loader and action return, such as an error key, is shown by the page).
 */
function modulesOf(route: string): string[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file) || isCatalog(file) || isServerModule(file)) return;
    seen.add(file);
    for (const next of importsOf(file)) walk(next);
  };
  walk(route);
  const direct = importsOf(route).filter(isServerModule);
  return [...seen, ...direct];
}

function keysNamedIn(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const literals = [...source.matchAll(/["'`]([a-zA-Z][\w-]*(?:\.[\w-]+)+)["'`]/g)]
    .map((m) => m[1] ?? "")
    .filter((s) => Object.hasOwn(zhCN, s));
  const prefixes = [...source.matchAll(/`([a-zA-Z][\w-]*(?:\.[\w-]*)*\.)\$\{/g)].map((m) => m[1] ?? "");
  return [...literals, ...prefixes.flatMap((prefix) => allKeys.filter((k) => k.startsWith(prefix)))];
}

const routeFiles = fs.readdirSync(ROUTES).filter((f) => /\.tsx$/.test(f));
const isPage = (file: string) => /^export default /m.test(fs.readFileSync(path.join(ROUTES, file), "utf8"));
const namesWorkspace = (file: string) =>
  fs.existsSync(path.join(ROUTES, file)) && fs.readFileSync(path.join(ROUTES, file), "utf8").includes(WORKSPACE_ROUTE);

/** The layout routes a flat route file renders inside (`gov.$authority.tsx` for `gov.$authority.audit.tsx`). */
function layoutsOf(file: string): string[] {
  const segments = file.replace(/\.tsx$/, "").split(/\.(?![^[]*\])/);
  const layouts: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    if (segments[i - 1]?.endsWith("_")) break; // `account_.x` opts out of the `account` layout
    layouts.push(`${segments.slice(0, i).join(".")}.tsx`);
  }
  return layouts;
}

const workspaceRoutes = routeFiles.filter((f) => isPage(f) && [f, ...layoutsOf(f)].some(namesWorkspace));
const publicRoutes = routeFiles.filter((f) => isPage(f) && !workspaceRoutes.includes(f));

describe("the message parts", () => {
  it("split every language into the same public and workspace keys, none in both", () => {
    expect(Object.keys(enPublic).sort()).toEqual(Object.keys(zhCNPublic).sort());
    expect(Object.keys(enWorkspace).sort()).toEqual(Object.keys(zhCNWorkspace).sort());
    expect(Object.keys(zhCNPublic).filter((k) => Object.hasOwn(zhCNWorkspace, k))).toEqual([]);
    expect(Object.keys(zhCN).length).toBe(Object.keys(zhCNPublic).length + Object.keys(zhCNWorkspace).length);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("finds the public pages and the workspaces as they are", () => {
    // Not a list to keep up to date: a sample, so that a broken reading of the routes is noticed.
    expect(publicRoutes).toEqual(
      expect.arrayContaining(["_index.tsx", "institutions.$registrationNo.tsx", "login.tsx", "$.tsx"]),
    );
    expect(workspaceRoutes).toEqual(
      expect.arrayContaining(["gov.$authority.audit.tsx", "org.$institutionId.filing.staff.tsx", "account.tsx"]),
    );
    expect(publicRoutes).not.toContain("gov.$authority.audit.tsx");
  });

  it.each(["root.tsx", ...publicRoutes.map((f) => `routes/${f}`)])(
    "%s and what it imports use only public keys",
    (route) => {
      const outside: string[] = [];
      for (const file of modulesOf(path.join(APP, route))) {
        const relative = path.relative(APP, file);
        if (Object.hasOwn(NOT_SHOWN_ON_PUBLIC_PAGES, relative)) continue;
        for (const key of keysNamedIn(file)) {
          // A server module's emails are written on the server, which has every message.
          if (isServerModule(file) && key.startsWith("email.")) continue;
          if (!publicKeys.has(key)) outside.push(`${relative}: ${key}`);
        }
      }
      // A page behind sign-in: `export { clientLoader, handle } from "~/lib/i18n/workspace-route";`.
      // A public page: move the messages it shows into the public part (zh-CN.public.ts).
      expect([...new Set(outside)]).toEqual([]);
    },
  );

  it("have a workspace route behind every layout that declares one", () => {
    for (const file of routeFiles.filter(namesWorkspace)) {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      expect(source, file).toContain(`export { clientLoader, handle } from "${WORKSPACE_ROUTE}";`);
      expect(source, file).toMatch(/export (async )?function loader/);
    }
  });
});
