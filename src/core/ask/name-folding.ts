// Folded forms of a name for fuzzy matching: compact (no spaces/punctuation), core (no legal suffix
// like 有限公司 / Corp), edit distance and bigram helpers. Pinyin lives in match-customer.ts (the only
// core file allowed to use pinyin-pro).
import { normalizeName } from '../team.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Lower case, width-folded, without spaces, punctuation or symbols: "ACME Corp." → "acmecorp". */
export function compactName(s: string): string {
  return normalizeName(s).replace(/[\s\p{P}\p{S}]+/gu, '');
}

const ZH_SUFFIX = /(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|集团|公司)$/;
const EN_SUFFIX = /[\s,]+(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|company|gmbh|plc|group|holdings?|s\.?a|ag)\.?$/i;

/** The distinctive part of a company name: "华星科技（上海）有限公司" → "华星科技", "ACME Corp" → "acme". */
export function coreName(s: string): string {
  let t = normalizeName(s).replace(/[(（][^)）]*[)）]/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    const next = t.replace(ZH_SUFFIX, '').replace(EN_SUFFIX, '').trim();
    if (next === t) break;
    t = next;
  }
  const core = compactName(t);
  return core.length > 0 ? core : compactName(s);
}

const LEGAL_FORM_ONLY = /^(?:inc|incorporated|ltd|limited|llc|corp|corporation|co|company|gmbh|plc|group|holdings?|sa|ag|股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|集团|公司)$/;

/** "Corp", "Co.", "有限公司": only a legal form, which names no customer on its own. */
export const isLegalFormOnly = (s: string): boolean => LEGAL_FORM_ONLY.test(compactName(s));

export const hasCjk = (s: string): boolean => CJK.test(s);

/** Edits allowed for a Latin word of this length (typos in "acmee", "globx"). */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

// Scratch rows reused across calls: matching scans tens of thousands of names per question.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment distance, or `max + 1` as soon as it must exceed `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, max + 1);
}

/** Whether every character of `needle` appears in `hay` in order ("深圳腾达" in "深圳市腾达电子"). */
export function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}

/** Character bigrams (one gram for a one-character string). */
export function bigrams(s: string): string[] {
  if (s.length === 1) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams (single characters for one-letter strings): 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    if (s.length === 1) m.set(s, 1);
    for (let i = 0; i < s.length - 1; i++) {
      const g = s.slice(i, i + 2);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let inter = 0;
  let total = 0;
  for (const [g, c] of ga) {
    inter += Math.min(c, gb.get(g) ?? 0);
    total += c;
  }
  for (const c of gb.values()) total += c;
  return total === 0 ? 0 : (2 * inter) / total;
}
