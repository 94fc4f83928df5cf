/** The registration states of an institution (the database enum "InstitutionStatus"); shared with the browser. */
export const INSTITUTION_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "UNDER_REVIEW",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REJECTED",
  "SUSPENDED",
  "REVOKED",
  "CLOSED",
] as const;
export type InstitutionStatusName = (typeof INSTITUTION_STATUSES)[number];

export const FILING_STATUSES = [
  "DRAFT",
  "SUBMITTED",
  "UNDER_REVIEW",
  "CHANGES_REQUESTED",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
] as const;
export type FilingStatusName = (typeof FILING_STATUSES)[number];

export const FILING_KINDS = ["INITIAL", "CHANGE", "ANNUAL"] as const;
export type FilingKindName = (typeof FILING_KINDS)[number];

/** Registered: the public registry shows it (with a warning unless it is approved). */
export const PUBLIC_STATUSES: readonly InstitutionStatusName[] = ["APPROVED", "SUSPENDED", "REVOKED", "CLOSED"];

/** Filings still being worked on; an institution has at most one. */
export const OPEN_FILING_STATUSES: readonly FilingStatusName[] = [
  "DRAFT",
  "SUBMITTED",
  "UNDER_REVIEW",
  "CHANGES_REQUESTED",
];
