import {
  defaultValue,
  type IsoDate,
  PARAMETER_KEYS,
  type ParameterKey,
  type ParameterValue,
  type ParameterValues,
  RULES,
  type RuleCode,
  type SizeBand,
  switchOf,
} from "./parameters";
import {
  entryOn,
  type OrderRule,
  type OverrideEntry,
  orderHolds,
  orderRulesOf,
  type StoredSettings,
} from "./settings-schema";

/**
 * Resolving a tenant's settings on a day. Pure: give it the chain of stored overrides, the
 * authority itself first and then its ancestors up to the province, and a calendar day.
 *
 * For each parameter the nearest authority whose own entry in effect that day sets a value
 * wins; an authority with no entry in effect, or whose entry in effect ends its override
 * (`inherit`), passes the question to its parent; past the province, the default of
 * STANDARDS.md applies. A sibling's settings never take part: only the chain does.
 */

export type SettingsChainLink = { authorityId: string; settings: StoredSettings };

/** Where a resolved value comes from. */
export type SettingSource = { kind: "default" } | { kind: "authority"; authorityId: string };

export type ResolvedParameter<K extends ParameterKey = ParameterKey> = {
  key: K;
  value: ParameterValue<K>;
  source: SettingSource;
  /** The day the winning entry took effect; null for a default (in effect since always). */
  effectiveFrom: IsoDate | null;
};

function entriesOf<K extends ParameterKey>(link: SettingsChainLink, key: K): OverrideEntry<K>[] | undefined {
  return link.settings.overrides[key] as OverrideEntry<K>[] | undefined;
}

export function resolveParameter<K extends ParameterKey>(
  chain: readonly SettingsChainLink[],
  key: K,
  date: IsoDate,
): ResolvedParameter<K> {
  for (const link of chain) {
    const entry = entryOn(entriesOf(link, key), date);
    if (entry && "value" in entry) {
      return {
        key,
        value: entry.value,
        source: { kind: "authority", authorityId: link.authorityId },
        effectiveFrom: entry.effectiveFrom,
      };
    }
  }
  return { key, value: defaultValue(key), source: { kind: "default" }, effectiveFrom: null };
}

/** Every parameter of one authority on one day, typed by key. */
export class ResolvedSettings {
  readonly #byKey: ReadonlyMap<ParameterKey, ResolvedParameter>;

  constructor(
    readonly date: IsoDate,
    parameters: readonly ResolvedParameter[],
  ) {
    this.#byKey = new Map(parameters.map((p) => [p.key, p]));
  }

  /** The value in effect: `get("FEE-03.maxAmountFen")` is a number of fen. */
  get<K extends ParameterKey>(key: K): ParameterValue<K> {
    return this.parameter(key).value;
  }

  /** The value with where it comes from and since when. */
  parameter<K extends ParameterKey>(key: K): ResolvedParameter<K> {
    const found = this.#byKey.get(key);
    if (!found) throw new Error(`Unknown parameter ${key}`);
    return found as ResolvedParameter<K>;
  }

  /** Whether a rule applies: mandatory rules always do; optional ones follow their switch. */
  isRuleOn(rule: RuleCode): boolean {
    const switchKey = switchOf(rule);
    if (RULES[rule].applicability === "mandatory" || switchKey === null) return true;
    return this.get(switchKey) === true;
  }

  values(): ParameterValues {
    return Object.fromEntries(PARAMETER_KEYS.map((key) => [key, this.get(key)])) as ParameterValues;
  }

  /** Every parameter with its source: what a report stores as the parameters it was computed with. */
  toJSON(): { date: IsoDate; parameters: ResolvedParameter[] } {
    return { date: this.date, parameters: PARAMETER_KEYS.map((key) => this.parameter(key)) };
  }
}

export function resolveSettings(chain: readonly SettingsChainLink[], date: IsoDate): ResolvedSettings {
  return new ResolvedSettings(
    date,
    PARAMETER_KEYS.map((key) => resolveParameter(chain, key, date)),
  );
}

/** The fund-warning size band of an institution by its number of active enrollments. */
export function sizeBandOf(settings: ResolvedSettings, activeEnrollments: number): SizeBand {
  if (activeEnrollments <= settings.get("WARN.smallMaxEnrollments")) return "small";
  if (activeEnrollments <= settings.get("WARN.mediumMaxEnrollments")) return "medium";
  return "large";
}

/** The fund-warning thresholds of a size band. */
export function warningThresholds(settings: ResolvedSettings, band: SizeBand) {
  return {
    periodDays: settings.get("WARN.outflowPeriodDays"),
    yellow: {
      balanceBelowPercent: settings.get(`WARN.${band}.yellowBalancePercent`),
      outflowAboveFen: settings.get(`WARN.${band}.yellowOutflowFen`),
    },
    red: {
      balanceBelowPercent: settings.get(`WARN.${band}.redBalancePercent`),
      outflowAboveFen: settings.get(`WARN.${band}.redOutflowFen`),
    },
  };
}

function sameResolution(a: ResolvedParameter, b: ResolvedParameter): boolean {
  const sameSource =
    a.source.kind === b.source.kind &&
    (a.source.kind === "default" || (b.source.kind === "authority" && a.source.authorityId === b.source.authorityId));
  return sameSource && JSON.stringify(a.value) === JSON.stringify(b.value);
}

/** The days after `after` on which some authority of the chain has an entry for `key`. */
function entryDaysAfter(chain: readonly SettingsChainLink[], keys: readonly ParameterKey[], after: IsoDate) {
  const days = new Set<IsoDate>();
  for (const link of chain)
    for (const key of keys)
      for (const entry of entriesOf(link, key) ?? []) if (entry.effectiveFrom > after) days.add(entry.effectiveFrom);
  return [...days].sort();
}

/** A change of the resolved value (or of its source) on a later day. */
export type ScheduledChange<K extends ParameterKey = ParameterKey> = {
  /** The day the change happens (the winning entry itself may be dated earlier). */
  date: IsoDate;
  parameter: ResolvedParameter<K>;
};

/**
 * Changes already scheduled after `after` (usually today): each day on which the resolved value
 * or its source changes, whichever authority of the chain scheduled it.
 */
export function upcomingChanges<K extends ParameterKey>(
  chain: readonly SettingsChainLink[],
  key: K,
  after: IsoDate,
): ScheduledChange<K>[] {
  const changes: ScheduledChange<K>[] = [];
  let previous = resolveParameter(chain, key, after);
  for (const day of entryDaysAfter(chain, [key], after)) {
    const next = resolveParameter(chain, key, day);
    if (!sameResolution(previous, next)) changes.push({ date: day, parameter: next });
    previous = next;
  }
  return changes;
}

/** An authority of a subtree with the link to its parent, for checks across the tree. */
export type SettingsTreeNode = { authorityId: string; parentId: string | null; settings: StoredSettings };

export type OrderConflict = { authorityId: string; date: IsoDate; rule: OrderRule };

/**
 * The order rules involving `key` that some authority breaks on or after `from`, for each of
 * `authorityIds` resolved through `nodes` (which must hold them and all their ancestors).
 * Used before saving a change, with the changed authority's settings already replaced, so a
 * parent cannot push a child's minimum above its maximum, nor a child its own.
 */
export function orderConflicts(
  nodes: readonly SettingsTreeNode[],
  authorityIds: readonly string[],
  key: ParameterKey,
  from: IsoDate,
): OrderConflict[] {
  const rules = orderRulesOf(key);
  if (rules.length === 0) return [];
  const byId = new Map(nodes.map((n) => [n.authorityId, n]));
  const chainOf = (id: string): SettingsChainLink[] => {
    const chain: SettingsChainLink[] = [];
    for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined)
      chain.push({ authorityId: node.authorityId, settings: node.settings });
    return chain;
  };
  const conflicts: OrderConflict[] = [];
  for (const id of authorityIds) {
    const chain = chainOf(id);
    for (const rule of rules) {
      const days = [from, ...entryDaysAfter(chain, [rule.lower, rule.upper], from)];
      const broken = days.find(
        (day) =>
          !orderHolds(
            rule,
            resolveParameter(chain, rule.lower, day).value,
            resolveParameter(chain, rule.upper, day).value,
          ),
      );
      if (broken) conflicts.push({ authorityId: id, date: broken, rule });
    }
  }
  return conflicts;
}
