import { inScope } from "~/lib/db-scope.server";
import type { ActingScope } from "~/modules/registry/filing.server";
import { InvalidRectification } from "./rectification-errors";
import { MAX_EVIDENCE_FILES } from "./rectification-forms";
import { notifyRegulators } from "./rectification-notifications.server";
import { institutionNameOf, lockOrder, noticeOf, recordStep } from "./rectification-record.server";
import { nextRectificationStatus } from "./rectification-state-machine";

/**
 * The institution answers an order: what it did, with evidence documents. Admins and staff of the
 * institution answer (the route checks the role); an order accepted or withdrawn takes no more
 * answers (RectificationTransitionRefused, a 409). The files must be this institution's evidence
 * uploads: the route stores them from the same request and passes their ids, never posted ones,
 * and this checks again.
 */
export type Answer = { text: string; fileIds: readonly string[] };

export async function answerOrder(
  scope: ActingScope,
  institutionId: string,
  orderId: string,
  answer: Answer,
  now = new Date(),
): Promise<void> {
  const text = answer.text.trim();
  if (text === "") throw new InvalidRectification({ text: ["validation.required"] });
  const fileIds = [...new Set(answer.fileIds)];
  if (fileIds.length > MAX_EVIDENCE_FILES)
    throw new InvalidRectification({ evidence: ["validation.rectification.tooManyFiles"] });

  await inScope(scope, async (db) => {
    const order = await lockOrder(db, orderId, { institutionId });
    const to = nextRectificationStatus(order.status, "answer");
    if (fileIds.length > 0) {
      const own = await db.storedFile.count({
        where: { id: { in: fileIds }, institutionId: order.institutionId, purpose: "rectificationEvidence" },
      });
      if (own !== fileIds.length)
        throw new InvalidRectification({ evidence: ["validation.rectification.foreignFile"] });
    }
    const response = await db.rectificationResponse.create({
      data: {
        orderId: order.id,
        institutionId: order.institutionId,
        authorityId: order.authorityId,
        text,
        fileIds,
        respondedById: scope.userId,
        respondedAt: now,
      },
      select: { id: true },
    });
    await db.rectificationOrder.update({ where: { id: order.id }, data: { status: to, answeredAt: now } });
    await recordStep(db, {
      order,
      actorUserId: scope.userId,
      event: "answer",
      from: order.status,
      to,
      reason: null,
      details: { responseId: response.id, files: fileIds.length },
    });
    const name = await institutionNameOf(db, order.institutionId);
    await notifyRegulators(
      db,
      order.authorityId,
      noticeOf("answered", order, name, text.slice(0, 200)),
      order.issuedById ? { userId: order.issuedById, authorityId: order.issuingAuthorityId } : null,
    );
  });
}
