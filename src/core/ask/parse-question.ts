// Turns a chat message ("@bot 华星科技怎么样？", "/radar top 5 risks in East") into a Question.
// Pure and total: any input, however odd, gives a Question (help when nothing else fits).
import type { Locale } from '../i18n.js';
import type { TaskState } from '../follow-up/task.js';
import type { Grade, TagId, Tier } from '../customer-risk/types.js';
import { extractSlots, hasSlots, looksLikeCode, type ListSort, type Slots } from './grammar.js';
import type { ListFilters } from './list-filters.js';
import type { Change } from './slot-vocabulary.js';
import { findTime, type TimeSlot } from './time-slot.js';
import { FILLER_EN, FILLER_ZH, HELP_WORDS, MISSING_WORDS, type AskVocabulary } from './vocabulary.js';

export type { ListFilters } from './list-filters.js';
export type { ListSort } from './grammar.js';
export type { Change } from './slot-vocabulary.js';
export type { TimeSlot } from './time-slot.js';

/** Filters of a task question; the customer-side ones (region, tier …) apply to the task's customer. */
export interface TaskFilters {
  mine?: boolean;
  /** Past the due date and still open or claimed. */
  overdue?: boolean;
  /** Default: the active states (open, claimed, snoozed). */
  states?: TaskState[];
  tags?: TagId[];
  grade?: Grade;
  region?: string;
  industry?: string;
  tier?: Tier;
}

/** What the question was understood to ask, slot by slot (for titles and "what I understood"). */
export interface QuestionScope {
  subject: 'customers' | 'tasks' | 'missing' | null;
  time?: TimeSlot;
  change?: Change;
  filters: ListFilters;
  task?: Omit<TaskFilters, keyof ListFilters>;
  limit?: number;
}

/** What the asker wants. */
export type Question =
  /**
   * One customer, by fuzzy name, alias or pinyin: `query` keeps the asker's spelling; `name` is the
   * fuller form when filter words may belong to the name ("蓝海物流"); `time` picks the week of the card.
   * `scope` is set when other slots were understood, so a name that matches nothing is "not understood".
   */
  | { kind: 'customer'; query: string; name?: string; time?: TimeSlot; scope?: QuestionScope }
  /** Customers matching filters; `limit` for "top N"; `change` compares `time`'s week with its baseline. */
  | { kind: 'list'; filters: ListFilters; limit?: number; sort: ListSort; time?: TimeSlot; change?: Change }
  /** Follow-up tasks; `who` is a person (assignee) or a customer, resolved against the data. */
  | { kind: 'tasks'; filters: TaskFilters; limit?: number; time?: TimeSlot; change?: Change; who?: string }
  /** Reps who have not handed in a week's report. */
  | { kind: 'missing'; time?: TimeSlot }
  /** Words were left that no slot could take: say what was understood and what was not. */
  | { kind: 'unclear'; scope: QuestionScope; unknown: string }
  /** Usage examples (asked for, or empty). */
  | { kind: 'help' };

const MAX_INPUT = 2000;
const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 8;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** zh when the text has Chinese characters, else en. */
export function detectLocale(text: unknown): Locale {
  return typeof text === 'string' && CJK.test(text.slice(0, MAX_INPUT)) ? 'zh' : 'en';
}

/** Removes bot mentions, the command word, punctuation and polite filler; folds width (NFKC). */
export function cleanQuestion(text: unknown): string {
  if (typeof text !== 'string') return '';
  let t = text.slice(0, MAX_INPUT).normalize('NFKC');
  t = t
    .replace(/<[@!#][^>]*>/g, ' ') // Slack <@U123>, <@U123|name>, <!here>, <#C1|chan>
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, ' $1 ') // Slack links keep their label
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    .replace(/@_(?:user_\d+|all)\b/g, ' ') // Feishu @_user_1, @_all
    .replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&') // Slack escapes these three
    .replace(/^\s*(?:\/radar|radar)(?:\s+ask)?\b/i, ' ')
    .replace(/^\s*ask\s+/i, ' ')
    .replace(/[’‘`]/g, "'")
    .replace(/[?？!！。，,、；;：:"“”「」『』《》【】()（）\[\]{}…~～*_|\\/#$%^]/g, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, '$1 $2') // quotes around words, not the apostrophe in "hasn't"
    .replace(/\.+(\s|$)/g, '$1'); // sentence dots, not the dot in "A.O. Smith"
  t = t.replace(FILLER_ZH, ' ').replace(FILLER_EN, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** Could this be somebody's customer name? Letters required; not a paragraph. */
function looksLikeName(s: string): boolean {
  return /\p{L}/u.test(s) && s.length <= MAX_NAME_LENGTH && s.split(' ').length <= MAX_NAME_WORDS;
}

/** Parses a question in Chinese or English; `vocabulary` adds the team's custom tag names. Never throws. */
export function parseQuestion(text: string, vocabulary?: AskVocabulary): Question {
  try {
    return parse(cleanQuestion(text), typeof text === 'string' ? text.slice(0, MAX_INPUT) : '', vocabulary);
  } catch {
    return { kind: 'help' };
  }
}

function scopeOf(s: Slots): QuestionScope {
  const scope: QuestionScope = { subject: s.subject, filters: s.filters };
  if (s.time) scope.time = s.time;
  if (s.change) scope.change = s.change;
  if (s.limit !== undefined) scope.limit = s.limit;
  if (s.subject === 'tasks') {
    const task: NonNullable<QuestionScope['task']> = {};
    if (s.task.overdue) task.overdue = true;
    if (s.task.states) task.states = s.task.states;
    scope.task = task;
  }
  return scope;
}

function listOf(s: Slots, rep?: string): Question {
  const filters: ListFilters = rep ? { ...s.filters, rep } : s.filters;
  const q: Extract<Question, { kind: 'list' }> = { kind: 'list', filters, sort: s.sort ?? 'index' };
  if (s.limit !== undefined) q.limit = s.limit;
  if (s.time) q.time = s.time;
  if (s.change) q.change = s.change;
  return q;
}

function tasksOf(s: Slots): Question {
  const { rep: _rep, minOverdueDays: _min, flagged: _flagged, ...customerSide } = s.filters;
  const filters: TaskFilters = { ...customerSide };
  if (s.task.overdue) filters.overdue = true;
  if (s.task.states) filters.states = s.task.states;
  const q: Extract<Question, { kind: 'tasks' }> = { kind: 'tasks', filters };
  if (s.limit !== undefined) q.limit = s.limit;
  if (s.time) q.time = s.time;
  if (s.change) q.change = s.change;
  if (s.residue) q.who = s.residue;
  return q;
}

function parse(t: string, raw: string, vocabulary?: AskVocabulary): Question {
  if (t.length === 0 || HELP_WORDS.test(t)) return { kind: 'help' };
  if (MISSING_WORDS.test(t)) {
    const time = findTime(t);
    return time ? { kind: 'missing', time: time.slot } : { kind: 'missing' };
  }
  const s = extractSlots(t, vocabulary);
  // Code or an attack is not a name, whatever else the text contains.
  if (looksLikeCode(raw)) return { kind: 'unclear', scope: scopeOf(s), unknown: s.residue || t };
  if (s.subject === 'tasks') return tasksOf(s);
  if (!s.residue) {
    if (hasSlots(s) || s.listy || s.subject === 'customers') return listOf(s);
    // Only a time or a lookup frame ("上周怎么样"): nothing to look up.
    return s.time || s.lookup ? { kind: 'unclear', scope: scopeOf(s), unknown: '' } : { kind: 'help' };
  }
  const strongList = s.listy || s.filters.mine === true || s.filters.grade !== undefined || s.filters.flagged === true
    || s.filters.tier !== undefined || (s.subject === 'customers' && !s.lookup);
  // "李伟的客户", "customers of Li Wei": the rest names a person (checked against the team when answered).
  if (strongList) return listOf(s, s.residue);
  if (!looksLikeName(s.residue)) {
    // Emoji or bare numbers with nothing else understood: just say what can be asked.
    return !/\p{L}/u.test(s.residue) && !hasSlots(s) ? { kind: 'help' } : { kind: 'unclear', scope: scopeOf(s), unknown: s.residue };
  }
  const q: Extract<Question, { kind: 'customer' }> = { kind: 'customer', query: s.residue };
  if (s.name && s.name !== s.residue) q.name = s.name;
  if (s.time) q.time = s.time;
  if (hasSlots(s)) q.scope = scopeOf(s);
  return q;
}
