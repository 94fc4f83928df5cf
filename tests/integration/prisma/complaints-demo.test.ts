import { seedComplaintsDemo } from "../../../prisma/seed/complaints-demo";
import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { ownerClient, seedDemoData } from "../../support/demo-database";

// The demo's complaints: every state a queue shows, in two cities, and a second run adds nothing.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

describe("the complaints demo", () => {
  it("files complaints in Hangzhou and Ningbo whose status agrees with their last event", async () => {
    await seedDemoData();
    await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
    await seedEscrowDemo(owner, "2026-12-03");
    expect(await seedComplaintsDemo(owner)).toEqual({ complaints: 3 });
    expect(await seedComplaintsDemo(owner)).toEqual({ complaints: 0 });

    const complaints = await owner.$queryRaw<
      { code: string; status: string; outcome: string | null; resolved_at: Date | null; last_event: string }[]
    >`
      SELECT a.code, c.status::text, c.outcome, c.resolved_at,
             (SELECT e.to_status::text FROM complaint_event e WHERE e.complaint_id = c.id
               ORDER BY e.occurred_at DESC LIMIT 1) AS last_event
        FROM complaint c JOIN authority a ON a.id = c.authority_id ORDER BY c.created_at`;
    expect(complaints.map((c) => [c.code, c.status])).toEqual([
      ["330106", "RESOLVED"],
      ["330212", "ASSIGNED"],
      ["330106", "SUBMITTED"],
    ]);
    for (const c of complaints) expect(c.last_event).toBe(c.status);
    const resolved = complaints[0];
    expect(resolved?.outcome).toMatch(/退还/);
    expect(resolved?.resolved_at).toBeInstanceOf(Date);
  });
});
