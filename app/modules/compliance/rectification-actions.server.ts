import { z } from "zod";
import { type FieldErrors, formFailure } from "~/lib/forms/parse.server";
import { inspectUpload } from "~/lib/storage/inspect-upload.server";
import { notFound, requireAuthorityRole, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES, REGULATOR_ROLES } from "~/modules/identity/roles";
import type { Viewer } from "~/modules/identity/session.server";
import { storeUpload, UploadInstitutionNotFound } from "~/modules/registry/files.server";
import { refusalMessage, UPLOAD_RULES } from "~/modules/registry/files-purposes";
import type { ActingScope } from "~/modules/registry/filing.server";
import type { AuthoritySummary } from "~/modules/tenancy/authorities.server";
import { InvalidRectification, RectificationNotFound } from "./rectification-errors";
import { MAX_EVIDENCE_FILES } from "./rectification-forms";
import type { RegulatorScope } from "./rectification-record.server";
import { RectificationTransitionRefused } from "./rectification-state-machine";

/**
 * What the rectification routes share: who may act, ids from the URL, evidence uploads, and the
 * services' refusals turned into answers — a refused transition is a 409 with a message, invalid
 * input a 400 with the field's message, an order that is not theirs a 404; never a 500.
 */
export type RectificationRegulator = { authority: AuthoritySummary; viewer: Viewer; scope: RegulatorScope };

/** Regulator admins and inspectors of this authority or one above it (404 for a foreign one). */
export async function requireRectificationRegulator(
  request: Request,
  authoritySlug: string | undefined,
): Promise<RectificationRegulator> {
  const { authority, viewer, scope } = await requireAuthorityRole(request, authoritySlug, REGULATOR_ROLES);
  return { authority, viewer, scope: { ...scope, authorityId: authority.id, userId: viewer.user.id } };
}

export type RectificationMember = { institutionId: string; viewer: Viewer; scope: ActingScope };

/** An admin or a staff member of this institution (404 for anyone else). */
export async function requireRectificationMember(
  request: Request,
  institutionId: string | undefined,
): Promise<RectificationMember> {
  const { viewer, scope } = await requireInstitutionRole(request, institutionId, INSTITUTION_ROLES);
  return { institutionId: institutionId ?? "", viewer, scope: { ...scope, userId: viewer.user.id } };
}

const uuid = z.uuid();

/** A uuid from the URL, or a 404 (a malformed id names nothing). */
export function idFrom(value: string | null | undefined): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

export const refused = () => formFailure({ fieldErrors: {}, formError: "rectification.error.refused" }, 409);

/** Runs a service call, answering its refusals instead of letting them become a 500. */
export async function answering<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (error instanceof RectificationTransitionRefused) return { ok: false as const, answer: refused() };
    if (error instanceof InvalidRectification)
      return { ok: false as const, answer: formFailure({ fieldErrors: error.fieldErrors }) };
    if (error instanceof RectificationNotFound) throw notFound();
    throw error;
  }
}

/**
 * Stores the evidence files of one answer. Every file is checked before any is stored, so a bad
 * one among good ones writes nothing; the ids returned are of files stored in this request, the
 * only ids an answer may carry.
 */
export async function storeEvidence(
  member: RectificationMember,
  files: readonly File[],
): Promise<{ ok: true; ids: string[] } | { ok: false; fieldErrors: FieldErrors }> {
  if (files.length > MAX_EVIDENCE_FILES)
    return { ok: false, fieldErrors: { evidence: ["validation.rectification.tooManyFiles"] } };
  for (const file of files) {
    const inspected = await inspectUpload(file, UPLOAD_RULES.document);
    if (!inspected.ok)
      return {
        ok: false,
        fieldErrors: { evidence: [refusalMessage("rectificationEvidence", inspected.problem)] },
      };
  }
  const ids: string[] = [];
  for (const file of files) {
    try {
      const stored = await storeUpload(member.scope, {
        institutionId: member.institutionId,
        purpose: "rectificationEvidence",
        file,
      });
      if (!stored.ok) return { ok: false, fieldErrors: { evidence: [stored.error] } };
      ids.push(stored.fileId);
    } catch (error) {
      if (error instanceof UploadInstitutionNotFound) throw notFound();
      throw error;
    }
  }
  return { ok: true, ids };
}
