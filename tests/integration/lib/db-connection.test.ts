import { pgPool, prisma } from "~/lib/db.server";

// The app's connections turn PostgreSQL's JIT off (see db.server.ts): a plan whose estimate crossed
// jit_above_cost spent about 0.9 s compiling a query that runs in milliseconds. The pool asks for it
// on connecting (source "client"), whatever the role's default says (set too, for poolers).
const JIT = "SELECT setting, source FROM pg_settings WHERE name = 'jit'";

describe("the app's database connections", () => {
  it("run without JIT compilation, asked by the pool itself, through Prisma and through the pool of hot reads", async () => {
    const viaPrisma = await prisma.$queryRawUnsafe<{ setting: string; source: string }[]>(JIT);
    const viaPool = await pgPool().query<{ setting: string; source: string }>(JIT);
    expect(viaPrisma).toEqual([{ setting: "off", source: "client" }]);
    expect(viaPool.rows).toEqual([{ setting: "off", source: "client" }]);
  });
});
