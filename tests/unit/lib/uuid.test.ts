import { isUuid } from "~/lib/uuid";

describe("isUuid", () => {
  it("accepts canonical uuids in either case", () => {
    expect(isUuid("0437301d-5361-5eb9-9755-6731649ffaf1")).toBe(true);
    expect(isUuid("0437301D-5361-5EB9-9755-6731649FFAF1")).toBe(true);
  });

  it("refuses what PostgreSQL's uuid type would refuse with an error, though it is 36 hex digits and dashes", () => {
    for (const id of [
      "-".repeat(36),
      "0123456789abcdef0123456789abcdef0123",
      "0437301d5361-5eb9-9755-6731649ffaf1-",
      "0437301d-5361-5eb9-9755-6731649ffaf1 ",
      "0437301d-5361-5eb9-9755-6731649ffaf\u0000",
      "",
    ])
      expect(isUuid(id), JSON.stringify(id)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
