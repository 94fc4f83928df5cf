import type { Prisma } from "~/generated/prisma/client.ts";
import { type Db, inScope } from "~/lib/db-scope.server";
import { dateColumn, deadlineBounds, type IsoDate } from "./rectification-deadline";
import { InvalidRectification, RectificationNotFound } from "./rectification-errors";
import { evidenceOf, type StoredEvidence } from "./rectification-evidence";
import { notifyInstitution } from "./rectification-notifications.server";
import { noticeOf, type RegulatorScope, recordStep, visibleAuthorityIds } from "./rectification-record.server";
import { OPEN_RECTIFICATION_STATUSES, type RectificationStatusName } from "./rectification-state-machine";

/**
 * Issuing a rectification order from an institution's failed findings. The findings are those of
 * its latest report on its approved content; each chosen one is copied into the order, so the
 * order reads the same after the institution is evaluated again. Regulators (admins and
 * inspectors) of the institution's authority or an authority above it issue; the route checks
 * the role, row-level security and the queries here the jurisdiction.
 */
export type IssuableFinding = {
  id: string;
  ruleCode: string;
  severity: "CRITICAL" | "MAJOR" | "MINOR";
  entityType: string;
  entityLabel: string | null;
  evidence: StoredEvidence;
  /** An open order already covering this finding. */
  openOrder: { id: string; status: RectificationStatusName } | null;
};

export type IssuePreparation = {
  institution: { id: string; name: string; registrationNo: string | null };
  report: { id: string; evaluatedAt: string; grade: string } | null;
  findings: IssuableFinding[];
};

async function institutionInJurisdiction(db: Db, institutionId: string) {
  return db.institution.findFirst({
    where: { id: institutionId, authorityId: { in: await visibleAuthorityIds(db) } },
    select: { id: true, name: true, authorityId: true, registrationNo: true },
  });
}

/** The latest report on the approved content (a draft's pre-check is not what the institution runs). */
function latestReport(db: Db, institutionId: string) {
  return db.complianceReport.findFirst({
    where: { institutionId, subject: "APPROVED" },
    orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }],
    select: { id: true, evaluatedAt: true, grade: true },
  });
}

const FINDING_ORDER: Prisma.ComplianceFindingOrderByWithRelationInput[] = [
  { ruleCode: "asc" },
  { entityLabel: "asc" },
  { id: "asc" },
];

/** What the "new order" page offers: the failed findings of the latest report; null outside the jurisdiction. */
export function prepareIssue(scope: RegulatorScope, institutionId: string): Promise<IssuePreparation | null> {
  return inScope(scope, async (db) => {
    const institution = await institutionInJurisdiction(db, institutionId);
    if (!institution) return null;
    const report = await latestReport(db, institutionId);
    const findings = report
      ? await db.complianceFinding.findMany({
          where: { reportId: report.id, institutionId, outcome: "FAIL" },
          orderBy: FINDING_ORDER,
        })
      : [];
    const covering = await db.rectificationItem.findMany({
      where: {
        findingId: { in: findings.map((f) => f.id) },
        order: { status: { in: [...OPEN_RECTIFICATION_STATUSES] } },
      },
      select: { findingId: true, order: { select: { id: true, status: true } } },
    });
    const openOrderOf = new Map(covering.map((c) => [c.findingId, c.order]));
    return {
      institution: { id: institution.id, name: institution.name, registrationNo: institution.registrationNo },
      report: report ? { id: report.id, evaluatedAt: report.evaluatedAt.toISOString(), grade: report.grade } : null,
      findings: findings.map((f) => ({
        id: f.id,
        ruleCode: f.ruleCode,
        severity: f.severity,
        entityType: f.entityType,
        entityLabel: f.entityLabel,
        evidence: evidenceOf(f.evidence),
        openOrder: openOrderOf.get(f.id) ?? null,
      })),
    };
  });
}

export type IssueOrderInput = {
  institutionId: string;
  findingIds: readonly string[];
  deadline: IsoDate;
  instructions: string;
};

/** Checks an order's deadline and instructions; answers the instructions trimmed. */
export function checkOrderTerms(deadline: IsoDate, instructions: string, now = new Date()): string {
  const { earliest, latest } = deadlineBounds(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || deadline < earliest)
    throw new InvalidRectification({ deadline: ["validation.rectification.deadlineTooSoon"] });
  if (deadline > latest) throw new InvalidRectification({ deadline: ["validation.rectification.deadlineTooFar"] });
  const trimmed = instructions.trim();
  if (trimmed === "") throw new InvalidRectification({ instructions: ["validation.required"] });
  return trimmed;
}

/** What an order item is copied from: a failed finding, or a finding-like item (an inspection's failed item). */
export type OrderItemSource = {
  /** The compliance finding, when the item comes from one. */
  id: string | null;
  ruleCode: string;
  severity: "CRITICAL" | "MAJOR" | "MINOR";
  entityType: string;
  entityId: string | null;
  entityLabel: string | null;
  evidence: Prisma.JsonValue;
};

export type OrderToCreate = {
  institution: { id: string; name: string; authorityId: string };
  reportId: string | null;
  items: readonly OrderItemSource[];
  deadline: IsoDate;
  /** Already checked by checkOrderTerms. */
  instructions: string;
  details?: Record<string, Prisma.InputJsonValue>;
};

/**
 * Creates the order, its items, its history, the audit event and the institution admins' emails
 * (with their delivery jobs, in the job outbox) in the caller's transaction; answers the order.
 */
export async function createOrderIn(db: Db, scope: RegulatorScope, order: OrderToCreate) {
  const { institution, items, instructions } = order;
  const created = await db.rectificationOrder.create({
    data: {
      institutionId: institution.id,
      authorityId: institution.authorityId,
      issuingAuthorityId: scope.authorityId,
      issuedById: scope.userId,
      reportId: order.reportId,
      instructions,
      deadline: dateColumn(order.deadline),
    },
    include: { _count: { select: { items: true } } },
  });
  await db.rectificationItem.createMany({
    data: items.map((f, position) => ({
      orderId: created.id,
      institutionId: institution.id,
      authorityId: institution.authorityId,
      findingId: f.id,
      position,
      ruleCode: f.ruleCode,
      severity: f.severity,
      entityType: f.entityType,
      entityId: f.entityId,
      entityLabel: f.entityLabel,
      evidence: f.evidence as Prisma.InputJsonValue,
    })),
  });
  await recordStep(db, {
    order: created,
    actorUserId: scope.userId,
    event: "issue",
    from: null,
    to: "ISSUED",
    reason: null,
    details: {
      institutionId: institution.id,
      ...(order.reportId ? { reportId: order.reportId } : {}),
      deadline: order.deadline,
      rules: [...new Set(items.map((f) => f.ruleCode))],
      items: items.length,
      ...order.details,
    },
  });
  await notifyInstitution(
    db,
    noticeOf("issued", { ...created, _count: { items: items.length } }, institution.name, instructions),
  );
  return { orderId: created.id };
}

/**
 * Issues the order in one transaction: the order, its items, its history, the audit event and
 * the institution admins' emails, or nothing at all. Findings that are not failures of the latest
 * report (re-evaluated meanwhile, another institution's, made up) refuse the whole order.
 */
export async function issueOrder(scope: RegulatorScope, input: IssueOrderInput, now = new Date()): Promise<string> {
  const instructions = checkOrderTerms(input.deadline, input.instructions, now);
  const findingIds = [...new Set(input.findingIds)];
  if (findingIds.length === 0)
    throw new InvalidRectification({ findingIds: ["validation.rectification.chooseFinding"] });

  const { orderId } = await inScope(scope, async (db) => {
    const institution = await institutionInJurisdiction(db, input.institutionId);
    if (!institution) throw new RectificationNotFound(input.institutionId);
    const report = await latestReport(db, institution.id);
    const findings = report
      ? await db.complianceFinding.findMany({
          where: { id: { in: findingIds }, reportId: report.id, institutionId: institution.id, outcome: "FAIL" },
          orderBy: FINDING_ORDER,
        })
      : [];
    if (!report || findings.length !== findingIds.length)
      throw new InvalidRectification({ findingIds: ["validation.rectification.findingsChanged"] });
    return createOrderIn(db, scope, {
      institution,
      reportId: report.id,
      items: findings,
      deadline: input.deadline,
      instructions,
    });
  });
  return orderId;
}
