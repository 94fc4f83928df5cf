import { courseOffer } from "~/modules/escrow/checkout.server";
import { action as disputesAction } from "~/routes/gov.$authority.disputes";
import { stableId } from "../../../../prisma/seed/stable-id";
import { seedDemoData } from "../../../support/demo-database";
import { callAction } from "../registry/review-fixtures";

// Found by the fuzz suite (tests/integration/fuzz): ids that passed a loose check failed the query (500).
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");
const NOT_UUIDS = ["-".repeat(36), "0123456789abcdef0123456789abcdef0123"];

beforeAll(async () => {
  await seedDemoData();
});

describe("escrow ids from the outside", () => {
  it("a course offer is no offer for a registration number with a NUL byte or a course id that is no uuid", async () => {
    const course = "0437301d-5361-5eb9-9755-6731649ffaf1";
    expect(await courseOffer("330106-2026-\u00000001", course)).toBeNull();
    expect(await courseOffer("330106-2026-0001\u0000", course)).toBeNull();
    for (const id of NOT_UUIDS) expect(await courseOffer("330106-2026-0001", id)).toBeNull();
  });

  it("a dispute decision on an attendance id that is no uuid is a field error, not a server error", async () => {
    for (const attendanceId of NOT_UUIDS) {
      const answer = await callAction(
        disputesAction,
        "/gov/hangzhou/disputes",
        { authority: "hangzhou" },
        HANGZHOU_ADMIN,
        { intent: "releaseLesson", attendanceId, note: "核实无误" },
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ ok: false, fieldErrors: { attendanceId: ["validation.invalid"] } });
    }
  });
});
