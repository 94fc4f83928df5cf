import { EnvError, parseEnv } from "~/lib/env.server";

const minimal = {
  DATABASE_URL: "postgresql://tipei_app:x@127.0.0.1:5432/tipei",
  REDIS_URL: "redis://127.0.0.1:6379",
};
const secret = "s".repeat(32);

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

  it("names a missing production secret", () => {
    const problems = problemsOf({ ...minimal, NODE_ENV: "production", APP_ORIGIN: "https://tipei.example" });
    expect(problems).toEqual(["SESSION_SECRET is required in production but not set"]);
  });

  it("names every missing required variable at once", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems).toEqual(
      expect.arrayContaining([
        "DATABASE_URL is required but not set",
        "REDIS_URL is required but not set",
        "APP_ORIGIN is required in production but not set",
        "SESSION_SECRET is required in production but not set",
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
