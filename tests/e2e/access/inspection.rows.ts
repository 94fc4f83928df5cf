import { foreign, get, post, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// Inspections and random draws. "Own" is Xihu district (the inspector's, below the admin's
// Hangzhou), "foreign" Ningbo's Yinzhou. The demo has no task, so the inspection page is asked
// for an id that is not there (404 for everyone; the integration tests cover real tasks, the
// assigned inspector and other tenants). Only admins create tasks and run draws: the inspector
// gets 403 before the form is read, an empty form is a 400.
const SOME_TASK = "00000000-0000-4000-8000-000000000000";
const nobody = signedIn(404);
const adminForm = { ...regulatorPage(403), platformAdmin: 400, regulatorAdmin: 400 };

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.inspections._index.tsx"],
    checks: [
      get("inspection tasks own", "/gov/hangzhou-xihu/inspections", regulatorPage(200)),
      get("inspection tasks own, finished too", "/gov/hangzhou-xihu/inspections?done=1", regulatorPage(200)),
      get("inspection tasks above the inspector", "/gov/hangzhou/inspections", regulatorPage(404)),
      get("inspection tasks foreign", "/gov/ningbo-yinzhou/inspections", foreign),
      post("create a task (empty form, own)", "/gov/hangzhou-xihu/inspections", adminForm),
      post("create a task (empty form, above the inspector)", "/gov/hangzhou/inspections", {
        ...regulatorPage(404),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("create a task (foreign)", "/gov/ningbo-yinzhou/inspections", { ...foreign, platformAdmin: 400 }),
    ],
  },
  {
    files: ["gov.$authority.inspections.$taskId.tsx"],
    checks: [
      get("inspection of an unknown task", `/gov/hangzhou-xihu/inspections/${SOME_TASK}`, nobody),
      get("inspection, malformed id", "/gov/hangzhou-xihu/inspections/not-a-uuid", nobody),
      get("inspection foreign", `/gov/ningbo-yinzhou/inspections/${SOME_TASK}`, nobody),
      post("record on an unknown task", `/gov/hangzhou-xihu/inspections/${SOME_TASK}`, nobody),
      post("record, malformed id", "/gov/hangzhou-xihu/inspections/not-a-uuid", nobody),
      post("record foreign", `/gov/ningbo-yinzhou/inspections/${SOME_TASK}`, nobody),
    ],
  },
  {
    files: ["gov.$authority.draws._index.tsx"],
    checks: [
      get("random draws own", "/gov/hangzhou-xihu/draws", regulatorPage(200)),
      get("random draws above the inspector", "/gov/hangzhou/draws", regulatorPage(404)),
      get("random draws foreign", "/gov/ningbo-yinzhou/draws", foreign),
      get("verify an unknown draw", `/gov/hangzhou-xihu/draws?verify=${SOME_TASK}`, nobody),
      post("run a draw (empty form, own)", "/gov/hangzhou-xihu/draws", adminForm),
      post("run a draw (foreign)", "/gov/ningbo-yinzhou/draws", { ...foreign, platformAdmin: 400 }),
    ],
  },
];
