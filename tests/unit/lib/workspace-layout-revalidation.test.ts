import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { layoutRevalidation } from "~/lib/i18n/workspace-route";

// A workspace layout's loader (its access check, its header) runs again after a submission and
// when the workspace changes; not on a link, a GET form (a list's filters) or a revalidate() inside it.

const revalidates = layoutRevalidation("authority");
const url = (path: string) => new URL(`http://localhost${path}`);

function args(overrides: Partial<ShouldRevalidateFunctionArgs>): ShouldRevalidateFunctionArgs {
  return {
    currentUrl: url("/gov/hangzhou"),
    currentParams: { authority: "hangzhou" },
    nextUrl: url("/gov/hangzhou/reviews"),
    nextParams: { authority: "hangzhou" },
    defaultShouldRevalidate: true,
    ...overrides,
  };
}

describe("a workspace layout's revalidation", () => {
  it("skips links, GET forms and revalidate() inside the workspace", () => {
    expect(revalidates(args({}))).toBe(false);
    expect(revalidates(args({ nextUrl: url("/gov/hangzhou/reviews?status=SUBMITTED"), formMethod: "GET" }))).toBe(
      false,
    );
    expect(revalidates(args({ nextUrl: url("/gov/hangzhou") }))).toBe(false);
  });

  it("runs after a submission and for another workspace", () => {
    for (const formMethod of ["POST", "post", "DELETE"] as const) {
      expect(revalidates(args({ formMethod: formMethod as ShouldRevalidateFunctionArgs["formMethod"] }))).toBe(true);
    }
    expect(revalidates(args({ nextUrl: url("/gov/ningbo"), nextParams: { authority: "ningbo" } }))).toBe(true);
  });

  it("follows Remix's default when that is not to revalidate", () => {
    expect(revalidates(args({ formMethod: "POST", defaultShouldRevalidate: false }))).toBe(false);
  });
});
