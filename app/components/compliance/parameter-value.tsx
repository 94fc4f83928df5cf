import type { Locale, Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { definitionOf, type ParameterKey, UNITS, type Weekday } from "~/modules/tenancy/parameters";

/**
 * A parameter's value as people read it, with its unit, in the reader's language. The same
 * reading as the settings page (whose helpers are private to its route), made tolerant: a
 * report's stored value of an unexpected shape is shown as text, never thrown on.
 */
function number(locale: Locale, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

function isWindow(value: unknown): value is { days: Weekday[]; from: string; to: string } {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Record<string, unknown>;
  return Array.isArray(w.days) && typeof w.from === "string" && typeof w.to === "string";
}

export function formatParameterValue(t: Translate, locale: Locale, key: ParameterKey, value: unknown): string {
  const definition = definitionOf(key);
  switch (definition.kind) {
    case "integer":
    case "percent":
      if (typeof value !== "number") break;
      return t(UNITS[definition.unit], { value: number(locale, value) });
    case "decimal":
      if (typeof value !== "number") break;
      return t(UNITS[definition.unit], { value: number(locale, value, definition.decimals) });
    case "money":
      if (typeof value !== "number") break;
      return t(UNITS.yuan, {
        value: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
          value / 100,
        ),
      });
    case "time":
      return String(value);
    case "switch":
      if (typeof value !== "boolean") break;
      return t(value ? "settings.switch.on" : "settings.switch.off");
    case "enum": {
      const label = definition.optionLabels[String(value)];
      return label ? t(label) : String(value);
    }
    case "weekdayWindow": {
      if (!isWindow(value)) break;
      const days = value.days
        .filter((d) => Number.isInteger(d) && d >= 1 && d <= 7)
        .map((d) => t(`settings.weekday.${d}`))
        .join(t("settings.window.separator"));
      return t("settings.window", { days, from: value.from, to: value.to });
    }
  }
  return JSON.stringify(value);
}

/** The parameter's label; a fund-warning threshold names its size band. */
export function parameterLabel(t: Translate, key: ParameterKey): string {
  const definition = definitionOf(key);
  const label = t(definition.label);
  return definition.band ? t("settings.bandLabel", { band: t(`settings.band.${definition.band}`), label }) : label;
}

export function ParameterValue({ parameterKey, value }: { parameterKey: ParameterKey; value: unknown }) {
  const { t, locale } = useTranslation();
  return <>{formatParameterValue(t, locale, parameterKey, value)}</>;
}
