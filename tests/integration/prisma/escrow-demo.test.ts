import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { ownerClient, seedDemoData } from "../../support/demo-database";
import { ledgerViolations } from "../modules/escrow/escrow-fixtures";

// The escrow demo moves money only through the ledger's own entry point, so the demo satisfies
// the same invariants as the app, and a second run adds nothing.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

describe("the escrow demo", () => {
  it("gives the demo parents enrollments in every state and keeps the ledger whole", async () => {
    await seedDemoData();
    await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
    expect(await seedEscrowDemo(owner, "2026-12-03")).toEqual({ enrollments: 2 });
    expect(await seedEscrowDemo(owner, "2026-12-03")).toEqual({ enrollments: 0 });
    const statuses = await owner.lessonAttendance.findMany({ select: { status: true }, orderBy: { createdAt: "asc" } });
    expect(statuses.map((s) => s.status).sort()).toEqual(["CONFIRMED", "DISPUTED", "PENDING"]);
    expect(await owner.refundRequest.count({ where: { status: "REQUESTED" } })).toBe(1);
    expect(await owner.ledgerTransaction.count()).toBe(3);
    expect(await ledgerViolations(owner)).toEqual({ unbalanced: [], negative: [], overdrawn: [], doublePaid: [] });
    const sellers = await owner.paymentAccount.count({ where: { status: "ACTIVE", provider: "simulated" } });
    expect(sellers).toBeGreaterThan(0);
  });
});
