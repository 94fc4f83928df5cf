/**
 * A UUID in the canonical 8-4-4-4-12 form. Ids from URLs and forms are checked with it before
 * they reach a query: PostgreSQL refuses a malformed uuid with an error (a 500), while a
 * well-formed unknown one simply finds nothing (a 404).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
