import { serverCatalogs } from "./catalogs.server";
import type { MessageKey } from "./zh-CN";

export type { MessageKey };
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Messages = Record<MessageKey, string>;

/**
 * Each language comes in parts, a chunk each (load-catalog.ts): what public pages show, and the
 * workspaces' rest. A public page downloads only the first; a workspace route loads the rest
 * before it renders (workspace-route.ts).
 */
export const MESSAGE_PARTS = ["public", "workspace"] as const;
export type MessagePart = (typeof MESSAGE_PARTS)[number];

// On the server, every language whole; in the browser (where the `.server` module is empty), the
// page's language, in the parts the client entry and the workspace routes provide.
const catalogs: Partial<Record<Locale, Partial<Messages>>> = { ...serverCatalogs };
const partsHere: Record<Locale, Set<MessagePart>> = {
  "zh-CN": new Set(catalogs["zh-CN"] ? MESSAGE_PARTS : []),
  en: new Set(catalogs.en ? MESSAGE_PARTS : []),
};
// The parts this page has needed so far: once a workspace has rendered, a language is only usable
// with both (the person may go back to it, and a language switch must not lose it).
const partsNeeded = new Set<MessagePart>(["public"]);

const listeners = new Set<() => void>();
let provided = 0;

export function provideCatalog(locale: Locale, part: MessagePart, messages: Partial<Messages>): void {
  catalogs[locale] = { ...catalogs[locale], ...messages };
  partsHere[locale].add(part);
  provided += 1;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: components re-render when a language arrives. */
export function subscribeToCatalogs(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const catalogsProvided = (): number => provided;

export function hasPart(locale: Locale, part: MessagePart): boolean {
  return partsHere[locale].has(part);
}

/** The parts a language still lacks before the page can be shown in it. */
export function missingParts(locale: Locale): MessagePart[] {
  return [...partsNeeded].filter((part) => !hasPart(locale, part));
}

/** Called once a part is here in every language the page has (load-catalog.ts). */
export function markPartNeeded(part: MessagePart): void {
  partsNeeded.add(part);
}

/** Whether the page can be shown in this language: every part it needs is here. */
export function hasCatalog(locale: Locale): boolean {
  return missingParts(locale).length === 0;
}

/** The languages with at least one part here (in the browser, usually the page's one). */
export function localesHere(): Locale[] {
  return LOCALES.filter((locale) => partsHere[locale].size > 0);
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
  const usable = hasCatalog(locale) ? locale : anyLoadedLocale();
  if (!hasCatalog(usable)) throw new Error("No messages are loaded in this page.");
  // Every part the page needs is here (hasCatalog), so every key a rendered component uses is.
  return catalogs[usable] as Messages;
}

/**
 * Whether a key (built from stored data, say) names a message; every language has the same keys.
 * In the browser it knows the parts the page has: the stored keys it is asked about (risk factors,
 * evidence, audit events) are shown only in the workspaces, whose part is here before they render.
 */
export function isMessageKey(key: string): key is MessageKey {
  const loaded = catalogs[anyLoadedLocale()];
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
