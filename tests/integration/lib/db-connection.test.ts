import { pgPool, prisma } from "~/lib/db.server";

// The app's connections turn PostgreSQL's JIT off (see db.server.ts): a plan whose estimate crossed
// jit_above_cost spent about 0.9 s compiling a query that runs in milliseconds.
describe("the app's database connections", () => {
  it("run without JIT compilation, through Prisma and through the pool of hot reads", async () => {
    const [viaPrisma] = await prisma.$queryRaw<{ jit: string }[]>`SELECT current_setting('jit') AS jit`;
    const viaPool = await pgPool().query<{ jit: string }>("SELECT current_setting('jit') AS jit");
    expect(viaPrisma?.jit).toBe("off");
    expect(viaPool.rows[0]?.jit).toBe("off");
  });
});
