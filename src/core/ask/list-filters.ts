// Pulls list filters out of a cleaned question: problem types, grade, region, industry, overdue days,
// top N, a rep's name. Says whether the question clearly asks for a list ("strong") and what is left
// over once every recognised phrase is removed (so "华东电力" stays a customer name, "华东客户" a list).
import type { Grade, Tag, Tier } from '../customer-risk/types.js';
import { EN_NUMBER_SOURCE, ZH_NUMERAL_CHARS, parseAnyNumber } from './numerals.js';
import { FLAGGED_WORDS, INDUSTRIES, LIST_WORDS, MINE_WORDS, REGIONS, TAG_PATTERNS } from './vocabulary.js';

/** Filters of a list question. All present filters must hold (AND); several tags match any of them (OR). */
export interface ListFilters {
  tags?: Tag[];
  grade?: Grade;
  /** Only customers graded A or B ("red flags", "问题客户"). */
  flagged?: boolean;
  /** Region as stored in the data ("East"); Chinese region words are mapped (华东 → East). */
  region?: string;
  industry?: string;
  tier?: Tier;
  /** Inclusive lower bound on overdue days: "超过30天" → 31, "30天以上" / "30+ days" → 30. */
  minOverdueDays?: number;
  /** A rep's name as typed ("李伟的客户", "customers of Li Wei"). */
  rep?: string;
  /** The asker's own customers ("我的客户", "my customers"). */
  mine?: boolean;
}

export interface ListFeatures {
  filters: ListFilters;
  limit?: number;
  /** The question clearly asks for a list. */
  strong: boolean;
  /** It mentions region/industry only. */
  weak: boolean;
  /** What remains after removing every recognised phrase, list words and glue words. */
  residue: string;
}

const N = `(\\d+|[${ZH_NUMERAL_CHARS}]+|${EN_NUMBER_SOURCE})`;
const num = (s: string | undefined): number | null => (s === undefined ? null : parseAnyNumber(s));

const TOP_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\btop\\s*${N}?`, 'i'),
  new RegExp(`前\\s*${N}\\s*(?:名|个|家|位)?`, 'i'),
  new RegExp(`(?:风险)?(?:最高|最大|最危险|最严重|最差)的?\\s*${N}\\s*(?:个|家|名|位)`, 'i'),
  new RegExp(`${N}\\s*(?:个|家|名|位)\\s*(?:风险)?(?:最高|最大|最危险|最严重|最差)`, 'i'),
  new RegExp(`\\b(?:first|worst|riskiest|highest[- ]risk)\\s+${N}\\b`, 'i'),
  new RegExp(`\\b${N}\\s+(?:riskiest|worst|highest[- ]risk|most risky|biggest risks?)\\b`, 'i'),
];
const TOP_WORDS = /风险最高|风险最大|最高风险|最危险|最严重|风险排名|排名|\btop\b|\briskiest\b|\bhighest[- ]risk\b|\bmost risky\b|\bworst\b|\bbiggest risks?\b/i;
const DEFAULT_TOP = 10;

const STRICT = '(?:超过|大于|多于|高于|超|>|\\bmore than|\\bover|\\babove|\\bgreater than|\\blonger than|\\bbeyond)';
const INCLUSIVE = '(?:>=|≥|至少|不少于|不低于|满|\\bat least|\\bmin(?:imum)?)';
const DAYS = '(?:天|日|\\s*days?\\b|\\s*d\\b)';
const MONTHS = '(?:个月|\\s*months?\\b)';

/** Overdue threshold as an inclusive minimum, or null. */
function overdueThreshold(t: string): { min: number; match: string } | null {
  const tries: Array<[RegExp, (n: number) => number]> = [
    [new RegExp(`${STRICT}\\s*${N}\\s*${MONTHS}`, 'i'), (n) => n * 30 + 1],
    [new RegExp(`${STRICT}\\s*(?:a|one)\\s+month\\b`, 'i'), () => 31],
    [new RegExp(`${STRICT}\\s*${N}\\s*${DAYS}`, 'i'), (n) => n + 1],
    [new RegExp(`${INCLUSIVE}\\s*${N}\\s*${DAYS}`, 'i'), (n) => n],
    [new RegExp(`${N}\\s*${DAYS}?\\s*(?:以上|及以上|或以上|之上|\\+|or more|and (?:over|up|more)|plus)`, 'i'), (n) => n],
    [new RegExp(`${N}\\s*${MONTHS}\\s*(?:以上|及以上|或以上|\\+|or more)?`, 'i'), (n) => n * 30],
    [new RegExp(`(?:逾期|overdue|past due|late)\\s*(?:by\\s*)?${N}\\s*${DAYS}`, 'i'), (n) => n],
    [new RegExp(`${N}\\s*${DAYS}\\s*(?:overdue|past due|late|逾期)`, 'i'), (n) => n],
  ];
  for (const [re, toMin] of tries) {
    const m = re.exec(t);
    const n = m ? (m[1] === undefined ? 1 : num(m[1])) : null;
    if (m && n !== null && n >= 0 && n < 100_000) return { min: toMin(n), match: m[0] };
  }
  return null;
}

function gradeOf(t: string): { grades: Set<Grade>; matches: string[] } {
  const grades = new Set<Grade>();
  const matches: string[] = [];
  const res = [/\b(?:grade|class|level)[- ]?([ab])\b/gi, /\b([ab])[- ]?(?:grade|graded|class|level)\b/gi, /(?<![a-z])([ab])\s*(?:级|类|档|等)/gi];
  for (const re of res) {
    for (const m of t.matchAll(re)) {
      grades.add((m[1] ?? 'a').toUpperCase() as Grade);
      matches.push(m[0]);
    }
  }
  return { grades, matches };
}

const REP_ZH = /^([\u4e00-\u9fff·]{2,4}?|[a-z][a-z .'-]{1,30}?)\s*(?:负责|跟进|名下)?的(?=.*客户)/i;
const REP_EN = [/\b(?:customers|accounts|clients)\s+(?:of|owned by|for|handled by|managed by|by)\s+(?:rep\s+)?([a-z][a-z .'-]{1,30})$/i, /^([a-z][a-z .-]{1,30}?)'s\s+(?:.*\s)?(?:customers|accounts|clients)\b/i];
const NOT_A_REP = /^(?:我|我们|谁|他|她|the|my|our|all|which|what|who|east|west|north|south)$/i;

function repOf(t: string): { rep: string; match: string } | null {
  const candidates: Array<[string | undefined, string]> = [];
  const zh = REP_ZH.exec(t);
  if (zh) candidates.push([zh[1], zh[0]]);
  for (const re of REP_EN) {
    const m = re.exec(t);
    if (m) candidates.push([m[1], m[0]]);
  }
  for (const [raw, match] of candidates) {
    const rep = (raw ?? '').trim();
    if (!rep || NOT_A_REP.test(rep) || /\d/.test(rep)) continue;
    // A "rep" that is really a filter phrase ("逾期超过30天的客户", "华东的客户") is not a rep.
    if (TAG_PATTERNS.some((p) => p.re.test(rep)) || REGIONS.some((r) => r.re.test(rep)) || INDUSTRIES.some((i) => i.re.test(rep))) continue;
    if (gradeOf(rep).grades.size > 0 || FLAGGED_WORDS.test(rep) || TOP_WORDS.test(rep) || /所有|全部|哪些|重点|大客户/.test(rep)) continue;
    return { rep, match };
  }
  return null;
}

const GLUE = /客户|\b(?:customers?|accounts?|clients?|in|the|of|with|and|or|all|are|is|region|area|industry|sector|who|which|what|me)\b|行业|地区|区域|的|和|与|及|在|有|哪些|所有|全部|列表|清单|名单/gi;

/** Every filter the question mentions, plus how sure we are it asks for a list. */
export function extractListFeatures(t: string): ListFeatures {
  const filters: ListFilters = {};
  let rest = t;
  const cut = (s: string) => {
    if (s) rest = rest.replace(s, ' ');
  };

  const rep = repOf(t);
  if (rep) {
    filters.rep = rep.rep;
    cut(rep.match);
  }
  if (MINE_WORDS.test(t)) {
    filters.mine = true;
    rest = rest.replace(MINE_WORDS, ' ');
  }

  const tags = TAG_PATTERNS.filter((p) => p.re.test(t)).map((p) => p.tag);
  if (tags.length > 0) filters.tags = tags;
  for (const p of TAG_PATTERNS) rest = rest.replace(new RegExp(p.re.source, 'gi'), ' ');

  if (tags.includes('overdue')) {
    const th = overdueThreshold(rest) ?? overdueThreshold(t);
    if (th) {
      filters.minOverdueDays = th.min;
      cut(th.match);
    }
  }

  let limit: number | undefined;
  for (const re of TOP_PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    const n = num(m[1]);
    limit = n !== null && n > 0 ? Math.min(n, 200) : DEFAULT_TOP;
    cut(m[0]);
    break;
  }
  if (limit === undefined && TOP_WORDS.test(rest)) limit = DEFAULT_TOP;
  rest = rest.replace(new RegExp(TOP_WORDS.source, 'gi'), ' ');

  const grade = gradeOf(rest);
  if (grade.grades.size === 1) filters.grade = [...grade.grades][0];
  if (grade.grades.size > 1 || FLAGGED_WORDS.test(t)) filters.flagged = true;
  for (const g of grade.matches) cut(g);
  rest = rest.replace(new RegExp(FLAGGED_WORDS.source, 'gi'), ' ');

  if (/重点客户|大客户|\bkey (?:accounts?|customers?|clients?)\b/i.test(t)) {
    filters.tier = 'key';
    rest = rest.replace(/重点|大客户|\bkey\b/gi, ' ');
  }

  const region = REGIONS.find((r) => r.re.test(rest));
  if (region) {
    filters.region = region.value;
    rest = rest.replace(new RegExp(region.re.source, 'gi'), ' ');
  }
  const industry = INDUSTRIES.find((i) => i.re.test(rest));
  if (industry) {
    filters.industry = industry.value;
    rest = rest.replace(new RegExp(industry.re.source, 'gi'), ' ');
  }
  // "customers in Shanghai": an unknown place after "in" is kept as a region to compare with the data.
  if (!filters.region && !filters.industry) {
    const place = /\b(?:customers|accounts|clients)\s+in\s+(?:the\s+)?([a-z][a-z -]{1,30}?)(?:\s+(?:region|area))?$/i.exec(rest);
    if (place?.[1]) {
      filters.region = place[1].trim();
      cut(place[1]);
    }
  }

  const listWord = LIST_WORDS.test(t);
  rest = rest.replace(new RegExp(LIST_WORDS.source, 'gi'), ' ');
  const residue = rest.replace(GLUE, ' ').replace(/[\s'+\-<>=≥]+/g, ' ').trim();
  const strong = tags.length > 0 || filters.grade !== undefined || filters.flagged === true || limit !== undefined
    || filters.rep !== undefined || filters.mine === true || filters.tier !== undefined || listWord;
  const weak = filters.region !== undefined || filters.industry !== undefined;
  return limit === undefined ? { filters, strong, weak, residue } : { filters, limit, strong, weak, residue };
}
