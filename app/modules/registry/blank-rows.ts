/**
 * List forms offer a few empty rows so nothing needs JavaScript; a row whose visible fields are
 * all empty was not used and is dropped before validation (its hidden id does not count).
 */
export function dropBlankRows(values: unknown, listName: string, visibleFields: readonly string[]): unknown {
  if (typeof values !== "object" || values === null) return values;
  const record = values as Record<string, unknown>;
  const list = record[listName];
  if (!Array.isArray(list)) return { ...record, [listName]: [] };
  const used = list.filter(
    (row) =>
      typeof row === "object" &&
      row !== null &&
      visibleFields.some((f) => {
        const v = (row as Record<string, unknown>)[f];
        return typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null;
      }),
  );
  return { ...record, [listName]: used };
}
