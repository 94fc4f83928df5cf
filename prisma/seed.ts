// `npm run db:seed`: writes the demo data as the schema owner. `-- --print-accounts` lists them.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { loadDotEnv } from "../scripts/db/load-dotenv.ts";
import { seedComplaintsDemo } from "./seed/complaints-demo";
import { DEMO_PASSWORD, demoUsers, seedDemo } from "./seed/demo";
import { seedEscrowDemo } from "./seed/escrow-demo";
import { seedRegistryDemo } from "./seed/registry-demo";

loadDotEnv();
if (process.argv.includes("--print-accounts")) {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const u of demoUsers())
    console.log(`  ${u.email.padEnd(40)} ${u.role.padEnd(18)} ${u.displayName}  (${u.note})`);
  console.log(
    `  ${"inst-<district code>-<nn>@tipei.example".padEnd(40)} ${"INSTITUTION_ADMIN".padEnd(18)} the 280 registry demo institutions`,
  );
  console.log("\nEmails (password resets, invitations) are shown by the mail viewer at /dev/mail.");
  process.exit(0);
}
const url = process.env.MIGRATION_DATABASE_URL;
if (!url) {
  console.error("MIGRATION_DATABASE_URL is not set (the database owner's URL; see .env.example).");
  process.exit(1);
}
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
try {
  const added = await seedDemo(db);
  console.log(`db:seed added ${added.authorities} authorities and ${added.users} people (existing rows kept)`);
  const registry = await seedRegistryDemo(db);
  console.log(`db:seed added ${registry.institutions} registry demo institutions (existing ones kept)`);
  const escrow = await seedEscrowDemo(db);
  console.log(`db:seed added ${escrow.enrollments} escrow demo enrollments (existing ones kept)`);
  const complaints = await seedComplaintsDemo(db);
  console.log(`db:seed added ${complaints.complaints} demo complaints (existing ones kept)`);
} finally {
  await db.$disconnect();
}
