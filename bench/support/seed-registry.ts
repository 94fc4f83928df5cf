// Seeds the demo registry into a benchmark database, in a process of its own so the benchmark's
// memory figure is the evaluation's alone: `tsx bench/support/seed-registry.ts <owner url> <per district>`.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { seedDemo } from "../../prisma/seed/demo";
import { seedRegistryDemo } from "../../prisma/seed/registry-demo";

const [ownerUrl, perDistrict] = process.argv.slice(2);
if (!ownerUrl || !perDistrict) throw new Error("usage: seed-registry.ts <owner url> <institutions per district>");
const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: ownerUrl }) });
await seedDemo(owner);
await seedRegistryDemo(owner, { institutionsPerDistrict: Number(perDistrict) });
await owner.$disconnect();
