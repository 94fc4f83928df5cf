import type { FieldErrors } from "~/lib/forms/parse.server";
import type { DraftContent } from "./content";
import { filesOfInstitution, storeUpload, UploadInstitutionNotFound } from "./files.server";
import type { FilePurpose } from "./files-purposes";
import type { FilingContext } from "./filing-access.server";

/**
 * File ids in a draft are only ever set here, from files this institution just uploaded: a
 * posted id field is ignored, so a filing cannot point at another institution's document.
 */
export type ChosenFile = { input: string; purpose: FilePurpose };

export async function storeChosenFiles(
  context: FilingContext,
  files: Map<string, File[]>,
  chosen: readonly ChosenFile[],
): Promise<{ ok: true; ids: Map<string, string> } | { ok: false; fieldErrors: FieldErrors }> {
  const ids = new Map<string, string>();
  const fieldErrors: FieldErrors = {};
  for (const { input, purpose } of chosen) {
    const file = files.get(input)?.[0];
    if (!file) continue;
    try {
      const stored = await storeUpload(context.scope, { institutionId: context.institution.id, purpose, file });
      if (stored.ok) ids.set(input, stored.fileId);
      else fieldErrors[input] = [stored.error];
    } catch (error) {
      if (error instanceof UploadInstitutionNotFound) fieldErrors[input] = ["validation.badForm"];
      else throw error;
    }
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, ids };
}

/** Every file id a draft references. */
export function fileIdsOf(draft: DraftContent): string[] {
  const ids = [
    ...draft.venues.map((v) => v.fireSafetyFileId),
    ...draft.coaches.flatMap((c) => [c.photoFileId, ...c.certificates.map((cert) => cert.scanFileId)]),
    draft.documents?.businessLicenseFileId,
    draft.documents?.venueLeaseFileId,
    draft.documents?.fireSafetyAcceptanceFileId,
    draft.documents?.insurancePolicyFileId,
    ...(draft.documents?.highRiskPermits ?? []).map((p) => p.fileId),
  ];
  return ids.filter((id): id is string => typeof id === "string");
}

/** Names of the files a draft references, for "on file: …" next to each upload field. */
export async function fileNamesOf(context: FilingContext, draft: DraftContent): Promise<Record<string, string>> {
  const files = await filesOfInstitution(context.scope, context.institution.id, fileIdsOf(draft));
  return Object.fromEntries(files.map((f) => [f.id, f.originalName]));
}
