import { safeRedirectPath } from "~/lib/safe-redirect";

describe("safeRedirectPath", () => {
  it.each(["/", "/institutions?q=游泳", "/a/b#c"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null, undefined])(
    "sends %s home",
    (target) => {
      expect(safeRedirectPath(target)).toBe("/");
    },
  );
});
