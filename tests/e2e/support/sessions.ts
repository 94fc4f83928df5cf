import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { createCookie } from "@remix-run/node";
import pg from "pg";
import { baseURLFromEnvironment, E2E_SESSION_SECRET, OWNER_DATABASE_URL } from "./e2e-environment.ts";

const cookie = createCookie("tipei_session", { secrets: [E2E_SESSION_SECRET], path: "/" });

/**
 * Signs a demo person in without the login form (which is tested on its own and rate-limited):
 * a session row and the signed cookie the app would have set. Returns the Cookie header.
 */
export async function sessionCookieFor(email: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await client.connect();
  try {
    const inserted = await client.query(
      `INSERT INTO user_session (user_id, token_hash, expires_at)
       SELECT id, $2, now() + interval '1 day' FROM app_user WHERE email = $1`,
      [email, createHash("sha256").update(token).digest("hex")],
    );
    if (inserted.rowCount !== 1) throw new Error(`no demo account ${email}`);
  } finally {
    await client.end();
  }
  const serialized = await cookie.serialize(token);
  return serialized.split(";")[0] ?? "";
}

/** The browser context becomes `email`'s: other cookies (another person's session) are dropped first. */
export async function signInAs(context: BrowserContext, email: string): Promise<void> {
  await context.clearCookies();
  const [name, value] = (await sessionCookieFor(email)).split("=");
  await context.addCookies([{ name: name ?? "", value: value ?? "", url: baseURLFromEnvironment() }]);
}

/**
 * A copy of a demo person (same memberships and password) who reads `locale`: a signed-in person's language is
 * their account's, and switching the shared demo account would change the pages other tests are
 * reading at the same moment. Each call makes a new copy; `remove` takes its memberships away (and
 * deletes it when it left no records), so no copy lingers where the app picks people (an
 * inspector for a new task).
 */
export async function copyOfDemoAccount(
  email: string,
  locale: "zh-CN" | "en",
): Promise<{ email: string; remove: () => Promise<void> }> {
  const copy = `${locale.toLowerCase()}-copy-${randomBytes(4).toString("hex")}.${email}`;
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO app_user (email, display_name, locale, password_hash, updated_at)
       SELECT $2, display_name, $3, password_hash, now() FROM app_user WHERE email = $1`,
      [email, copy, locale],
    );
    await client.query(
      `INSERT INTO membership (user_id, role, authority_id, institution_id)
       SELECT (SELECT id FROM app_user WHERE email = $2), m.role, m.authority_id, m.institution_id
         FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1`,
      [email, copy],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  const remove = async () => {
    const c = new pg.Client({ connectionString: OWNER_DATABASE_URL });
    await c.connect();
    try {
      // A copy that left records (an enrollment) stays, without its memberships and sessions.
      await c.query("DELETE FROM membership WHERE user_id = (SELECT id FROM app_user WHERE email = $1)", [copy]);
      await c.query("DELETE FROM app_user WHERE email = $1", [copy]).catch(() => undefined);
    } finally {
      await c.end();
    }
  };
  return { email: copy, remove };
}
