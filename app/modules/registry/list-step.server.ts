import { randomUUID } from "node:crypto";
import { z } from "zod";

/** `?item=<id>` edits an item, `?item=new` adds one; a new item gets its id now, in the form. */
export function itemBeingEdited<T extends { id: string }>(
  request: Request,
  items: readonly T[],
): { item: T | null; newId: string | null; missing: boolean } {
  const wanted = new URL(request.url).searchParams.get("item");
  if (wanted === null) return { item: null, newId: null, missing: false };
  if (wanted === "new") return { item: null, newId: randomUUID(), missing: false };
  const item = items.find((i) => i.id === wanted) ?? null;
  return { item, newId: null, missing: item === null };
}

export const removeItemSchema = z.object({ id: z.uuid("validation.invalid") });

/** Fresh ids for the blank rows a list form offers (certificates, lesson times, first-aid staff). */
export function blankRowIds(count: number): string[] {
  return Array.from({ length: count }, () => randomUUID());
}

/** Replaces the item with the same id, or appends it. */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): T[] {
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item];
}
