import type { FilingStatusName, InstitutionStatusName } from "./institution-status";

/**
 * The only ways a filing and an institution change state. Services ask `nextFilingStatus` /
 * `nextInstitutionStatus`; anything not listed here is refused, wherever it is asked from.
 */
export const FILING_EVENTS = {
  submit: { from: ["DRAFT", "CHANGES_REQUESTED"], to: "SUBMITTED", by: "institution" },
  startReview: { from: ["SUBMITTED"], to: "UNDER_REVIEW", by: "regulator" },
  requestChanges: { from: ["UNDER_REVIEW"], to: "CHANGES_REQUESTED", by: "regulator" },
  approve: { from: ["UNDER_REVIEW"], to: "APPROVED", by: "regulator" },
  reject: { from: ["UNDER_REVIEW"], to: "REJECTED", by: "regulator" },
  withdraw: { from: ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED"], to: "WITHDRAWN", by: "institution" },
} as const satisfies Record<
  string,
  { from: readonly FilingStatusName[]; to: FilingStatusName; by: "institution" | "regulator" }
>;
export type FilingEvent = keyof typeof FILING_EVENTS;

export const INSTITUTION_EVENTS = {
  // An initial filing carries the institution with it.
  submit: { from: ["DRAFT", "CHANGES_REQUESTED", "REJECTED"], to: "SUBMITTED" },
  startReview: { from: ["SUBMITTED"], to: "UNDER_REVIEW" },
  requestChanges: { from: ["UNDER_REVIEW"], to: "CHANGES_REQUESTED" },
  approve: { from: ["UNDER_REVIEW"], to: "APPROVED" },
  reject: { from: ["UNDER_REVIEW"], to: "REJECTED" },
  withdraw: { from: ["SUBMITTED", "CHANGES_REQUESTED"], to: "DRAFT" },
  // A new initial filing after a rejection.
  reopen: { from: ["REJECTED"], to: "DRAFT" },
  // After registration, by the regulator (closing also by the institution).
  suspend: { from: ["APPROVED"], to: "SUSPENDED" },
  reinstate: { from: ["SUSPENDED"], to: "APPROVED" },
  revoke: { from: ["APPROVED", "SUSPENDED"], to: "REVOKED" },
  close: { from: ["APPROVED", "SUSPENDED"], to: "CLOSED" },
} as const satisfies Record<string, { from: readonly InstitutionStatusName[]; to: InstitutionStatusName }>;
export type InstitutionEvent = keyof typeof INSTITUTION_EVENTS;

export class TransitionRefused extends Error {
  constructor(
    readonly subject: "filing" | "institution",
    readonly event: string,
    readonly from: string,
  ) {
    super(`${subject} cannot ${event} from ${from}`);
  }
}

export function nextFilingStatus(from: FilingStatusName, event: FilingEvent): FilingStatusName {
  const rule = FILING_EVENTS[event];
  if (!(rule.from as readonly string[]).includes(from)) throw new TransitionRefused("filing", event, from);
  return rule.to;
}

export function nextInstitutionStatus(from: InstitutionStatusName, event: InstitutionEvent): InstitutionStatusName {
  const rule = INSTITUTION_EVENTS[event];
  if (!(rule.from as readonly string[]).includes(from)) throw new TransitionRefused("institution", event, from);
  return rule.to;
}

export function canInstitution(from: InstitutionStatusName, event: InstitutionEvent): boolean {
  return (INSTITUTION_EVENTS[event].from as readonly string[]).includes(from);
}
