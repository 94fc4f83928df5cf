import { stableId } from "../../prisma/seed/stable-id";

/** Signs a demo person in through the real session code; returns the Cookie header. */
export async function sessionCookie(email: string): Promise<string> {
  const { createSession } = await import("~/modules/identity/session.server");
  const setCookie = await createSession(stableId("user", email), { ip: "127.0.0.1", userAgent: "vitest" });
  return setCookie.split(";")[0] ?? "";
}
