import type { RoleName } from "~/modules/identity/roles";

/**
 * Who may do what in a review. Both regulator admins and inspectors review and decide: the
 * inspectors are the bureau's reviewing staff, and a district often has no admin of its own.
 * To keep two people from deciding one filing at once, an inspector acts only on a filing that is
 * theirs (assigned to them, or unassigned when they open the review, which assigns it to them);
 * an admin may act on any filing of the jurisdiction, e.g. while its reviewer is away, and assigns
 * work. Suspending, reinstating, revoking or closing a registration is an administrative sanction
 * of the bureau: admins only. Pure, so pages show only the controls the action will accept.
 */
export type ReviewerRole = Extract<RoleName, "REGULATOR_ADMIN" | "INSPECTOR">;

export function isReviewerRole(role: RoleName): role is ReviewerRole {
  return role === "REGULATOR_ADMIN" || role === "INSPECTOR";
}

export function mayStartReview(role: ReviewerRole, viewerId: string, assignedReviewerId: string | null): boolean {
  return role === "REGULATOR_ADMIN" || assignedReviewerId === null || assignedReviewerId === viewerId;
}

/** Approve, reject or request changes. */
export function mayDecide(role: ReviewerRole, viewerId: string, assignedReviewerId: string | null): boolean {
  return role === "REGULATOR_ADMIN" || assignedReviewerId === viewerId;
}

/** An admin assigns anyone eligible; an inspector may only take an unassigned filing for themselves. */
export function mayAssign(
  role: ReviewerRole,
  viewerId: string,
  assignedReviewerId: string | null,
  reviewerId: string,
): boolean {
  if (role === "REGULATOR_ADMIN") return true;
  return reviewerId === viewerId && (assignedReviewerId === null || assignedReviewerId === viewerId);
}

export function mayChangeRegistration(role: ReviewerRole): boolean {
  return role === "REGULATOR_ADMIN";
}

/** The registration actions a regulator takes on a registered institution (see the state machine). */
export const REGISTRATION_ACTIONS = ["suspend", "reinstate", "revoke", "close"] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

export function isRegistrationAction(value: unknown): value is RegistrationAction {
  return typeof value === "string" && (REGISTRATION_ACTIONS as readonly string[]).includes(value);
}
