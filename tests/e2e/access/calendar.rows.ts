import { foreign, get, post, type RouteRow, regulatorPage } from "./matrix.ts";

// The working calendar: every regulator of the authority or above reads it, only admins write
// (an empty form is refused with 400 after the role check; the inspector gets 403 first).
export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.calendar.tsx"],
    checks: [
      get("calendar own", "/gov/hangzhou-xihu/calendar", regulatorPage(200)),
      get("calendar own, another year", "/gov/hangzhou-xihu/calendar?year=2025", regulatorPage(200)),
      get("calendar above the inspector", "/gov/hangzhou/calendar", regulatorPage(404)),
      get("calendar foreign", "/gov/ningbo-yinzhou/calendar", foreign),
      post("change calendar own (empty form)", "/gov/hangzhou-xihu/calendar", {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("change calendar above the inspector (empty form)", "/gov/hangzhou/calendar", {
        ...regulatorPage(404),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("change calendar foreign (empty form)", "/gov/ningbo-yinzhou/calendar", { ...foreign, platformAdmin: 400 }),
    ],
  },
];
