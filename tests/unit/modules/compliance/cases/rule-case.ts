import { ruleOutcome } from "~/modules/compliance/evaluate";
import type { Finding, Outcome } from "~/modules/compliance/finding";
import type { InstitutionSnapshot } from "~/modules/compliance/snapshot";
import type { StandardCode } from "~/modules/compliance/standard-codes";
import type { RegistrationContent } from "~/modules/registry/content";
import type { StoredOverrides } from "~/modules/tenancy/settings-schema";
import { AS_OF, compliantContent, evaluate, expectReadableEvidence, settingsOn, snapshotOf } from "../support";

/**
 * One row of a rule's table: a small edit of the compliant fixture, the tenant's overrides and
 * the day, and the outcome the rule must reach (the worst over its findings, see ruleOutcome).
 *
 * - pass / fail / boundary (exactly at a limit, or one step past it) / notApplicable;
 * - override: the tenant's overrides change the outcome (`baseline` is the outcome without them);
 * - effectiveDate: overrides dated `asOf` change the outcome between the day before and that day.
 */
export type CaseKind = "pass" | "fail" | "boundary" | "notApplicable" | "override" | "effectiveDate";

export type RuleCase = {
  rule: StandardCode;
  kind: CaseKind;
  name: string;
  edit?: (content: RegistrationContent) => void;
  snapshot?: (snapshot: InstitutionSnapshot) => void;
  overrides?: StoredOverrides;
  asOf?: string;
  expect: Outcome;
  /** override: the outcome without the overrides. */
  baseline?: Outcome;
  /** effectiveDate: the outcome on the day before `asOf`. */
  dayBefore?: Outcome;
  /** The key (and some values) of the first finding with the expected outcome. */
  evidence?: { key: string; values?: Record<string, string | number | boolean | null> };
};

function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function run(c: RuleCase, asOf: string, overrides: StoredOverrides): Finding[] {
  const content = compliantContent();
  c.edit?.(content);
  const snapshot = snapshotOf(content, { asOf });
  c.snapshot?.(snapshot);
  const findings = evaluate(c.rule, snapshot, settingsOn(asOf, overrides));
  for (const f of findings) {
    expect(f.rule).toBe(c.rule);
    expectReadableEvidence(f);
  }
  expect(findings.length).toBeGreaterThan(0);
  return findings;
}

/** The table of one family, one test per row. */
export function describeRuleCases(family: string, cases: readonly RuleCase[]): void {
  describe(`${family} rules`, () => {
    it.each(cases.map((c) => [`${c.rule} ${c.kind}: ${c.name}`, c] as const))("%s", (_name, c) => {
      const asOf = c.asOf ?? AS_OF;
      const findings = run(c, asOf, c.overrides ?? {});
      expect(ruleOutcome(findings, c.rule)).toBe(c.expect);
      if (c.evidence) {
        const shown = findings.find((f) => f.outcome === c.expect);
        expect(shown?.evidence.key).toBe(c.evidence.key);
        if (c.evidence.values) expect(shown?.evidence.values).toMatchObject(c.evidence.values);
      }
      if (c.kind === "override") {
        if (!c.overrides || c.baseline === undefined)
          throw new Error("an override case needs overrides and a baseline");
        const without = run(c, asOf, {});
        expect(ruleOutcome(without, c.rule)).toBe(c.baseline);
        expect(JSON.stringify(without)).not.toBe(JSON.stringify(findings));
      }
      if (c.kind === "effectiveDate") {
        if (!c.overrides || c.dayBefore === undefined)
          throw new Error("an effective-date case needs overrides and dayBefore");
        const effective = Object.values(c.overrides).flatMap((entries) => entries.map((e) => e.effectiveFrom));
        expect(effective).toContain(asOf);
        const before = run(c, previousDay(asOf), c.overrides);
        expect(ruleOutcome(before, c.rule)).toBe(c.dayBefore);
      }
    });
  });
}
