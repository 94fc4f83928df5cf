import { type DataScope, inScope } from "~/lib/db-scope.server";
import { INSTITUTION_STATUSES, type InstitutionStatusName } from "~/modules/registry/institution-status";
import { childAuthorities } from "./authorities.server";

/** What a regulator sees first: the jurisdiction below, and the institutions in it by status. */
export async function authorityOverview(scope: DataScope & { authorityId: string }) {
  const [children, counts] = await Promise.all([
    childAuthorities(scope.authorityId),
    inScope(scope, async (db) => {
      // Row-level security limits both counts to this authority and its descendants.
      const byStatus = await db.institution.groupBy({ by: ["status"], _count: { _all: true } });
      const members = await db.membership.count({ where: { authorityId: scope.authorityId, institutionId: null } });
      return { byStatus, members };
    }),
  ]);
  const institutions = Object.fromEntries(INSTITUTION_STATUSES.map((s) => [s, 0])) as Record<
    InstitutionStatusName,
    number
  >;
  for (const row of counts.byStatus) institutions[row.status] = row._count._all;
  return { children, institutions, members: counts.members };
}
