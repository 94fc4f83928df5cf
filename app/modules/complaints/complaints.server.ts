import { type DataScope, type Db, inPublicRegistry, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { logger } from "~/lib/logger.server";
import { EXTENSION_OF } from "~/lib/storage/file-signature";
import { type InspectedUpload, inspectUpload, type UploadProblem } from "~/lib/storage/inspect-upload.server";
import { newStorageKey, type StorageKey } from "~/lib/storage/storage";
import { getStorage } from "~/lib/storage/storage-backend.server";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { storedName } from "~/modules/registry/files.server";
import { COMPLAINT_PHOTO } from "~/modules/registry/files-access.server";
import { UPLOAD_RULES } from "~/modules/registry/files-purposes";
import { scoreRiskSoon } from "~/modules/risk/scoring-triggers.server";
import {
  type AssignInput,
  type CloseInput,
  type ComplaintStatusName,
  type FileComplaintInput,
  MAX_COMPLAINT_PHOTOS,
  type TriageInput,
} from "./complaint-forms";

/**
 * Parents' complaints against registered institutions and what regulators do with them:
 * SUBMITTED → TRIAGED → ASSIGNED (to an inspector of the jurisdiction) → RESOLVED or DISMISSED,
 * each closing with a written outcome the parent reads. Every step writes a complaint_event and
 * an audit event in the same transaction. The institution complained about sees nothing of it.
 */

/** The complaint does not exist or the caller cannot see it (the route answers 404). */
export class ComplaintNotFound extends Error {}
/** The step does not apply to the complaint's current status (409). */
export class ComplaintTransitionRefused extends Error {}

export type FileComplaintResult =
  | { ok: true; complaintId: string }
  | { ok: false; fieldErrors: Record<string, MessageKey[]>; formError?: MessageKey };

const PHOTO_REFUSALS: Record<UploadProblem, MessageKey> = {
  empty: "validation.upload.empty",
  tooLarge: "validation.upload.photoTooLarge",
  type: "validation.upload.photoType",
  malformed: "validation.upload.malformed",
};

/** A registered institution by its registration number (public data), or null. */
export async function complainableInstitution(
  registrationNo: string,
): Promise<{ id: string; authorityId: string; name: string; registrationNo: string } | null> {
  if (!/^[0-9A-Za-z-]{1,40}$/.test(registrationNo)) return null;
  const row = await inPublicRegistry((db) =>
    db.institution.findFirst({
      where: { registrationNo },
      select: { id: true, authorityId: true, name: true, registrationNo: true },
    }),
  );
  return row?.registrationNo ? { ...row, registrationNo: row.registrationNo } : null;
}

const parentScope = (userId: string): DataScope => ({ userId, authorityId: null, platform: false });

/**
 * Files a complaint with its photos. Every photo is checked by its bytes first: one refusal and
 * nothing is written. The bytes are stored next, then one transaction writes the stored_file rows,
 * the complaint, its first event and the audit event; if that fails the bytes are removed again.
 */
export async function fileComplaint(
  parentUserId: string,
  institution: { id: string; authorityId: string },
  input: FileComplaintInput,
  photos: readonly File[],
): Promise<FileComplaintResult> {
  if (photos.length > MAX_COMPLAINT_PHOTOS)
    return { ok: false, fieldErrors: { photos: ["validation.complaints.tooManyPhotos"] } };
  const inspected: { upload: InspectedUpload; name: string }[] = [];
  for (const photo of photos) {
    const result = await inspectUpload(photo, UPLOAD_RULES.photo);
    if (!result.ok) return { ok: false, fieldErrors: { photos: [PHOTO_REFUSALS[result.problem]] } };
    inspected.push({ upload: result.upload, name: photo.name });
  }
  if (input.enrollmentId) {
    // Row-level security: a parent sees only their own enrollments.
    const enrollment = await inScope(parentScope(parentUserId), (db) =>
      db.enrollment.findFirst({
        where: { id: input.enrollmentId, parentUserId, institutionId: institution.id },
        select: { id: true },
      }),
    );
    if (!enrollment) return { ok: false, fieldErrors: { enrollmentId: ["validation.complaints.enrollment"] } };
  }

  const storage = getStorage();
  const keys: StorageKey[] = [];
  try {
    // Bytes first, outside the transaction: a slow object store must not hold a transaction open.
    for (const { upload } of inspected) {
      const key = newStorageKey();
      await storage.put(key, upload.bytes, { contentType: upload.contentType });
      keys.push(key);
    }
    // A deliberate exception: a parent is no member of the institution's tenant, yet the photos are
    // stored_file rows of that institution (which row-level security would refuse them). What the
    // policies would check is checked above: a registered institution, the parent's own enrollment.
    const complaintId = await unsafeAsSystem(async (db) => {
      const photoFileIds: string[] = [];
      for (const [i, { upload, name }] of inspected.entries()) {
        const row = await db.storedFile.create({
          data: {
            authorityId: institution.authorityId,
            institutionId: institution.id,
            purpose: COMPLAINT_PHOTO,
            originalName: storedName(name, "coachPhoto", EXTENSION_OF[upload.contentType]),
            contentType: upload.contentType,
            sizeBytes: upload.sizeBytes,
            sha256: upload.sha256,
            storageKey: keys[i] as string,
            uploadedById: parentUserId,
          },
          select: { id: true },
        });
        photoFileIds.push(row.id);
      }
      const complaint = await db.complaint.create({
        data: {
          institutionId: institution.id,
          authorityId: institution.authorityId,
          parentUserId,
          enrollmentId: input.enrollmentId ?? null,
          category: input.category,
          description: input.description,
          photoFileIds,
        },
        select: { id: true },
      });
      await db.complaintEvent.create({
        data: {
          complaintId: complaint.id,
          authorityId: institution.authorityId,
          parentUserId,
          event: "filed",
          toStatus: "SUBMITTED",
          actorUserId: parentUserId,
        },
      });
      await appendAudit(db, {
        actorUserId: parentUserId,
        authorityId: institution.authorityId,
        action: "complaint.filed",
        entityType: "complaint",
        entityId: complaint.id,
        // No description: it may name children; the trail is read by many.
        after: { institutionId: institution.id, category: input.category, photos: photoFileIds.length },
      });
      // The worker re-scores the institution once this commits (deduplicated per institution).
      await scoreRiskSoon(db, institution.id, "complaint");
      return complaint.id;
    });
    keys.length = 0; // recorded: the bytes now belong to their rows
    return { ok: true, complaintId };
  } catch (error) {
    for (const key of keys) {
      await storage.delete(key).catch((cleanup: unknown) => {
        logger.error({ err: cleanup, storageKey: key }, "could not remove the bytes of a complaint photo not recorded");
      });
    }
    throw error;
  }
}

type Step = {
  event: "triaged" | "assigned" | "resolved" | "dismissed";
  from: readonly ComplaintStatusName[];
  to: ComplaintStatusName;
};
const STEPS = {
  triage: { event: "triaged", from: ["SUBMITTED"], to: "TRIAGED" },
  assign: { event: "assigned", from: ["TRIAGED", "ASSIGNED"], to: "ASSIGNED" },
  resolve: { event: "resolved", from: ["TRIAGED", "ASSIGNED"], to: "RESOLVED" },
  dismiss: { event: "dismissed", from: ["SUBMITTED", "TRIAGED", "ASSIGNED"], to: "DISMISSED" },
} as const satisfies Record<string, Step>;
export type ComplaintStep = keyof typeof STEPS;

/** Whether a step applies to a complaint in `status` (the page shows only the buttons that do). */
export function stepApplies(step: ComplaintStep, status: ComplaintStatusName): boolean {
  return (STEPS[step].from as readonly ComplaintStatusName[]).includes(status);
}

async function lockedComplaint(db: Db, complaintId: string) {
  if (!isUuid(complaintId)) throw new ComplaintNotFound(complaintId);
  // Row-level security decides whether the regulator sees it; FOR UPDATE serializes concurrent steps.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM complaint WHERE id = ${complaintId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new ComplaintNotFound(complaintId);
  return db.complaint.findUniqueOrThrow({
    where: { id: complaintId },
    select: { id: true, status: true, authorityId: true, parentUserId: true, institutionId: true, assignedToId: true },
  });
}

async function step(
  scope: DataScope,
  complaintId: string,
  name: ComplaintStep,
  change: { assignedToId?: string; outcome?: string; note?: string | undefined },
  check?: (db: Db, complaint: { authorityId: string }) => Promise<void>,
): Promise<void> {
  const definition: Step = STEPS[name];
  await inScope(scope, async (db) => {
    const complaint = await lockedComplaint(db, complaintId);
    if (!definition.from.includes(complaint.status)) throw new ComplaintTransitionRefused(name);
    if (check) await check(db, complaint);
    const closing = definition.to === "RESOLVED" || definition.to === "DISMISSED";
    await db.complaint.update({
      where: { id: complaint.id },
      data: {
        status: definition.to,
        ...(change.assignedToId ? { assignedToId: change.assignedToId } : {}),
        ...(closing ? { outcome: change.outcome ?? null, resolvedAt: new Date() } : {}),
      },
    });
    await db.complaintEvent.create({
      data: {
        complaintId: complaint.id,
        authorityId: complaint.authorityId,
        parentUserId: complaint.parentUserId,
        event: definition.event,
        toStatus: definition.to,
        actorUserId: scope.userId,
        note: change.outcome ?? change.note ?? null,
      },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: complaint.authorityId,
      action: `complaint.${definition.event}`,
      entityType: "complaint",
      entityId: complaint.id,
      before: { status: complaint.status, assignedToId: complaint.assignedToId },
      after: { status: definition.to, ...(change.assignedToId ? { assignedToId: change.assignedToId } : {}) },
    });
  });
}

export function triageComplaint(scope: DataScope, complaintId: string, input: TriageInput): Promise<void> {
  return step(scope, complaintId, "triage", { note: input.note });
}

/** The assignee is not an inspector of the complaint's jurisdiction (400). */
export class AssigneeRefused extends Error {}

export function assignComplaint(scope: DataScope, complaintId: string, input: AssignInput): Promise<void> {
  return step(scope, complaintId, "assign", { assignedToId: input.assigneeId, note: input.note }, async (db, c) => {
    const inspectors = await assignableInspectors(db, c.authorityId);
    if (!inspectors.some((i) => i.id === input.assigneeId)) throw new AssigneeRefused(input.assigneeId);
  });
}

export function resolveComplaint(scope: DataScope, complaintId: string, input: CloseInput): Promise<void> {
  return step(scope, complaintId, "resolve", { outcome: input.outcome });
}

export function dismissComplaint(scope: DataScope, complaintId: string, input: CloseInput): Promise<void> {
  return step(scope, complaintId, "dismiss", { outcome: input.outcome });
}

export type AssignableInspector = { id: string; displayName: string; authorityName: string; authorityNameEn: string };

/**
 * Inspectors who may take a complaint: inspectors of the complaint's authority or of one of its
 * ancestors that the acting regulator can see (row-level security on membership).
 */
export async function assignableInspectors(db: Db, complaintAuthorityId: string): Promise<AssignableInspector[]> {
  const chain: string[] = [];
  let current: string | null = complaintAuthorityId;
  while (current && chain.length < 10) {
    chain.push(current);
    const parent: { parentId: string | null } | null = await db.authority.findUnique({
      where: { id: current },
      select: { parentId: true },
    });
    current = parent?.parentId ?? null;
  }
  const rows = await db.membership.findMany({
    where: { role: "INSPECTOR", institutionId: null, authorityId: { in: chain } },
    select: {
      user: { select: { id: true, displayName: true } },
      authority: { select: { name: true, nameEn: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const seen = new Set<string>();
  const inspectors: AssignableInspector[] = [];
  for (const row of rows) {
    if (seen.has(row.user.id)) continue;
    seen.add(row.user.id);
    inspectors.push({
      id: row.user.id,
      displayName: row.user.displayName,
      authorityName: row.authority?.name ?? "",
      authorityNameEn: row.authority?.nameEn ?? "",
    });
  }
  return inspectors;
}
