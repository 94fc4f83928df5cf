import {
  findPublicInstitution,
  normalizeRegistrationNo,
  type PublicInstitution,
} from "~/modules/registry/public-institution.server";
import { readPublicRegistry } from "~/modules/registry/public-registry-cache.server";
import { parsePublicSearchQuery, searchPublicRegistry } from "~/modules/registry/public-search.server";
import { apiProfileOf, apiSearchPageOf } from "./present-institution";
import {
  type ApiAnswer,
  type ApiCall,
  jsonAnswer,
  problemAnswer,
  publicApiAnswer,
  type SerializedJson,
  serializeJson,
} from "./respond.server";

/**
 * The public registry API's answers, the one implementation of each: the production server calls
 * them on Node's request before Express and Remix (server/public-api.ts: no middleware chain,
 * route matching or Fetch conversion on the hot path); the Remix routes
 * (app/routes/api.v1.institutions.*) call them too.
 */

/**
 * GET /api/v1/institutions/:registrationNo : one public profile (OpenAPI: getInstitution).
 * A number that cannot be one is a 400; a well-formed number nobody holds is a 404.
 */
export function institutionAnswer(call: ApiCall, registrationNoParam: string): Promise<ApiAnswer> {
  return publicApiAnswer(call, async () => {
    const registrationNo = normalizeRegistrationNo(registrationNoParam);
    if (!registrationNo) {
      return problemAnswer(call, 400, "invalid_query", {
        fieldErrors: { registrationNo: ["validation.publicSearch.registrationNo"] },
      });
    }
    const institution = await findPublicInstitution(registrationNo);
    if (!institution) return problemAnswer(call, 404, "not_found");
    return jsonAnswer(call, profileJson(institution, call.origin));
  });
}

// The JSON of a profile and its ETag, kept with the profile they were made from: the profile cache
// (findPublicInstitution) hands back the same object for as long as the database's version of the
// profile is unchanged, so a repeated request serializes and hashes nothing; a change gives a new
// object, and an entry the cache drops takes its JSON with it (a WeakMap holds no key alive). One
// origin per profile: the configured one in production (a request's own only without APP_ORIGIN).
const profileJsons = new WeakMap<PublicInstitution, SerializedJson & { origin: string }>();

function profileJson(institution: PublicInstitution, origin: string): SerializedJson {
  const kept = profileJsons.get(institution);
  if (kept?.origin === origin) return kept;
  const json = { ...serializeJson(apiProfileOf(institution, origin)), origin };
  profileJsons.set(institution, json);
  return json;
}

/** GET /api/v1/institutions?q=&sport=&district=&page= : search the public registry (OpenAPI: searchInstitutions). */
export function searchAnswer(call: ApiCall, searchParams: URLSearchParams): Promise<ApiAnswer> {
  return publicApiAnswer(call, async () => {
    const query = parsePublicSearchQuery(searchParams);
    if (!query.ok) return problemAnswer(call, 400, "invalid_query", { fieldErrors: query.fieldErrors });
    const outcome = await readPublicRegistry(`api-search:${JSON.stringify(query.data)}`, (db) =>
      searchPublicRegistry(db, query.data),
    );
    if (!outcome.ok) return problemAnswer(call, 400, "invalid_query", { fieldErrors: outcome.fieldErrors });
    return jsonAnswer(call, serializeJson(apiSearchPageOf(outcome.result, query.data, call.origin)));
  });
}
