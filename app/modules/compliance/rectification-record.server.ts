import type { Prisma } from "~/generated/prisma/client.ts";
import type { DataScope, Db } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { isoDateOf } from "./rectification-deadline";
import { RectificationNotFound } from "./rectification-errors";
import type { RectificationNotice, RectificationNoticeKind } from "./rectification-notifications.server";
import type { RectificationHistoryEvent, RectificationStatusName } from "./rectification-state-machine";

/**
 * What every step of an order shares: finding and locking the order for the side that acts, and
 * recording the step in the order's history and the audit trail, in the step's transaction.
 */
export type OrderRow = Prisma.RectificationOrderGetPayload<{ include: { _count: { select: { items: true } } } }>;

/** A regulator acting in an authority's workspace. */
export type RegulatorScope = DataScope & { userId: string; authorityId: string };

/** Who is asking for the order: a regulator (its jurisdiction) or an institution (its own orders). */
export type OrderOwner = { jurisdiction: true } | { institutionId: string };

/** The acting authority and its descendants (what row-level security lets the transaction see). */
export async function visibleAuthorityIds(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT tipei_visible_authority_ids()::text AS id`;
  return rows.map((r) => r.id);
}

/**
 * Locks the order for this step (concurrent steps on one order queue behind the row lock). The
 * owner is named in the query as well as enforced by row-level security: a regulator finds the
 * orders of its jurisdiction, an institution its own; anything else is not found.
 */
export async function lockOrder(db: Db, orderId: string, owner: OrderOwner): Promise<OrderRow> {
  const locked = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM rectification_order WHERE id = ${orderId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new RectificationNotFound(orderId);
  const where: Prisma.RectificationOrderWhereInput =
    "institutionId" in owner
      ? { id: orderId, institutionId: owner.institutionId }
      : { id: orderId, authorityId: { in: await visibleAuthorityIds(db) } };
  const order = await db.rectificationOrder.findFirst({ where, include: { _count: { select: { items: true } } } });
  if (!order) throw new RectificationNotFound(orderId);
  return order;
}

const AUDIT_ACTIONS: Record<RectificationHistoryEvent, string> = {
  issue: "compliance.rectification.issued",
  answer: "compliance.rectification.answered",
  accept: "compliance.rectification.accepted",
  reject: "compliance.rectification.rejected",
  withdraw: "compliance.rectification.withdrawn",
  escalate: "compliance.rectification.escalated",
};

export type StepRecord = {
  order: Pick<OrderRow, "id" | "institutionId" | "authorityId">;
  actorUserId: string | null;
  event: RectificationHistoryEvent;
  from: RectificationStatusName | null;
  to: RectificationStatusName;
  reason: string | null;
  /** More for the audit trail (ids, counts, dates: nothing personal). */
  details?: Record<string, Prisma.InputJsonValue>;
};

export async function recordStep(db: Db, step: StepRecord): Promise<void> {
  await db.rectificationEvent.create({
    data: {
      orderId: step.order.id,
      institutionId: step.order.institutionId,
      authorityId: step.order.authorityId,
      event: step.event,
      fromStatus: step.from,
      toStatus: step.to,
      actorUserId: step.actorUserId,
      reason: step.reason,
    },
    select: { id: true },
  });
  await appendAudit(db, {
    actorUserId: step.actorUserId,
    authorityId: step.order.authorityId,
    action: AUDIT_ACTIONS[step.event],
    entityType: "rectification_order",
    entityId: step.order.id,
    before: step.from ? { status: step.from } : null,
    after: { status: step.to, reason: step.reason, ...step.details },
  });
}

/** The notice of a step, from the order and the institution's name. */
export function noticeOf(
  kind: RectificationNoticeKind,
  order: Pick<OrderRow, "id" | "institutionId" | "deadline"> & { _count: { items: number } },
  institutionName: string,
  reason: string,
): RectificationNotice {
  return {
    kind,
    orderId: order.id,
    institutionId: order.institutionId,
    institutionName,
    deadline: isoDateOf(order.deadline),
    itemCount: order._count.items,
    reason,
  };
}

export async function institutionNameOf(db: Db, institutionId: string): Promise<string> {
  const institution = await db.institution.findUnique({ where: { id: institutionId }, select: { name: true } });
  return institution?.name ?? "";
}
