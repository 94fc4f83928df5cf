import type { Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { Outcome, Severity } from "~/modules/compliance/finding";
import type { StoredFinding } from "~/modules/compliance/stored-report";
import { RULES } from "~/modules/tenancy/parameters";
import { EvidenceText } from "./evidence-text";
import { FixAdvice } from "./fix-advice";
import { isStandardCode, RuleLabel, ruleSources } from "./rule-label";

/**
 * A report's findings grouped by rule: the rules failed or warned about first (critical before
 * minor), each with its outcome in words, the entities concerned, the evidence and the source;
 * the rules met and those not applicable folded away below. Regulators see every entity of an
 * open rule; an institution sees what is wrong and what to fix, in plain words.
 */
export type RuleGroup = { rule: string; outcome: Outcome; severity: Severity; findings: StoredFinding[] };

const OUTCOME_RANK: Record<Outcome, number> = { FAIL: 0, WARNING: 1, PASS: 2, NOT_APPLICABLE: 3 };
const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, MAJOR: 1, MINOR: 2 };

/** Groups by rule; a rule's outcome is the worst of its findings. Open rules first, then by severity and code. */
export function groupByRule(findings: readonly StoredFinding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const finding of findings) {
    const group = groups.get(finding.rule);
    if (!group) {
      groups.set(finding.rule, {
        rule: finding.rule,
        outcome: finding.outcome,
        // The severity the report was graded with, even if the table has changed since.
        severity: finding.severity,
        findings: [finding],
      });
      continue;
    }
    group.findings.push(finding);
    if (OUTCOME_RANK[finding.outcome] < OUTCOME_RANK[group.outcome]) group.outcome = finding.outcome;
  }
  for (const group of groups.values()) group.findings.sort((a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome]);
  return [...groups.values()].sort(
    (a, b) =>
      OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.rule.localeCompare(b.rule),
  );
}

export const isOpen = (group: RuleGroup) => group.outcome === "FAIL" || group.outcome === "WARNING";

const ENTITY_TYPES = ["institution", "venue", "coach", "course", "slot"] as const;

/** "场地：文三路游泳馆"; the institution itself is just "机构". */
export function entityText(t: Translate, entity: StoredFinding["entity"]): string {
  const known = (ENTITY_TYPES as readonly string[]).includes(entity.type);
  const type = known
    ? t(`compliance.entity.${entity.type as (typeof ENTITY_TYPES)[number]}`)
    : t("compliance.entity.unknown");
  return entity.label ? t("compliance.entity.named", { type, label: entity.label }) : type;
}

const OUTCOME_TONES: Record<Outcome, string> = {
  FAIL: "border-red-700 bg-red-50 text-red-900",
  WARNING: "border-amber-700 bg-amber-50 text-amber-900",
  PASS: "border-green-700 bg-green-50 text-green-900",
  NOT_APPLICABLE: "border-slate-400 bg-slate-50 text-slate-800",
};

export type Audience = "regulator" | "institution";

/** The outcome in words (regulators: 不符合; institutions: 未达到要求), with a tone that never carries meaning alone. */
export function OutcomeTag({ outcome, audience }: { outcome: Outcome; audience: Audience }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 text-sm ${OUTCOME_TONES[outcome]}`}>
      {t(audience === "regulator" ? `compliance.outcome.${outcome}` : `compliance.plain.${outcome}`)}
    </span>
  );
}

function RuleFacts({ group }: { group: RuleGroup }) {
  const { t } = useTranslation();
  const sources = ruleSources(t, group.rule);
  return (
    <p className="text-sm text-slate-700">
      {t("compliance.severity.label", { severity: t(`compliance.severity.${group.severity}`) })}
      {isStandardCode(group.rule) ? ` · ${t(`settings.family.${RULES[group.rule].family}`)}` : ""}
      {sources ? ` · ${t("compliance.rule.sources", { sources })}` : ""}
    </p>
  );
}

function OpenRule({ group, audience }: { group: RuleGroup; audience: Audience }) {
  const { t } = useTranslation();
  const headingId = `rule-${group.rule}`;
  // An institution reads what is wrong; a regulator every entity the rule was checked on.
  const shown = audience === "institution" ? group.findings.filter((f) => f.outcome !== "PASS") : group.findings;
  return (
    <article aria-labelledby={headingId} className="space-y-2 rounded border border-slate-200 bg-white p-4">
      <header className="space-y-1">
        <h4 id={headingId} className="font-semibold text-slate-900">
          <RuleLabel code={group.rule} /> <OutcomeTag outcome={group.outcome} audience={audience} />
        </h4>
        <RuleFacts group={group} />
      </header>
      <ul className="space-y-1 text-sm">
        {shown.map((finding) => (
          <li key={finding.id} className="flex flex-wrap items-baseline gap-x-2">
            {audience === "regulator" ? <OutcomeTag outcome={finding.outcome} audience={audience} /> : null}
            <span className="font-medium text-slate-900">{entityText(t, finding.entity)}</span>
            <span className="text-slate-700">
              <EvidenceText evidence={finding.evidence} rule={finding.rule} />
            </span>
          </li>
        ))}
      </ul>
      {audience === "institution" ? <FixAdvice rule={group.rule} /> : null}
    </article>
  );
}

/** Rules met or not applicable: one line each, folded away. */
function ClosedRules({ groups, summary, audience }: { groups: RuleGroup[]; summary: string; audience: Audience }) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <details className="rounded border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer font-medium text-slate-900">{summary}</summary>
      <ul className="mt-2 space-y-2 text-sm">
        {groups.map((group) => (
          <li key={group.rule}>
            <p className="font-medium text-slate-900">
              <RuleLabel code={group.rule} /> <OutcomeTag outcome={group.outcome} audience={audience} />
            </p>
            {audience === "regulator" ? (
              <ul className="ml-4 list-disc pl-4 text-slate-700">
                {group.findings.map((finding) => (
                  <li key={finding.id}>
                    {entityText(t, finding.entity)}: <EvidenceText evidence={finding.evidence} rule={finding.rule} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function FindingList({
  findings,
  audience,
  noneOpenText,
}: {
  findings: readonly StoredFinding[];
  audience: Audience;
  /** What to say when nothing fails (the default speaks of the latest check). */
  noneOpenText?: string;
}) {
  const { t } = useTranslation();
  const groups = groupByRule(findings);
  const open = groups.filter(isOpen);
  const passed = groups.filter((g) => g.outcome === "PASS");
  const notApplicable = groups.filter((g) => g.outcome === "NOT_APPLICABLE");
  return (
    <div className="space-y-4">
      <section aria-labelledby="open-findings-heading" className="space-y-3">
        <h3 id="open-findings-heading" className="text-lg font-semibold">
          {audience === "institution"
            ? t("compliance.org.problems", { count: open.length })
            : t("compliance.findings.open", { count: open.length })}
        </h3>
        {open.length === 0 ? (
          <p className="text-slate-700">
            {noneOpenText ??
              (audience === "institution" ? t("compliance.org.allGood") : t("compliance.findings.noneOpen"))}
          </p>
        ) : (
          <ul className="space-y-3">
            {open.map((group) => (
              <li key={group.rule}>
                <OpenRule group={group} audience={audience} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ClosedRules
        groups={passed}
        summary={t("compliance.findings.passed", { count: passed.length })}
        audience={audience}
      />
      <ClosedRules
        groups={notApplicable}
        summary={t("compliance.findings.notApplicable", { count: notApplicable.length })}
        audience={audience}
      />
    </div>
  );
}
