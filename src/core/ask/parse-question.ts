// Turns a chat message ("@bot 华星科技怎么样？", "/radar top 5 risks in East") into a Question.
// Pure and total: any input, however odd, gives a Question (help when nothing else fits).
import type { Locale } from '../i18n.js';
import { extractListFeatures, type ListFilters } from './list-filters.js';
import {
  FILLER_EN, FILLER_ZH, HELP_WORDS, LOOKUP_EN, LOOKUP_PREFIX_ZH, LOOKUP_SUFFIX_ZH, MISSING_WORDS,
} from './vocabulary.js';

export type { ListFilters } from './list-filters.js';

/** How a list is ordered: by risk index (highest first) or by overdue days (longest first). */
export type ListSort = 'index' | 'overdueDays';

/** What the asker wants. */
export type Question =
  /** One customer, by fuzzy name, alias or pinyin. `query` keeps the asker's spelling. */
  | { kind: 'customer'; query: string }
  /** Customers matching filters; `limit` for "top N". */
  | { kind: 'list'; filters: ListFilters; limit?: number; sort: ListSort }
  /** Reps who have not handed in this week's report. */
  | { kind: 'missing' }
  /** Usage examples (asked for, empty, or not understood). */
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

/** "华星科技怎么样" → "华星科技"; "how is Acme doing" → "Acme"; null when it is not phrased as a lookup. */
function lookupSubject(t: string): string | null {
  for (const re of LOOKUP_EN) {
    const m = re.exec(t);
    if (m?.[1]) return tidySubject(m[1]);
  }
  const suffix = LOOKUP_SUFFIX_ZH.exec(t);
  if (suffix && suffix.index > 0) return tidySubject(t.slice(0, suffix.index));
  if (LOOKUP_PREFIX_ZH.test(t)) return tidySubject(t.replace(LOOKUP_PREFIX_ZH, ''));
  return null;
}

function tidySubject(s: string): string | null {
  const out = s.replace(LOOKUP_PREFIX_ZH, '').replace(/^(?:the|customer|client|account)\s+/i, '').replace(/的$/, '').trim();
  return out.length > 0 ? out : null;
}

/** Could this be somebody's customer name? Letters required; not a paragraph. */
function looksLikeName(s: string): boolean {
  return /\p{L}/u.test(s) && s.length <= MAX_NAME_LENGTH && s.split(' ').length <= MAX_NAME_WORDS;
}

function listQuestion(filters: ListFilters, limit: number | undefined): Question {
  const sort: ListSort = filters.minOverdueDays !== undefined ? 'overdueDays' : 'index';
  return limit === undefined ? { kind: 'list', filters, sort } : { kind: 'list', filters, limit, sort };
}

/** Parses a question in Chinese or English. Never throws. */
export function parseQuestion(text: string): Question {
  try {
    return parse(cleanQuestion(text));
  } catch {
    return { kind: 'help' };
  }
}

function parse(t: string): Question {
  if (t.length === 0 || HELP_WORDS.test(t)) return { kind: 'help' };
  if (MISSING_WORDS.test(t)) return { kind: 'missing' };

  const subject = lookupSubject(t);
  if (subject !== null) {
    // "逾期客户怎么样" is still a list question; "华星科技怎么样" is a lookup.
    const inner = extractListFeatures(subject);
    if (inner.strong) return listQuestion(inner.filters, inner.limit);
    return looksLikeName(subject) ? { kind: 'customer', query: subject } : { kind: 'help' };
  }

  const features = extractListFeatures(t);
  if (features.strong) return listQuestion(features.filters, features.limit);
  // "华东客户" (region + 客户 and nothing else) is a list; "华东电力" is a customer name.
  if (features.weak && features.residue.length === 0 && /客户|customers|accounts|clients/i.test(t)) {
    return listQuestion(features.filters, features.limit);
  }
  return looksLikeName(t) ? { kind: 'customer', query: t } : { kind: 'help' };
}
