/** The roles of the platform (the database enum "Role"); shared with the browser for labels. */
export const ROLES = [
  "PLATFORM_ADMIN",
  "REGULATOR_ADMIN",
  "INSPECTOR",
  "INSTITUTION_ADMIN",
  "INSTITUTION_STAFF",
  "PARENT",
] as const;
export type RoleName = (typeof ROLES)[number];

export const REGULATOR_ROLES = ["REGULATOR_ADMIN", "INSPECTOR"] as const satisfies readonly RoleName[];
export const INSTITUTION_ROLES = ["INSTITUTION_ADMIN", "INSTITUTION_STAFF"] as const satisfies readonly RoleName[];
