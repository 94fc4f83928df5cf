import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/lib/db.server";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import type { FieldErrors } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { appendAudit } from "~/modules/audit/append.server";
import { evaluateJurisdictionSoon } from "~/modules/compliance/evaluation-triggers.server";
import { scoreRiskTenantSoon } from "~/modules/risk/scoring-triggers.server";
import type { IsoDate, ParameterKey } from "./parameters";
import { isParameterKey, PARAMETER_KEYS } from "./parameters";
import {
  orderConflicts,
  type ResolvedParameter,
  type ResolvedSettings,
  resolveParameter,
  resolveSettings,
  type SettingsChainLink,
  type SettingsTreeNode,
  upcomingChanges,
} from "./resolve-settings";
import {
  entryOn,
  isIsoDate,
  isoDateInChina,
  type OverrideEntry,
  previousDay,
  type SetOverrideInput,
  type StoredSettings,
  storedSettingsSchema,
  valueSchemaOf,
} from "./settings-schema";

/**
 * Reading and changing tenant settings. Reads need no scope (authorities are public); changes
 * run in the caller's scope, so row-level security lets an authority change only itself and
 * its descendants, and each change is audited in the same transaction.
 */

export const SETTING_CHANGED = "tenancy.settingChanged";

/** Stored settings that do not pass the schema: the data was edited outside this code. */
export class InvalidStoredSettingsError extends Error {
  constructor(
    readonly authorityId: string,
    readonly issues: string,
  ) {
    super(`The settings of authority ${authorityId} are invalid: ${issues}`);
    this.name = "InvalidStoredSettingsError";
  }
}

/** The authority does not exist or lies outside the scope of the transaction. */
export class AuthorityNotWritableError extends Error {
  constructor(readonly authorityId: string) {
    super(`Authority ${authorityId} cannot be changed in this scope`);
    this.name = "AuthorityNotWritableError";
  }
}

export function parseStoredSettings(authorityId: string, json: unknown): StoredSettings {
  const parsed = storedSettingsSchema.safeParse(json ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new InvalidStoredSettingsError(authorityId, issues);
}

export type SettingsChainAuthority = {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  level: "PROVINCE" | "CITY" | "DISTRICT";
  settings: StoredSettings;
};

type ChainRow = {
  id: string;
  parent_id: string | null;
  name: string;
  name_en: string;
  level: SettingsChainAuthority["level"];
  settings: unknown;
};

type Reader = Pick<Db, "$queryRaw">;

/** An authority and its ancestors with their stored settings, self first, in one query. */
export async function loadSettingsChain(authorityId: string, db: Reader = prisma): Promise<SettingsChainAuthority[]> {
  const rows = await db.$queryRaw<ChainRow[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, name, name_en, level, settings, 0 AS depth FROM authority WHERE id = ${authorityId}::uuid
      UNION ALL
      SELECT a.id, a.parent_id, a.name, a.name_en, a.level, a.settings, up.depth + 1
        FROM authority a JOIN up ON a.id = up.parent_id
    )
    SELECT id::text, parent_id::text, name, name_en, level::text, settings FROM up ORDER BY depth`;
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    nameEn: row.name_en,
    level: row.level,
    settings: parseStoredSettings(row.id, row.settings),
  }));
}

export function chainLinks(chain: readonly SettingsChainAuthority[]): SettingsChainLink[] {
  return chain.map((a) => ({ authorityId: a.id, settings: a.settings }));
}

/**
 * Every parameter of an authority on a day (a calendar day in China, or an instant), with its
 * source. What the compliance engine calls before evaluating the rules for an institution.
 */
export async function resolveSettingsFor(
  authorityId: string,
  date: IsoDate | Date,
  db: Reader = prisma,
): Promise<ResolvedSettings> {
  const day = date instanceof Date ? isoDateInChina(date) : date;
  if (!isIsoDate(day)) throw new Error(`Not a calendar day: ${day}`);
  const chain = await loadSettingsChain(authorityId, db);
  if (chain.length === 0) throw new Error(`No authority ${authorityId}`);
  return resolveSettings(chainLinks(chain), day);
}

export type ParameterOverview = {
  key: ParameterKey;
  /** In effect today, with its source. */
  current: ResolvedParameter;
  /** Later days on which the value or its source changes, or this authority has an entry. */
  upcoming: { date: IsoDate; parameter: ResolvedParameter; scheduledHere: boolean }[];
  /** This authority's own entries, past ones included. */
  own: OverrideEntry[];
};

export type SettingsOverview = {
  today: IsoDate;
  /** The authority and its ancestors (self first), to name the sources of values. */
  chain: { id: string; name: string; nameEn: string; level: SettingsChainAuthority["level"] }[];
  parameters: ParameterOverview[];
};

/** Every parameter of an authority as the settings page shows it on `today`. */
export async function settingsOverview(authorityId: string, today: IsoDate): Promise<SettingsOverview> {
  const chain = await loadSettingsChain(authorityId);
  const self = chain[0];
  if (!self) throw new Error(`No authority ${authorityId}`);
  const links = chainLinks(chain);
  const parameters = PARAMETER_KEYS.map((key): ParameterOverview => {
    const own = (self.settings.overrides[key] ?? []) as OverrideEntry[];
    const days = new Set([
      ...upcomingChanges(links, key, today).map((c) => c.date),
      ...own.filter((e) => e.effectiveFrom > today).map((e) => e.effectiveFrom),
    ]);
    return {
      key,
      current: resolveParameter(links, key, today),
      upcoming: [...days].sort().map((date) => ({
        date,
        parameter: resolveParameter(links, key, date),
        scheduledHere: own.some((e) => e.effectiveFrom === date),
      })),
      own,
    };
  });
  return {
    today,
    chain: chain.map(({ id, name, nameEn, level }) => ({ id, name, nameEn, level })),
    parameters,
  };
}

// ---------------------------------------------------------------------------------------------
// Changes

export type SettingsChangeResult =
  | { ok: true; changed: boolean }
  | {
      ok: false;
      fieldErrors: FieldErrors;
      formError?: MessageKey;
      /** The authority whose resolved settings the change would break (self or a descendant). */
      conflict?: { authorityId: string; name: string; nameEn: string; date: IsoDate };
    };

type ChangeOptions = { today?: IsoDate };

type Change = {
  key: ParameterKey;
  /** The first day the change affects. */
  from: IsoDate;
  /** The authority's new entries for the key, from its current ones. */
  apply: (entries: readonly OverrideEntry[]) => OverrideEntry[];
};

const failure = (field: string, message: MessageKey): SettingsChangeResult => ({
  ok: false,
  fieldErrors: { [field]: [message] },
});

/** From `date` on, the key has `value` here; a later scheduled change stays scheduled. */
export function setOverride(
  scope: DataScope,
  input: { authorityId: string } & SetOverrideInput,
  options: ChangeOptions = {},
): Promise<SettingsChangeResult> {
  const today = options.today ?? isoDateInChina(new Date());
  if (!isParameterKey(input.key)) return Promise.resolve(failure("key", "validation.settings.unknownKey"));
  const dateProblem = checkEffectiveFrom(input.effectiveFrom, today);
  if (dateProblem) return Promise.resolve(failure("effectiveFrom", dateProblem));
  const value = valueSchemaOf(input.key).safeParse(input.value);
  if (!value.success) {
    const message = value.error.issues[0]?.message ?? "";
    return Promise.resolve(
      failure("value", (message.startsWith("validation.") ? message : "validation.invalid") as MessageKey),
    );
  }
  const entry: OverrideEntry = { effectiveFrom: input.effectiveFrom, value: value.data };
  return changeSettings(scope, input.authorityId, {
    key: input.key,
    from: input.effectiveFrom,
    apply: (entries) => [...entries.filter((e) => e.effectiveFrom !== entry.effectiveFrom), entry].sort(byDate),
  });
}

/**
 * From `date` on, this authority stops overriding the key: its parent's value (or the default)
 * applies. Its own changes scheduled on or after that day are withdrawn with it.
 */
export function removeOverride(
  scope: DataScope,
  input: { authorityId: string; key: ParameterKey; effectiveFrom: IsoDate },
  options: ChangeOptions = {},
): Promise<SettingsChangeResult> {
  const today = options.today ?? isoDateInChina(new Date());
  if (!isParameterKey(input.key)) return Promise.resolve(failure("key", "validation.settings.unknownKey"));
  const dateProblem = checkEffectiveFrom(input.effectiveFrom, today);
  if (dateProblem) return Promise.resolve(failure("effectiveFrom", dateProblem));
  return changeSettings(scope, input.authorityId, {
    key: input.key,
    from: input.effectiveFrom,
    apply: (entries) => {
      const kept = entries.filter((e) => e.effectiveFrom < input.effectiveFrom);
      const before = entryOn(kept, previousDay(input.effectiveFrom));
      // Only an override in effect the day before needs ending; otherwise dropping is enough.
      return before && "value" in before ? [...kept, { effectiveFrom: input.effectiveFrom, inherit: true }] : kept;
    },
  });
}

/** Withdraws one change this authority scheduled for a day after today. */
export function cancelScheduledOverride(
  scope: DataScope,
  input: { authorityId: string; key: ParameterKey; effectiveFrom: IsoDate },
  options: ChangeOptions = {},
): Promise<SettingsChangeResult> {
  const today = options.today ?? isoDateInChina(new Date());
  if (!isParameterKey(input.key)) return Promise.resolve(failure("key", "validation.settings.unknownKey"));
  if (!isIsoDate(input.effectiveFrom)) return Promise.resolve(failure("effectiveFrom", "validation.settings.date"));
  // A change in effect today may already have been used; it can be replaced, not withdrawn.
  if (input.effectiveFrom <= today)
    return Promise.resolve(failure("effectiveFrom", "validation.settings.notScheduled"));
  return changeSettings(scope, input.authorityId, {
    key: input.key,
    from: input.effectiveFrom,
    apply: (entries) => entries.filter((e) => e.effectiveFrom !== input.effectiveFrom),
  });
}

function checkEffectiveFrom(date: IsoDate, today: IsoDate): MessageKey | null {
  if (!isIsoDate(date)) return "validation.settings.date";
  // Reports of past days were computed with the settings of those days: history stays as it was.
  if (date < today) return "validation.settings.pastDate";
  return null;
}

function byDate(a: OverrideEntry, b: OverrideEntry): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}

/** A leading "inherit" ends nothing: drop it so the stored form stays canonical. */
function withoutLeadingInherit(entries: OverrideEntry[]): OverrideEntry[] {
  const first = entries.findIndex((e) => "value" in e);
  return first === -1 ? [] : entries.slice(first);
}

function withEntries(settings: StoredSettings, key: ParameterKey, entries: OverrideEntry[]): StoredSettings {
  const overrides: Record<string, OverrideEntry[]> = { ...(settings.overrides as Record<string, OverrideEntry[]>) };
  if (entries.length === 0) delete overrides[key];
  else overrides[key] = entries;
  return { version: 1, overrides: overrides as StoredSettings["overrides"] };
}

type TreeRow = {
  id: string;
  parent_id: string | null;
  name: string;
  name_en: string;
  settings: unknown;
  below: boolean;
};

/** The authority's ancestors, itself and its descendants (for checks across the tree). */
async function loadTree(db: Db, authorityId: string): Promise<TreeRow[]> {
  return db.$queryRaw<TreeRow[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM authority WHERE id = ${authorityId}::uuid
      UNION ALL
      SELECT a.id, a.parent_id FROM authority a JOIN up ON a.id = up.parent_id
    ), down AS (
      SELECT id FROM authority WHERE parent_id = ${authorityId}::uuid
      UNION ALL
      SELECT a.id FROM authority a JOIN down ON a.parent_id = down.id
    )
    SELECT a.id::text, a.parent_id::text, a.name, a.name_en, a.settings, a.id IN (SELECT id FROM down) AS below
      FROM authority a WHERE a.id IN (SELECT id FROM up) OR a.id IN (SELECT id FROM down)`;
}

function changeSettings(scope: DataScope, authorityId: string, change: Change): Promise<SettingsChangeResult> {
  return inScope(scope, async (db) => {
    // Settings change rarely: one change at a time across all tenants, so the checks across the
    // tree below never race another authority's change (write skew between parent and child).
    await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tipei.authority_settings'))`;
    // FOR UPDATE: row-level security hides rows this scope may not update.
    const rows = await db.$queryRaw<{ settings: unknown }[]>`
      SELECT settings FROM authority WHERE id = ${authorityId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw new AuthorityNotWritableError(authorityId);
    const current = parseStoredSettings(authorityId, row.settings);
    const before = (current.overrides[change.key] ?? []) as OverrideEntry[];
    const after = withoutLeadingInherit(change.apply(before));
    if (JSON.stringify(after) === JSON.stringify(before)) return { ok: true, changed: false };

    const next = storedSettingsSchema.safeParse(withEntries(current, change.key, after));
    if (!next.success) {
      const message = next.error.issues[0]?.message ?? "";
      return failure("value", (message.startsWith("validation.") ? message : "validation.invalid") as MessageKey);
    }

    const tree = await loadTree(db, authorityId);
    const nodes: SettingsTreeNode[] = tree.map((t) => ({
      authorityId: t.id,
      parentId: t.parent_id,
      settings: t.id === authorityId ? next.data : parseStoredSettings(t.id, t.settings),
    }));
    const affected = [authorityId, ...tree.filter((t) => t.below).map((t) => t.id)];
    const conflict = orderConflicts(nodes, affected, change.key, change.from)[0];
    if (conflict) {
      const where = tree.find((t) => t.id === conflict.authorityId);
      return {
        ok: false,
        fieldErrors: { value: [conflict.rule.message] },
        formError: conflict.authorityId === authorityId ? undefined : "validation.settings.conflictBelow",
        conflict: {
          authorityId: conflict.authorityId,
          name: where?.name ?? "",
          nameEn: where?.name_en ?? "",
          date: conflict.date,
        },
      };
    }

    await db.authority.update({
      where: { id: authorityId },
      data: { settings: next.data as unknown as Prisma.InputJsonValue },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId,
      action: SETTING_CHANGED,
      entityType: "authority",
      entityId: authorityId,
      before: (before.length > 0 ? { [change.key]: before } : {}) as Prisma.InputJsonValue,
      after: (after.length > 0 ? { [change.key]: after } : {}) as Prisma.InputJsonValue,
    });
    // New parameters change grades and risk weights alike: the worker computes both again
    // for the whole jurisdiction once this commits.
    await evaluateJurisdictionSoon(db, authorityId);
    await scoreRiskTenantSoon(db, authorityId);
    return { ok: true, changed: true };
  });
}
