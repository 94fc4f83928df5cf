import { createHash, randomBytes } from "node:crypto";

/** A secret for a link or a cookie; only its sha256 is stored. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
