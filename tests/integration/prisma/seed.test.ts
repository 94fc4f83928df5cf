import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { seedDemo } from "../../../prisma/seed/demo";

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => db.$disconnect());

async function snapshot() {
  return {
    authorities: await db.authority.findMany({ orderBy: { code: "asc" } }),
    users: await db.user.findMany({ orderBy: { email: "asc" } }),
  };
}

describe("the demo seed", () => {
  it("builds Zhejiang with Hangzhou and Ningbo and their districts, named in Chinese", async () => {
    await seedDemo(db);
    const { authorities } = await snapshot();
    const byCode = new Map(authorities.map((a) => [a.code, a]));
    const province = authorities.filter((a) => a.level === "PROVINCE");
    expect(province.map((a) => a.name)).toEqual(["浙江省体育局"]);
    const cities = authorities.filter((a) => a.level === "CITY");
    expect(cities.map((a) => a.name).sort()).toEqual(["宁波市体育局", "杭州市体育局"].sort());
    expect(cities.every((c) => c.parentId === province[0]?.id)).toBe(true);
    const districts = authorities.filter((a) => a.level === "DISTRICT");
    expect(districts.length).toBeGreaterThanOrEqual(6);
    for (const d of districts) {
      const parent = authorities.find((a) => a.id === d.parentId);
      expect(parent?.level, d.name).toBe("CITY");
      expect(d.code.slice(0, 4)).toBe(parent?.code.slice(0, 4));
    }
    expect(byCode.get("330106")?.name).toContain("西湖区");
  });

  it("changes nothing when it runs again", async () => {
    await seedDemo(db);
    const first = await snapshot();
    expect(await seedDemo(db)).toEqual({ authorities: 0, users: 0 });
    expect(await snapshot()).toEqual(first);
  });
});
