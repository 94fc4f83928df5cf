import { all, get, type RouteRow, signedIn } from "./matrix.ts";

// The demo data holds no uploaded files, so these rows prove what holds for every id the matrix
// can name: /files answers 404 to everyone signed in for an id that is not theirs or not there,
// and sends anonymous visitors to sign in; /coach-photos answers 404 to all for an id no public
// profile shows. Own-tenant and foreign-tenant files are covered by
// tests/integration/modules/files/file-routes.test.ts (member, regulators above, Ningbo, parent).
const SOME_UUID = "00000000-0000-4000-8000-000000000000";

export const ROWS: RouteRow[] = [
  {
    files: ["files.$fileId.tsx"],
    checks: [
      get("unknown file", `/files/${SOME_UUID}`, signedIn(404)),
      get("malformed file id", "/files/not-a-uuid", signedIn(404)),
    ],
  },
  {
    files: ["coach-photos.$fileId.tsx"],
    checks: [
      get("coach photo no profile shows", `/coach-photos/${SOME_UUID}`, all(404)),
      get("malformed coach photo id", "/coach-photos/not-a-uuid", all(404)),
    ],
  },
];
