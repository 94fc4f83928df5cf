import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROUTES, routePath } from "./route-table";

const ROUTES_DIR = path.resolve("app/routes");

describe("the fuzz route table", () => {
  it("lists every route file that exports an action, and every JSON API", () => {
    const files = readdirSync(ROUTES_DIR).filter((f) => /\.(tsx?)$/.test(f));
    const withAction = files.filter((f) =>
      /export\s+(async\s+)?(function|const)\s+action\b/.test(readFileSync(path.join(ROUTES_DIR, f), "utf8")),
    );
    const apis = files.filter((f) => f.startsWith("api.") || f.startsWith("webhooks."));
    const listed = new Set(ROUTES.map((r) => r.file));
    expect([...new Set([...withAction, ...apis])].filter((f) => !listed.has(f)).sort()).toEqual([]);
    expect(ROUTES.map((r) => r.file).filter((f) => !files.includes(f))).toEqual([]);
  });

  it("builds each route's URL from its file name", () => {
    expect(routePath("gov.$authority.reviews.$filingId.tsx", { authority: "hangzhou", filingId: "a/b" })).toBe(
      "/gov/hangzhou/reviews/a%2Fb",
    );
    expect(routePath("account_.enrollments.$enrollmentId.tsx", { enrollmentId: "e" })).toBe("/account/enrollments/e");
    expect(routePath("api.v1.openapi[.json].ts", {})).toBe("/api/v1/openapi.json");
    expect(routePath("gov.$authority.draws._index.tsx", { authority: "x" })).toBe("/gov/x/draws");
  });
});
