import { z } from "zod";
import { openApiDocument } from "~/lib/api/openapi-document";
import { apiProfileOf, apiSearchPageOf } from "~/lib/api/present-institution";
import type { PublicInstitution } from "~/modules/registry/public-institution.server";
import { SPORT_CODES } from "~/modules/registry/sports";

// The document is built without a database: the registry modules it reads constants from would
// otherwise open a connection pool when imported.
vi.mock("~/lib/db-scope.server", () => ({ inPublicRegistry: vi.fn(), inScope: vi.fn() }));
vi.mock("~/lib/db.server", () => ({ prisma: {}, pgPool: vi.fn() }));
vi.mock("~/lib/logger.server", () => ({ logger: { warn: vi.fn(), error: vi.fn() } }));

type Json = Record<string, unknown>;
const document = openApiDocument("https://tipei.example");
const components = document.components.schemas as Record<string, Json>;

/** A validator for one component, compiled from the document (JSON Schema), not from the zod schemas. */
function validatorFor(id: string): z.ZodType {
  const local = (value: unknown): Json =>
    JSON.parse(JSON.stringify(value).replaceAll("#/components/schemas/", "#/$defs/"));
  return z.fromJSONSchema({ ...local(components[id]), $defs: local(components) } as Parameters<
    typeof z.fromJSONSchema
  >[0]);
}

const institution: PublicInstitution = {
  registrationNo: "330106-2026-0001",
  name: "杭州浪花游泳培训有限公司",
  status: "SUSPENDED",
  creditCode: "91330106MA2H7K3X9M",
  sports: ["SWIMMING"],
  authority: { code: "330106", name: "杭州市西湖区文化和广电旅游体育局", nameEn: "Xihu District, Hangzhou" },
  registeredAt: new Date("2026-03-02T02:00:00Z"),
  approvedAt: new Date("2026-03-02T02:00:00Z"),
  fundsSupervisionEnabled: true,
  complianceGrade: null,
  profileAvailable: true,
  venues: [
    {
      id: "v1",
      name: "文三路游泳馆",
      address: "杭州市西湖区文三路 100 号",
      trainingAreaM2: 600,
      isPool: true,
      aed: true,
    },
  ],
  coaches: [
    {
      id: "c1",
      name: "陈浩",
      photoFileId: "5fe3a226-b211-4234-ab07-45b433368e42",
      fullTime: true,
      certificates: [{ type: "LIFEGUARD", number: "LG-2026-0042", sport: null, expiresOn: "2027-12-31" }],
    },
  ],
  courses: [
    {
      id: "0b1f1b8e-6f5c-4a57-9d7c-0d6b1e0f2a11",
      name: "少儿游泳入门班",
      sport: "SWIMMING",
      ageMin: 6,
      ageMax: 12,
      classSize: 8,
      lessonMinutes: 60,
      lessonCount: 20,
      pricePerLessonFen: 12000,
      online: false,
      slots: [{ weekday: 6, startTime: "09:00", endTime: "10:00", venueName: "文三路游泳馆" }],
    },
  ],
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 whose schemas are JSON Schema 2020-12 components", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(document.servers).toEqual([{ url: "https://tipei.example" }]);
    expect(Object.keys(components).sort()).toEqual(
      [
        "Authority",
        "ComplianceGrade",
        "InstitutionProfile",
        "InstitutionSearchPage",
        "InstitutionSummary",
        "Problem",
        "RegistrationStatus",
        "Sport",
      ].sort(),
    );
    for (const schema of Object.values(components)) {
      expect(schema).not.toHaveProperty("$id");
      expect(schema).not.toHaveProperty("$schema");
    }
  });

  it("takes its parameters from the search's own rules", () => {
    const parameters = document.paths["/api/v1/institutions"].get.parameters as { name?: string; schema?: Json }[];
    const sport = parameters.find((p) => p.name === "sport");
    expect(sport?.schema?.enum).toEqual(SPORT_CODES);
    expect(parameters.find((p) => p.name === "q")?.schema).toEqual({ type: "string", maxLength: 100 });
    expect(parameters.find((p) => p.name === "district")?.schema).toMatchObject({ pattern: "^\\d{6}$" });
  });

  it("describes exactly what the presenters write", () => {
    const profile = apiProfileOf(institution, "https://tipei.example");
    expect(validatorFor("InstitutionProfile").safeParse(profile).error?.issues ?? []).toEqual([]);
    expect(profile).toMatchObject({
      registrationInForce: false,
      coaches: [{ photoUrl: "https://tipei.example/coach-photos/5fe3a226-b211-4234-ab07-45b433368e42" }],
      courses: [{ totalPriceFen: 240000, schedule: [{ weekday: 6 }] }],
    });
    const page = apiSearchPageOf(
      { items: [institution], page: 2, pageSize: 20, totalItems: 41, totalPages: 3 },
      { q: "浪花", page: 2 },
      "https://tipei.example",
    );
    expect(validatorFor("InstitutionSearchPage").safeParse(page).error?.issues ?? []).toEqual([]);
    expect(page.links).toEqual({
      self: "https://tipei.example/api/v1/institutions?q=%E6%B5%AA%E8%8A%B1&page=2",
      first: "https://tipei.example/api/v1/institutions?q=%E6%B5%AA%E8%8A%B1",
      prev: "https://tipei.example/api/v1/institutions?q=%E6%B5%AA%E8%8A%B1",
      next: "https://tipei.example/api/v1/institutions?q=%E6%B5%AA%E8%8A%B1&page=3",
      last: "https://tipei.example/api/v1/institutions?q=%E6%B5%AA%E8%8A%B1&page=3",
    });
  });

  it("closes every object, so a field it does not list (a private one included) fails validation", () => {
    const profile = { ...apiProfileOf(institution, "https://tipei.example"), contactPhone: "13805710001" };
    const issues = validatorFor("InstitutionProfile").safeParse(profile).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toContain("unrecognized_keys");
    const coach = apiProfileOf(institution, "https://tipei.example").coaches[0];
    const withScan = { ...apiProfileOf(institution, "https://tipei.example"), coaches: [{ ...coach, idNumber: "x" }] };
    expect(validatorFor("InstitutionProfile").safeParse(withScan).success).toBe(false);
  });
});
