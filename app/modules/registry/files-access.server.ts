import type { DataScope } from "~/lib/db-scope.server";
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
