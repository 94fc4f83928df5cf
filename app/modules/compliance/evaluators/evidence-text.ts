import { isMessageKey, type Translate } from "~/lib/i18n/catalog";
import type { Evidence } from "../finding";

/**
 * Evidence values that hold codes with their own catalog entries, translated before they fill a
 * sentence: `sport` (sport.<code>), `certificate` (certificate.<type>), `weekday`
 * (weekday.<1–7>). Every other value (names, numbers, times, dates) is shown as it is.
 * Client-safe: a renderer passes the values through this before formatting the evidence key.
 */
const CODED: Record<string, (value: string) => string> = {
  sport: (v) => `sport.${v}`,
  certificate: (v) => `certificate.${v}`,
  weekday: (v) => `weekday.${v}`,
};

export function translateCodedValues(t: Translate, values: Evidence["values"]): Evidence["values"] {
  const translated: Evidence["values"] = {};
  for (const [name, value] of Object.entries(values)) {
    const key = value === null ? null : CODED[name]?.(String(value));
    translated[name] = key && isMessageKey(key) ? t(key) : value;
  }
  return translated;
}
