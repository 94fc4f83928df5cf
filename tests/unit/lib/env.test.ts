import { EnvError, mailViewerEnabled, parseEnv } from "~/lib/env.server";

const secret = "s".repeat(32);
const minimal = {
  DATABASE_URL: "postgresql://tipei_app:x@127.0.0.1:5432/tipei",
  REDIS_URL: "redis://127.0.0.1:6379",
  SESSION_SECRET: secret,
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("fills documented defaults for optional settings in development", () => {
    const env = parseEnv(minimal);
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, REDIS_PREFIX: "tipei", LOG_LEVEL: "info" });
  });

  it("names a missing secret", () => {
    const problems = problemsOf({
      ...minimal,
      SESSION_SECRET: undefined,
      NODE_ENV: "production",
      APP_ORIGIN: "https://tipei.example",
    });
    expect(problems).toEqual(["SESSION_SECRET is required but not set"]);
  });

  it("names a setting production needs", () => {
    expect(problemsOf({ ...minimal, NODE_ENV: "production" })).toEqual([
      "APP_ORIGIN is required in production but not set",
    ]);
  });

  it("needs an SMTP server to send by SMTP", () => {
    expect(problemsOf({ ...minimal, MAIL_TRANSPORT: "smtp" })).toEqual([
      "SMTP_URL is required when MAIL_TRANSPORT=smtp",
    ]);
  });

  it("shows the mail viewer in development, and in production only when asked", () => {
    expect(mailViewerEnabled(parseEnv(minimal))).toBe(true);
    const production = { ...minimal, NODE_ENV: "production", APP_ORIGIN: "https://tipei.example" };
    expect(mailViewerEnabled(parseEnv(production))).toBe(false);
    expect(mailViewerEnabled(parseEnv({ ...production, MAIL_VIEWER: "on" }))).toBe(true);
    expect(mailViewerEnabled(parseEnv({ ...minimal, MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://127.0.0.1:25" }))).toBe(
      false,
    );
  });

  it("names every missing required variable at once", () => {
    const problems = problemsOf({ NODE_ENV: "production", SESSION_SECRET: secret });
    expect(problems).toEqual(
      expect.arrayContaining([
        "DATABASE_URL is required but not set",
        "REDIS_URL is required but not set",
        "APP_ORIGIN is required in production but not set",
      ]),
    );
  });

  it("accepts a complete production environment", () => {
    const env = parseEnv({
      ...minimal,
      NODE_ENV: "production",
      APP_ORIGIN: "https://tipei.example",
      SESSION_SECRET: secret,
    });
    expect(env.SESSION_SECRET).toBe(secret);
  });

  it("refuses malformed values with the variable's name", () => {
    const problems = problemsOf({ ...minimal, PORT: "70000", SESSION_SECRET: "short", REDIS_URL: "http://x" });
    expect(problems.map((p) => p.split(" ")[0])).toEqual(
      expect.arrayContaining(["PORT", "SESSION_SECRET", "REDIS_URL"]),
    );
  });
});
