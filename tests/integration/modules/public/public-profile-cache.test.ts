import { findPublicInstitution, publicRegistrationExists } from "~/modules/registry/public-institution.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { captureSql } from "../../../support/sql-capture";
import { insertRegistered } from "./registry-fixtures";

// The owner's client stands for another web process or a job: its writes go straight to the
// database, past anything this process holds in memory.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

let serial = 0;
async function registered(): Promise<{ id: string; registrationNo: string }> {
  serial += 1;
  const registrationNo = `330106-2026-${String(9000 + serial).padStart(4, "0")}`;
  const id = await insertRegistered(owner, {
    name: `杭州缓存测试游泳馆${serial}`,
    district: "330106",
    sports: ["SWIMMING"],
    registrationNo,
  });
  return { id, registrationNo };
}

/** The statements one verification sends (after the first, which fills the cache). */
async function statementsOf(registrationNo: string): Promise<string[]> {
  const { statements } = await captureSql(() => findPublicInstitution(registrationNo));
  return statements.map((s) => s.text.replace(/\s+/g, " ").trim());
}

beforeAll(async () => {
  await seedDemoData();
});

describe("the public profile cache", () => {
  it("answers a repeated verification with one version check and no transaction", async () => {
    const { registrationNo } = await registered();
    expect((await findPublicInstitution(registrationNo))?.name).toMatch(/缓存测试/);
    const statements = await statementsOf(registrationNo);
    expect(statements).toEqual([expect.stringMatching(/^SELECT tipei_public_version\(/)]);
  });

  it("shows a rename made elsewhere at once", async () => {
    const { id, registrationNo } = await registered();
    await findPublicInstitution(registrationNo);
    await owner.institution.update({ where: { id }, data: { name: "杭州改名后的游泳馆" } });
    expect((await findPublicInstitution(registrationNo))?.name).toBe("杭州改名后的游泳馆");
  });

  it("shows a suspension at once, and the grade a set-based SQL update writes", async () => {
    const { id, registrationNo } = await registered();
    await findPublicInstitution(registrationNo);
    await owner.$executeRaw`UPDATE institution SET status = 'SUSPENDED', compliance_grade = 'C',
                                compliance_evaluated_at = now() WHERE id = ${id}::uuid`;
    const shown = await findPublicInstitution(registrationNo);
    expect(shown?.status).toBe("SUSPENDED");
    expect(shown?.complianceGrade?.grade).toBe("C");
  });

  it("shows a new public profile (courses) and funds supervision at once", async () => {
    const { id, registrationNo } = await registered();
    const before = await findPublicInstitution(registrationNo);
    expect(before?.courses.length).toBeGreaterThan(0);
    await owner.$executeRaw`UPDATE institution SET public_profile = jsonb_set(public_profile, '{courses}', '[]'),
                                funds_supervision_enabled = true WHERE id = ${id}::uuid`;
    const after = await findPublicInstitution(registrationNo);
    expect(after?.courses).toEqual([]);
    expect(after?.fundsSupervisionEnabled).toBe(true);
  });

  it("shows the supervising authority's new name at once", async () => {
    const { registrationNo } = await registered();
    await findPublicInstitution(registrationNo);
    const district = stableId("authority", "330106");
    const { name } = await owner.authority.findUniqueOrThrow({ where: { id: district }, select: { name: true } });
    try {
      await owner.authority.update({ where: { id: district }, data: { name: "杭州市西湖区教育体育局" } });
      expect((await findPublicInstitution(registrationNo))?.authority.name).toBe("杭州市西湖区教育体育局");
    } finally {
      await owner.authority.update({ where: { id: district }, data: { name } });
    }
  });

  it("keeps serving the cached profile when only columns the public never sees change", async () => {
    const { id, registrationNo } = await registered();
    await findPublicInstitution(registrationNo);
    await owner.$executeRaw`UPDATE institution SET risk_score = 80, risk_level = 'HIGH', updated_at = now()
                             WHERE id = ${id}::uuid`;
    expect(await statementsOf(registrationNo)).toHaveLength(1);
  });

  it("tells registered numbers from unknown ones in one query", async () => {
    const { registrationNo } = await registered();
    expect(await publicRegistrationExists(registrationNo)).toBe(true);
    expect(await publicRegistrationExists("330106-2026-999999")).toBe(false);
    expect(await findPublicInstitution("330106-2026-999999")).toBeNull();
  });
});
