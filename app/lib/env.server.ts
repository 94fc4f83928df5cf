import { z } from "zod";

/**
 * Every environment variable the web and worker processes read, parsed once at start-up.
 * Documented in .env.example. Secrets have no default: in production a missing one stops the
 * process with its name (see `loadEnv`).
 */
const secret = z.string().min(32, "must be at least 32 characters");

const base = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_ORIGIN: z.url().optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default("tipei"),
  SESSION_SECRET: secret.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HEARTBEAT_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
});

// Values that only production must have set explicitly.
const REQUIRED_IN_PRODUCTION = ["APP_ORIGIN", "SESSION_SECRET"] as const;

export type Env = z.infer<typeof base>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = base.safeParse(source);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.join(".");
      problems.push(source[name] === undefined ? `${name} is required but not set` : `${name} ${issue.message}`);
    }
  }
  if (source.NODE_ENV === "production") {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!source[name]) problems.push(`${name} is required in production but not set`);
    }
  }
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

/** The process's environment, parsed on first use; exits the process when it is invalid. */
export function getEnv(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv(process.env);
    return cached;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
