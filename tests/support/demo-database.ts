import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { seedDemo } from "../../prisma/seed/demo";

/** The owner's client for this test file's database (bypasses row-level security: set-up only). */
export function ownerClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
}

export async function seedDemoData(): Promise<void> {
  const db = ownerClient();
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}
