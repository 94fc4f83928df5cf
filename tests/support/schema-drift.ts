import internals from "@prisma/internals";
import type pg from "pg";

/**
 * Compares schema.prisma with a migrated database: every model has its table, every scalar
 * field its column (same nullability), every enum its type and values, and every @id, @unique,
 * @@unique and @@index an index or constraint over the same columns. Returns one line per
 * difference, empty when they agree.
 */
export async function findSchemaDrift(schema: string, client: pg.Client): Promise<string[]> {
  const dmmf = await internals.getDMMF({ datamodel: schema });
  const problems: string[] = [];

  const columns = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
    "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const columnsByTable = new Map<string, Map<string, boolean>>();
  for (const c of columns.rows) {
    const table = columnsByTable.get(c.table_name) ?? new Map<string, boolean>();
    table.set(c.column_name, c.is_nullable === "YES");
    columnsByTable.set(c.table_name, table);
  }

  const indexes = await client.query<{ table_name: string; columns: string[]; is_unique: boolean }>(`
    SELECT t.relname AS table_name, i.indisunique AS is_unique,
           array_agg(a.attname ORDER BY k.ord)::text[] AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     GROUP BY t.relname, i.indexrelid, i.indisunique`);

  const enumRows = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
  const enums = new Map(enumRows.rows.map((r) => [r.name, r.values]));
  for (const e of dmmf.datamodel.enums) {
    const name = e.dbName ?? e.name;
    const want = e.values.map((v) => v.dbName ?? v.name);
    const have = enums.get(name);
    if (!have) problems.push(`enum ${e.name}: type "${name}" is missing`);
    else if (have.join(",") !== want.join(","))
      problems.push(`enum ${e.name}: values ${have} in the database, ${want} in the schema`);
  }

  const tableOf = new Map<string, string>();
  const columnOf = new Map<string, string>();
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    tableOf.set(model.name, table);
    const have = columnsByTable.get(table);
    if (!have) {
      problems.push(`model ${model.name}: table "${table}" is missing`);
      continue;
    }
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const column = field.dbName ?? field.name;
      columnOf.set(`${model.name}.${field.name}`, column);
      const nullable = have.get(column);
      if (nullable === undefined)
        problems.push(`field ${model.name}.${field.name}: column "${table}"."${column}" is missing`);
      else if (nullable === field.isRequired)
        problems.push(
          `field ${model.name}.${field.name}: "${column}" is ${nullable ? "nullable" : "NOT NULL"} in the database`,
        );
    }
  }

  for (const index of dmmf.datamodel.indexes) {
    const table = tableOf.get(index.model);
    if (!table || !columnsByTable.has(table)) continue;
    const wanted = index.fields.map((f) => columnOf.get(`${index.model}.${f.name}`) ?? f.name);
    const unique = index.type !== "normal" && index.type !== "fulltext";
    const found = indexes.rows.some(
      (i) => i.table_name === table && i.columns.join(",") === wanted.join(",") && (!unique || i.is_unique),
    );
    if (!found) problems.push(`${index.type} index on ${index.model}(${wanted.join(", ")}) is missing in "${table}"`);
  }
  return problems;
}
