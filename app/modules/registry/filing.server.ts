import type { Prisma } from "~/generated/prisma/client.ts";
import { yearInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { evaluateSoon } from "~/modules/compliance/evaluation-triggers.server";
import { refundOnClosureSoon } from "~/modules/escrow/closure.server";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import {
  type DraftContent,
  draftContentSchema,
  EMPTY_DRAFT,
  type RegistrationContent,
  submissionProblems,
} from "./content";
import type { FilingKindName, FilingStatusName, InstitutionStatusName } from "./institution-status";
import { OPEN_FILING_STATUSES } from "./institution-status";
import { notifyInstitutionAdmins, notifyRegulatorAdmins } from "./notifications.server";
import { projectApprovedContent } from "./projection.server";
import { publicProfileOf } from "./public-profile";
import { allocateRegistrationNo } from "./registration-number.server";
import { type FilingEvent, type InstitutionEvent, nextFilingStatus, nextInstitutionStatus } from "./state-machine";

/**
 * The life of a filing, from the institution's first draft to the regulator's decision. Every
 * function runs in one transaction under the caller's scope (row-level security applies), moves
 * states only through the state machine, records the status history and the audit trail, and
 * writes the emails it causes into the outbox.
 */
export type ActingScope = DataScope & { userId: string };

export class FilingNotFound extends Error {}
export class FilingNotEditable extends Error {}
export class FilingIncomplete extends Error {
  constructor(readonly problems: ReturnType<typeof submissionProblems>) {
    super("the filing is not complete");
  }
}
export class FilingAlreadyOpen extends Error {}

type FilingRow = Prisma.FilingGetPayload<{ include: { institution: true } }>;

async function lockFiling(db: Db, filingId: string): Promise<FilingRow> {
  // The row lock orders concurrent edits and decisions on one filing.
  const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM filing WHERE id = ${filingId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new FilingNotFound(filingId);
  return db.filing.findUniqueOrThrow({ where: { id: filingId }, include: { institution: true } });
}

export function parseDraft(value: unknown): DraftContent {
  const parsed = draftContentSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_DRAFT;
}

async function recordTransition(
  db: Db,
  scope: ActingScope,
  filing: FilingRow,
  event: FilingEvent,
  filingTo: FilingStatusName,
  institutionTo: InstitutionStatusName | null,
  reason: string | null,
): Promise<void> {
  await db.institutionStatusEvent.create({
    data: {
      institutionId: filing.institutionId,
      authorityId: filing.authorityId,
      filingId: filing.id,
      fromStatus: institutionTo ? filing.institution.status : null,
      toStatus: institutionTo,
      filingStatus: filingTo,
      actorUserId: scope.userId,
      reason,
    },
  });
  await appendAudit(db, {
    actorUserId: scope.userId,
    authorityId: filing.authorityId,
    action: `registry.filing.${event}`,
    entityType: "filing",
    entityId: filing.id,
    before: { status: filing.status, institutionStatus: filing.institution.status },
    after: { status: filingTo, institutionStatus: institutionTo ?? filing.institution.status, reason },
  });
}

/** Moves a filing (and, for an initial filing, its institution) through one event of the state machine. */
async function transition(
  db: Db,
  scope: ActingScope,
  filing: FilingRow,
  event: FilingEvent & InstitutionEvent,
  data: Prisma.FilingUncheckedUpdateInput,
  reason: string | null = null,
): Promise<{ filingTo: FilingStatusName; institutionTo: InstitutionStatusName | null }> {
  const filingTo = nextFilingStatus(filing.status, event);
  const institutionTo = filing.kind === "INITIAL" ? nextInstitutionStatus(filing.institution.status, event) : null;
  await db.filing.update({ where: { id: filing.id }, data: { ...data, status: filingTo } });
  if (institutionTo)
    await db.institution.update({ where: { id: filing.institutionId }, data: { status: institutionTo } });
  await recordTransition(db, scope, filing, event, filingTo, institutionTo, reason);
  return { filingTo, institutionTo };
}

// ——— The institution's side ———

/** The filing being worked on, if any. */
export function openFilingOf(scope: ActingScope, institutionId: string) {
  return inScope(scope, (db) =>
    db.filing.findFirst({
      where: { institutionId, status: { in: [...OPEN_FILING_STATUSES] } },
      orderBy: { createdAt: "desc" },
    }),
  );
}

/**
 * Starts a filing: the initial registration from an empty draft, a change or the annual filing
 * from the approved content. Refused while another filing is open.
 */
export async function startFiling(scope: ActingScope, institutionId: string, kind: FilingKindName): Promise<string> {
  return inScope(scope, async (db) => {
    const institution = await db.institution.findUnique({ where: { id: institutionId } });
    if (!institution) throw new FilingNotFound(institutionId);
    const open = await db.filing.count({ where: { institutionId, status: { in: [...OPEN_FILING_STATUSES] } } });
    if (open > 0) throw new FilingAlreadyOpen(institutionId);
    const registered = institution.approvedContent !== null;
    if ((kind === "INITIAL") === registered) throw new FilingNotEditable(`${kind} filing for ${institution.status}`);
    if (kind === "INITIAL" && !["DRAFT", "REJECTED"].includes(institution.status))
      throw new FilingNotEditable(institution.status);
    const draft: DraftContent = registered ? parseDraft(institution.approvedContent) : { ...EMPTY_DRAFT };
    const filing = await db.filing.create({
      data: {
        institutionId,
        authorityId: institution.authorityId,
        kind,
        draft: draft as Prisma.InputJsonValue,
        createdById: scope.userId,
      },
    });
    if (kind === "INITIAL" && institution.status === "REJECTED") {
      // Filing again after a rejection starts from a draft; the history says so.
      const reopened = nextInstitutionStatus(institution.status, "reopen");
      await db.institution.update({ where: { id: institutionId }, data: { status: reopened } });
      await db.institutionStatusEvent.create({
        data: {
          institutionId,
          authorityId: institution.authorityId,
          filingId: filing.id,
          fromStatus: institution.status,
          toStatus: reopened,
          filingStatus: "DRAFT",
          actorUserId: scope.userId,
        },
      });
    }
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: institution.authorityId,
      action: "registry.filing.started",
      entityType: "filing",
      entityId: filing.id,
      after: { kind, institutionId },
    });
    return filing.id;
  });
}

/**
 * Saves one step (or one item of a list step) of a draft. Only a draft or a filing sent back for
 * changes can be edited; the result must still be a valid draft.
 */
export async function updateDraft(
  scope: ActingScope,
  filingId: string,
  section: string,
  change: (draft: DraftContent) => DraftContent,
): Promise<DraftContent> {
  return inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    if (filing.status !== "DRAFT" && filing.status !== "CHANGES_REQUESTED") throw new FilingNotEditable(filing.status);
    const next = draftContentSchema.parse(change(parseDraft(filing.draft)));
    await db.filing.update({ where: { id: filingId }, data: { draft: next as Prisma.InputJsonValue } });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: filing.authorityId,
      action: "registry.filing.draftSaved",
      entityType: "filing",
      entityId: filingId,
      after: { section },
    });
    return next;
  });
}

/** Freezes the draft as the snapshot the regulator reviews. */
export async function submitFiling(scope: ActingScope, filingId: string): Promise<void> {
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    const draft = parseDraft(filing.draft);
    const problems = submissionProblems(draft);
    if (problems.length > 0) throw new FilingIncomplete(problems);
    await transition(db, scope, filing, "submit", {
      snapshot: draft as Prisma.InputJsonValue,
      submittedAt: new Date(),
      changeRequests: [],
    });
    await notifyRegulatorAdmins(db, filing.authorityId, {
      kind: "filingSubmitted",
      institutionName: draft.entity?.name ?? filing.institution.name,
      filingId,
    });
  });
}

export async function withdrawFiling(scope: ActingScope, filingId: string): Promise<void> {
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    if (filing.kind === "INITIAL" && filing.status === "DRAFT") throw new FilingNotEditable("an initial draft is kept");
    const filingTo = nextFilingStatus(filing.status, "withdraw");
    const institutionTo =
      filing.kind === "INITIAL" && filing.institution.status !== "DRAFT"
        ? nextInstitutionStatus(filing.institution.status, "withdraw")
        : null;
    await db.filing.update({ where: { id: filing.id }, data: { status: filingTo } });
    if (institutionTo)
      await db.institution.update({ where: { id: filing.institutionId }, data: { status: institutionTo } });
    await recordTransition(db, scope, filing, "withdraw", filingTo, institutionTo, null);
  });
}

// ——— The regulator's side ———

export class InvalidDecision extends Error {}

/** Reviewers are the regulators (admins and inspectors) of the filing's authority or an authority above it. */
async function isReviewerFor(reviewerId: string, authorityId: string): Promise<boolean> {
  const rows = await unsafeAsSystem(
    (system) => system.$queryRaw<{ ok: boolean }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id FROM authority WHERE id = ${authorityId}::uuid
        UNION ALL SELECT a.id, a.parent_id FROM authority a JOIN up ON a.id = up.parent_id
      )
      SELECT EXISTS (
        SELECT 1 FROM membership m JOIN up ON m.authority_id = up.id
         WHERE m.user_id = ${reviewerId}::uuid AND m.institution_id IS NULL AND m.role IN ('REGULATOR_ADMIN', 'INSPECTOR')
      ) AS ok`,
  );
  return rows[0]?.ok === true;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new InvalidDecision("a reason is required");
  return trimmed;
}

export async function assignReviewer(scope: ActingScope, filingId: string, reviewerId: string): Promise<void> {
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    if (!["SUBMITTED", "UNDER_REVIEW"].includes(filing.status)) throw new FilingNotEditable(filing.status);
    if (!(await isReviewerFor(reviewerId, filing.authorityId)))
      throw new InvalidDecision("not a reviewer of this authority");
    await db.filing.update({ where: { id: filingId }, data: { assignedReviewerId: reviewerId } });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: filing.authorityId,
      action: "registry.filing.assigned",
      entityType: "filing",
      entityId: filingId,
      before: { reviewer: filing.assignedReviewerId },
      after: { reviewer: reviewerId },
    });
  });
}

/** Opens the review; the reviewer is the one who opens it unless someone was assigned. */
export async function startReview(scope: ActingScope, filingId: string): Promise<void> {
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    await transition(db, scope, filing, "startReview", {
      assignedReviewerId: filing.assignedReviewerId ?? scope.userId,
    });
  });
}

export type ChangeRequest = { path: string; comment: string };

export async function requestChanges(
  scope: ActingScope,
  filingId: string,
  reason: string,
  comments: ChangeRequest[],
): Promise<void> {
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    await transition(
      db,
      scope,
      filing,
      "requestChanges",
      {
        changeRequests: comments as Prisma.InputJsonValue,
        decidedAt: new Date(),
        decidedById: scope.userId,
        decisionReason: reason,
      },
      reason,
    );
    await notifyInstitutionAdmins(db, filing.institutionId, { kind: "changesRequested", filingId, reason, comments });
  });
}

export async function rejectFiling(scope: ActingScope, filingId: string, reason: string): Promise<void> {
  requireReason(reason);
  await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    await transition(
      db,
      scope,
      filing,
      "reject",
      { decidedAt: new Date(), decidedById: scope.userId, decisionReason: reason },
      reason,
    );
    await notifyInstitutionAdmins(db, filing.institutionId, { kind: "rejected", filingId, reason });
  });
}

/**
 * Approves: the snapshot becomes the approved content, the public profile is rebuilt from it,
 * the tables are projected, and a first approval gives the registration number.
 */
export async function approveFiling(
  scope: ActingScope,
  filingId: string,
  now = new Date(),
): Promise<{ registrationNo: string }> {
  const registrationNo = await inScope(scope, async (db) => {
    const filing = await lockFiling(db, filingId);
    const content = parseDraft(filing.snapshot) as RegistrationContent;
    if (submissionProblems(content).length > 0) throw new FilingIncomplete(submissionProblems(content));
    await transition(db, scope, filing, "approve", { decidedAt: now, decidedById: scope.userId, decisionReason: null });
    const authority = await db.authority.findUniqueOrThrow({
      where: { id: filing.authorityId },
      select: { id: true, code: true },
    });
    const registrationNo =
      filing.institution.registrationNo ?? (await allocateRegistrationNo(db, authority, yearInChina(now)));
    const due = new Date(now);
    // The annual filing falls due after the authority's interval (REG-04, a tenant parameter).
    const settings = await resolveSettingsFor(filing.authorityId, now, db);
    due.setUTCMonth(due.getUTCMonth() + settings.get("REG-04.filingIntervalMonths"));
    await db.institution.update({
      where: { id: filing.institutionId },
      data: {
        name: content.entity.name,
        creditCode: content.entity.creditCode,
        sports: [...new Set([...content.entity.sports, ...content.courses.map((c) => c.sport)])],
        approvedContent: content as Prisma.InputJsonValue,
        publicProfile: publicProfileOf(content) as Prisma.InputJsonValue,
        registrationNo,
        registeredAt: filing.institution.registeredAt ?? now,
        approvedAt: now,
        annualFilingDueOn: due,
      },
    });
    await projectApprovedContent(db, filing.institution, content);
    await notifyInstitutionAdmins(db, filing.institutionId, { kind: "approved", filingId, registrationNo });
    // The new registration is graded by the worker once this commits.
    await evaluateSoon(db, filing.institutionId);
    return registrationNo;
  });
  return { registrationNo };
}

/** Suspends, reinstates, revokes or closes a registered institution, with the reason recorded. */
export async function changeRegistration(
  scope: ActingScope,
  institutionId: string,
  event: RegistrationChange,
  reason: string,
): Promise<InstitutionStatusName> {
  requireReason(reason);
  return inScope(scope, (db) => changeRegistrationIn(db, scope, institutionId, event, reason));
}

export type RegistrationChange = Extract<InstitutionEvent, "suspend" | "reinstate" | "revoke" | "close">;

/**
 * The change inside the caller's transaction (an inspection's suspension commits with its
 * outcome), the institution admins' email and the closure refunds queued with it.
 */
export async function changeRegistrationIn(
  db: Db,
  scope: ActingScope,
  institutionId: string,
  event: RegistrationChange,
  reason: string,
) {
  requireReason(reason);
  const locked = await db.$queryRaw<
    { id: string }[]
  >`SELECT id FROM institution WHERE id = ${institutionId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new FilingNotFound(institutionId);
  const institution = await db.institution.findUniqueOrThrow({ where: { id: institutionId } });
  const to = nextInstitutionStatus(institution.status, event);
  await db.institution.update({ where: { id: institutionId }, data: { status: to } });
  await db.institutionStatusEvent.create({
    data: {
      institutionId,
      authorityId: institution.authorityId,
      fromStatus: institution.status,
      toStatus: to,
      actorUserId: scope.userId,
      reason,
    },
  });
  await appendAudit(db, {
    actorUserId: scope.userId,
    authorityId: institution.authorityId,
    action: `registry.institution.${event}`,
    entityType: "institution",
    entityId: institutionId,
    before: { status: institution.status },
    after: { status: to, reason },
  });
  await notifyInstitutionAdmins(db, institutionId, { kind: "statusChanged", status: to, reason });
  // Suspended, revoked or closed: every unconsumed balance goes back to the parents.
  await refundOnClosureSoon(db, institutionId, to);
  return to;
}
