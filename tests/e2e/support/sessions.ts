import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import pg from "pg";
import { E2E_SESSION_SECRET, OWNER_DATABASE_URL } from "./e2e-environment.ts";

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
