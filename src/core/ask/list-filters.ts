// List filters of a question (problem types, grade, tier, region, industry, overdue days, rep, mine) and
// the phrase finders the grammar uses for them: overdue thresholds, grades, top N.
import type { Grade, TagId, Tier } from '../customer-risk/types.js';
import { EN_NUMBER_SOURCE, ZH_NUMERAL_CHARS, parseAnyNumber } from './numerals.js';

/** Filters of a list question. All present filters must hold (AND); several tags match any of them (OR). */
export interface ListFilters {
  tags?: TagId[];
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

const N = `(\\d+|[${ZH_NUMERAL_CHARS}]+|${EN_NUMBER_SOURCE})`;
const num = (s: string | undefined): number | null => (s === undefined ? null : parseAnyNumber(s));

export const TOP_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\btop\\s*${N}?`, 'i'),
  new RegExp(`前\\s*${N}\\s*(?:名|个|家|位)?`, 'i'),
  new RegExp(`(?:风险)?(?:最高|最大|最危险|最严重|最差)的?\\s*${N}\\s*(?:个|家|名|位)`, 'i'),
  new RegExp(`${N}\\s*(?:个|家|名|位)\\s*(?:风险)?(?:最高|最大|最危险|最严重|最差)`, 'i'),
  new RegExp(`\\b(?:first|worst|riskiest|highest[- ]risk)\\s+${N}\\b`, 'i'),
  new RegExp(`\\b${N}\\s+(?:riskiest|worst|highest[- ]risk|most risky|biggest risks?)\\b`, 'i'),
];
export const TOP_WORDS = /风险最高|风险最大|最高风险|最危险|最严重|风险排名|排名|\btop\b|\briskiest\b|\bhighest[- ]risk\b|\bmost risky\b|\bworst\b|\bbiggest risks?\b/i;
export const DEFAULT_TOP = 10;

const STRICT = '(?:超过|大于|多于|高于|超|>|\\bmore than|\\bover|\\babove|\\bgreater than|\\blonger than|\\bbeyond)';
const INCLUSIVE = '(?:>=|≥|至少|不少于|不低于|满|\\bat least|\\bmin(?:imum)?)';
const DAYS = '(?:天|日|\\s*days?\\b|\\s*d\\b)';
const MONTHS = '(?:个月|\\s*months?\\b)';

/** Overdue threshold as an inclusive minimum, or null. */
export function overdueThreshold(t: string): { min: number; match: string } | null {
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

export function gradeOf(t: string): { grades: Set<Grade>; matches: string[] } {
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

