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
  SESSION_SECRET: secret,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HEARTBEAT_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  // "outbox": emails stay in the outbox table (shown by the mail viewer); "smtp": sent through SMTP_URL.
  MAIL_TRANSPORT: z.enum(["outbox", "smtp"]).default("outbox"),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("体培 Tipei <no-reply@tipei.example>"),
  // The mail viewer (/dev/mail) shows every outgoing email: never on in a real deployment.
  MAIL_VIEWER: z.enum(["on", "off"]).optional(),
  // "1": the web answers every request but /healthz with 503 and a bilingual maintenance page.
  MAINTENANCE_MODE: z
    .enum(["0", "1"])
    .default("0")
    .transform((value) => value === "1"),
  // Express "trust proxy": how many proxies in front of the web may set X-Forwarded-For.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  // Where the bytes of uploaded files live: "local" (STORAGE_DIR on this machine) or "s3".
  STORAGE_BACKEND: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().min(1).default("./storage"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a bucket name (lower-case letters, digits, dots, hyphens)")
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // Payments: "simulated" (a local checkout page; the default without a Stripe key) or "stripe".
  PAYMENT_PROVIDER: z.enum(["simulated", "stripe"]).optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_…)")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
    .optional(),
  // Where the Stripe SDK sends requests (a local emulator in tests); Stripe's own API when unset.
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

// Values the S3 storage backend cannot work without (no silent defaults for a bucket or its keys).
const S3_SETTINGS = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

// Values that only production must have set explicitly.
const REQUIRED_IN_PRODUCTION = ["APP_ORIGIN"] as const;

/** The mail viewer is on in development and test unless switched off, and only when asked for in production. */
export function mailViewerEnabled(env: Env): boolean {
  return (
    env.MAIL_TRANSPORT === "outbox" && (env.MAIL_VIEWER ?? (env.NODE_ENV === "production" ? "off" : "on")) === "on"
  );
}

export type Env = z.infer<typeof base>;

/** Stripe when asked for or when a Stripe key is set; the simulation otherwise. */
export function paymentProviderOf(env: Partial<Record<"PAYMENT_PROVIDER" | "STRIPE_SECRET_KEY", string>>) {
  return env.PAYMENT_PROVIDER ?? (env.STRIPE_SECRET_KEY ? "stripe" : "simulated");
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function parseEnv(raw: Record<string, string | undefined>): Env {
  // An empty line in .env ("SMTP_URL=") means "not set", not "set to nothing".
  const source = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ""));
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
  if (source.MAIL_TRANSPORT === "smtp" && !source.SMTP_URL)
    problems.push("SMTP_URL is required when MAIL_TRANSPORT=smtp");
  if (source.STORAGE_BACKEND === "s3") {
    for (const name of S3_SETTINGS) if (!source[name]) problems.push(`${name} is required when STORAGE_BACKEND=s3`);
  }
  if (paymentProviderOf(source) === "stripe") {
    for (const name of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const)
      if (!source[name]) problems.push(`${name} is required when payments go through Stripe`);
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
