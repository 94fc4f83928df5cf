/** The vocabulary of the access matrix: actors, expectations and rows (see access-matrix.spec.ts). */
export const ACTORS = {
  anonymous: null,
  platformAdmin: "admin@tipei.example",
  regulatorAdmin: "hangzhou.admin@tipei.example",
  inspector: "xihu.inspector@tipei.example",
  institutionAdmin: "xihu.swim@tipei.example",
  institutionStaff: "xihu.swim.staff@tipei.example",
  parent: "parent@tipei.example",
} as const;
export type Actor = keyof typeof ACTORS;
export type Expect = Record<Actor, number>;

export const all = (status: number): Expect => ({
  anonymous: status,
  platformAdmin: status,
  regulatorAdmin: status,
  inspector: status,
  institutionAdmin: status,
  institutionStaff: status,
  parent: status,
});
/** Signed-in people get `status`; anonymous visitors are sent to sign in (or get `anonymous`). */
export const signedIn = (status: number, anonymous = 302): Expect => ({ ...all(status), anonymous });
/** A regulator workspace page: platform and regulator admins in, the inspector gets `inspector`. */
export const regulatorPage = (inspector: number): Expect => ({
  ...signedIn(404),
  platformAdmin: 200,
  regulatorAdmin: 200,
  inspector,
});
/** Another tenant's page: 404 for everyone but the platform admin. */
export const foreign: Expect = { ...signedIn(404), platformAdmin: 200 };

export type Check = { method: "GET" | "POST"; path: string; expect: Expect; label: string };
/** The route files a row covers (names in app/routes) and the requests that prove its access rules. */
export type RouteRow = { files: string[]; checks: Check[] };

export const get = (label: string, path: string, expected: Expect): Check => ({
  method: "GET",
  path,
  expect: expected,
  label,
});
export const post = (label: string, path: string, expected: Expect): Check => ({
  method: "POST",
  path,
  expect: expected,
  label,
});
