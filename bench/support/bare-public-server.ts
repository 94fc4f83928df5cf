// The baseline of the public-path benchmarks: the fastest plain thing on this machine that answers
// the same requests from the same database. node:http and one pg pool (10 connections, as the
// app's), each request one query (search: the same count and page queries), connected as the
// schema owner so no row-level security or transaction is involved; no framework, rate limit,
// logging, validation or rendering. `node --import tsx bench/support/bare-public-server.ts <port> <database url>`.
import { createServer, type ServerResponse } from "node:http";
import pg from "pg";

const [port, databaseUrl] = process.argv.slice(2);
if (!port || !databaseUrl) throw new Error("usage: bare-public-server.ts <port> <database url>");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

const PUBLIC = "('APPROVED', 'SUSPENDED', 'REVOKED', 'CLOSED')";
const PROFILE_SQL = `
  SELECT i.registration_no AS "registrationNo", i.name, i.status, i.credit_code AS "creditCode", i.sports,
         i.public_profile AS profile, i.registered_at AS "registeredAt", i.approved_at AS "approvedAt",
         i.funds_supervision_enabled AS "fundsSupervisionEnabled", i.compliance_grade AS "complianceGrade",
         i.compliance_evaluated_at AS "complianceEvaluatedAt", i.compliance_open_rules AS "complianceOpenRules",
         a.code AS "authorityCode", a.name AS "authorityName", a.name_en AS "authorityNameEn"
    FROM institution i JOIN authority a ON a.id = i.authority_id
   WHERE i.registration_no = $1 AND i.status IN ${PUBLIC}`;
const SEARCH_WHERE = `i.registration_no IS NOT NULL AND i.status IN ${PUBLIC} AND (i.name ILIKE $1 OR i.name % $2)`;

type Profile = {
  name: string;
  courses: { name: string; pricePerLessonFen: number }[];
  coaches: { name: string }[];
  venues: { name: string; address: string }[];
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

async function profile(registrationNo: string) {
  const { rows } = await pool.query(PROFILE_SQL, [registrationNo]);
  return rows[0] as (Record<string, unknown> & { name: string; profile: Profile | null }) | undefined;
}

async function search(q: string, page: number) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [count, rows] = await Promise.all([
    pool.query(`SELECT count(*)::int AS total FROM institution i WHERE ${SEARCH_WHERE}`, [like, q]),
    pool.query(
      `SELECT i.registration_no AS "registrationNo", i.name, i.status, i.sports, a.code, a.name AS "authorityName"
         FROM institution i JOIN authority a ON a.id = i.authority_id WHERE ${SEARCH_WHERE}
        ORDER BY CASE WHEN i.name ILIKE $1 THEN 2 ELSE 3 END, similarity(i.name, $2) DESC, i.name, i.registration_no
        LIMIT 20 OFFSET $3`,
      [like, q, (page - 1) * 20],
    ),
  ]);
  return { totalItems: count.rows[0]?.total as number, items: rows.rows as { name: string; registrationNo: string }[] };
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://bare");
    const parts = url.pathname.split("/").filter(Boolean);
    if (url.pathname === "/healthz") return send(res, 200, "text/plain", "ok");
    if (parts[0] === "api" && parts[2] === "institutions" && parts.length === 4) {
      const row = await profile(decodeURIComponent(parts[3] ?? ""));
      return row ? send(res, 200, "application/json", JSON.stringify(row)) : send(res, 404, "application/json", "{}");
    }
    if (parts[0] === "api" && parts[2] === "institutions" && parts.length === 3) {
      const result = await search(url.searchParams.get("q") ?? "", Number(url.searchParams.get("page") ?? 1));
      return send(res, 200, "application/json", JSON.stringify(result));
    }
    if (parts[0] === "institutions" && parts.length === 2) {
      const row = await profile(decodeURIComponent(parts[1] ?? ""));
      if (!row) return send(res, 404, "text/html", "<!doctype html><p>not found</p>");
      const p = row.profile;
      const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(row.name)}</title></head><body>
<h1>${escapeHtml(row.name)}</h1><p>${escapeHtml(String(row.status))} · ${escapeHtml(String(row.registrationNo))}</p>
${p ? list(p.courses.map((c) => `${c.name} ${(c.pricePerLessonFen / 100).toFixed(2)}`)) + list(p.coaches.map((c) => c.name)) + list(p.venues.map((v) => `${v.name} ${v.address}`)) : ""}
</body></html>`,
      );
    }
    if (parts[0] === "institutions" && parts.length === 1) {
      const result = await search(url.searchParams.get("q") ?? "", Number(url.searchParams.get("page") ?? 1));
      return send(
        res,
        200,
        "text/html; charset=utf-8",
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title></head><body><p>${result.totalItems}</p><ul>${result.items
          .map((i) => `<li><a href="/institutions/${i.registrationNo}">${escapeHtml(i.name)}</a></li>`)
          .join("")}</ul></body></html>`,
      );
    }
    send(res, 404, "text/plain", "not found");
  } catch (error) {
    console.error(error);
    send(res, 500, "text/plain", "error");
  }
});
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
