import { inScope } from "~/lib/db-scope.server";
import { InvalidRectification } from "./rectification-errors";
import type { DecisionIntent } from "./rectification-forms";
import { notifyInstitution, type RectificationNoticeKind } from "./rectification-notifications.server";
import { institutionNameOf, lockOrder, noticeOf, type RegulatorScope, recordStep } from "./rectification-record.server";
import { isClosedRectification, nextRectificationStatus } from "./rectification-state-machine";

/**
 * The regulator's decisions on an order: accept the answer (closes it), reject it with a reason
 * (the institution answers again), or withdraw the order with a reason (closes it). Regulators
 * (admins and inspectors) of the jurisdiction decide; the route checks the role.
 */
const NOTICE: Record<DecisionIntent, RectificationNoticeKind> = {
  accept: "accepted",
  reject: "rejected",
  withdraw: "withdrawn",
};

export async function decideOrder(
  scope: RegulatorScope,
  orderId: string,
  decision: DecisionIntent,
  reasonText: string,
  now = new Date(),
): Promise<void> {
  const reason = reasonText.trim();
  if (decision !== "accept" && reason === "") {
    throw new InvalidRectification({ [`${decision}Reason`]: ["validation.required"] });
  }
  await inScope(scope, async (db) => {
    const order = await lockOrder(db, orderId, { jurisdiction: true });
    const to = nextRectificationStatus(order.status, decision);
    await db.rectificationOrder.update({
      where: { id: order.id },
      data: { status: to, closedAt: isClosedRectification(to) ? now : null },
    });
    await recordStep(db, {
      order,
      actorUserId: scope.userId,
      event: decision,
      from: order.status,
      to,
      reason: reason === "" ? null : reason,
      details: { actingAuthorityId: scope.authorityId },
    });
    const name = await institutionNameOf(db, order.institutionId);
    await notifyInstitution(db, noticeOf(NOTICE[decision], order, name, reason));
  });
}
