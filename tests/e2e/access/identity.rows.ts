import { all, foreign, get, post, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

const SOME_TOKEN = "A".repeat(43);
const SOME_UUID = "00000000-0000-4000-8000-000000000000";

// "Own" for the regulators is Xihu district (the inspector's own, below the admin's Hangzhou);
// "foreign" is Ningbo's Yinzhou district; the inspector's parent city is foreign to the inspector.
export const ROWS: RouteRow[] = [
  { files: ["_index.tsx"], checks: [get("home", "/", all(200))] },
  { files: ["$.tsx"], checks: [get("unknown path", "/no-such-page", all(404))] },
  { files: ["healthz.ts"], checks: [get("health", "/healthz", all(200))] },
  { files: ["locale.ts"], checks: [get("locale (GET)", "/locale", all(302))] },
  { files: ["login.tsx"], checks: [get("login", "/login", { ...signedIn(302), anonymous: 200 })] },
  { files: ["logout.ts"], checks: [get("logout (GET)", "/logout", all(302))] },
  { files: ["signup._index.tsx"], checks: [get("sign-up choice", "/signup", all(200))] },
  { files: ["signup.parent.tsx"], checks: [get("parent sign-up", "/signup/parent", all(200))] },
  { files: ["signup.institution.tsx"], checks: [get("institution sign-up", "/signup/institution", all(200))] },
  { files: ["forgot-password.tsx"], checks: [get("forgot password", "/forgot-password", all(200))] },
  { files: ["reset-password.$token.tsx"], checks: [get("reset link", `/reset-password/${SOME_TOKEN}`, all(200))] },
  { files: ["invitations.$token.tsx"], checks: [get("invitation link", `/invitations/${SOME_TOKEN}`, all(200))] },
  {
    files: ["account.tsx"],
    checks: [get("account", "/account", signedIn(200)), post("account bad intent", "/account", signedIn(400))],
  },
  { files: ["admin.tsx"], checks: [get("platform admin", "/admin", { ...signedIn(404), platformAdmin: 200 })] },
  {
    files: ["gov.$authority.tsx", "gov.$authority._index.tsx"],
    checks: [
      get("overview own", "/gov/hangzhou-xihu", regulatorPage(200)),
      get("overview above the inspector", "/gov/hangzhou", { ...regulatorPage(404) }),
      get("overview foreign", "/gov/ningbo-yinzhou", foreign),
      get("overview unknown authority", "/gov/no-such-authority", signedIn(404)),
    ],
  },
  {
    files: ["gov.$authority.members.tsx"],
    checks: [
      get("members own", "/gov/hangzhou-xihu/members", regulatorPage(403)),
      get("members foreign", "/gov/ningbo-yinzhou/members", foreign),
      post("invite own (empty form)", "/gov/hangzhou-xihu/members?intent=invite", {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("invite foreign (empty form)", "/gov/ningbo-yinzhou/members?intent=invite", {
        ...foreign,
        platformAdmin: 400,
      }),
    ],
  },
  {
    files: ["gov.$authority.settings.tsx"],
    checks: [
      get("settings own", "/gov/hangzhou-xihu/settings", regulatorPage(200)),
      get("settings foreign", "/gov/ningbo-yinzhou/settings", foreign),
      post("change setting own (empty form)", "/gov/hangzhou-xihu/settings", {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("change setting foreign (empty form)", "/gov/ningbo-yinzhou/settings", { ...foreign, platformAdmin: 400 }),
    ],
  },
  {
    files: ["gov.$authority.audit.tsx"],
    checks: [
      get("audit own", "/gov/hangzhou-xihu/audit", regulatorPage(403)),
      get("audit foreign", "/gov/ningbo-yinzhou/audit", foreign),
    ],
  },
  { files: ["dev.mail._index.tsx"], checks: [get("mail viewer", "/dev/mail", all(200))] },
  { files: ["dev.mail.$id.tsx"], checks: [get("unknown email", `/dev/mail/${SOME_UUID}`, all(404))] },
];
