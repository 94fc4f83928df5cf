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
// Statistics of the tables holding rows, as autovacuum would have gathered them on a live database
// (it is off on the machines benchmarks run on). Not of the empty ones: autovacuum leaves them
// unanalyzed, and statistics that say "empty" stay in plans cached while the scan fills the table
// (the foreign-key checks of compliance findings then read every report: 87 s instead of 23 s).
await owner.$executeRawUnsafe(`
  DO $$
  DECLARE t text; has_rows boolean;
  BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', t) INTO has_rows;
      IF has_rows THEN EXECUTE format('ANALYZE %I', t); END IF;
    END LOOP;
  END $$`);
await owner.$disconnect();
