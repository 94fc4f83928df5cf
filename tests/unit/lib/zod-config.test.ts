import "~/lib/zod-config";
import { z } from "zod";

describe("the zod configuration root.tsx loads first", () => {
  it("turns zod's eval-compiled parsers off (the Content-Security-Policy forbids eval)", () => {
    expect(z.config().jitless).toBe(true);
  });

  it("still parses objects without them", () => {
    expect(z.object({ a: z.number() }).safeParse({ a: "1" }).success).toBe(false);
    expect(z.object({ a: z.number() }).parse({ a: 1, b: 2 })).toEqual({ a: 1 });
  });
});
