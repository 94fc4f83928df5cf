import { z } from "zod";
import { isParameterKey, type ParameterKey } from "~/modules/tenancy/parameters";
import type { SettingSource } from "~/modules/tenancy/resolve-settings";
import type { EntityType, Evidence, Finding, Outcome, Severity } from "./finding";
import { SEVERITY } from "./severity";

/**
 * Stored reports read back: the JSON columns of compliance_report and compliance_finding as the
 * screens use them. Reports outlive code: a value of an unexpected shape is read leniently here
 * (shown as text, or left out) rather than failing a page. Shared with the browser: no server imports.
 */
export type StoredFinding = {
  id: string;
  /** A rule code; usually a StandardCode, but a report of an older standards version may name others. */
  rule: string;
  outcome: Outcome;
  severity: Severity;
  entity: { type: EntityType | string; id: string | null; label: string | null };
  evidence: Evidence;
};

export type UsedParameter = { key: ParameterKey; value: unknown; source: SettingSource; effectiveFrom: string | null };

const evidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const evidenceSchema = z.object({
  key: z.string(),
  // A value of an unexpected shape is shown as text rather than failing the whole page.
  values: z.record(z.string(), z.unknown()).catch({}),
});

/** Reads a stored evidence JSON; never throws (an unreadable one becomes an empty evidence). */
export function parseEvidence(json: unknown): Evidence {
  const parsed = evidenceSchema.safeParse(json);
  if (!parsed.success) return { key: "", values: {} };
  const values: Evidence["values"] = {};
  for (const [name, value] of Object.entries(parsed.data.values)) {
    const plain = evidenceValue.safeParse(value);
    values[name] = plain.success ? plain.data : JSON.stringify(value);
  }
  return { key: parsed.data.key, values };
}

const sourceSchema = z.union([
  z.object({ kind: z.literal("default") }),
  z.object({ kind: z.literal("authority"), authorityId: z.string() }),
]);
const parametersJsonSchema = z.object({
  parameters: z.array(
    z.object({ key: z.string(), value: z.unknown(), source: sourceSchema, effectiveFrom: z.string().nullable() }),
  ),
});

/** The parameters a report stored (`ResolvedSettings.toJSON()`); keys this version no longer knows are left out. */
export function parseUsedParameters(json: unknown): UsedParameter[] {
  const parsed = parametersJsonSchema.safeParse(json);
  if (!parsed.success) return [];
  return parsed.data.parameters.flatMap((p) => (isParameterKey(p.key) ? [{ ...p, key: p.key }] : []));
}

/** The engine's findings (a pre-check, not stored) in the shape the finding list shows, with each rule's severity. */
export function unsavedFindings(findings: readonly Finding[]): StoredFinding[] {
  return findings.map((f, i) => ({
    id: `${f.rule}-${i}`,
    rule: f.rule,
    outcome: f.outcome,
    severity: SEVERITY[f.rule],
    entity: f.entity,
    evidence: f.evidence,
  }));
}
