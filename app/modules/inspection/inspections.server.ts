import type { Prisma } from "~/generated/prisma/client.ts";
import { type Db, inScope } from "~/lib/db-scope.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { InvalidRectification } from "~/modules/compliance/rectification-errors";
import { checkOrderTerms, createOrderIn } from "~/modules/compliance/rectification-issue.server";
import { type RegulatorScope, visibleAuthorityIds } from "~/modules/compliance/rectification-record.server";
import { SEVERITY } from "~/modules/compliance/severity";
import type { StandardCode } from "~/modules/compliance/standard-codes";
import { changeRegistrationIn } from "~/modules/registry/filing.server";
import { nextInstitutionStatus, TransitionRefused } from "~/modules/registry/state-machine";
import { scoreRiskSoon } from "~/modules/risk/scoring-triggers.server";
import { checklistRules } from "./checklist.server";
import {
  type FinishInspectionInput,
  finishInspectionSchema,
  MAX_ITEM_PHOTOS,
  type ManualTaskInput,
  manualTaskSchema,
  type RecordItemInput,
  recordItemSchema,
} from "./inspection-forms";

/**
 * Inspections of tasks: an inspector (the one the task is assigned to) or a regulator admin of
 * the jurisdiction starts the inspection, which generates its checklist; records each item
 * (result, note, photos); and finishes with an outcome and a summary. RECTIFICATION issues a
 * rectification order from the failed items (through the compliance module), SUSPENSION
 * suspends the institution through the registry's state machine and queues the closure refunds.
 * Every step is audited in its transaction; refused input writes nothing.
 */
export type InspectionActor = { scope: RegulatorScope; role: "REGULATOR_ADMIN" | "INSPECTOR" | string };

export class InspectionNotFound extends Error {}
export class InspectionNotAllowed extends Error {}
export class InspectionRefused extends Error {
  constructor(readonly reason: MessageKey) {
    super(`inspection step refused: ${reason}`);
  }
}
export class InvalidInspection extends Error {
  constructor(readonly fieldErrors: Record<string, MessageKey[]>) {
    super(`invalid inspection input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

const isAdmin = (actor: InspectionActor) => actor.role === "REGULATOR_ADMIN";
const OPEN_STATUSES = ["OPEN", "IN_PROGRESS"] as const;

function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Record<string, MessageKey[]> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] = [...(errors[field] ?? []), issue.message as MessageKey];
  }
  return errors;
}

function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  values: unknown,
): T {
  const result = schema.safeParse(values);
  if (!result.success) throw new InvalidInspection(fieldErrorsOf(result.error.issues));
  return result.data;
}

/** The task, locked for this step, when it lies in the jurisdiction; the inspector must be its assignee. */
async function lockTask(db: Db, actor: InspectionActor, taskId: string) {
  if (!isUuid(taskId)) throw new InspectionNotFound(taskId);
  const locked = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM inspection_task WHERE id = ${taskId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new InspectionNotFound(taskId);
  const task = await db.inspectionTask.findFirst({
    where: { id: taskId, authorityId: { in: await visibleAuthorityIds(db) } },
  });
  if (!task) throw new InspectionNotFound(taskId);
  if (!isAdmin(actor) && task.assignedToId !== actor.scope.userId) throw new InspectionNotAllowed(taskId);
  return task;
}

async function openInspectionOf(db: Db, taskId: string) {
  const inspection = await db.inspection.findUnique({ where: { taskId } });
  if (!inspection) throw new InspectionRefused("inspection.error.notStarted");
  if (inspection.finishedAt) throw new InspectionRefused("inspection.error.finished");
  return inspection;
}

/** Starts the inspection (once: a second start answers the same inspection) and generates its checklist. */
export function startInspection(actor: InspectionActor, taskId: string): Promise<string> {
  return inScope(actor.scope, async (db) => {
    const task = await lockTask(db, actor, taskId);
    const existing = await db.inspection.findUnique({ where: { taskId }, select: { id: true } });
    if (existing) return existing.id;
    if (task.status !== "OPEN") throw new InspectionRefused("inspection.error.notOpen");
    const rules = await checklistRules(db, task.institutionId);
    const inspection = await db.inspection.create({
      data: {
        taskId,
        institutionId: task.institutionId,
        authorityId: task.authorityId,
        inspectorId: actor.scope.userId,
      },
      select: { id: true },
    });
    await db.inspectionItem.createMany({
      data: rules.map((ruleCode, position) => ({
        inspectionId: inspection.id,
        institutionId: task.institutionId,
        authorityId: task.authorityId,
        position,
        ruleCode,
      })),
    });
    await db.inspectionTask.update({ where: { id: taskId }, data: { status: "IN_PROGRESS" } });
    await appendAudit(db, {
      actorUserId: actor.scope.userId,
      authorityId: task.authorityId,
      action: "inspection.started",
      entityType: "inspection",
      entityId: inspection.id,
      after: { taskId, institutionId: task.institutionId, items: rules.length },
    });
    return inspection.id;
  });
}

/** Records one checklist item: its result, note and any new photos (stored_file ids of purpose inspectionPhoto). */
export function recordItem(
  actor: InspectionActor,
  taskId: string,
  values: unknown,
  newPhotoIds: readonly string[] = [],
): Promise<void> {
  const input: RecordItemInput = parsed(recordItemSchema, values);
  return inScope(actor.scope, async (db) => {
    const task = await lockTask(db, actor, taskId);
    const inspection = await openInspectionOf(db, taskId);
    const item = await db.inspectionItem.findFirst({ where: { id: input.itemId, inspectionId: inspection.id } });
    if (!item) throw new InvalidInspection({ itemId: ["validation.badForm"] });
    if (newPhotoIds.length > 0) {
      const files = await db.storedFile.count({
        where: { id: { in: [...newPhotoIds] }, institutionId: task.institutionId, purpose: "inspectionPhoto" },
      });
      if (files !== new Set(newPhotoIds).size) throw new InvalidInspection({ photos: ["validation.badForm"] });
    }
    const photoFileIds = [...new Set([...item.photoFileIds, ...newPhotoIds])];
    if (photoFileIds.length > MAX_ITEM_PHOTOS)
      throw new InvalidInspection({ photos: ["validation.inspection.tooManyPhotos"] });
    await db.inspectionItem.update({
      where: { id: item.id },
      data: { result: input.result, note: input.note === "" ? null : input.note, photoFileIds },
    });
    await appendAudit(db, {
      actorUserId: actor.scope.userId,
      authorityId: task.authorityId,
      action: "inspection.item.recorded",
      entityType: "inspection_item",
      entityId: item.id,
      before: { result: item.result, photos: item.photoFileIds.length },
      after: { ruleCode: item.ruleCode, result: input.result, photos: photoFileIds.length },
    });
  });
}

export type FinishResult = { inspectionId: string; outcome: FinishInspectionInput["outcome"]; orderId: string | null };

/**
 * Finishes the inspection with its outcome. Everything is checked before anything is written:
 * RECTIFICATION needs failed items and a deadline the compliance module accepts, SUSPENSION an
 * institution the state machine can suspend.
 */
export async function finishInspection(
  actor: InspectionActor,
  taskId: string,
  values: unknown,
  now = new Date(),
): Promise<FinishResult> {
  const input = parsed(finishInspectionSchema, values);
  let instructions = input.summary;
  if (input.outcome === "RECTIFICATION") {
    try {
      instructions = checkOrderTerms(input.rectificationDeadline, input.summary, now);
    } catch (error) {
      if (!(error instanceof InvalidRectification)) throw error;
      const { deadline, instructions: text } = error.fieldErrors;
      throw new InvalidInspection({
        ...(deadline ? { rectificationDeadline: deadline } : {}),
        ...(text ? { summary: text } : {}),
      });
    }
  }
  const done = await inScope(actor.scope, async (db) => {
    const task = await lockTask(db, actor, taskId);
    const inspection = await openInspectionOf(db, taskId);
    const institution = await db.institution.findUniqueOrThrow({
      where: { id: task.institutionId },
      select: { id: true, name: true, authorityId: true, status: true },
    });
    if (input.outcome === "SUSPENSION") {
      try {
        nextInstitutionStatus(institution.status, "suspend");
      } catch (error) {
        if (error instanceof TransitionRefused) throw new InspectionRefused("inspection.error.cannotSuspend");
        throw error;
      }
    }
    let order: Awaited<ReturnType<typeof createOrderIn>> | null = null;
    if (input.outcome === "RECTIFICATION") {
      const failed = await db.inspectionItem.findMany({
        where: { inspectionId: inspection.id, result: "FAIL" },
        orderBy: { position: "asc" },
      });
      if (failed.length === 0) throw new InvalidInspection({ outcome: ["validation.inspection.noFailedItems"] });
      order = await createOrderIn(db, actor.scope, {
        institution,
        reportId: null,
        items: failed.map((item) => ({
          id: null,
          ruleCode: item.ruleCode,
          severity: SEVERITY[item.ruleCode as StandardCode] ?? "MAJOR",
          entityType: "institution",
          entityId: institution.id,
          entityLabel: institution.name,
          evidence: { key: "inspection.failed", values: { note: item.note ?? "" } } satisfies Prisma.InputJsonValue,
        })),
        deadline: input.rectificationDeadline,
        instructions,
        details: { inspectionId: inspection.id },
      });
    }
    await db.inspection.update({
      where: { id: inspection.id },
      data: {
        outcome: input.outcome,
        summary: input.summary,
        finishedAt: now,
        rectificationOrderId: order?.orderId ?? null,
      },
    });
    await db.inspectionTask.update({ where: { id: taskId }, data: { status: "DONE" } });
    const counts = await db.inspectionItem.groupBy({
      by: ["result"],
      where: { inspectionId: inspection.id },
      _count: { _all: true },
    });
    await appendAudit(db, {
      actorUserId: actor.scope.userId,
      authorityId: task.authorityId,
      action: "inspection.finished",
      entityType: "inspection",
      entityId: inspection.id,
      after: {
        taskId,
        institutionId: institution.id,
        outcome: input.outcome,
        rectificationOrderId: order?.orderId ?? null,
        items: Object.fromEntries(counts.map((c) => [c.result, c._count._all])),
      },
    });
    // Suspension by the registry's own path (state machine, history, audit, the institution's
    // email, the closure refunds), committed with the outcome: never one without the other.
    if (input.outcome === "SUSPENSION") {
      await changeRegistrationIn(db, actor.scope, institution.id, "suspend", input.summary);
    }
    // An inspection is a risk signal for the institution (queued with this commit: the job outbox).
    await scoreRiskSoon(db, institution.id, "inspection");
    return { inspectionId: inspection.id, order };
  });
  return { inspectionId: done.inspectionId, outcome: input.outcome, orderId: done.order?.orderId ?? null };
}

/** An admin opens a task by hand for an institution of the jurisdiction, optionally assigned to one of its inspectors. */
export function createManualTask(actor: InspectionActor, values: unknown): Promise<string> {
  if (!isAdmin(actor)) return Promise.reject(new InspectionNotAllowed("manual task"));
  const input: ManualTaskInput = parsed(manualTaskSchema, values);
  return inScope(actor.scope, async (db) => {
    const visible = await visibleAuthorityIds(db);
    const institution = await db.institution.findFirst({
      where: { id: input.institutionId, authorityId: { in: visible } },
      select: { id: true, authorityId: true },
    });
    if (!institution) throw new InvalidInspection({ institutionId: ["validation.inspection.institution"] });
    if (input.assignedToId !== "") {
      const inspector = await db.membership.findFirst({
        where: { userId: input.assignedToId, role: "INSPECTOR", authorityId: { in: visible }, institutionId: null },
        select: { id: true },
      });
      if (!inspector) throw new InvalidInspection({ assignedToId: ["validation.inspection.inspector"] });
    }
    const task = await db.inspectionTask.create({
      data: {
        institutionId: institution.id,
        authorityId: institution.authorityId,
        origin: "MANUAL",
        assignedToId: input.assignedToId === "" ? null : input.assignedToId,
        dueOn: new Date(`${input.dueOn}T00:00:00Z`),
      },
      select: { id: true },
    });
    await appendAudit(db, {
      actorUserId: actor.scope.userId,
      authorityId: institution.authorityId,
      action: "inspection.task.opened",
      entityType: "inspection_task",
      entityId: task.id,
      after: {
        origin: "MANUAL",
        institutionId: institution.id,
        assignedToId: input.assignedToId || null,
        dueOn: input.dueOn,
      },
    });
    return task.id;
  });
}

// ——— Reading ———

export type TaskRow = {
  id: string;
  institutionId: string;
  institutionName: string;
  origin: "RISK" | "DRAW" | "MANUAL";
  riskLevel: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" | null;
  status: "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED";
  dueOn: string;
  assignedToId: string | null;
  assignedToName: string | null;
  mine: boolean;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The task list: open ones first; an inspector's own before the others'; then by due date. */
export function listTasks(actor: InspectionActor, options: { includeDone?: boolean } = {}): Promise<TaskRow[]> {
  return inScope(actor.scope, async (db) => {
    const tasks = await db.inspectionTask.findMany({
      where: {
        authorityId: { in: await visibleAuthorityIds(db) },
        ...(options.includeDone ? {} : { status: { in: [...OPEN_STATUSES] } }),
      },
      orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      take: 500,
    });
    const institutions = await db.institution.findMany({
      where: { id: { in: [...new Set(tasks.map((t) => t.institutionId))] } },
      select: { id: true, name: true },
    });
    const people = await db.user.findMany({
      where: { id: { in: [...new Set(tasks.flatMap((t) => (t.assignedToId ? [t.assignedToId] : [])))] } },
      select: { id: true, displayName: true },
    });
    const nameOf = new Map(institutions.map((i) => [i.id, i.name]));
    const personOf = new Map(people.map((p) => [p.id, p.displayName]));
    const rows: TaskRow[] = tasks.map((t) => ({
      id: t.id,
      institutionId: t.institutionId,
      institutionName: nameOf.get(t.institutionId) ?? "—",
      origin: t.origin,
      riskLevel: t.riskLevel,
      status: t.status,
      dueOn: isoDay(t.dueOn),
      assignedToId: t.assignedToId,
      assignedToName: t.assignedToId ? (personOf.get(t.assignedToId) ?? null) : null,
      mine: t.assignedToId === actor.scope.userId,
    }));
    const rank = (r: TaskRow) =>
      ((OPEN_STATUSES as readonly string[]).includes(r.status) ? 0 : 2) + (!isAdmin(actor) && !r.mine ? 1 : 0);
    return rows.sort((a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  });
}

export type TaskDetail = {
  task: TaskRow;
  mayAct: boolean;
  inspection: {
    id: string;
    startedAt: string;
    finishedAt: string | null;
    outcome: string | null;
    summary: string | null;
    rectificationOrderId: string | null;
    items: { id: string; ruleCode: string; result: string; note: string | null; photoFileIds: string[] }[];
  } | null;
};

/** A task with its inspection, or null outside the jurisdiction. */
export function taskDetail(actor: InspectionActor, taskId: string): Promise<TaskDetail | null> {
  if (!isUuid(taskId)) return Promise.resolve(null);
  return inScope(actor.scope, async (db) => {
    const task = await db.inspectionTask.findFirst({
      where: { id: taskId, authorityId: { in: await visibleAuthorityIds(db) } },
    });
    if (!task) return null;
    const institution = await db.institution.findUnique({ where: { id: task.institutionId }, select: { name: true } });
    const assignee = task.assignedToId
      ? await db.user.findUnique({ where: { id: task.assignedToId }, select: { displayName: true } })
      : null;
    const inspection = await db.inspection.findUnique({ where: { taskId } });
    const items = inspection
      ? await db.inspectionItem.findMany({ where: { inspectionId: inspection.id }, orderBy: { position: "asc" } })
      : [];
    return {
      task: {
        id: task.id,
        institutionId: task.institutionId,
        institutionName: institution?.name ?? "—",
        origin: task.origin,
        riskLevel: task.riskLevel,
        status: task.status,
        dueOn: isoDay(task.dueOn),
        assignedToId: task.assignedToId,
        assignedToName: assignee?.displayName ?? null,
        mine: task.assignedToId === actor.scope.userId,
      },
      mayAct: isAdmin(actor) || task.assignedToId === actor.scope.userId,
      inspection: inspection
        ? {
            id: inspection.id,
            startedAt: inspection.startedAt.toISOString(),
            finishedAt: inspection.finishedAt?.toISOString() ?? null,
            outcome: inspection.outcome,
            summary: inspection.summary,
            rectificationOrderId: inspection.rectificationOrderId,
            items: items.map((i) => ({
              id: i.id,
              ruleCode: i.ruleCode,
              result: i.result,
              note: i.note,
              photoFileIds: i.photoFileIds,
            })),
          }
        : null,
    };
  });
}

/** The inspectors of the jurisdiction (for assigning a manual task). */
export function jurisdictionInspectors(actor: InspectionActor): Promise<{ id: string; name: string }[]> {
  return inScope(actor.scope, async (db) => {
    const members = await db.membership.findMany({
      where: { role: "INSPECTOR", institutionId: null, authorityId: { in: await visibleAuthorityIds(db) } },
      select: { user: { select: { id: true, displayName: true } } },
      orderBy: { userId: "asc" },
    });
    const seen = new Map(members.map((m) => [m.user.id, m.user.displayName]));
    return [...seen].map(([id, name]) => ({ id, name }));
  });
}

/** The jurisdiction's registered institutions (for opening a manual task), by name. */
export function jurisdictionInstitutions(actor: InspectionActor): Promise<{ id: string; name: string }[]> {
  return inScope(actor.scope, async (db) =>
    db.institution.findMany({
      where: { authorityId: { in: await visibleAuthorityIds(db) }, status: "APPROVED" },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 1000,
    }),
  );
}
