/** The registration states of an institution (the database enum "InstitutionStatus"); shared with the browser. */
export const INSTITUTION_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "SUSPENDED", "CLOSED"] as const;
export type InstitutionStatusName = (typeof INSTITUTION_STATUSES)[number];
