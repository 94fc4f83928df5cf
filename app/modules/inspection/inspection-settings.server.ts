import type { Db } from "~/lib/db-scope.server";
import { isParameterKey } from "~/modules/tenancy/parameters";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import type { DrawRatios } from "./random-draw";

/**
 * The tenant parameters inspections read: due days by risk level (INSPECT.*) and the draw's
 * sampling ratios by grade (DRAW.*), with the catalog's defaults.
 */
const DEFAULTS = {
  "INSPECT.dueDaysHigh": 30,
  "INSPECT.dueDaysCritical": 7,
  "DRAW.ratioA": 5,
  "DRAW.ratioB": 10,
  "DRAW.ratioC": 20,
  "DRAW.ratioD": 50,
  "DRAW.ratioE": 100,
} as const;

function numberOf(settings: ResolvedSettings, key: keyof typeof DEFAULTS): number {
  if (!isParameterKey(key)) return DEFAULTS[key];
  const value: unknown = settings.get(key);
  return typeof value === "number" && Number.isFinite(value) ? value : DEFAULTS[key];
}

export type InspectionSettings = { dueDaysHigh: number; dueDaysCritical: number; ratios: DrawRatios };

export async function inspectionSettingsFor(authorityId: string, at: Date, db?: Db): Promise<InspectionSettings> {
  const settings = await resolveSettingsFor(authorityId, at, db);
  return {
    dueDaysHigh: numberOf(settings, "INSPECT.dueDaysHigh"),
    dueDaysCritical: numberOf(settings, "INSPECT.dueDaysCritical"),
    ratios: {
      A: numberOf(settings, "DRAW.ratioA"),
      B: numberOf(settings, "DRAW.ratioB"),
      C: numberOf(settings, "DRAW.ratioC"),
      D: numberOf(settings, "DRAW.ratioD"),
      E: numberOf(settings, "DRAW.ratioE"),
    },
  };
}
