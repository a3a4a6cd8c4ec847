// Runs a list question over a team's customers: filters, sorting, the row cap, and the rows' key facts.
import type { LocalizedText } from '../i18n.js';
import { normalizeName, type Customer, type Member } from '../team.js';
import { DIMENSIONS, isBuiltInTag, TAG_OF_DIMENSION, type CustomerScore, type Dimension, type Tag, type TagId } from '../customer-risk/types.js';
import type { CustomerRow, LatestEntry, PersonRef } from './answer.types.js';
import type { Change, ListFilters, ListSort, Question } from './parse-question.js';
import { INDUSTRIES, REGIONS } from './vocabulary.js';

/** Rows shown when the question gives no "top N". */
export const DEFAULT_LIST_ROWS = 20;

const DIMENSION_OF_TAG = Object.fromEntries(DIMENSIONS.map((d) => [TAG_OF_DIMENSION[d], d])) as Record<Tag, Dimension>;

/** Lookups built once per answer. */
export interface Lookup {
  scores: ReadonlyMap<number, CustomerScore>;
  entries: ReadonlyMap<number, LatestEntry>;
  members: ReadonlyMap<number, Member>;
}

export const personRef = (m: Member | undefined | null): PersonRef | null =>
  m ? { id: m.id, name: m.name, identities: m.identities } : null;

/** Overdue days from the latest entry, else from the payment dimension's facts. */
export function overdueDaysOf(customerId: number, look: Lookup): number | null {
  const v = look.entries.get(customerId)?.values?.overdueDays;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const f = look.scores.get(customerId)?.dimensions?.payment?.facts?.overdueDays;
  return typeof f === 'number' && Number.isFinite(f) ? f : null;
}

/** The row for one customer; `focus` picks which reason to quote. */
export function rowOf(c: Customer, look: Lookup, focus: readonly TagId[] = []): CustomerRow {
  const s = look.scores.get(c.id);
  let keyFact: LocalizedText | null = null;
  if (s) {
    for (const tag of focus) {
      // A custom tag's reason sits beside it (reasons follow the order of tags).
      const reason = isBuiltInTag(tag) ? s.dimensions?.[DIMENSION_OF_TAG[tag]]?.reason : s.tags.includes(tag) ? s.reasons?.[s.tags.indexOf(tag)] : null;
      if (reason) {
        keyFact = reason;
        break;
      }
    }
    keyFact ??= s.reasons?.[0] ?? null;
  }
  return {
    customerId: c.id, name: c.name, index: s ? s.index : null, grade: s?.grade ?? null, delta: s?.delta ?? null,
    tags: s ? [...s.tags] : [], overdueDays: overdueDaysOf(c.id, look), keyFact, region: c.region,
    rep: personRef(c.ownerRepId === null ? null : look.members.get(c.ownerRepId)),
  };
}

/** Stored value equals the asked one, allowing synonyms (East = 华东 = eastern). */
function sameValue(asked: string, stored: string | null, groups: ReadonlyArray<{ value: string; synonyms: readonly string[] }>): boolean {
  if (!stored) return false;
  const a = normalizeName(asked);
  const s = normalizeName(stored);
  if (a === s) return true;
  const group = groups.find((g) => normalizeName(g.value) === a || g.synonyms.includes(a));
  return group !== undefined && (normalizeName(group.value) === s || group.synonyms.includes(s));
}

function byIndex(a: CustomerRow, b: CustomerRow): number {
  return (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name);
}
function byRise(a: CustomerRow, b: CustomerRow): number {
  return (b.delta ?? -Infinity) - (a.delta ?? -Infinity) || byIndex(a, b);
}
function byDrop(a: CustomerRow, b: CustomerRow): number {
  return (a.delta ?? Infinity) - (b.delta ?? Infinity) || byIndex(a, b);
}
/** Index change from the baseline week; null when either week has no score. */
function deltaOf(id: number, look: Lookup, base: Baseline): number | null {
  const now = look.scores.get(id);
  const before = base.get(id);
  return now && before ? now.index - before.index : null;
}
const nowOf = (id: number, look: Lookup): Pick<CustomerRow, 'index' | 'grade'> => {
  const s = look.scores.get(id);
  return { index: s ? s.index : null, grade: s?.grade ?? null };
};
function byOverdue(a: CustomerRow, b: CustomerRow): number {
  return (b.overdueDays ?? -1) - (a.overdueDays ?? -1) || byIndex(a, b);
}

export interface ListResult {
  total: number;
  rows: CustomerRow[];
  notes: LocalizedText[];
}

/** Scores of the week a change is measured from, by customer id. */
export type Baseline = ReadonlyMap<number, CustomerScore>;

/** Whether a customer moved as asked between the baseline and the week asked about. */
function moved(change: Change, now: CustomerScore | undefined, before: CustomerScore | undefined): boolean {
  const flaggedNow = now?.grade != null;
  const flaggedBefore = before?.grade != null;
  switch (change) {
    case 'new':
      return flaggedNow && !flaggedBefore;
    case 'recovered':
      return flaggedBefore && !flaggedNow;
    case 'worse':
      return now !== undefined && before !== undefined && now.index > before.index;
    case 'better':
      return now !== undefined && before !== undefined && now.index < before.index;
    default:
      return false;
  }
}

/** Applies a list question to the customers the asker may see. */
export function runList(
  q: Extract<Question, { kind: 'list' }>, visible: readonly Customer[], look: Lookup, askerId: number | null,
  opts: { repIds?: ReadonlySet<number>; baseline?: Baseline; change?: Change | null } = {},
): ListResult {
  const f: ListFilters = q.filters ?? {};
  const notes: LocalizedText[] = [];
  let pool = visible;

  if (f.mine) pool = pool.filter((c) => askerId !== null && c.ownerRepId === askerId);
  if (opts.repIds) {
    const ids = opts.repIds;
    pool = pool.filter((c) => c.ownerRepId !== null && ids.has(c.ownerRepId));
  }
  if (f.tier) pool = pool.filter((c) => c.tier === f.tier);
  if (f.region) {
    const region = f.region;
    const inRegion = pool.filter((c) => sameValue(region, c.region, REGIONS));
    // "customers in software": an unknown place may really be an industry.
    const inIndustry = inRegion.length === 0 && !f.industry ? pool.filter((c) => sameValue(region, c.industry, INDUSTRIES)) : [];
    pool = inIndustry.length > 0 ? inIndustry : inRegion;
  }
  if (f.industry) {
    const industry = f.industry;
    pool = pool.filter((c) => sameValue(industry, c.industry, INDUSTRIES));
  }

  const min = f.minOverdueDays;
  const tags = f.tags ?? [];
  const change = opts.change ?? null;
  const base = opts.baseline;
  if (change && base) pool = pool.filter((c) => moved(change, look.scores.get(c.id), base.get(c.id)));
  // Recovered customers are described as they were when flagged: their grade and problems then.
  const filterLook: Lookup = change === 'recovered' && base ? { ...look, scores: base } : look;
  let rows = pool.map((c) => rowOf(c, filterLook, min !== undefined ? ['overdue', ...tags] : tags));
  if (min !== undefined) rows = rows.filter((r) => r.overdueDays !== null && r.overdueDays >= min);
  // With a day threshold the number itself answers "overdue"; other tags come from the scorer.
  const tagFilter = min !== undefined ? tags.filter((t) => t !== 'overdue') : tags;
  if (tagFilter.length > 0) rows = rows.filter((r) => tagFilter.some((t) => r.tags.includes(t)));
  if (f.grade) rows = rows.filter((r) => r.grade === f.grade);
  if (f.flagged) rows = rows.filter((r) => r.grade !== null);

  if (change === 'recovered') rows = rows.map((r) => ({ ...r, ...nowOf(r.customerId, look) }));
  if (base) rows = rows.map((r) => ({ ...r, delta: deltaOf(r.customerId, look, base) }));
  const sort: ListSort = q.sort ?? 'index';
  rows.sort(sort === 'overdueDays' ? byOverdue : sort === 'rise' ? byRise : sort === 'drop' ? byDrop : byIndex);
  const cap = typeof q.limit === 'number' && q.limit > 0 ? Math.min(q.limit, 200) : DEFAULT_LIST_ROWS;
  return { total: rows.length, rows: rows.slice(0, cap), notes };
}
