import { serverCatalogs } from "./catalogs.server";
import type { MessageKey } from "./zh-CN";

export type { MessageKey };
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Messages = Record<MessageKey, string>;
// On the server, every language; in the browser (where the `.server` module is empty), only the
// page's language, which the client entry provides before it hydrates.
const catalogs: Partial<Record<Locale, Messages>> = { ...serverCatalogs };

const listeners = new Set<() => void>();
let provided = 0;

export function provideCatalog(locale: Locale, messages: Messages): void {
  catalogs[locale] = messages;
  provided += 1;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: components re-render when a language arrives. */
export function subscribeToCatalogs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const catalogsProvided = (): number => provided;

export function hasCatalog(locale: Locale): boolean {
  return catalogs[locale] !== undefined;
}

/** A language whose messages are here (the browser's page language while another one loads). */
export function anyLoadedLocale(): Locale {
  return LOCALES.find(hasCatalog) ?? DEFAULT_LOCALE;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * A language's messages. In the browser a language not loaded yet (it is on its way: see
 * useTranslation) is stood in for by the one that is, as the page still shows it.
 */
export function messagesFor(locale: Locale): Messages {
  const messages = catalogs[locale] ?? catalogs[anyLoadedLocale()];
  if (!messages) throw new Error("No messages are loaded in this page.");
  return messages;
}

/** Whether a key (built from stored data, say) names a message; every language has the same keys. */
export function isMessageKey(key: string): key is MessageKey {
  const loaded = Object.values(catalogs)[0];
  return loaded !== undefined && Object.hasOwn(loaded, key);
}

/** Fills `{name}` placeholders; an unknown placeholder is left visible so it gets noticed. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(messages: Messages): Translate {
  return (key, values) => format(messages[key], values);
}
