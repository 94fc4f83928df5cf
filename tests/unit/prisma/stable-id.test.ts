import { stableId } from "../../../prisma/seed/stable-id";

describe("stableId", () => {
  it("gives the same UUID for the same name and different ones otherwise", () => {
    const a = stableId("authority", "330106");
    expect(a).toBe(stableId("authority", "330106"));
    expect(a).not.toBe(stableId("authority", "330108"));
    expect(a).not.toBe(stableId("user", "330106"));
  });

  it("is a well-formed version 5 UUID", () => {
    expect(stableId("user", "parent@tipei.example")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
