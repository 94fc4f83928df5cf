import { action as drawsAction } from "~/routes/gov.$authority.draws._index";
import { action as tasksAction } from "~/routes/gov.$authority.inspections._index";
import { action as taskAction } from "~/routes/gov.$authority.inspections.$taskId";
import { stableId } from "../../../../prisma/seed/stable-id";
import { seedDemoData } from "../../../support/demo-database";
import { loadContext, outcome, settle } from "../../../support/remix-calls";
import { cookieFor } from "../registry/review-fixtures";

// Found by the fuzz suite (tests/integration/fuzz): a body that is no form answered 500.
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");

beforeAll(async () => {
  await seedDemoData();
});

const BROKEN_BODIES: [string, string][] = [
  ["not multipart at all", "multipart/form-data; boundary=zzz"],
  ['{"intent":"run"}', "application/json"],
  ["intent=run", "text/plain"],
];

type Action = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof loadContext>;
}) => Promise<unknown>;

async function post(action: Action, params: Record<string, string>, body: string, type: string) {
  const request = new Request("http://localhost/gov/hangzhou/inspections", {
    method: "POST",
    body,
    headers: { "Content-Type": type, Cookie: await cookieFor(HANGZHOU_ADMIN) },
  });
  return outcome(await settle(() => action({ request, params, context: loadContext() })));
}

describe("inspection pages posted something that is no form", () => {
  it("the draw and the new-task forms answer 400 with the bad-form message", async () => {
    for (const action of [drawsAction, tasksAction]) {
      for (const [body, type] of BROKEN_BODIES) {
        const answer = await post(action, { authority: "hangzhou" }, body, type);
        expect(answer.status, `${type}`).toBe(400);
        expect(answer.body).toMatchObject({ ok: false, formError: "validation.badForm" });
      }
    }
  });

  it("a task page answers 404 to an id that is 36 dashes and hex digits but no uuid", async () => {
    for (const taskId of ["-".repeat(36), "0123456789abcdef0123456789abcdef0123"]) {
      const answer = await post(
        taskAction,
        { authority: "hangzhou", taskId },
        "intent=start",
        "application/x-www-form-urlencoded",
      );
      expect(answer.status).toBe(404);
    }
  });
});
