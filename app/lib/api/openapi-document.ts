import { z } from "zod";
import { REGISTRATION_NO_PATTERN } from "~/modules/registry/public-institution.server";
import { MAX_PAGE, PUBLIC_PAGE_SIZE, publicSearchParams } from "~/modules/registry/public-search.server";
import { apiSchemas } from "./response-schemas";

/**
 * The OpenAPI 3.1 document of the public registry API, built from the same zod schemas the
 * handlers use (components from `response-schemas.ts`, query parameters from the search's own
 * rules). OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what zod emits.
 */
type JsonSchema = Record<string, unknown>;

/** A schema as a component: without `$schema`/`$id`, which belong to standalone documents. */
function asComponent(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

let components: Record<string, JsonSchema> | undefined;

/** Generated once per process: the schemas do not change while it runs. */
function componentSchemas(): Record<string, JsonSchema> {
  if (components) return components;
  const { schemas } = z.toJSONSchema(apiSchemas, {
    target: "draft-2020-12",
    io: "output",
    uri: (id) => `#/components/schemas/${id}`,
  });
  components = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, asComponent(schema as JsonSchema)]),
  );
  return components;
}

function parameterSchema(schema: z.ZodType): JsonSchema {
  return asComponent(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonSchema);
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (schemaId: string) => ({ "application/json": { schema: ref(schemaId) } });
const problemContent = { "application/problem+json": { schema: ref("Problem") } };

const cachedHeaders = {
  ETag: { $ref: "#/components/headers/ETag" },
  "Cache-Control": { $ref: "#/components/headers/CacheControl" },
  "Access-Control-Allow-Origin": { $ref: "#/components/headers/AllowOrigin" },
};

const commonResponses = {
  "304": { $ref: "#/components/responses/NotModified" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
  "503": { $ref: "#/components/responses/Unavailable" },
};

export function openApiDocument(origin: string) {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Tipei public registry API",
      version: "1.0.0",
      summary: "Registered out-of-school sports training institutions: search and public profiles.",
      description: [
        "Read-only and public: no authentication; CORS allows any origin.",
        "Responses are cacheable for 60 seconds and carry a weak ETag; send it back in If-None-Match to get a 304.",
        "Requests are rate-limited per IP address; over the limit the answer is 429 with Retry-After (seconds).",
        "Errors are RFC 9457 problem details. Money is in fen (1/100 yuan). Only registered institutions are listed;",
        "a status other than APPROVED means the institution may not take fees.",
      ].join(" "),
    },
    servers: [{ url: origin }],
    paths: {
      "/api/v1/institutions": {
        get: {
          operationId: "searchInstitutions",
          summary: "Search the registry",
          description: `Matches \`q\` against institution names (any part of the name, from one character) or, when it is one, an exact registration number. Ordered by relevance, then name; ${PUBLIC_PAGE_SIZE} a page.`,
          parameters: [
            {
              name: "q",
              in: "query",
              required: false,
              description: "Part of an institution's name, or a registration number (e.g. 330106-2026-0001).",
              schema: parameterSchema(publicSearchParams.q),
            },
            {
              name: "sport",
              in: "query",
              required: false,
              description: "Only institutions teaching this sport.",
              schema: parameterSchema(publicSearchParams.sport),
            },
            {
              name: "district",
              in: "query",
              required: false,
              description:
                "Division code of the supervising district; a city or province code includes all its districts.",
              schema: parameterSchema(publicSearchParams.district),
            },
            {
              name: "page",
              in: "query",
              required: false,
              description: `Page number, from 1 (at most ${MAX_PAGE}).`,
              schema: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 1 },
            },
            { $ref: "#/components/parameters/IfNoneMatch" },
          ],
          responses: {
            "200": {
              description: "One page of results.",
              headers: cachedHeaders,
              content: jsonContent("InstitutionSearchPage"),
            },
            "400": { $ref: "#/components/responses/BadRequest" },
            ...commonResponses,
          },
        },
      },
      "/api/v1/institutions/{registrationNo}": {
        get: {
          operationId: "getInstitution",
          summary: "A registered institution's public profile",
          parameters: [
            {
              name: "registrationNo",
              in: "path",
              required: true,
              description: "The registration number printed on the certificate and encoded in the QR code.",
              schema: { type: "string", pattern: REGISTRATION_NO_PATTERN },
            },
            { $ref: "#/components/parameters/IfNoneMatch" },
          ],
          responses: {
            "200": {
              description: "The public profile.",
              headers: cachedHeaders,
              content: jsonContent("InstitutionProfile"),
            },
            "400": { $ref: "#/components/responses/BadRequest" },
            "404": {
              description: "No registered institution has this number.",
              headers: { "Cache-Control": { $ref: "#/components/headers/CacheControl" } },
              content: problemContent,
            },
            ...commonResponses,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          responses: {
            "200": {
              description: "The OpenAPI 3.1 document.",
              headers: cachedHeaders,
              content: { "application/json": {} },
            },
            "304": { $ref: "#/components/responses/NotModified" },
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      parameters: {
        IfNoneMatch: {
          name: "If-None-Match",
          in: "header",
          required: false,
          description: "An ETag from an earlier answer: a 304 without body when nothing changed.",
          schema: { type: "string" },
        },
      },
      headers: {
        ETag: { description: "Weak validator of the body.", schema: { type: "string", pattern: '^W/".+"$' } },
        CacheControl: { description: "public, max-age=60", schema: { type: "string" } },
        AllowOrigin: { description: "Always `*`: any origin may read the public registry.", schema: { const: "*" } },
        RetryAfter: { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
      },
      responses: {
        NotModified: { description: "The copy the client holds (If-None-Match) is current.", headers: cachedHeaders },
        BadRequest: { description: "A parameter is invalid; `errors` names each one.", content: problemContent },
        TooManyRequests: {
          description: "Too many requests from this IP address.",
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
          content: problemContent,
        },
        Unavailable: {
          description: "The registry is temporarily unavailable; try again later.",
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
          content: problemContent,
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
