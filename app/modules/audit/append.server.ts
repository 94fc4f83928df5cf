import type { Prisma } from "~/generated/prisma/client.ts";
import type { Db } from "~/lib/db-scope.server";

export type AuditInput = {
  actorUserId: string | null;
  authorityId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

/**
 * Appends one event in the caller's transaction, so the event exists exactly when the change
 * does. The database chains it (hash of the previous event) and refuses later edits.
 */
export async function appendAudit(db: Db, event: AuditInput): Promise<void> {
  // createMany writes without RETURNING: an institution member may append to its authority's
  // trail but not read it back, and RETURNING would need the read policy too.
  await db.auditEvent.createMany({
    data: [
      {
        actorUserId: event.actorUserId,
        authorityId: event.authorityId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        before: event.before ?? undefined,
        after: event.after ?? undefined,
      },
    ],
  });
}
