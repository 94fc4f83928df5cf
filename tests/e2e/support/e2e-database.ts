import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../../app/generated/prisma/client.ts";
import { seedComplaintsDemo } from "../../../prisma/seed/complaints-demo.ts";
import { seedDemo } from "../../../prisma/seed/demo.ts";
import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo.ts";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo.ts";
import { applyMigrations } from "../../../scripts/db/migration-runner.ts";
import { E2E_DATABASE, OWNER_ADMIN_URL, OWNER_DATABASE_URL, ROOT_DIR } from "./e2e-environment.ts";

async function asOwner(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: OWNER_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropE2eDatabase(): Promise<void> {
  await asOwner(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
}

/** A new database with every migration and the demo data, as the schema owner. */
export async function createE2eDatabase(): Promise<void> {
  // A run that was killed may have left its database behind.
  await dropE2eDatabase();
  await asOwner(`CREATE DATABASE ${E2E_DATABASE} OWNER tipei`);
  await applyMigrations({ connectionString: OWNER_DATABASE_URL, dir: path.join(ROOT_DIR, "prisma/migrations") });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: OWNER_DATABASE_URL }) });
  try {
    await seedDemo(db);
    // The full demo registry, as `npm run db:seed` writes it: public search and profiles have data.
    await seedRegistryDemo(db);
    await seedEscrowDemo(db);
    await seedComplaintsDemo(db);
  } finally {
    await db.$disconnect();
  }
}
