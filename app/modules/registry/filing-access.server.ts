import type { Filing } from "~/generated/prisma/client.ts";
import { inScope } from "~/lib/db-scope.server";
import { formFailure } from "~/lib/forms/parse.server";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";
import type { DraftContent } from "./content";
import { type ActingScope, FilingNotEditable, parseDraft, updateDraft } from "./filing.server";
import { OPEN_FILING_STATUSES } from "./institution-status";

export type FilingContext = {
  scope: ActingScope;
  isAdmin: boolean;
  institution: { id: string; name: string; status: string; authorityId: string; registrationNo: string | null };
  filing: Filing | null;
  draft: DraftContent | null;
};

/**
 * The institution's open filing for a page of the filing wizard. Staff may edit the draft;
 * only the institution's admins start, submit or withdraw a filing.
 */
export async function requireFilingContext(
  request: Request,
  institutionId: string | undefined,
): Promise<FilingContext> {
  const { viewer, membership, scope } = await requireInstitutionRole(request, institutionId, INSTITUTION_ROLES);
  const acting: ActingScope = { ...scope, userId: viewer.user.id };
  const found = await inScope(acting, async (db) => {
    const institution = await db.institution.findUnique({
      where: { id: institutionId },
      select: { id: true, name: true, status: true, authorityId: true, registrationNo: true },
    });
    const filing = await db.filing.findFirst({
      where: { institutionId, status: { in: [...OPEN_FILING_STATUSES] } },
      orderBy: { createdAt: "desc" },
    });
    return { institution, filing };
  });
  if (!found.institution) throw notFound();
  return {
    scope: acting,
    isAdmin: membership.role === "INSTITUTION_ADMIN",
    institution: found.institution,
    filing: found.filing,
    draft: found.filing ? parseDraft(found.filing.draft) : null,
  };
}

/** Editing needs a draft, or a filing sent back for changes. */
export function editable(filing: Filing | null): filing is Filing {
  return filing !== null && (filing.status === "DRAFT" || filing.status === "CHANGES_REQUESTED");
}

/**
 * Saves a change to the open draft, or answers why it cannot (no open filing, or one that is
 * waiting for review): a 409 with a localized message, never a 500.
 */
export async function saveToDraft(
  context: FilingContext,
  section: string,
  change: (draft: DraftContent) => DraftContent,
): Promise<{ ok: true } | { ok: false; response: ReturnType<typeof formFailure> }> {
  if (!editable(context.filing)) {
    return { ok: false, response: formFailure({ fieldErrors: {}, formError: "wizard.readOnly" }, 409) };
  }
  try {
    await updateDraft(context.scope, context.filing.id, section, change);
    return { ok: true };
  } catch (error) {
    if (error instanceof FilingNotEditable) {
      return { ok: false, response: formFailure({ fieldErrors: {}, formError: "wizard.readOnly" }, 409) };
    }
    throw error;
  }
}
