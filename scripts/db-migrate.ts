// `npm run db:migrate`: applies pending migrations as the database owner.
import path from "node:path";
import { loadDotEnv } from "./db/load-dotenv.ts";
import { applyMigrations, MigrationError } from "./db/migration-runner.ts";

loadDotEnv();
const connectionString = process.env.MIGRATION_DATABASE_URL;
if (!connectionString) {
  console.error("MIGRATION_DATABASE_URL is not set (the database owner's URL; see .env.example).");
  process.exit(1);
}
try {
  const applied = await applyMigrations({
    connectionString,
    dir: path.resolve("prisma/migrations"),
    log: (m) => console.log(`db:migrate ${m}`),
  });
  console.log(applied.length === 0 ? "db:migrate database is up to date" : `db:migrate ${applied.length} applied`);
} catch (error) {
  console.error(error instanceof MigrationError ? `db:migrate ${error.message}` : error);
  process.exit(1);
}
