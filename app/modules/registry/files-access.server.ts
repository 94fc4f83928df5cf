import { type DataScope, inScope } from "~/lib/db-scope.server";
import { REGULATOR_ROLES, type RoleName } from "~/modules/identity/roles";
import type { Viewer } from "~/modules/identity/session.server";

/**
 * The database scopes under which a person may look for a stored file: a platform admin sees
 * all; members of institutions see their institutions' files; a regulator sees the files of
 * institutions under each authority they work for. Row-level security applies the same rule to
 * each scope, so a file is readable exactly when one of these scopes finds it. Parents and
 * people without a workplace get no scope at all.
 */
export function fileReadScopes(viewer: Viewer): DataScope[] {
  const userId = viewer.user.id;
  if (viewer.memberships.some((m) => m.role === "PLATFORM_ADMIN"))
    return [{ userId, authorityId: null, platform: true }];
  const scopes: DataScope[] = [];
  // The person's own institutions: row-level security matches stored_file.institution_id to their memberships.
  if (viewer.memberships.some((m) => m.institution !== null))
    scopes.push({ userId, authorityId: null, platform: false });
  const regulatorOf = new Set<string>();
  for (const m of viewer.memberships) {
    if (m.institution === null && m.authority !== null && isRegulatorRole(m.role)) regulatorOf.add(m.authority.id);
  }
  for (const authorityId of regulatorOf) scopes.push({ userId, authorityId, platform: false });
  return scopes;
}

function isRegulatorRole(role: RoleName): boolean {
  return (REGULATOR_ROLES as readonly RoleName[]).includes(role);
}

/**
 * A parent's complaint photo (stored_file.purpose COMPLAINT_PHOTO) is a file of the institution
 * complained about, so stored_file's row-level security shows it to that institution's members.
 * They must never read it: complaint photos are for the parent who filed them and the regulators.
 */
export const COMPLAINT_PHOTO = "complaintPhoto";

/** An inspector's photo (purpose inspectionPhoto): regulators only, never the inspected institution. */
export const INSPECTION_PHOTO = "inspectionPhoto";

/** Purposes the institution's own members may never read, though the rows are their institution's. */
const HIDDEN_FROM_MEMBERS: ReadonlySet<string> = new Set([COMPLAINT_PHOTO, INSPECTION_PHOTO]);

/** Whether a row found under `scope` may be served to the viewer (the rule RLS cannot express). */
export function mayServeFile(
  viewer: Viewer,
  scope: DataScope,
  file: { purpose: string; institutionId: string },
): boolean {
  if (scope.platform || !HIDDEN_FROM_MEMBERS.has(file.purpose)) return true;
  // A member scope (no authority) finds a file only through the person's institutions.
  if (scope.authorityId === null) return false;
  return !viewer.memberships.some((m) => m.institution?.id === file.institutionId);
}

/**
 * The institution whose complaint photo `fileId` is, when it is on one of this person's own
 * complaints (row-level security: a parent sees their own complaints only); null otherwise.
 */
export async function complaintPhotoInstitutionOf(userId: string, fileId: string): Promise<string | null> {
  const complaint = await inScope({ userId, authorityId: null, platform: false }, (db) =>
    db.complaint.findFirst({
      where: { parentUserId: userId, photoFileIds: { has: fileId } },
      select: { institutionId: true },
    }),
  );
  return complaint?.institutionId ?? null;
}
