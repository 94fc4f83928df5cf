import { type DataScope, inScope } from "~/lib/db-scope.server";

/** The authority's own members and its invitations still waiting, newest first. */
export function authorityMembers(scope: DataScope & { authorityId: string }) {
  return inScope(scope, async (db) => {
    // One after the other: a transaction is one connection, which runs one query at a time.
    const members = await db.membership.findMany({
      where: { authorityId: scope.authorityId, institutionId: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, createdAt: true, user: { select: { displayName: true, email: true } } },
    });
    const invitations = await db.invitation.findMany({
      where: { authorityId: scope.authorityId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    return { members, invitations };
  });
}
