import { foreign, get, post, type RouteRow, regulatorPage } from "./matrix.ts";

// The regulator's side of the escrow. Both pages are for every regulator of the authority or
// above (admins and inspectors alike); inspectors also decide the dispute queue, so an empty
// decision form is refused with 400 for all three regulators after the role check.
const deciders = (status: number) => ({ ...regulatorPage(status), platformAdmin: 400, regulatorAdmin: 400 });

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.funds.tsx"],
    checks: [
      get("funds own", "/gov/hangzhou-xihu/funds", regulatorPage(200)),
      get("funds own, sorted by name", "/gov/hangzhou-xihu/funds?sort=name", regulatorPage(200)),
      get("funds own, unknown sort and page", "/gov/hangzhou-xihu/funds?sort=x&page=-1", regulatorPage(200)),
      get("funds above the inspector", "/gov/hangzhou/funds", regulatorPage(404)),
      get("funds foreign", "/gov/ningbo-yinzhou/funds", foreign),
    ],
  },
  {
    files: ["gov.$authority.disputes.tsx"],
    checks: [
      get("disputes own", "/gov/hangzhou-xihu/disputes", regulatorPage(200)),
      get("disputes above the inspector", "/gov/hangzhou/disputes", regulatorPage(404)),
      get("disputes foreign", "/gov/ningbo-yinzhou/disputes", foreign),
      post("decide a dispute own (empty form)", "/gov/hangzhou-xihu/disputes", deciders(400)),
      post("decide a dispute above the inspector (empty form)", "/gov/hangzhou/disputes", deciders(404)),
      post("decide a dispute foreign (empty form)", "/gov/ningbo-yinzhou/disputes", { ...foreign, platformAdmin: 400 }),
    ],
  },
];
