import { prisma } from "~/lib/db.server";
import { loader as rootLoader } from "~/root";
import { action as localeAction } from "~/routes/locale";
import { action as loginAction } from "~/routes/login";
import { DEMO_PASSWORD } from "../../../../prisma/seed/demo";
import { seedDemoData } from "../../../support/demo-database";
import { cookiesFrom, formRequest, getRequest, loadContext, outcome } from "../../../support/remix-calls";

beforeAll(seedDemoData);

describe("the language preference", () => {
  it("is remembered on the account and follows the person to another device", async () => {
    const signIn = await outcome(
      await loginAction({
        request: formRequest("/login", { email: "ningbo.admin@tipei.example", password: DEMO_PASSWORD }),
        context: loadContext(),
        params: {},
      }),
    );
    const device = cookiesFrom(new Response(null, { headers: signIn.headers }));
    await localeAction({
      request: formRequest("/locale", { lng: "en", redirectTo: "/" }, device),
      context: loadContext(),
      params: {},
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "ningbo.admin@tipei.example" } })).locale).toBe("en");

    // A second device, no language cookie: the account's choice applies.
    const other = await outcome(
      await loginAction({
        request: formRequest("/login", { email: "ningbo.admin@tipei.example", password: DEMO_PASSWORD }),
        context: loadContext(),
        params: {},
      }),
    );
    const sessionOnly = cookiesFrom(new Response(null, { headers: other.headers }))
      .split("; ")
      .filter((c) => c.startsWith("tipei_session="))
      .join("; ");
    const root = await rootLoader({ request: getRequest("/", sessionOnly), context: loadContext(), params: {} });
    expect(root.locale).toBe("en");
  });
});
