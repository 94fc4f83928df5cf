import { startFiling } from "~/modules/registry/filing.server";
import { action as reviewAction } from "~/routes/org.$institutionId.filing.review";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { callAction } from "./review-fixtures";

// Found by the fuzz suite (tests/integration/fuzz): a crafted withdrawal of a first draft answered 500.
const owner = ownerClient();
const XIHU_SWIM = stableId("institution", "xihu-swim");
const SWIM_ADMIN = stableId("user", "xihu.swim@tipei.example");
let filingId: string;

beforeAll(async () => {
  await seedDemoData();
  filingId = await startFiling({ userId: SWIM_ADMIN, authorityId: null, platform: false }, XIHU_SWIM, "INITIAL");
});
afterAll(() => owner.$disconnect());

it("withdrawing a first registration's draft is refused with a 409 and a localized reason; the draft stays", async () => {
  const answer = await callAction(
    reviewAction,
    `/org/${XIHU_SWIM}/filing/review?intent=withdraw`,
    { institutionId: XIHU_SWIM },
    SWIM_ADMIN,
    {},
  );
  expect(answer.status).toBe(409);
  expect(answer.body).toMatchObject({ ok: false, formError: "review.initialDraftKept" });
  expect(await owner.filing.findUniqueOrThrow({ where: { id: filingId } })).toMatchObject({ status: "DRAFT" });
});
