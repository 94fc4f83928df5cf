import { formFailure, formValues, validate } from "~/lib/forms/parse.server";
import { forbidden, notFound, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import type { Viewer } from "~/modules/identity/session.server";
import type { AuthoritySummary } from "~/modules/tenancy/authorities.server";
import {
  approveFiling,
  assignReviewer,
  changeRegistration,
  FilingIncomplete,
  FilingNotEditable,
  FilingNotFound,
  InvalidDecision,
  rejectFiling,
  requestChanges,
  startReview,
} from "./filing.server";
import { ForeignItemId } from "./projection.server";
import {
  assignReviewerSchema,
  registrationChangeSchema,
  rejectFilingSchema,
  requestChangesSchema,
} from "./review-forms";
import {
  type AuthorityScope,
  type FilingForAction,
  findFilingForAction,
  reviewerCandidates,
} from "./review-queue.server";
import {
  isRegistrationAction,
  isReviewerRole,
  mayAssign,
  mayChangeRegistration,
  mayDecide,
  mayStartReview,
  type ReviewerRole,
} from "./review-rights";
import { TransitionRefused } from "./state-machine";

/**
 * The actions of the review pages: each checks who may act (review-rights.ts), validates the
 * form with the schema the browser used, calls the filing service, and turns the service's
 * refusals into answers: a refused transition or a filing that moved on is a 409 with a message,
 * a filing that is not there a 404, never a 500.
 */
export type ReviewActor = { authority: AuthoritySummary; role: ReviewerRole; viewer: Viewer; scope: AuthorityScope };

/** The signed-in regulator of this authority (404 for a foreign one, as the guard answers). */
export async function requireReviewActor(request: Request, authoritySlug: string | undefined): Promise<ReviewActor> {
  const { authority, role, scope, viewer } = await requireAuthorityRole(request, authoritySlug, REGULATOR_ROLES);
  if (!isReviewerRole(role)) throw forbidden();
  return { authority, role, viewer, scope: { ...scope, authorityId: authority.id, userId: viewer.user.id } };
}

export type IntentForm = { intent: string; values: Record<string, unknown> };

/** The posted form and its `intent` (a hidden field or the pressed button); null when unreadable. */
export async function readIntentForm(request: Request): Promise<IntentForm | null> {
  try {
    const form = await request.formData();
    const intent = form.get("intent");
    return { intent: typeof intent === "string" ? intent : "", values: formValues(form) };
  } catch {
    return null;
  }
}

const refused = () => formFailure({ fieldErrors: {}, formError: "govReview.error.transitionRefused" }, 409);
const notAllowed = () => formFailure({ fieldErrors: {}, formError: "govReview.error.forbidden" }, 403);

/** Runs a service call, answering its refusals instead of letting them become a 500. */
async function answering<T>(work: () => Promise<T>) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (
      error instanceof TransitionRefused ||
      error instanceof FilingNotEditable ||
      error instanceof InvalidDecision ||
      error instanceof ForeignItemId
    )
      return { ok: false as const, answer: refused() };
    if (error instanceof FilingIncomplete) {
      return {
        ok: false as const,
        answer: formFailure({ fieldErrors: {}, formError: "govReview.error.incomplete" }, 409),
      };
    }
    if (error instanceof FilingNotFound) throw notFound();
    throw error;
  }
}

/** Assigns a reviewer: from the queue (the filing named in the form) or from the review page (`filingId`). */
export async function assignFromForm(actor: ReviewActor, values: Record<string, unknown>, filingId: string | null) {
  const parsed = validate(assignReviewerSchema, values);
  if (!parsed.ok) return formFailure(parsed);
  const id = filingId ?? parsed.data.filingId;
  if (!id) return formFailure({ fieldErrors: { filingId: ["validation.required"] } });
  const filing = await findFilingForAction(actor.scope, id);
  if (!filing?.hasSnapshot) throw notFound();
  const { reviewerId } = parsed.data;
  if (!mayAssign(actor.role, actor.viewer.user.id, filing.assignedReviewerId, reviewerId)) return notAllowed();
  const candidate = (await reviewerCandidates([filing.authorityId]))
    .get(filing.authorityId)
    ?.find((c) => c.id === reviewerId);
  if (!candidate) return formFailure({ fieldErrors: { reviewerId: ["validation.review.notCandidate"] } });
  const done = await answering(() => assignReviewer(actor.scope, filing.id, reviewerId));
  if (!done.ok) return done.answer;
  return { ok: true as const, done: "assign" as const, reviewerName: candidate.displayName, registrationNo: null };
}

/** One decision on a filing under review, by the form's intent. */
export async function decideFromForm(actor: ReviewActor, filing: FilingForAction, form: IntentForm) {
  const viewerId = actor.viewer.user.id;
  const ok = <D extends string>(done: D, registrationNo: string | null = null) => ({
    ok: true as const,
    done,
    reviewerName: null,
    registrationNo,
  });
  switch (form.intent) {
    case "assign":
      return assignFromForm(actor, form.values, filing.id);
    case "startReview": {
      if (!mayStartReview(actor.role, viewerId, filing.assignedReviewerId)) return notAllowed();
      const done = await answering(() => startReview(actor.scope, filing.id));
      return done.ok ? ok("startReview" as const) : done.answer;
    }
    case "approve": {
      if (!mayDecide(actor.role, viewerId, filing.assignedReviewerId)) return notAllowed();
      const done = await answering(() => approveFiling(actor.scope, filing.id));
      return done.ok ? ok("approve" as const, done.value.registrationNo) : done.answer;
    }
    case "reject": {
      if (!mayDecide(actor.role, viewerId, filing.assignedReviewerId)) return notAllowed();
      const parsed = validate(rejectFilingSchema, form.values);
      if (!parsed.ok) return formFailure(parsed);
      const done = await answering(() => rejectFiling(actor.scope, filing.id, parsed.data.rejectReason));
      return done.ok ? ok("reject" as const) : done.answer;
    }
    case "requestChanges": {
      if (!mayDecide(actor.role, viewerId, filing.assignedReviewerId)) return notAllowed();
      const parsed = validate(requestChangesSchema, form.values);
      if (!parsed.ok) return formFailure(parsed);
      const { reason, comments } = parsed.data;
      const done = await answering(() => requestChanges(actor.scope, filing.id, reason, comments));
      return done.ok ? ok("requestChanges" as const) : done.answer;
    }
    default:
      return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  }
}

/** Suspends, reinstates, revokes or closes a registration (the pressed button is the intent). */
export async function changeRegistrationFromForm(actor: ReviewActor, institutionId: string, form: IntentForm) {
  if (!mayChangeRegistration(actor.role)) return notAllowed();
  const { intent } = form;
  if (!isRegistrationAction(intent)) return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  const parsed = validate(registrationChangeSchema, form.values);
  if (!parsed.ok) return formFailure(parsed);
  const done = await answering(() => changeRegistration(actor.scope, institutionId, intent, parsed.data.reason));
  if (!done.ok) return done.answer;
  return { ok: true as const, done: intent, status: done.value };
}
