import { z } from "zod";
import { consume, LIMITS } from "~/modules/identity/rate-limits.server";
import { changeRegistration } from "~/modules/registry/filing.server";
import { loader as searchLoader } from "~/routes/api.v1.institutions._index";
import { loader as profileLoader } from "~/routes/api.v1.institutions.$registrationNo";
import { loader as documentLoader } from "~/routes/api.v1.openapi[.json]";
import { completeContent } from "../../../fixtures/registration-content";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext } from "../../../support/remix-calls";
import {
  HANGZHOU_ADMIN,
  HANGZHOU_APPLICANT,
  NINGBO_ADMIN,
  NINGBO_APPLICANT,
  registerThroughServices,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
  yinzhouFootballContent,
} from "./registry-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const content = completeContent();
let hangzhouNo: string;
let ningboNo: string;
let openApi: OpenApi;

type Json = Record<string, unknown>;
type OpenApi = {
  openapi: string;
  paths: Record<string, { get: { responses: Record<string, Json> } }>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
};

beforeAll(async () => {
  await seedDemoData();
  hangzhouNo = await registerThroughServices(XIHU_SWIM, HANGZHOU_APPLICANT, HANGZHOU_ADMIN, content);
  ningboNo = await registerThroughServices(YINZHOU_FOOTBALL, NINGBO_APPLICANT, NINGBO_ADMIN, yinzhouFootballContent());
  const response = await documentLoader({ request: get("/api/v1/openapi.json"), params: {}, context: loadContext() });
  openApi = (await response.json()) as OpenApi;
});

// Each test that is not about the rate limit calls from an address of its own.
let nextIp = 1;
const freshContext = () => loadContext(`203.0.113.${nextIp++}`);

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers });
}

function search(query = "", headers: Record<string, string> = {}, context = freshContext()) {
  return searchLoader({ request: get(`/api/v1/institutions${query}`, headers), params: {}, context });
}

function profile(registrationNo: string, headers: Record<string, string> = {}, context = freshContext()) {
  return profileLoader({
    request: get(`/api/v1/institutions/${encodeURIComponent(registrationNo)}`, headers),
    params: { registrationNo },
    context,
  });
}

/**
 * The schema the DOCUMENT gives for one response (following its $refs), compiled into a
 * validator independently of the zod schemas the code uses: JSON Schema → zod.
 */
function documentSchemaFor(path: string, status: string, contentType: string): z.ZodType {
  let response = openApi.paths[path]?.get.responses[status] as Json | undefined;
  const ref = response?.$ref;
  if (typeof ref === "string") response = openApi.components.responses[ref.split("/").pop() ?? ""];
  const schema = (response?.content as Record<string, { schema: Json }> | undefined)?.[contentType]?.schema;
  if (!schema) throw new Error(`the document has no ${contentType} schema for ${status} ${path}`);
  // Component refs become $defs refs, so the schema is one self-contained JSON Schema document.
  const local = (value: unknown): Json =>
    JSON.parse(JSON.stringify(value).replaceAll("#/components/schemas/", "#/$defs/"));
  return z.fromJSONSchema({ ...local(schema), $defs: local(openApi.components.schemas) } as Parameters<
    typeof z.fromJSONSchema
  >[0]);
}

async function expectDocumented(response: Response, path: string): Promise<Json> {
  const contentType = (response.headers.get("Content-Type") ?? "").split(";")[0] ?? "";
  const body = (await response.json()) as Json;
  const parsed = documentSchemaFor(path, String(response.status), contentType).safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${response.status} ${path}`).toEqual([]);
  return body;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every reference resolving", () => {
    expect(openApi.openapi).toBe("3.1.0");
    const refs = [...JSON.stringify(openApi).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, kind = "", name = ""] of refs) {
      const section = (openApi.components as Record<string, Record<string, unknown>>)[kind];
      expect(section?.[name], `${kind}/${name}`).toBeDefined();
    }
    expect(Object.keys(openApi.paths)).toEqual([
      "/api/v1/institutions",
      "/api/v1/institutions/{registrationNo}",
      "/api/v1/openapi.json",
    ]);
  });
});

describe("GET /api/v1/institutions", () => {
  it("answers a page of results in the documented shape, Hangzhou and Ningbo alike", async () => {
    const response = await search(`?q=${encodeURIComponent("有限公司")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = await expectDocumented(response, "/api/v1/institutions");
    const data = body.data as { registrationNo: string; links: { profile: string } }[];
    expect(data.map((d) => d.registrationNo)).toEqual(expect.arrayContaining([hangzhouNo, ningboNo]));
    expect(data.find((d) => d.registrationNo === ningboNo)?.links.profile).toBe(
      `http://localhost/institutions/${ningboNo}`,
    );
    expect(body.page).toEqual({ number: 1, size: 20, totalItems: data.length, totalPages: 1 });
  });

  it("filters by sport and district, and links the pages", async () => {
    const response = await search("?sport=FOOTBALL&district=330200");
    const body = await expectDocumented(response, "/api/v1/institutions");
    expect((body.data as { registrationNo: string }[]).map((d) => d.registrationNo)).toEqual([ningboNo]);
    expect(body.links).toEqual({
      self: "http://localhost/api/v1/institutions?sport=FOOTBALL&district=330200",
      first: "http://localhost/api/v1/institutions?sport=FOOTBALL&district=330200",
      prev: null,
      next: null,
      last: "http://localhost/api/v1/institutions?sport=FOOTBALL&district=330200",
    });
  });

  it("answers bad parameters with 400 and an error per field, never a 500", async () => {
    const response = await search(`?sport=CURLING&page=0&district=abc&q=${"x".repeat(101)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await expectDocumented(response, "/api/v1/institutions");
    expect(body).toMatchObject({ status: 400, code: "invalid_query", title: "请求参数有误。" });
    expect((body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(["district", "page", "q", "sport"]);

    const english = await search("?district=999999", { "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5" });
    expect(english.status).toBe(400);
    expect(await english.json()).toMatchObject({
      title: "Some parameters are invalid.",
      errors: [{ field: "district", code: "validation.publicSearch.districtUnknown" }],
    });
    for (const query of ["?page=abc", "?page=1e3", "?q=%00%25_", "?sport=", "?page=99999999999999999999"]) {
      expect([200, 400], query).toContain((await search(query)).status);
    }
  });
});

describe("GET /api/v1/institutions/:registrationNo", () => {
  it("answers the public profile in the documented shape, with nothing private", async () => {
    const response = await profile(hangzhouNo);
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    const body = await expectDocumented(response, "/api/v1/institutions/{registrationNo}");
    expect(body).toMatchObject({
      registrationNo: hangzhouNo,
      name: "杭州浪花游泳培训有限公司",
      status: "APPROVED",
      registrationInForce: true,
      fundsSupervision: { enabled: false },
      complianceGrade: null,
      registeredAt: "2026-03-02T02:00:00.000Z",
      courses: [{ name: "少儿游泳入门班", pricePerLessonFen: 12000, totalPriceFen: 240000, currency: "CNY" }],
    });
    const coaches = body.coaches as { name: string; photoUrl: string; certificates: { number: string }[] }[];
    expect(coaches[0]).toMatchObject({
      name: "陈浩",
      photoUrl: `http://localhost/coach-photos/${content.coaches[0]?.photoFileId}`,
      certificates: [{ number: "SSI-330106-0001" }],
    });
    for (const secret of [
      content.entity.contactPhone,
      content.entity.legalRepresentative,
      content.entity.contactName,
      content.safetyStaff.safetyOfficerPhone,
      content.documents.businessLicenseFileId,
      content.coaches[0]?.certificates[0]?.scanFileId ?? "scan",
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("answers 404 for a number nobody holds and 400 for one that cannot be a number", async () => {
    const missing = await profile("330106-2099-0001");
    expect(missing.status).toBe(404);
    expect(await expectDocumented(missing, "/api/v1/institutions/{registrationNo}")).toMatchObject({
      status: 404,
      code: "not_found",
    });
    const malformed = await profile("abc");
    expect(malformed.status).toBe(400);
    expect(await expectDocumented(malformed, "/api/v1/institutions/{registrationNo}")).toMatchObject({
      errors: [{ field: "registrationNo" }],
    });
  });

  it("carries a weak ETag and answers 304 to If-None-Match until the institution changes", async () => {
    const first = await profile(hangzhouNo);
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^W\/"[\w-]+"$/);

    const unchanged = await profile(hangzhouNo, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    expect(unchanged.headers.get("ETag")).toBe(etag);
    expect(unchanged.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(unchanged.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // A strong form of the same tag, and a list holding it, match too (weak comparison).
    expect((await profile(hangzhouNo, { "If-None-Match": etag.slice(2) })).status).toBe(304);
    expect((await profile(hangzhouNo, { "If-None-Match": `W/"other", ${etag}` })).status).toBe(304);
    expect((await profile(hangzhouNo, { "If-None-Match": "*" })).status).toBe(304);

    await changeRegistration(HANGZHOU_ADMIN, XIHU_SWIM, "suspend", "安全检查不合格");
    const changed = await profile(hangzhouNo, { "If-None-Match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    expect(await changed.json()).toMatchObject({ status: "SUSPENDED", registrationInForce: false });
    await changeRegistration(HANGZHOU_ADMIN, XIHU_SWIM, "reinstate", "整改完成");
  });
});

describe("the rate limit", () => {
  it("answers 429 with Retry-After and a problem once an IP has used its requests", async () => {
    const context = loadContext("198.51.100.99");
    for (let i = 0; i < LIMITS.publicApiIp.points; i++) await consume("publicApiIp", "198.51.100.99");
    const response = await search("", {}, context);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await expectDocumented(response, "/api/v1/institutions")).toMatchObject({ code: "rate_limited" });
    expect((await profile(hangzhouNo, {}, context)).status).toBe(429);
    // Another address is not affected.
    expect((await search()).status).toBe(200);
  });
});
