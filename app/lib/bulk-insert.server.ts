import type { Prisma } from "~/generated/prisma/client.ts";

/**
 * Inserts many rows in one statement, skipping those already there (by any unique key), like
 * `createMany({ skipDuplicates: true })` but tens of times faster for thousands of rows (the
 * demo seed, compliance reports): the rows travel as one JSON parameter and PostgreSQL turns
 * them into records itself (Prisma's per-row parameters cost about a millisecond a row). Rows are still typed as Prisma's
 * create inputs; each field maps to its column by this schema's convention (camelCase field,
 * snake_case column), checked against the table so a mismatch stops the seed instead of losing data.
 * A field left out of a row is NULL, not the column default: rows must spell out every NOT NULL column.
 */

/** The tables filled in bulk, with the create input Prisma types their rows by. */
type RowsOf = {
  app_user: Prisma.UserCreateManyInput;
  membership: Prisma.MembershipCreateManyInput;
  institution: Prisma.InstitutionCreateManyInput;
  stored_file: Prisma.StoredFileCreateManyInput;
  filing: Prisma.FilingCreateManyInput;
  institution_status_event: Prisma.InstitutionStatusEventCreateManyInput;
  venue: Prisma.VenueCreateManyInput;
  coach: Prisma.CoachCreateManyInput;
  coach_certificate: Prisma.CoachCertificateCreateManyInput;
  course: Prisma.CourseCreateManyInput;
  schedule_slot: Prisma.ScheduleSlotCreateManyInput;
  compliance_report: Prisma.ComplianceReportCreateManyInput;
  compliance_finding: Prisma.ComplianceFindingCreateManyInput;
};
export type BulkTable = keyof RowsOf;

const ROWS_PER_STATEMENT = 2000;

const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function columnsOf(tx: Prisma.TransactionClient, table: BulkTable): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ column_name: string }[]>`
    SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`;
  return new Set(rows.map((r) => r.column_name));
}

/** Returns how many rows were new. */
export async function insertMissing<T extends BulkTable>(
  tx: Prisma.TransactionClient,
  table: T,
  rows: readonly RowsOf[T][],
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].map(columnOf);
  const known = await columnsOf(tx, table);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0) throw new Error(`${table} has no column ${unknown.join(", ")}`);
  const list = columns.map((c) => `"${c}"`).join(", ");
  // Table and column names come from the code above, never from input.
  const sql = `INSERT INTO "${table}" (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb) ON CONFLICT DO NOTHING`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const records = rows
      .slice(i, i + ROWS_PER_STATEMENT)
      .map((r) => Object.fromEntries(Object.entries(r).map(([field, value]) => [columnOf(field), value])));
    inserted += await tx.$executeRawUnsafe(sql, JSON.stringify(records));
  }
  return inserted;
}
