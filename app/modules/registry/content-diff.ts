import type { DraftContent } from "./content";

/**
 * Field-by-field differences between two versions of a registration (what a change filing
 * alters in the approved content), and the addressable paths of one version (what a reviewer
 * may comment on). Pure: shared by the server and the browser.
 *
 * A path names list items by a readable label, not by position, so it still reads right after
 * items are reordered and can be shown to the institution as it is:
 * `venues[文三路游泳馆].trainingAreaM2`, `coaches[陈浩].certificates[SSI-330106-0001].expiresOn`,
 * `courses[少儿游泳入门班].slots[W6 09:00-10:00].startTime`, `entity.sports[DIVING]`.
 * Items are matched across versions by their id (a renamed venue is a change, not a removal).
 */

/** One step of a path: a field, and for a list the item's label. */
export type PathSegment = { field: string; item?: string };
export type DiffValue = string | number | boolean | null;

type ChangeBase = {
  /** The path as text, e.g. `venues[文三路游泳馆].trainingAreaM2`. */
  path: string;
  segments: PathSegment[];
  /** The field without items, e.g. `venues.trainingAreaM2`: what labels and value formats key on. */
  field: string;
};
export type ContentChange =
  | (ChangeBase & { kind: "added"; value?: DiffValue })
  | (ChangeBase & { kind: "removed"; value?: DiffValue })
  | (ChangeBase & { kind: "changed"; before: DiffValue; after: DiffValue });

export type ContentPathKind = "section" | "list" | "item" | "field";
export type ContentPath = ChangeBase & { kind: ContentPathKind };

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Bookkeeping ids and the schema version are not content a person changes or comments on. */
const SKIPPED_FIELDS = new Set(["id", "version"]);

/** How the items of each list are matched and labelled; lists not named here match by id, else by position. */
const LIST_RULES: Record<
  string,
  { key?: (item: JsonObject) => string | undefined; label: (item: JsonObject) => string }
> = {
  venues: { label: (v) => text(v.name) },
  coaches: { label: (c) => text(c.name) },
  "coaches.certificates": { label: (c) => text(c.number) },
  courses: { label: (c) => text(c.name) },
  "courses.slots": { label: (s) => `W${text(s.weekday)} ${text(s.startTime)}-${text(s.endTime)}` },
  // First-aid staff and permits carry no id: a person by name, a permit by its sport.
  "safetyStaff.firstAid": { key: (p) => text(p.name), label: (p) => text(p.name) },
  "documents.highRiskPermits": { key: (p) => text(p.sport), label: (p) => text(p.sport) },
};

/** A slot points at a venue by id; people read the venue's name. */
const VENUE_REFERENCE = "courses.slots.venueId";

function isObject(value: Json): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitive(value: Json): value is DiffValue {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function text(value: Json): string {
  return value === undefined || value === null ? "" : String(value);
}

function asValue(value: Json): DiffValue {
  if (value === undefined) return null;
  return isPrimitive(value) ? value : JSON.stringify(value);
}

/** `[{ field: "venues", item: "A" }, { field: "aed" }]` → `venues[A].aed`. */
export function pathText(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.item === undefined ? s.field : `${s.field}[${s.item}]`)).join(".");
}

export function fieldOf(segments: readonly PathSegment[]): string {
  return segments.map((s) => s.field).join(".");
}

/** Reads a path written by `pathText` back into segments (labels may contain dots; brackets delimit them). */
export function parseContentPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([A-Za-z]+)(?:\[([^\]]*)\])?(?:\.|$)/y;
  let match = pattern.exec(path);
  while (match) {
    const [, field = "", item] = match;
    segments.push(item === undefined ? { field } : { field, item });
    if (pattern.lastIndex >= path.length) return segments;
    match = pattern.exec(path);
  }
  return [];
}

function withItem(segments: readonly PathSegment[], item: string): PathSegment[] {
  const last = segments.at(-1);
  return last ? [...segments.slice(0, -1), { field: last.field, item }] : [];
}

function entry<K extends string>(kind: K, segments: PathSegment[]) {
  return { kind, segments, path: pathText(segments), field: fieldOf(segments) };
}

type KeyedItem = { key: string; label: string; item: JsonObject };

/** The items of a list with their matching keys and their labels (a repeated label gets `#2`, `#3`…). */
function keyedItems(list: Json[], field: string): KeyedItem[] {
  const rule = LIST_RULES[field];
  const seen = new Map<string, number>();
  return list.filter(isObject).map((item, index) => {
    const key =
      rule?.key?.(item) ?? (typeof item.id === "string" && item.id !== "" ? item.id : `#${String(index + 1)}`);
    const base = rule?.label(item) || String(index + 1);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { key, label: count === 1 ? base : `${base} #${String(count)}`, item };
  });
}

function venueNames(content: Json): Map<string, string> {
  const venues = isObject(content) && Array.isArray(content.venues) ? content.venues : [];
  return new Map(venues.filter(isObject).map((v) => [text(v.id), text(v.name)]));
}

type DiffContext = { out: ContentChange[]; venuesBefore: Map<string, string>; venuesAfter: Map<string, string> };

function orderedKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !Object.hasOwn(after, k))];
  return keys.filter((k) => !SKIPPED_FIELDS.has(k));
}

function diffList(before: Json[], after: Json[], segments: PathSegment[], ctx: DiffContext): void {
  const field = fieldOf(segments);
  if ([...before, ...after].every(isPrimitive)) {
    const had = new Set(before.map(text));
    const has = new Set(after.map(text));
    for (const value of after) {
      if (!had.has(text(value)))
        ctx.out.push({ ...entry("added", withItem(segments, text(value))), value: asValue(value) });
    }
    for (const value of before) {
      if (!has.has(text(value)))
        ctx.out.push({ ...entry("removed", withItem(segments, text(value))), value: asValue(value) });
    }
    return;
  }
  const old = new Map(keyedItems(before, field).map((k) => [k.key, k]));
  const current = keyedItems(after, field);
  const kept = new Set<string>();
  for (const { key, label, item } of current) {
    const previous = old.get(key);
    if (!previous) {
      ctx.out.push(entry("added", withItem(segments, label)));
      continue;
    }
    kept.add(key);
    diffNode(previous.item, item, withItem(segments, label), ctx);
  }
  for (const [key, { label }] of old) {
    if (!kept.has(key)) ctx.out.push(entry("removed", withItem(segments, label)));
  }
}

function diffNode(before: Json, after: Json, segments: PathSegment[], ctx: DiffContext): void {
  const absent = (v: Json) => v === undefined || v === null;
  if (absent(before) && absent(after)) return;
  if (Array.isArray(before) || Array.isArray(after)) {
    diffList(Array.isArray(before) ? before : [], Array.isArray(after) ? after : [], segments, ctx);
    return;
  }
  if (isObject(before) || isObject(after)) {
    if (!isObject(before)) ctx.out.push(entry("added", segments));
    else if (!isObject(after)) ctx.out.push(entry("removed", segments));
    else {
      for (const key of orderedKeys(before, after)) {
        diffNode(before[key], after[key], [...segments, { field: key }], ctx);
      }
    }
    return;
  }
  if (asValue(before) === asValue(after)) return;
  const venue = fieldOf(segments) === VENUE_REFERENCE;
  ctx.out.push({
    ...entry("changed", segments),
    before: venue ? (ctx.venuesBefore.get(text(before)) ?? asValue(before)) : asValue(before),
    after: venue ? (ctx.venuesAfter.get(text(after)) ?? asValue(after)) : asValue(after),
  });
}

/**
 * What changed from `before` (the approved content) to `after` (the submitted snapshot), in the
 * order of the submitted content; removed items follow the items of their list. Empty when nothing changed.
 */
export function diffContent(before: DraftContent, after: DraftContent): ContentChange[] {
  const ctx: DiffContext = { out: [], venuesBefore: venueNames(before), venuesAfter: venueNames(after) };
  const root = { ...(before as JsonObject) };
  const next = { ...(after as JsonObject) };
  for (const key of orderedKeys(root, next)) diffNode(root[key], next[key], [{ field: key }], ctx);
  return ctx.out;
}

function collectPaths(value: Json, segments: PathSegment[], out: ContentPath[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isPrimitive)) {
      out.push(entry("field", segments));
      return;
    }
    out.push(entry(segments.length === 1 ? "section" : "list", segments));
    for (const { label, item } of keyedItems(value, fieldOf(segments))) {
      const itemSegments = withItem(segments, label);
      out.push(entry("item", itemSegments));
      for (const key of Object.keys(item).filter((k) => !SKIPPED_FIELDS.has(k))) {
        collectPaths(item[key], [...itemSegments, { field: key }], out);
      }
    }
    return;
  }
  if (isObject(value)) {
    out.push(entry(segments.length === 1 ? "section" : "field", segments));
    for (const key of Object.keys(value).filter((k) => !SKIPPED_FIELDS.has(k))) {
      collectPaths(value[key], [...segments, { field: key }], out);
    }
    return;
  }
  out.push(entry("field", segments));
}

/**
 * Every path of a content a reviewer can point at, in document order: sections, lists, their
 * items, and each field (absent optional fields are left out: there is nothing to point at).
 */
export function contentPaths(content: DraftContent): ContentPath[] {
  const out: ContentPath[] = [];
  const root = content as JsonObject;
  for (const key of Object.keys(root).filter((k) => !SKIPPED_FIELDS.has(k))) {
    collectPaths(root[key], [{ field: key }], out);
  }
  return out;
}
