import { conditionalResponse, entityTagsOf, ifNoneMatchHits, weakEtagFor } from "~/lib/http-cache.server";

const headers = { "Content-Type": "application/json", "Cache-Control": "public, max-age=60", Vary: "Accept-Language" };
const request = (ifNoneMatch?: string, method = "GET") =>
  new Request("http://localhost/api/v1/institutions", {
    method,
    headers: ifNoneMatch === undefined ? {} : { "If-None-Match": ifNoneMatch },
  });

describe("weak ETags", () => {
  it("are weak, stable for the same body and different for another", () => {
    const etag = weakEtagFor('{"a":1}');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakEtagFor('{"a":1}')).toBe(etag);
    expect(weakEtagFor('{"a":2}')).not.toBe(etag);
  });
});

describe("If-None-Match", () => {
  it("reads every tag of the list, weak or strong, even one holding a comma", () => {
    expect(entityTagsOf('W/"a", "b,c" ,W/""')).toEqual({ any: false, tags: ["a", "b,c", ""] });
    expect(entityTagsOf(" * ")).toEqual({ any: true, tags: [] });
    expect(entityTagsOf(null)).toEqual({ any: false, tags: [] });
  });

  it("matches by the weak comparison", () => {
    expect(ifNoneMatchHits(request('"x"'), 'W/"x"')).toBe(true);
    expect(ifNoneMatchHits(request('W/"x"'), 'W/"x"')).toBe(true);
    expect(ifNoneMatchHits(request('W/"y"'), 'W/"x"')).toBe(false);
    expect(ifNoneMatchHits(request("*"), 'W/"x"')).toBe(true);
    expect(ifNoneMatchHits(request(), 'W/"x"')).toBe(false);
  });
});

describe("conditional responses", () => {
  const body = '{"data":[]}';

  it("answers 200 with the body and its ETag", async () => {
    const response = conditionalResponse(request(), body, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe(weakEtagFor(body));
    expect(await response.text()).toBe(body);
  });

  it("answers 304 without a body but with the caching headers when the client's copy is current", async () => {
    const response = conditionalResponse(request(weakEtagFor(body)), body, { headers });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
    expect(response.headers.get("ETag")).toBe(weakEtagFor(body));
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(response.headers.get("Vary")).toBe("Accept-Language");
    expect(response.headers.get("Content-Type")).toBeNull();
  });

  it("answers HEAD like GET, and never turns another method into a 304", () => {
    expect(conditionalResponse(request(weakEtagFor(body), "HEAD"), body, { headers }).status).toBe(304);
    expect(conditionalResponse(request(weakEtagFor(body), "POST"), body, { headers }).status).toBe(200);
  });
});
