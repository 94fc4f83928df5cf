import { randomUUID } from "node:crypto";
import { action as startAction } from "~/routes/org.$institutionId._index";
import { action as coursesAction } from "~/routes/org.$institutionId.filing.courses";
import { action as documentsAction } from "~/routes/org.$institutionId.filing.documents";
import { action as entityAction } from "~/routes/org.$institutionId.filing.entity";
import { action as reviewAction, loader as reviewLoader } from "~/routes/org.$institutionId.filing.review";
import { action as staffAction } from "~/routes/org.$institutionId.filing.staff";
import { action as venuesAction } from "~/routes/org.$institutionId.filing.venues";
import { stableId } from "../../../../prisma/seed/stable-id";
import { creditCodeFor } from "../../../fixtures/registration-content";
import { fileOf, sampleJpeg, samplePdf } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { formRequest, getRequest, loadContext, outcome, settle } from "../../../support/remix-calls";
import { sessionCookie } from "../../../support/session-cookie";

const owner = ownerClient();
const INSTITUTION = stableId("institution", "xihu-swim");
const base = `/org/${INSTITUTION}/filing`;
let admin: string;
let staff: string;
let foreigner: string;

beforeAll(async () => {
  await seedDemoData();
  admin = await sessionCookie("xihu.swim@tipei.example");
  staff = await sessionCookie("xihu.swim.staff@tipei.example");
  foreigner = await sessionCookie("yinzhou.football@tipei.example");
});
afterAll(() => owner.$disconnect());

type Action = (args: {
  request: Request;
  context: ReturnType<typeof loadContext>;
  params: Record<string, string>;
}) => Promise<unknown>;

/** A small valid PDF (the upload checks read the header and the %%EOF trailer). */
function pdf(name: string): File {
  return fileOf(samplePdf(), name, "application/pdf");
}

async function post(
  action: Action,
  path: string,
  fields: Record<string, string>,
  cookie: string,
  files: Record<string, File> = {},
) {
  return outcome(
    await settle(() =>
      action({
        request: formRequest(path, fields, cookie, files),
        context: loadContext(),
        params: { institutionId: INSTITUTION },
      }),
    ),
  );
}

async function draft() {
  const filing = await owner.filing.findFirstOrThrow({
    where: { institutionId: INSTITUTION },
    orderBy: { createdAt: "desc" },
  });
  return {
    filing,
    draft: filing.draft as Record<string, unknown> & {
      venues: { id: string; name: string }[];
      courses: { pricePerLessonFen: number; slots: unknown[] }[];
      coaches: { certificates: unknown[] }[];
    },
  };
}

const venueId = randomUUID();
const entity = {
  name: "杭州浪花游泳培训有限公司",
  creditCode: creditCodeFor("330106"),
  legalRepresentative: "王建国",
  contactName: "李敏",
  contactPhone: "13805710001",
  registeredAddress: "杭州市西湖区文三路 100 号",
  sports: "SWIMMING",
};

describe("the filing wizard", () => {
  it("lets only the institution's admin start the filing; others are refused or do not see it", async () => {
    expect((await post(startAction, `/org/${INSTITUTION}`, { kind: "INITIAL" }, staff)).status).toBe(403);
    expect((await post(startAction, `/org/${INSTITUTION}`, { kind: "INITIAL" }, foreigner)).status).toBe(404);
    const started = await post(startAction, `/org/${INSTITUTION}`, { kind: "INITIAL" }, admin);
    expect(started.status).toBe(302);
    expect(started.headers.get("Location")).toBe(base);
    expect((await post(startAction, `/org/${INSTITUTION}`, { kind: "INITIAL" }, admin)).status).toBe(409);
  });

  it("refuses a wrong check character in the credit code and saves nothing", async () => {
    const code = creditCodeFor("330106");
    const wrong = `${code.slice(0, 17)}${code[17] === "0" ? "1" : "0"}`;
    const refused = await post(entityAction, `${base}/entity`, { ...entity, creditCode: wrong }, admin);
    expect(refused).toMatchObject({
      status: 400,
      body: { fieldErrors: { creditCode: ["validation.creditCode.checkCharacter"] } },
    });
    expect((await draft()).draft.entity).toBeUndefined();
    const saved = await post(entityAction, `${base}/entity`, entity, admin);
    expect(saved.headers.get("Location")).toBe(`${base}/venues`);
    expect((await draft()).draft.entity).toMatchObject({ creditCode: code, sports: ["SWIMMING"] });
  });

  it("adds, edits and removes venues; a pool needs its water area and depths", async () => {
    const pool = {
      id: venueId,
      name: "文三路游泳馆",
      address: "文三路 100 号",
      trainingAreaM2: "600",
      floor: "1",
      isPool: "on",
      aed: "on",
    };
    expect(await post(venuesAction, `${base}/venues`, pool, staff, { fireSafetyFile: pdf("消防.pdf") })).toMatchObject({
      status: 400,
      body: { fieldErrors: { poolWaterAreaM2: ["validation.requiredForPool"] } },
    });
    const complete = { ...pool, poolWaterAreaM2: "375", poolDepthMinM: "0.8", poolDepthMaxM: "1.4" };
    const stored = await post(venuesAction, `${base}/venues`, complete, staff, { fireSafetyFile: pdf("消防.pdf") });
    expect(stored.status).toBe(302);
    const firstFile = (await draft()).draft.venues[0] as { fireSafetyFileId?: string };
    expect(firstFile.fireSafetyFileId).toMatch(/^[0-9a-f-]{36}$/);
    // The venue form is multipart; a posted file id is ignored and, without a new file, the one on record stays.
    const forged = { ...complete, name: "文三路游泳馆（主馆）", fireSafetyFileId: randomUUID() };
    expect((await post(venuesAction, `${base}/venues`, forged, staff, { unrelated: pdf("x.pdf") })).status).toBe(302);
    expect((await draft()).draft.venues[0]).toMatchObject({ fireSafetyFileId: firstFile.fireSafetyFileId });
    const spoofed = new File(["MZ\u0090 this is an executable"], "licence.pdf", { type: "application/pdf" });
    expect((await post(venuesAction, `${base}/venues`, complete, staff, { fireSafetyFile: spoofed })).status).toBe(400);
    const extra = randomUUID();
    const temporary = { id: extra, name: "临时场地", address: "x", trainingAreaM2: "100", floor: "2" };
    expect((await post(venuesAction, `${base}/venues`, temporary, staff, { none: pdf("n.pdf") })).status).toBe(302);
    await post(venuesAction, `${base}/venues?intent=remove`, { id: extra }, staff);
    expect((await draft()).draft.venues.map((v) => v.name)).toEqual(["文三路游泳馆（主馆）"]);
  });

  it("keeps only the certificate rows that were filled in", async () => {
    const coach = {
      id: randomUUID(),
      name: "陈浩",
      fullTime: "on",
      "certificates.0.id": randomUUID(),
      "certificates.0.type": "SOCIAL_SPORTS_INSTRUCTOR",
      "certificates.0.number": "SSI-0001",
      "certificates.0.sport": "SWIMMING",
      "certificates.0.expiresOn": "2028-06-30",
      "certificates.1.id": randomUUID(),
      "certificates.1.type": "",
      "certificates.1.number": "",
    };
    const photo = fileOf(sampleJpeg(), "陈浩.jpg", "image/jpeg");
    expect((await post(staffAction, `${base}/staff`, coach, admin, { photo })).status).toBe(302);
    expect((await draft()).draft.coaches[0]?.certificates).toHaveLength(1);
    const safety = {
      safetyOfficerName: "周安",
      safetyOfficerPhone: "13805710002",
      "firstAid.0.name": "赵静",
      "firstAid.0.certificateNumber": "FA-118",
    };
    expect((await post(staffAction, `${base}/staff?intent=safety`, safety, admin)).status).toBe(302);
  });

  it("takes the price in yuan, stores fen, and needs a venue for every offline lesson time", async () => {
    const course = {
      id: randomUUID(),
      name: "少儿游泳入门班",
      sport: "SWIMMING",
      ageMin: "6",
      ageMax: "12",
      classSize: "8",
      coachesPerClass: "1",
      lessonMinutes: "60",
      lessonCount: "20",
      priceYuan: "120.50",
      "slots.0.id": randomUUID(),
      "slots.0.weekday": "6",
      "slots.0.startTime": "09:00",
      "slots.0.endTime": "10:00",
    };
    expect(await post(coursesAction, `${base}/courses`, course, admin)).toMatchObject({
      status: 400,
      body: { fieldErrors: { slots: ["validation.offlineNeedsVenue"] } },
    });
    expect(
      await post(
        coursesAction,
        `${base}/courses`,
        { ...course, priceYuan: "12.345", "slots.0.venueId": venueId },
        admin,
      ),
    ).toMatchObject({
      status: 400,
      body: { fieldErrors: { priceYuan: ["validation.number"] } },
    });
    expect(
      (await post(coursesAction, `${base}/courses`, { ...course, "slots.0.venueId": venueId }, admin)).status,
    ).toBe(302);
    expect((await draft()).draft.courses[0]).toMatchObject({ pricePerLessonFen: 12050 });
  });

  it("lists what is missing, refuses to submit until complete, and lets only the admin submit", async () => {
    const shown = await reviewLoader({
      request: getRequest(`${base}/review`, admin),
      context: loadContext(),
      params: { institutionId: INSTITUTION },
    });
    expect(shown.problems.map((p) => p.message)).toEqual([
      "filing.problem.businessLicenseMissing",
      "filing.problem.permitMissing",
    ]);
    expect((await post(reviewAction, `${base}/review`, {}, admin)).status).toBe(409);
    expect((await post(reviewAction, `${base}/review`, {}, staff)).status).toBe(403);
    const { filing } = await draft();
    expect(filing.status).toBe("DRAFT");
  });

  it("takes the documents, needs a file for each permit, and then submits for review", async () => {
    const noFile = await post(
      documentsAction,
      `${base}/documents`,
      { "permits.0.sport": "SWIMMING", "permits.0.number": "许-018", "permits.0.expiresOn": "2030-03-31" },
      admin,
      {
        businessLicense: pdf("营业执照.pdf"),
      },
    );
    expect(noFile).toMatchObject({ status: 400, body: { fieldErrors: { "permitFile.0": ["validation.file"] } } });
    const saved = await post(
      documentsAction,
      `${base}/documents`,
      {
        "permits.0.sport": "SWIMMING",
        "permits.0.number": "许-018",
        "permits.0.expiresOn": "2030-03-31",
        insuranceExpiresOn: "2027-06-30",
      },
      admin,
      { businessLicense: pdf("营业执照.pdf"), "permitFile.0": pdf("许可证.pdf") },
    );
    expect(saved.headers.get("Location")).toBe(`${base}/review`);
    const submitted = await post(reviewAction, `${base}/review`, {}, admin);
    expect(submitted).toMatchObject({ status: 200, body: { submitted: true } });
    expect((await draft()).filing).toMatchObject({ status: "SUBMITTED" });
    expect(await owner.institution.findUniqueOrThrow({ where: { id: INSTITUTION } })).toMatchObject({
      status: "SUBMITTED",
    });
    // Nothing can be changed while it waits for review.
    expect((await post(entityAction, `${base}/entity`, entity, admin)).status).toBe(409);
  });
});
