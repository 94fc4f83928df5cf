import type { Locale } from "./i18n/catalog";

// Intl formatters are built once per language and kept: building one costs far more than
// formatting with it (a public profile page formats every course price and date).
function perLocale<F>(build: (locale: Locale) => F): (locale: Locale) => F {
  const built = new Map<Locale, F>();
  return (locale) => {
    let found = built.get(locale);
    if (!found) {
      found = build(locale);
      built.set(locale, found);
    }
    return found;
  };
}

const dateTimeFormat = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    }),
);
const dateFormat = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }),
);
const fenFormat = perLocale(
  (locale) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", minimumFractionDigits: 2 }),
);

/** Dates and times as people here read them: the user's language, China Standard Time. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  return dateTimeFormat(locale).format(new Date(value));
}

export function formatDate(value: Date | string, locale: Locale): string {
  return dateFormat(locale).format(new Date(value));
}

/** Money is integer fen; people read yuan with two decimals. */
export function formatFen(fen: number, locale: Locale): string {
  return fenFormat(locale).format(fen / 100);
}
