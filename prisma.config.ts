import { defineConfig } from "prisma/config";

// The CLI reads DATABASE_URL only for commands that reach the database (migrate deploy, studio);
// `prisma generate` needs none, so a missing variable is not an error here.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
  },
});
