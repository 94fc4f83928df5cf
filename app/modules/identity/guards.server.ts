import { redirect } from "@remix-run/node";
import type { DataScope } from "~/lib/db-scope.server";
import { type AuthoritySummary, findAuthorityWithAncestors } from "~/modules/tenancy/authorities.server";
import type { RoleName } from "./roles";
import { getViewer, type Viewer, type ViewerMembership } from "./session.server";

/**
 * Guards for loaders and actions. They throw: a redirect to sign in, a 403 when the person is
 * inside the tenant but lacks the role, a 404 when the record belongs to a tenant they cannot
 * see (so its existence does not leak).
 */
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function requireViewer(request: Request): Promise<Viewer> {
  const viewer = await getViewer(request);
  if (viewer) return viewer;
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : "/";
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export function hasRole(viewer: Viewer, role: RoleName): boolean {
  return viewer.memberships.some((m) => m.role === role);
}

export async function requirePlatformAdmin(request: Request): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!hasRole(viewer, "PLATFORM_ADMIN")) throw notFound();
  return viewer;
}

const REGULATOR_RANK: readonly RoleName[] = ["REGULATOR_ADMIN", "INSPECTOR"];

export type AuthorityAccess = {
  viewer: Viewer;
  authority: AuthoritySummary;
  /** The role the person holds over this authority (platform admins count as regulator admins). */
  role: RoleName;
  scope: DataScope;
};

/** The person works for this authority or one of its ancestors, with one of `roles`. */
export async function requireAuthorityRole(
  request: Request,
  authoritySlug: string | undefined,
  roles: readonly RoleName[],
): Promise<AuthorityAccess> {
  const viewer = await requireViewer(request);
  const found = authoritySlug ? await findAuthorityWithAncestors(authoritySlug) : null;
  if (!found) throw notFound();
  const { authority, ancestorIds } = found;
  const reach = new Set([authority.id, ...ancestorIds]);
  const scope: DataScope = { userId: viewer.user.id, authorityId: authority.id, platform: false };
  if (hasRole(viewer, "PLATFORM_ADMIN")) return { viewer, authority, role: "REGULATOR_ADMIN", scope };
  const held = viewer.memberships.filter(
    (m): m is ViewerMembership & { authority: NonNullable<ViewerMembership["authority"]> } =>
      m.institution === null && m.authority !== null && reach.has(m.authority.id),
  );
  if (held.length === 0) throw notFound();
  // The strongest role wins: an inspector in a city who administers the province acts as an admin.
  const match = REGULATOR_RANK.map((role) => held.find((m) => m.role === role && roles.includes(role))).find(Boolean);
  if (!match) throw forbidden();
  return { viewer, authority, role: match.role, scope };
}

export type InstitutionAccess = { viewer: Viewer; membership: ViewerMembership; scope: DataScope };

/** The person is a member of this institution with one of `roles`. */
export async function requireInstitutionRole(
  request: Request,
  institutionId: string | undefined,
  roles: readonly RoleName[],
): Promise<InstitutionAccess> {
  const viewer = await requireViewer(request);
  const held = viewer.memberships.filter((m) => m.institution !== null && m.institution.id === institutionId);
  if (held.length === 0) throw notFound();
  const membership = held.find((m) => roles.includes(m.role));
  if (!membership) throw forbidden();
  return { viewer, membership, scope: { userId: viewer.user.id, authorityId: null, platform: false } };
}

/** Where a person lands after signing in: their first workplace, else their account page. */
export function homePathFor(memberships: readonly ViewerMembership[]): string {
  if (memberships.some((m) => m.role === "PLATFORM_ADMIN")) return "/admin";
  const regulator = memberships.find((m) => m.institution === null && m.authority !== null);
  if (regulator?.authority) return `/gov/${regulator.authority.slug}`;
  const institution = memberships.find((m) => m.institution !== null);
  if (institution?.institution) return `/org/${institution.institution.id}`;
  return "/account";
}
