import { formFailure } from "~/lib/forms/parse.server";
import { forbidden, notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { storeUpload } from "~/modules/registry/files.server";
import type { AuthoritySummary } from "~/modules/tenancy/authorities.server";
import { MAX_ITEM_PHOTOS } from "./inspection-forms";
import {
  type InspectionActor,
  InspectionNotAllowed,
  InspectionNotFound,
  InspectionRefused,
  InvalidInspection,
} from "./inspections.server";

/**
 * The routes' side of inspections: the guard (a regulator of the authority; the workspace's
 * scope acts for the authority of the URL) and the translation of the services' refusals into
 * answers — not found 404, not allowed 403, a refused step 409, invalid input 400 per field.
 */
export type InspectionRouteActor = InspectionActor & { authority: AuthoritySummary };

export async function requireInspectionActor(
  request: Request,
  authoritySlug: string | undefined,
): Promise<InspectionRouteActor> {
  const { scope, role, authority } = await requireAuthorityRole(request, authoritySlug, REGULATOR_ROLES);
  if (!scope.userId || !scope.authorityId) throw notFound();
  return { scope: { ...scope, userId: scope.userId, authorityId: scope.authorityId }, role, authority };
}

export type Answered<T> = { ok: true; value: T } | { ok: false; answer: ReturnType<typeof formFailure> };

export async function answering<T>(work: () => Promise<T>): Promise<Answered<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof InspectionNotFound) throw notFound();
    if (error instanceof InspectionNotAllowed) throw forbidden();
    if (error instanceof InspectionRefused)
      return { ok: false, answer: formFailure({ fieldErrors: {}, formError: error.reason }, 409) };
    if (error instanceof InvalidInspection)
      return { ok: false, answer: formFailure({ fieldErrors: error.fieldErrors }) };
    throw error;
  }
}

/** Stores the photos chosen for a checklist item (purpose inspectionPhoto); answers their ids or a field error. */
export async function storeInspectionPhotos(
  actor: InspectionActor,
  institutionId: string,
  files: readonly File[],
): Promise<{ ok: true; ids: string[] } | { ok: false; answer: ReturnType<typeof formFailure> }> {
  const chosen = files.filter((f) => f.size > 0);
  if (chosen.length > MAX_ITEM_PHOTOS)
    return { ok: false, answer: formFailure({ fieldErrors: { photos: ["validation.inspection.tooManyPhotos"] } }) };
  const ids: string[] = [];
  for (const file of chosen) {
    const stored = await storeUpload(actor.scope, { institutionId, purpose: "inspectionPhoto", file });
    if (!stored.ok) return { ok: false, answer: formFailure({ fieldErrors: { photos: [stored.error] } }) };
    ids.push(stored.fileId);
  }
  return { ok: true, ids };
}
