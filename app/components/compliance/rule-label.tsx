import type { Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { STANDARD_CODES, type StandardCode } from "~/modules/compliance/standard-codes";
import { RULES } from "~/modules/tenancy/parameters";

/**
 * Naming a rule on screen: its code and title (from the settings catalog) and its sources. A
 * report of an older standards version may name a rule this version no longer has: it shows as
 * "规则 XXX-00" rather than failing.
 */
export function isStandardCode(value: string): value is StandardCode {
  return (STANDARD_CODES as readonly string[]).includes(value);
}

export function ruleTitle(t: Translate, code: string): string {
  return isStandardCode(code) ? t(RULES[code].title) : t("compliance.rule.unknown", { code });
}

export function ruleSources(t: Translate, code: string): string {
  if (!isStandardCode(code)) return "";
  return RULES[code].sources.map((s) => t(`settings.source.${s}`)).join(t("settings.window.separator"));
}

/** The code in monospace, then the title. */
export function RuleLabel({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="mr-2 font-mono text-sm text-slate-700">{code}</span>
      {ruleTitle(t, code)}
    </>
  );
}
