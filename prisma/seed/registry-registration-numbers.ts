import { yearInChina } from "./registry-calendar";
import type { BuiltInstitution } from "./registry-rows";

/** A row of registration_counter: the last sequence number given in a district and year. */
export type Counter = { authorityId: string; year: number; lastValue: number };

/**
 * Registration numbers as approval gives them: <district code>-<year>-<sequence>, in order of first
 * approval within each district and year, after whatever the counter already gave out.
 */
export function registrationNumbers(
  fresh: BuiltInstitution[],
  counters: Counter[],
): { numbers: Map<string, string>; counters: Counter[] } {
  const last = new Map(counters.map((c) => [`${c.authorityId}:${c.year}`, c.lastValue]));
  const numbers = new Map<string, string>();
  const registered = fresh
    .filter((b) => b.history.registration)
    .sort(
      (a, b) =>
        (a.history.registration?.registeredAt.getTime() ?? 0) - (b.history.registration?.registeredAt.getTime() ?? 0) ||
        a.entry.key.localeCompare(b.entry.key),
    );
  const bumped = new Map<string, Counter>();
  for (const b of registered) {
    const year = yearInChina(b.history.registration?.registeredAt ?? new Date(0));
    const counterKey = `${b.authorityId}:${year}`;
    const next = (last.get(counterKey) ?? 0) + 1;
    last.set(counterKey, next);
    bumped.set(counterKey, { authorityId: b.authorityId, year, lastValue: next });
    numbers.set(b.entry.id, `${b.entry.districtCode}-${year}-${String(next).padStart(4, "0")}`);
  }
  return { numbers, counters: [...bumped.values()] };
}
