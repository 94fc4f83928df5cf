/**
 * Calendar days as people in China count them: deadlines, effective dates and registration
 * years turn at midnight in Asia/Shanghai, whatever the server's clock says.
 */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

/** The day (YYYY-MM-DD) in China at an instant; en-CA formats as YYYY-MM-DD. */
export function isoDateInChina(at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: CHINA_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

export function yearInChina(at: Date): number {
  return Number(isoDateInChina(at).slice(0, 4));
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
