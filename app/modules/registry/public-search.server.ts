import { z } from "zod";
import { Prisma } from "~/generated/prisma/client.ts";
import type { Db } from "~/lib/db-scope.server";
import { type FieldErrors, type FormResult, validate } from "~/lib/forms/parse.server";
import {
  isPublicStatus,
  isSport,
  normalizeRegistrationNo,
  type PublicAuthority,
  type PublicStatus,
} from "./public-institution.server";
import { SPORT_CODES, type Sport } from "./sports";

/**
 * Search of the public registry: one query string (part of a name, or a registration number),
 * a sport and an area, 20 results a page. Runs in the public scope (`inPublicRegistry`) and reads
 * the view `public_registry_entry`: registered institutions only, in every city (the registry is
 * public, tenancy does not apply to it), and only the columns the search filters, orders and shows.
 *
 * Why a view, not the institution table. The app's role reads institution under row-level
 * security, and PostgreSQL evaluates a condition that is not leakproof (`ILIKE`, pg_trgm's `%`,
 * `@>`) only after the policies, so never as an index condition: every name search read all the
 * registered rows (a sequential scan of 21,000 institutions for a 1% match). Marking functions
 * leakproof needs a superuser; a security-barrier view has the same rule as a policy. The view
 * (owned by the migration owner, which row-level security does not apply to; no security barrier)
 * shows exactly the rows the `institution_public` policy shows, in the public scope only, so the
 * planner may use the trigram, sports, authority and registration number indexes. Without a
 * barrier a condition may run on a hidden row before the view's WHERE; the result never holds
 * one, and the conditions here (escaped ILIKE, `%`, similarity, `=`, `@>`, IN) never raise on a
 * row's value, so nothing about a hidden row can come out. The migration
 * `20261205010000_public_registry_entry` says more; `public-registry-entry.test.ts` checks its rows
 * and columns. Use the view only with conditions like these.
 *
 * How names are matched. Institution names are Chinese and have no spaces, so pg_trgm's
 * similarity scores are near zero for a part of a name (its word-boundary trigrams never occur
 * inside a name). A substring match, `name ILIKE '%浪花%'`, is what finds them. The GIN trigram
 * index `institution_name_trgm_idx` serves that ILIKE when the query has 3 or more characters;
 * with 1–2 characters pg_trgm can extract no trigram from the pattern, so PostgreSQL reads the
 * registered rows instead (a scan of the table or of the covering index `institution_public_search_idx`,
 * whichever the planner finds cheaper: tens of milliseconds for a province). We keep the same predicate
 * for both rather than a second index, so a two-character query like “游泳” or “浪花” still works. For
 * 3+ characters `name % q` (trigram similarity) is OR-ed in to forgive typos in Latin-script names.
 * Results are ordered by relevance (exact name, then prefix, then substring, then similar only; then
 * trigram similarity) and then by name. NOTE: pg_trgm treats CJK characters as word characters only
 * under a UTF-8 LC_CTYPE (C.UTF-8, zh_CN.UTF-8); under LC_CTYPE=C it extracts nothing from Chinese
 * text and the index cannot serve these queries (the integration tests check this).
 */

export const PUBLIC_PAGE_SIZE = 20;
export const MAX_QUERY_LENGTH = 100;
export const MAX_PAGE = 500;

/** Each parameter's rule; the page, the API and its OpenAPI document all use these. */
export const publicSearchParams = {
  q: z.string().max(MAX_QUERY_LENGTH, "validation.publicSearch.query"),
  sport: z.enum(SPORT_CODES, "validation.publicSearch.sport"),
  district: z.string().regex(/^\d{6}$/, "validation.publicSearch.district"),
  page: z.coerce
    .number("validation.publicSearch.page")
    .int("validation.publicSearch.page")
    .min(1, "validation.publicSearch.page")
    .max(MAX_PAGE, "validation.publicSearch.page"),
};

const publicSearchQuerySchema = z.object({
  q: publicSearchParams.q.optional(),
  sport: publicSearchParams.sport.optional(),
  district: publicSearchParams.district.optional(),
  page: publicSearchParams.page.default(1),
});
export type PublicSearchQuery = z.infer<typeof publicSearchQuerySchema>;
export const PUBLIC_SEARCH_FIELDS = ["q", "sport", "district", "page"] as const;

/**
 * Reads the query string; a blank field counts as absent (the search form sends every field).
 * Control characters are dropped: nobody types them, and PostgreSQL refuses a NUL in a text value.
 */
export function parsePublicSearchQuery(params: URLSearchParams): FormResult<PublicSearchQuery> {
  const values: Record<string, string> = {};
  for (const field of PUBLIC_SEARCH_FIELDS) {
    const value = params
      .get(field)
      ?.replace(/\s+/g, " ")
      .replace(/\p{Cc}/gu, "")
      .trim();
    if (value) values[field] = value;
  }
  return validate(publicSearchQuerySchema, values);
}

export type PublicInstitutionSummary = {
  registrationNo: string;
  name: string;
  status: PublicStatus;
  sports: Sport[];
  authority: PublicAuthority;
};

export type PublicSearchPage = {
  items: PublicInstitutionSummary[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
};

export type PublicSearchOutcome = { ok: true; result: PublicSearchPage } | { ok: false; fieldErrors: FieldErrors };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Matching = { where: Prisma.Sql; orderBy: Prisma.Sql };

/** How the query string selects and orders rows (see the note at the top of this file). */
function matchingFor(q: string | undefined): Matching {
  const byName = Prisma.sql`i.name, i.registration_no`;
  if (!q) return { where: Prisma.sql`TRUE`, orderBy: byName };
  const registrationNo = normalizeRegistrationNo(q);
  if (registrationNo) return { where: Prisma.sql`i.registration_no = ${registrationNo}`, orderBy: byName };
  const contains = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const where =
    [...q].length >= 3 ? Prisma.sql`(i.name ILIKE ${contains} OR i.name % ${q})` : Prisma.sql`i.name ILIKE ${contains}`;
  const orderBy = Prisma.sql`CASE WHEN lower(i.name) = lower(${q}) THEN 0
                                  WHEN i.name ILIKE ${prefix} THEN 1
                                  WHEN i.name ILIKE ${contains} THEN 2
                                  ELSE 3 END,
                             similarity(i.name, ${q}) DESC, ${byName}`;
  return { where, orderBy };
}

/** An authority by division code: a district, or a city or province standing for all its districts. */
async function areaId(db: Db, code: string): Promise<string | null> {
  const area = await db.authority.findUnique({ where: { code }, select: { id: true } });
  return area?.id ?? null;
}

type SummaryRow = {
  registrationNo: string;
  name: string;
  status: string;
  sports: string[];
  authorityCode: string;
  authorityName: string;
  authorityNameEn: string;
};

export async function searchPublicRegistry(db: Db, query: PublicSearchQuery): Promise<PublicSearchOutcome> {
  const filters: Prisma.Sql[] = [
    // The view already hides unregistered institutions (and everything outside the public scope);
    // said again here so the search stays right whatever the view becomes.
    Prisma.sql`i.registration_no IS NOT NULL`,
    Prisma.sql`i.status IN ('APPROVED', 'SUSPENDED', 'REVOKED', 'CLOSED')`,
  ];
  if (query.district) {
    const id = await areaId(db, query.district);
    if (!id) return { ok: false, fieldErrors: { district: ["validation.publicSearch.districtUnknown"] } };
    filters.push(Prisma.sql`i.authority_id IN (
      WITH RECURSIVE area(id) AS (
        SELECT ${id}::uuid UNION ALL SELECT a.id FROM authority a JOIN area ON a.parent_id = area.id
      ) SELECT id FROM area)`);
  }
  if (query.sport) filters.push(Prisma.sql`i.sports @> ARRAY[${query.sport}]::text[]`);
  const matching = matchingFor(query.q);
  filters.push(matching.where);
  const where = Prisma.join(filters, " AND ");

  // One scan for the page and the total: with many matches (a fifth of a province for "游泳俱乐部")
  // reading the matches is the whole cost, and a separate count read them twice.
  const rows = await db.$queryRaw<(SummaryRow & { total: number })[]>`
    SELECT i.registration_no AS "registrationNo", i.name, i.status::text AS status, i.sports,
           a.code AS "authorityCode", a.name AS "authorityName", a.name_en AS "authorityNameEn",
           count(*) OVER ()::int AS total
      FROM public_registry_entry i JOIN authority a ON a.id = i.authority_id
     WHERE ${where}
     ORDER BY ${matching.orderBy}
     LIMIT ${PUBLIC_PAGE_SIZE} OFFSET ${(query.page - 1) * PUBLIC_PAGE_SIZE}`;
  // A page past the last has no row to carry the total: count then (rare; page 1 empty means none).
  const totalItems =
    rows[0]?.total ??
    (query.page === 1
      ? 0
      : ((
          await db.$queryRaw<{ total: number }[]>`
            SELECT count(*)::int AS total FROM public_registry_entry i WHERE ${where}`
        )[0]?.total ?? 0));

  const items = rows.flatMap((row): PublicInstitutionSummary[] =>
    isPublicStatus(row.status)
      ? [
          {
            registrationNo: row.registrationNo,
            name: row.name,
            status: row.status,
            sports: row.sports.filter(isSport),
            authority: { code: row.authorityCode, name: row.authorityName, nameEn: row.authorityNameEn },
          },
        ]
      : [],
  );
  return {
    ok: true,
    result: {
      items,
      page: query.page,
      pageSize: PUBLIC_PAGE_SIZE,
      totalItems,
      totalPages: Math.ceil(totalItems / PUBLIC_PAGE_SIZE),
    },
  };
}

/** A district offered by the area filter, with its city for grouping. */
export type RegistryDistrict = PublicAuthority & { city: PublicAuthority | null };

/**
 * The districts that have at least one registered institution: the list grows with the registry
 * instead of offering all of China's ~2,800 counties. One indexed probe per district authority.
 */
export async function listRegistryDistricts(db: Db): Promise<RegistryDistrict[]> {
  const rows = await db.$queryRaw<
    (PublicAuthority & { cityCode: string | null; cityName: string | null; cityNameEn: string | null })[]
  >`
    SELECT d.code, d.name, d.name_en AS "nameEn",
           c.code AS "cityCode", c.name AS "cityName", c.name_en AS "cityNameEn"
      FROM authority d LEFT JOIN authority c ON c.id = d.parent_id
     WHERE EXISTS (SELECT 1 FROM institution i WHERE i.authority_id = d.id AND i.registration_no IS NOT NULL)
     ORDER BY d.code`;
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    city:
      r.cityCode && r.cityName && r.cityNameEn ? { code: r.cityCode, name: r.cityName, nameEn: r.cityNameEn } : null,
  }));
}

/** The authority a division code names (any level), for showing a filter the list does not offer. */
export function findArea(db: Db, code: string): Promise<PublicAuthority | null> {
  return db.authority.findUnique({ where: { code }, select: { code: true, name: true, nameEn: true } });
}
