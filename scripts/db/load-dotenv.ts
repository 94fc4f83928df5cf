import { existsSync } from "node:fs";

/** Loads .env into process.env when present; variables already set win (as in production). */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
