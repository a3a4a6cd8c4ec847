// The question grammar: independent slots found anywhere in a cleaned question (time, change, subject,
// task filters, tier, grade, problem types, region, industry, top N, mine), each phrase cut out as it is
// recognised. What is left once glue words are trimmed is the residue: a customer or person name, or
// words the grammar could not place. Slots combine freely ("华东上周新增的A级客户").
import type { TaskState } from '../follow-up/task.js';
import { EN_NUMBER_SOURCE, ZH_NUMERAL_CHARS, parseAnyNumber } from './numerals.js';
import { DEFAULT_TOP, TOP_PATTERNS, TOP_WORDS, gradeOf, overdueThreshold, type ListFilters } from './list-filters.js';
import {
  CHANGE_PATTERNS, CUSTOMER_WORDS, LIST_WORDS, LOOKUP_FRAME, MINE, ONE_CUSTOMER, TASK_OVERDUE, TASK_STATE_PATTERNS, TASK_WORDS, trimGlue,
  type Change,
} from './slot-vocabulary.js';
import { findTime, type TimeSlot } from './time-slot.js';
import { FLAGGED_WORDS, INDUSTRIES, NO_EXTRA_VOCABULARY, REGIONS, TAG_PATTERNS, type AskVocabulary } from './vocabulary.js';

/** How a list is ordered. */
export type ListSort = 'index' | 'overdueDays' | 'rise' | 'drop';

export interface TaskSlots {
  overdue?: boolean;
  states?: TaskState[];
}

export interface Slots {
  time?: TimeSlot;
  change?: Change;
  sort?: ListSort;
  limit?: number;
  subject: 'customers' | 'tasks' | null;
  /** "哪些", "which", a plural "customers", top N: the question asks for a list. */
  listy: boolean;
  /** "怎么样", "how is …": phrased as a lookup of one thing. */
  lookup: boolean;
  filters: ListFilters;
  task: TaskSlots;
  /** Words no slot took, glue trimmed ("李伟", "华星集团", "drop table"). */
  residue: string;
  /** The question without time, frame, subject and glue, but with filter words kept: a customer name
   *  that contains one ("蓝海物流" holds the industry word 物流). */
  name: string;
}

const SEP = '\u0001';
const N = `(\\d{1,3}|[${ZH_NUMERAL_CHARS}]{1,3}|${EN_NUMBER_SOURCE})`;
const COUNT_PATTERNS: readonly RegExp[] = [
  new RegExp(`${N}\\s*大(?=风险|问题|客户|$)`, 'i'),
  new RegExp(`(?<![\\d.])${N}\\s*(?:个|家|名|位)`, 'i'),
  new RegExp(`\\b${N}\\s+(?=(?:customers|accounts|clients|tasks|names)\\b)`, 'i'),
  new RegExp(`\\b(?:the\\s+)?(?:first|top|last)?\\s*${N}\\s+(?=(?:biggest|largest|most|fastest|riskiest|worst|highest)\\b)`, 'i'),
];
const OVERDUE_SORT = /逾期(?:时间)?最(?:久|长|多)|拖(?:得|欠)?最久|欠(?:款)?最久|\b(?:longest|most|oldest)[- ]overdue\b|\boverdue (?:the )?longest\b/i;
const SQLISH = /(?:\b(?:drop|select|insert|delete|update|union|alter|truncate|exec)\b.*\b(?:table|from|into|set|where|select|database)\b)|--|;|\bor\s+1\s*=\s*1\b|<script/i;

/** A working copy of the question from which recognised phrases are cut. */
class Cutter {
  rest: string;
  name: string;
  constructor(t: string) {
    this.rest = t;
    this.name = t;
  }
  /** Cuts the first (or every) match; `keepInName` leaves it in the name form. */
  take(re: RegExp, opts: { all?: boolean; keepInName?: boolean } = {}): RegExpExecArray | null {
    const flags = re.flags.replace('g', '');
    const m = new RegExp(re.source, flags).exec(this.rest);
    if (!m) return null;
    const cut = (s: string, all: boolean) => (all ? s.replace(new RegExp(re.source, `${flags}g`), SEP) : s.replace(m[0], SEP));
    this.rest = cut(this.rest, opts.all === true);
    if (!opts.keepInName) this.name = cut(this.name, opts.all === true);
    return m;
  }
  cutText(s: string, keepInName = false): void {
    if (!s) return;
    this.rest = this.rest.replace(s, SEP);
    if (!keepInName) this.name = this.name.replace(s, SEP);
  }
}

const residueOf = (s: string): string => s.split(SEP).map(trimGlue).filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();

/** Every slot the question fills, and what is left over; `vocabulary`: the team's own tag names. */
export function extractSlots(t: string, vocabulary: AskVocabulary = NO_EXTRA_VOCABULARY): Slots {
  const c = new Cutter(t);
  const filters: ListFilters = {};
  const task: TaskSlots = {};
  let change: Change | undefined;
  let sort: ListSort | undefined;
  let limit: number | undefined;

  const time = findTime(c.rest);
  if (time) c.cutText(time.match);

  for (const p of CHANGE_PATTERNS) {
    if (!c.take(p.re, { keepInName: true })) continue;
    change = p.change;
    if (p.biggest) {
      sort = p.change === 'worse' ? 'rise' : 'drop';
      limit = DEFAULT_TOP;
    }
    break;
  }

  const tasks = c.take(TASK_WORDS, { all: true }) !== null;
  if (tasks) {
    if (c.take(TASK_OVERDUE, { keepInName: true })) task.overdue = true;
    const states = new Set<TaskState>();
    for (const p of TASK_STATE_PATTERNS) if (c.take(p.re, { all: true, keepInName: true })) p.states.forEach((s) => states.add(s));
    if (states.size > 0) task.states = [...states];
  }
  if (c.take(MINE)) filters.mine = true;

  if (c.take(OVERDUE_SORT, { keepInName: true })) {
    sort = 'overdueDays';
    filters.tags = ['overdue'];
  }
  const tags = new Set(filters.tags ?? []);
  // The team's custom tags first: their names may hold a built-in word ("回款方式现金" holds 回款).
  for (const p of vocabulary.tags) if (c.take(p.re, { all: true, keepInName: true })) tags.add(p.tag);
  for (const p of TAG_PATTERNS) if (c.take(p.re, { all: true, keepInName: true })) tags.add(p.tag);
  if (tags.size > 0) filters.tags = [...tags];
  if (tags.has('overdue')) {
    const th = overdueThreshold(c.rest);
    if (th) {
      filters.minOverdueDays = th.min;
      c.cutText(th.match, true);
      sort ??= 'overdueDays';
    }
  }

  for (const re of TOP_PATTERNS) {
    const m = c.take(re, { keepInName: true });
    if (!m) continue;
    const n = m[1] === undefined ? null : parseAnyNumber(m[1]);
    limit = n !== null && n > 0 ? Math.min(n, 200) : DEFAULT_TOP;
    break;
  }
  if (c.take(TOP_WORDS, { all: true, keepInName: true })) limit ??= DEFAULT_TOP;
  for (const re of COUNT_PATTERNS) {
    const m = c.take(re, { keepInName: true });
    const n = m?.[1] === undefined ? null : parseAnyNumber(m[1]);
    if (n !== null && n > 0) {
      limit = Math.min(n, 200);
      break;
    }
  }

  const grade = gradeOf(c.rest);
  if (grade.grades.size === 1) filters.grade = [...grade.grades][0];
  if (grade.grades.size > 1) filters.flagged = true;
  for (const g of grade.matches) c.cutText(g, true);
  if (c.take(FLAGGED_WORDS, { all: true, keepInName: true }) || /问题客户|风险客户/.test(t)) filters.flagged = true;
  if (c.take(/重点客户|重点|大客户|战略客户|核心客户|\bKA\b|\bkey[- ]?(?:accounts?|customers?|clients?)?\b|\bstrategic\b|\bVIPs?\b|\btop[- ]tier\b/i, { all: true, keepInName: true })) filters.tier = 'key';
  else if (c.take(/普通客户|一般客户|\bnormal[- ]tier\b|\bregular (?:accounts|customers)\b/i, { keepInName: true })) filters.tier = 'normal';

  for (const r of REGIONS) {
    if (c.take(new RegExp(`(?:${r.re.source})(?:区|地区|区域|大区)?(?:\\s+(?:region|area|china))?`, 'i'), { all: true, keepInName: true })) {
      filters.region = r.value;
      break;
    }
  }
  for (const i of INDUSTRIES) {
    if (c.take(new RegExp(`(?:${i.re.source})(?:业|行业)?`, 'i'), { all: true, keepInName: true })) {
      filters.industry = i.value;
      break;
    }
  }

  let listy = limit !== undefined || change !== undefined;
  if (c.take(LIST_WORDS, { all: true })) listy = true;
  const subj = c.take(CUSTOMER_WORDS, { all: true });
  if (subj && !ONE_CUSTOMER.test(subj[0])) listy = true;
  const lookup = c.take(LOOKUP_FRAME, { all: true }) !== null;

  const out: Slots = {
    subject: tasks ? 'tasks' : subj ? 'customers' : null,
    listy,
    lookup,
    filters,
    task,
    residue: residueOf(c.rest),
    name: residueOf(c.name),
  };
  if (time) out.time = time.slot;
  if (change) out.change = change;
  if (sort) out.sort = sort;
  if (limit !== undefined) out.limit = limit;
  return out;
}

/** Whether a residue reads like an attack or code rather than a name. */
export const looksLikeCode = (raw: string): boolean => SQLISH.test(raw);

/** Whether any slot besides time was filled. */
export function hasSlots(s: Slots): boolean {
  return s.change !== undefined || s.limit !== undefined || s.subject === 'tasks' || Object.keys(s.filters).length > 0
    || s.task.overdue === true || (s.task.states?.length ?? 0) > 0;
}
