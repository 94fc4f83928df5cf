import { en } from "./en";
import { type MessageKey, zhCN } from "./zh-CN";

export type { MessageKey };
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Messages = Record<MessageKey, string>;
const catalogs: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
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
