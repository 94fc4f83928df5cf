import type { RegistrationContent } from "~/modules/registry/content";
import type { IsoDate } from "~/modules/tenancy/parameters";

/** The version of the rule set in app/modules/compliance/evaluators; a report records it. */
export const STANDARDS_VERSION = "2026.11";

/** One day of one pool: whether lessons were scheduled, and the safety log if one was kept. */
export type PoolDay = {
  venueId: string;
  date: IsoDate;
  lessonsScheduled: boolean;
  log: {
    /** Every reading taken that day. */
    readings: { freeChlorineMgL: number; ph: number; ureaMgL: number | null }[];
    /** The fewest lifeguards on duty in any session of that day. */
    minLifeguardsOnDuty: number;
  } | null;
};

/**
 * Everything the evaluators look at for one institution on one day: its content (approved, or a
 * draft for the pre-check), the facts the platform keeps about it, and its pools' safety logs.
 */
export type InstitutionSnapshot = {
  institutionId: string;
  authority: { id: string; code: string; name: string };
  /** The day rules and parameters are taken at, in Asia/Shanghai. */
  asOf: IsoDate;
  content: RegistrationContent;
  fundsSupervisionEnabled: boolean;
  registeredOn: IsoDate | null;
  annualFilingDueOn: IsoDate | null;
  /** The pools' last days (see SAFETY_LOG_WINDOW_DAYS); null when not known (a draft's pre-check). */
  poolDays: PoolDay[] | null;
};

/** How many past days of pool safety logs an evaluation looks at. */
export const SAFETY_LOG_WINDOW_DAYS = 14;
