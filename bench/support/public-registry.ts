// A generated public registry for the public-path benchmarks (verify-api, verify-page, search):
// one province, one city, 10 districts and N institutions, written as the schema owner in a few
// set-based statements (generate_series), deterministic for a given N. Nine in ten are approved,
// the rest suspended, revoked, closed or still drafts; every registered one has a registration
// number, a compliance grade and a public profile as approval writes it (2 venues, 3 coaches,
// 3 courses with slots), its name made of a city, a brand, a sport and a serial number, so a
// query like "游泳俱乐部" matches a fifth of them.
import pg from "pg";
import type { PublicProfile } from "~/modules/registry/public-profile";

export const BENCH_DISTRICTS = 10;

/** The registration number of the n-th generated institution (1-based), as `allocateRegistrationNo` writes it. */
export function benchRegistrationNo(n: number): string {
  return `9901${String((n % BENCH_DISTRICTS) + 1).padStart(2, "0")}-2026-${String(n).padStart(6, "0")}`;
}

/** Whether the n-th generated institution is registered and approved (a 200 from the public API). */
export function benchIsApproved(n: number): boolean {
  return n % 10 !== 0;
}

const SPORT_NAMES = [
  ["SWIMMING", "游泳"],
  ["FOOTBALL", "足球"],
  ["BASKETBALL", "篮球"],
  ["TAEKWONDO", "跆拳道"],
  ["MARTIAL_ARTS", "武术"],
] as const;

/** The profile template; each row gets its own name, sport and ids in SQL. */
function profileTemplate(): PublicProfile {
  const slot = (weekday: number, startTime: string, endTime: string) => ({
    weekday,
    startTime,
    endTime,
    venueName: "主训练馆",
  });
  return {
    version: 1,
    name: "",
    creditCode: "",
    sports: [],
    venues: [
      { id: "v1", name: "主训练馆", address: "基准市基准区体育路 1 号", trainingAreaM2: 800, isPool: false, aed: true },
      { id: "v2", name: "分馆", address: "基准市基准区文化路 18 号", trainingAreaM2: 420, isPool: false, aed: true },
    ],
    coaches: ["王教练", "李教练", "张教练"].map((name, i) => ({
      id: `c${i + 1}`,
      name,
      photoFileId: null,
      fullTime: i < 2,
      certificates: [
        {
          type: "SOCIAL_SPORTS_INSTRUCTOR" as const,
          number: `ZJ-2024-00${i + 1}`,
          sport: null,
          expiresOn: "2029-06-30",
        },
      ],
    })),
    courses: ["启蒙班", "提高班", "精英班"].map((name, i) => ({
      id: `k${i + 1}`,
      name,
      sport: "FOOTBALL" as const,
      ageMin: 5 + i * 2,
      ageMax: 8 + i * 3,
      classSize: 16,
      lessonMinutes: 60,
      lessonCount: 20,
      pricePerLessonFen: 12_000 + i * 3_000,
      online: false,
      slots: [slot(2 + i, "16:30", "17:30"), slot(6, `0${8 + i}:00`, `0${9 + i}:00`)],
    })),
  };
}

/** Writes the registry; returns the province id. */
export async function generatePublicRegistry(ownerUrl: string, institutions: number): Promise<string> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query("BEGIN");
    const province = await c.query<{ id: string }>(`
      INSERT INTO authority (level, code, slug, name, name_en, updated_at)
      VALUES ('PROVINCE', '990000', 'bench', '基准省体育局', 'Bench Province', now()) RETURNING id`);
    const provinceId = province.rows[0]?.id as string;
    const city = await c.query<{ id: string }>(
      `INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
       VALUES ('CITY', '990100', 'bench-city', '基准市体育局', 'Bench City', $1, now()) RETURNING id`,
      [provinceId],
    );
    await c.query(
      `INSERT INTO authority (level, code, slug, name, name_en, parent_id, updated_at)
       SELECT 'DISTRICT', '9901' || lpad((d + 1)::text, 2, '0'), 'bench-d' || d, '基准区' || d, 'Bench district ' || d, $1, now()
       FROM generate_series(0, ${BENCH_DISTRICTS - 1}) d`,
      [city.rows[0]?.id],
    );
    // Status by serial: n % 10 = 0 is not approved (suspended, revoked, closed, or a draft without a number).
    await c.query(
      `WITH d AS (SELECT id, substr(code, 5, 2)::int - 1 AS n FROM authority WHERE level = 'DISTRICT'),
            sport AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(k int, code text, label text))
       INSERT INTO institution (authority_id, name, status, registration_no, credit_code, sports, public_profile,
                                registered_at, approved_at, funds_supervision_enabled, compliance_grade,
                                compliance_evaluated_at, compliance_open_rules, updated_at)
       SELECT d.id, name, status::"InstitutionStatus",
              CASE WHEN status = 'DRAFT' THEN NULL
                   ELSE '9901' || lpad((g % ${BENCH_DISTRICTS} + 1)::text, 2, '0') || '-2026-' || lpad(g::text, 6, '0') END,
              '91990100MA' || lpad(g::text, 8, '0'),
              ARRAY[sport.code]::varchar[],
              CASE WHEN status = 'DRAFT' THEN NULL ELSE
                $1::jsonb || jsonb_build_object('name', name, 'creditCode', '91990100MA' || lpad(g::text, 8, '0'),
                  'sports', jsonb_build_array(sport.code),
                  'courses', (SELECT jsonb_agg(c || jsonb_build_object('sport', sport.code, 'name', sport.label || (c->>'name')))
                                FROM jsonb_array_elements($1::jsonb->'courses') c)) END,
              CASE WHEN status = 'DRAFT' THEN NULL ELSE timestamptz '2026-01-01' + make_interval(days => g % 300) END,
              CASE WHEN status = 'DRAFT' THEN NULL ELSE timestamptz '2026-01-01' + make_interval(days => g % 300) END,
              g % 3 = 0,
              CASE WHEN status IN ('APPROVED', 'SUSPENDED') THEN (ARRAY['A', 'B', 'C'])[1 + g % 3] END,
              CASE WHEN status IN ('APPROVED', 'SUSPENDED') THEN timestamptz '2026-12-01' END,
              CASE WHEN g % 3 = 2 THEN ARRAY['STF-01'] ELSE ARRAY[]::text[] END,
              now()
         FROM generate_series(1, ${institutions}) g
         JOIN d ON d.n = g % ${BENCH_DISTRICTS}
         JOIN sport ON sport.k = g % 5
         CROSS JOIN LATERAL (SELECT
           (ARRAY['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华'])[1 + g % 7]
             || (ARRAY['浪花', '蓝鲸', '飞鱼', '追风', '星火', '启航', '朝阳', '雏鹰', '青松', '海豚', '疾风'])[1 + g % 11]
             || sport.label || '俱乐部' || g AS name,
           CASE WHEN g % 10 <> 0 THEN 'APPROVED'
                ELSE (ARRAY['SUSPENDED', 'REVOKED', 'CLOSED', 'DRAFT'])[1 + (g / 10) % 4] END AS status) x`,
      [JSON.stringify(profileTemplate()), JSON.stringify(SPORT_NAMES.map(([code, label], k) => ({ k, code, label })))],
    );
    await c.query("COMMIT");
    // As autovacuum leaves a table that is mostly read: statistics, and a visibility map that lets
    // the search scan its index only.
    await c.query("VACUUM ANALYZE");
    return provinceId;
  } finally {
    await c.end();
  }
}
