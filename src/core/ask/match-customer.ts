// Finds the customer a person means by a name they typed: exact name or alias, prefix/substring
// (华星 → 华星科技), pinyin full or initials (huaxing, hxkj), homophones, and typos for Latin names
// (acmee → ACME Corp). Build the index once per book; each question then scans flat arrays.
import { pinyin } from 'pinyin-pro';
import type { Customer } from '../team.js';
import {
  allowedEdits, bigrams, boundedDistance, coreName, compactName, hasCjk, isLegalFormOnly, isSubsequence,
} from './name-folding.js';

/** Anything with an id and a name (customers, and members for "李伟的客户"). */
export interface NamedRecord {
  id: number;
  name: string;
  aliases?: readonly string[];
}

interface IndexKey {
  id: number;
  compact: string;
  core: string;
  /** Space-separated words of the name, compacted ("acme", "corp"). */
  words: readonly string[];
  py: string;
  pyInitials: string;
  latin: boolean;
}

/** A prebuilt matching index over one book of customers (or any named records). */
export interface CustomerIndex<T extends NamedRecord = Customer> {
  readonly records: ReadonlyMap<number, T>;
  readonly keys: readonly IndexKey[];
  /** compact or core form → ids, for the exact fast path. */
  readonly exact: ReadonlyMap<string, readonly number[]>;
  /** bigram → positions in `keys`; built on the first "did you mean" and kept. */
  grams?: { postings: Map<string, number[]>; sizes: Int32Array };
}

export type MatchResult<T extends NamedRecord = Customer> =
  | { kind: 'one'; customer: T }
  /** Ranked best first. */
  | { kind: 'many'; candidates: T[] }
  /** Loosely similar names, best first; may be empty. */
  | { kind: 'none'; suggestions: T[] };

/** Full pinyin and initials of a name with Chinese characters ("华星科技" → huaxingkeji / hxkj); empty when none. */
export function pinyinForms(s: string): { full: string; initials: string } {
  if (!hasCjk(s)) return { full: '', initials: '' };
  const syllables = pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  let full = '';
  let initials = '';
  for (const syl of syllables) {
    const c = compactName(syl);
    if (!c) continue;
    full += c;
    initials += c[0];
  }
  return { full, initials };
}

const LATIN = /^[a-z0-9]+$/;
const MAX_CANDIDATES = 8;
const MAX_SUGGESTIONS = 5;
const MIN_SCORE = 50;
/** A lone best match wins when the runner-up trails it by at least this much. */
const CLEAR_LEAD = 10;

/** Builds the matching index: O(names) with one pinyin conversion per Chinese name. */
export function buildCustomerIndex<T extends NamedRecord>(records: readonly T[]): CustomerIndex<T> {
  const byId = new Map<number, T>();
  const keys: IndexKey[] = [];
  const exact = new Map<string, number[]>();
  const addExact = (form: string, id: number) => {
    if (!form) return;
    const ids = exact.get(form);
    if (!ids) exact.set(form, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };
  for (const r of records) {
    if (!r || typeof r.name !== 'string') continue;
    byId.set(r.id, r);
    const names = [r.name, ...(Array.isArray(r.aliases) ? r.aliases : [])].filter((n) => typeof n === 'string' && n.trim());
    for (const name of names) {
      const compact = compactName(name);
      if (!compact) continue;
      const core = coreName(name);
      const { full, initials } = pinyinForms(core);
      const words = name.normalize('NFKC').toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
      keys.push({ id: r.id, compact, core, words, py: full, pyInitials: initials, latin: LATIN.test(compact) });
      // The whole name in pinyin too when a suffix was dropped (huaxingjituan, hxjt for 华星集团).
      if (core !== compact && hasCjk(compact)) {
        const whole = pinyinForms(compact);
        if (whole.full && whole.full !== full) keys.push({ id: r.id, compact, core, words, py: whole.full, pyInitials: whole.initials, latin: false });
      }
      addExact(compact, r.id);
      addExact(core, r.id);
    }
  }
  return { records: byId, keys, exact };
}

const indexCache = new WeakMap<readonly NamedRecord[], CustomerIndex<NamedRecord>>();

function indexOf<T extends NamedRecord>(source: readonly T[] | CustomerIndex<T>): CustomerIndex<T> {
  if (!Array.isArray(source)) return source as CustomerIndex<T>;
  const list = source as readonly T[];
  let idx = indexCache.get(list) as CustomerIndex<T> | undefined;
  if (!idx) {
    idx = buildCustomerIndex(list);
    indexCache.set(list, idx as unknown as CustomerIndex<NamedRecord>);
  }
  return idx;
}

interface QueryForms {
  compact: string;
  core: string;
  words: readonly string[];
  latin: boolean;
  py: string;
}

const wordsOf = (s: string) => s.normalize('NFKC').toLowerCase().split(/[\s\p{P}\p{S}]+/u).filter(Boolean);

/** Typo distance, skipped cheaply when neither of the first two letters lines up. */
function typoDistance(a: string, b: string, max: number): number {
  if (a[0] !== b[0] && a[1] !== b[1] && a[0] !== b[1] && a[1] !== b[0]) return max + 1;
  return boundedDistance(a, b, max);
}

/** "globex intl" → "Globex International Holdings": each typed word abbreviates the next name word. */
function abbreviatesWords(typed: readonly string[], words: readonly string[]): boolean {
  let j = 0;
  for (const w of typed) {
    while (j < words.length && !(words[j]![0] === w[0] && isSubsequence(w, words[j]!))) j++;
    if (j === words.length) return false;
    j++;
  }
  return true;
}

/** How well one index key matches the query, 0 (not at all) to 100 (exact name). */
function scoreKey(q: QueryForms, k: IndexKey): number {
  if (k.compact === q.compact) return 100;
  if (k.core === q.core) return 95;
  let best = 0;
  const len = q.compact.length;
  if (q.latin) {
    if (k.py && k.py === q.compact) return 93;
    if (len >= 2 && k.pyInitials === q.compact) return 90;
  } else if (q.py && k.py === q.py) {
    best = 85; // sounds the same: 华兴科技 for 华星科技
  } else if (q.py && k.latin && (k.compact === q.py || k.core === q.py)) {
    best = 85; // written in the other script: 李伟 for Li Wei
  }
  if (k.compact.startsWith(q.compact) || k.core.startsWith(q.core)) best = Math.max(best, 80);
  // Inside a name: two Chinese characters say a lot, two Latin letters ("co" in "Acme Corp") nothing.
  else if (len >= (q.latin ? 4 : 2) && k.compact.includes(q.compact)) best = Math.max(best, 70);
  if (!q.latin) {
    // Chinese short forms keep the order of characters: 深圳腾达 → 深圳市腾达电子有限公司.
    if (best < 65 && len >= 2 && isSubsequence(q.compact, k.compact)) best = 65;
    if (best < 58 && len >= 3 && boundedDistance(q.core, k.core, 1) <= 1) best = 58; // one wrong character
    return best;
  }
  if (k.words.includes(q.compact)) best = Math.max(best, 78);
  if (q.words.length >= 2 && best < 66 && k.latin && abbreviatesWords(q.words, k.words)) best = 66;
  if (k.py) {
    if (len >= 3 && k.py.startsWith(q.compact)) best = Math.max(best, 76);
    else if (len >= 4 && k.py.includes(q.compact)) best = Math.max(best, 66);
    if (len >= 2 && k.pyInitials.startsWith(q.compact)) best = Math.max(best, 62);
    if (len >= 6 && best < 55 && typoDistance(q.compact, k.py, 1) <= 1) best = 55;
  }
  const max = allowedEdits(len);
  if (max > 0 && best < 64 && k.latin) {
    // A typo in the whole name counts more than a typo in one of its words.
    const d = Math.min(typoDistance(q.compact, k.core, max), typoDistance(q.compact, k.compact, max));
    if (d <= max) best = Math.max(best, 72 - 8 * d);
    else {
      for (const w of k.words) {
        if (typoDistance(q.compact, w, 1) <= 1) {
          best = Math.max(best, 52);
          break;
        }
      }
    }
  }
  return best;
}

/** Matches what someone typed against a book of customers (or a prebuilt index). Never throws. */
export function matchCustomer<T extends NamedRecord = Customer>(
  query: string,
  customers: readonly T[] | CustomerIndex<T>,
): MatchResult<T> {
  try {
    return match(query, indexOf(customers));
  } catch {
    return { kind: 'none', suggestions: [] };
  }
}

function match<T extends NamedRecord>(query: string, idx: CustomerIndex<T>): MatchResult<T> {
  const compact = typeof query === 'string' ? compactName(query.slice(0, 200)) : '';
  // Nothing, or only "Co" / "Corp" / "有限公司" left of the question: that names no one in particular.
  if (!compact || isLegalFormOnly(compact)) return { kind: 'none', suggestions: [] };
  const core = coreName(query.slice(0, 200));
  const pick = (ids: readonly number[]) => ids.map((id) => idx.records.get(id)).filter((r): r is T => r !== undefined);

  // Fast path: an exact name or alias.
  const exactIds = idx.exact.get(compact);
  if (exactIds?.length === 1) return { kind: 'one', customer: pick(exactIds)[0] as T };

  const q: QueryForms = {
    compact, core, words: wordsOf(query.slice(0, 200)), latin: LATIN.test(compact), py: hasCjk(core) ? pinyinForms(core).full : '',
  };
  const best = new Map<number, number>();
  for (const k of idx.keys) {
    const s = scoreKey(q, k);
    if (s >= MIN_SCORE && s > (best.get(k.id) ?? 0)) best.set(k.id, s);
  }
  const ranked = [...best.entries()]
    .map(([id, score]) => ({ record: idx.records.get(id), score }))
    .filter((r): r is { record: T; score: number } => r.record !== undefined)
    .sort((a, b) => b.score - a.score || a.record.name.length - b.record.name.length || a.record.id - b.record.id);

  const top = ranked[0];
  if (!top) return { kind: 'none', suggestions: suggest(q, idx) };
  const second = ranked[1];
  const unique = !second || second.score < top.score;
  // An exact name (or name without its legal suffix) beats looser matches outright.
  if (unique && (top.score >= 95 || !second || second.score <= top.score - CLEAR_LEAD)) {
    return { kind: 'one', customer: top.record };
  }
  const floor = Math.max(MIN_SCORE, top.score - 20);
  return { kind: 'many', candidates: ranked.filter((r) => r.score >= floor).slice(0, MAX_CANDIDATES).map((r) => r.record) };
}

function gramIndex(idx: CustomerIndex<NamedRecord>): NonNullable<CustomerIndex['grams']> {
  if (idx.grams) return idx.grams;
  const postings = new Map<string, number[]>();
  const sizes = new Int32Array(idx.keys.length);
  idx.keys.forEach((k, pos) => {
    const own = new Set([...bigrams(k.compact), ...bigrams(k.py)]);
    sizes[pos] = own.size;
    for (const g of own) {
      const list = postings.get(g);
      if (list) list.push(pos);
      else postings.set(g, [pos]);
    }
  });
  idx.grams = { postings, sizes };
  return idx.grams;
}

/** Names sharing many character pairs with the query (in writing or in pinyin), for "did you mean …". */
function suggest<T extends NamedRecord>(q: QueryForms, idx: CustomerIndex<T>): T[] {
  const { postings, sizes } = gramIndex(idx as unknown as CustomerIndex<NamedRecord>);
  const qGrams = new Set([...bigrams(q.compact), ...bigrams(q.latin ? '' : q.py)]);
  if (qGrams.size === 0) return [];
  const hits = new Map<number, number>();
  for (const g of qGrams) for (const pos of postings.get(g) ?? []) hits.set(pos, (hits.get(pos) ?? 0) + 1);
  const best = new Map<number, number>();
  for (const [pos, shared] of hits) {
    const k = idx.keys[pos];
    if (!k) continue;
    const sim = (2 * shared) / (qGrams.size + (sizes[pos] ?? 0));
    if (sim >= 0.3 && sim > (best.get(k.id) ?? 0)) best.set(k.id, sim);
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_SUGGESTIONS)
    .map(([id]) => idx.records.get(id))
    .filter((r): r is T => r !== undefined);
}
