import { z } from "zod";

/**
 * A finding's evidence as stored (compliance_finding.evidence, copied into rectification_item):
 * a catalog key under `compliance.evidence.` and the values compared. Read defensively: a row
 * written by an older evaluator still shows, as its raw values.
 */
export type EvidenceValue = string | number | boolean | null;
export type StoredEvidence = { key: string; values: Record<string, EvidenceValue> };

const evidenceSchema = z.object({
  key: z.string().max(200),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});

export function evidenceOf(value: unknown): StoredEvidence {
  const parsed = evidenceSchema.safeParse(value);
  return parsed.success ? parsed.data : { key: "", values: {} };
}

/** The values as `name: value` pairs, for when the catalog has no sentence for the key. */
export function evidencePairs(evidence: StoredEvidence): string {
  return Object.entries(evidence.values)
    .map(([name, value]) => `${name}: ${value === null ? "—" : String(value)}`)
    .join(" · ");
}
