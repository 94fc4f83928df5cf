import { action as calendarAction } from "~/routes/gov.$authority.calendar";
import { action as settingsAction } from "~/routes/gov.$authority.settings";
import { stableId } from "../../../../prisma/seed/stable-id";
import { seedDemoData } from "../../../support/demo-database";
import { loadContext, outcome, settle } from "../../../support/remix-calls";
import { cookieFor } from "../registry/review-fixtures";

// Found by the fuzz suite (tests/integration/fuzz): these answered 500.
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");

beforeAll(async () => {
  await seedDemoData();
});

async function post(
  action: typeof calendarAction | typeof settingsAction,
  authority: string,
  body: string,
  contentType: string,
) {
  const request = new Request("http://localhost/gov/x/settings", {
    method: "POST",
    body,
    headers: { "Content-Type": contentType, Cookie: await cookieFor(HANGZHOU_ADMIN) },
  });
  return outcome(await settle(() => action({ request, params: { authority }, context: loadContext() })));
}

describe("hostile posts to an authority's pages", () => {
  it("answers 404 to an authority slug with a NUL byte or outside the slug format", async () => {
    for (const slug of ["hang\u0000zhou", "Hangzhou", "hangzhou--xihu", "x".repeat(65)]) {
      const answer = await post(
        calendarAction,
        slug,
        "intent=remove&day=2026-01-01",
        "application/x-www-form-urlencoded",
      );
      expect(answer.status, JSON.stringify(slug)).toBe(404);
    }
  });

  it("answers a body that is no form with a 400 and the bad-form message", async () => {
    for (const [body, type] of [
      ['--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated', "multipart/form-data; boundary=zzz"],
      ['{"intent":"set"}', "application/json"],
    ]) {
      const answer = await post(settingsAction, "hangzhou", body ?? "", type ?? "");
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, formError: "validation.badForm" });
    }
  });
});
