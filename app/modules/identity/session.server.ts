import { createCookie } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { ANONYMOUS_SCOPE, inScope } from "~/lib/db-scope.server";
import { getEnv } from "~/lib/env.server";
import { requestMemo } from "~/lib/request-memo.server";
import type { RoleName } from "./roles";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_TOUCH_EVERY_MS } from "./session-policy";
import { hashToken, newToken } from "./tokens.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  const env = getEnv();
  cookie ??= createCookie("tipei_session", {
    secrets: [env.SESSION_SECRET],
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    path: "/",
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return cookie;
}

export type ViewerMembership = {
  id: string;
  role: RoleName;
  authority: { id: string; slug: string; name: string; nameEn: string } | null;
  institution: { id: string; name: string } | null;
};

export type Viewer = {
  sessionId: string;
  user: { id: string; email: string; displayName: string; locale: string };
  memberships: ViewerMembership[];
};

async function tokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

const viewers = new WeakMap<Request, Promise<Viewer | null>>();

/**
 * The signed-in person of this request, or null; read once per Request object, and once for all the
 * loaders of a GET (request-memo.server.ts: each loader gets a Request of its own).
 */
export function getViewer(request: Request): Promise<Viewer | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = requestMemo(`viewer ${request.headers.get("Cookie") ?? ""}`, () => loadViewer(request));
    viewers.set(request, viewer);
  }
  return viewer;
}

async function loadViewer(request: Request): Promise<Viewer | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  const session = await prisma.userSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, displayName: true, locale: true, disabledAt: true } } },
  });
  const now = Date.now();
  if (
    !session ||
    session.revokedAt ||
    session.user.disabledAt ||
    session.expiresAt.getTime() <= now ||
    now - session.lastSeenAt.getTime() > SESSION_IDLE_MS
  ) {
    return null;
  }
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_EVERY_MS) {
    await prisma.userSession.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { disabledAt: _disabled, ...user } = session.user;
  return { sessionId: session.id, user, memberships: await membershipsOf(session.userId) };
}

export function membershipsOf(userId: string): Promise<ViewerMembership[]> {
  return inScope({ ...ANONYMOUS_SCOPE, userId }, (db) =>
    db.membership.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        role: true,
        authority: { select: { id: true, slug: true, name: true, nameEn: true } },
        institution: { select: { id: true, name: true } },
      },
    }),
  );
}

/**
 * Starts a new session (a new token every sign-in, so a token planted before sign-in is useless)
 * and returns the Set-Cookie header for it.
 */
export async function createSession(
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<string> {
  const { token, tokenHash } = newToken();
  const now = Date.now();
  await prisma.userSession.create({
    data: {
      userId,
      tokenHash,
      expiresAt: new Date(now + SESSION_ABSOLUTE_MS),
      lastSeenAt: new Date(now),
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie().serialize(token);
}

/** Ends the request's session, if any, and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = await tokenFrom(request);
  if (token) {
    await prisma.userSession.updateMany({
      where: { tokenHash: hashToken(token), revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Revokes every open session of a person except, optionally, the one in use. Returns how many. */
export async function revokeSessions(userId: string, keepSessionId?: string): Promise<number> {
  const result = await prisma.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
