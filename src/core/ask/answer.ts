// Answers a parsed question from a team's latest scores and entries, within what the asker may see:
// reps see their own customers; managers, directors and owners see all; anyone else is refused.
import { text, type Locale, type LocalizedText } from '../i18n.js';
import { canSeeAllCustomers, normalizeName, ROLES, type Customer, type Member } from '../team.js';
import type { CustomerScore } from '../customer-risk/types.js';
import { ACTIVE_STATES } from '../follow-up/task.js';
import type { Answer, AskData, Asker, CustomerCardData, CustomerRow, HelpReason, LatestEntry, RefusalReason } from './answer.types.js';
import type { WeekId } from '../weekly-report/week.js';
import { weekEndDate } from '../weekly-report/week.js';
import { runList, personRef, rowOf, type Lookup } from './list-query.js';
import { cleanQuestion, detectLocale, parseQuestion, type Question, type QuestionScope } from './parse-question.js';
import { findCustomer, findMembers, visibleIndex } from './resolve-names.js';
import { runTasks } from './task-query.js';
import { isSpan, resolveTime } from './time-slot.js';
import { HELP_WORDS } from './vocabulary.js';

export type * from './answer.types.js';

const TREND_WEEKS = 8;

const REFUSALS: Record<RefusalReason, LocalizedText> = {
  not_allowed: text(
    '抱歉，客户问答目前只对销售、销售经理、销售总监和老板开放。需要这些信息的话，请联系你的经理。',
    'Sorry, customer questions are open to reps, managers, directors and owners only. Please ask your manager if you need this.',
  ),
  unknown_member: text(
    '抱歉，我还不认识你：请让管理员把你加入团队（按邮箱匹配），然后再问我。',
    "Sorry, I don't know you yet: ask an admin to add you to the team (matched by email), then ask again.",
  ),
};

/** Example questions; `{customer}` is replaced by a customer the asker can see. */
const EXAMPLES: readonly LocalizedText[] = [
  text('{customer}怎么样？', 'how is {customer} doing?'),
  text('逾期超过30天的客户', 'customers overdue more than 30 days'),
  text('风险最高的5个客户', 'top 5 risks'),
  text('华东的A级客户', 'A-grade customers in East'),
  text('本周新增的问题客户', 'new red flags this week'),
  text('哪些客户变差了', 'customers getting worse'),
  text('我的任务', 'my tasks'),
  text('谁还没交周报', "who hasn't submitted?"),
];
// Examples close to what was understood, for "not understood" answers (indexes into EXAMPLES).
const RELATED: Record<'tasks' | 'change' | 'time' | 'customers', readonly number[]> = {
  tasks: [6, 0, 4],
  change: [4, 5, 2],
  time: [4, 0, 2],
  customers: [2, 1, 0],
};

const refusal = (reason: RefusalReason): Answer => ({ kind: 'refusal', reason, message: REFUSALS[reason] });

function examplesFor(visible: readonly Customer[], picks?: readonly number[]): LocalizedText[] {
  const sample = visible[0]?.name;
  const chosen = picks ? picks.map((i) => EXAMPLES[i]).filter((e): e is LocalizedText => e !== undefined) : EXAMPLES;
  return chosen.map((e) => text(e.zh.replace('{customer}', sample ?? '华星科技'), e.en.replace('{customer}', sample ?? 'Acme')));
}

function help(reason: HelpReason, visible: readonly Customer[], query: string | null = null, suggestions: CustomerRow[] = []): Answer {
  return { kind: 'help', reason, query, suggestions, examples: examplesFor(visible) };
}

/** "Understood …, not …": two or three questions close to what was asked. */
function unclear(scope: QuestionScope, unknown: string, visible: readonly Customer[]): Answer {
  const key = scope.subject === 'tasks' ? 'tasks' : scope.change ? 'change' : scope.time ? 'time' : 'customers';
  return { kind: 'help', reason: 'not_understood', query: null, suggestions: [], examples: examplesFor(visible, RELATED[key]), scope, unknown };
}

function entriesMap(src: AskData['entriesLatest']): Map<number, LatestEntry> {
  if (src instanceof Map) return src as Map<number, LatestEntry>;
  const out = new Map<number, LatestEntry>();
  if (Array.isArray(src)) {
    for (const e of src as ReadonlyArray<LatestEntry & { customerId: number }>) {
      const prev = out.get(e.customerId);
      if (e?.values && (!prev || String(e.week) >= String(prev.week))) out.set(e.customerId, e);
    }
  }
  return out;
}

function lookupOf(data: AskData): Lookup {
  return {
    scores: new Map((data.scores ?? []).map((s) => [s.customerId, s] as const)),
    entries: entriesMap(data.entriesLatest),
    members: new Map((data.members ?? []).map((m) => [m.id, m] as const)),
  };
}

function cardData(c: Customer, data: AskData, look: Lookup, week: WeekId = data.week): CustomerCardData {
  const score: CustomerScore | null = look.scores.get(c.id) ?? null;
  const past = (data.history?.get(c.id) ?? []).filter((h) => h.week < week);
  const history = [...past, ...(score ? [{ week: score.week, index: score.index, grade: score.grade }] : [])].slice(-TREND_WEEKS);
  const active = new Set<string>(ACTIVE_STATES);
  const openTasks = (data.tasks ?? [])
    .filter((t) => t.customerId === c.id && active.has(t.state))
    .map((task) => ({ task, assignee: personRef(task.assigneeId === null ? null : look.members.get(task.assigneeId)) }));
  return {
    customer: c, week, score, history, lastEntry: look.entries.get(c.id) ?? null, openTasks,
    rep: personRef(c.ownerRepId === null ? null : look.members.get(c.ownerRepId)),
  };
}

const scoreMap = (scores: readonly CustomerScore[]): Map<number, CustomerScore> => new Map(scores.map((x) => [x.customerId, x] as const));

/** The lookup as of an earlier week: that week's scores and latest entries. */
function lookupAt(week: WeekId, data: AskData, look: Lookup): Lookup {
  if (week === data.week) return look;
  return {
    ...look,
    scores: scoreMap(data.scoresAt?.(week) ?? []),
    entries: data.entriesAt?.(week) ?? new Map(),
  };
}

/** Answers one question for one asker. Never throws: odd input gets a help answer. */
export function answerQuestion(question: Question, data: AskData, asker: Asker): Answer {
  try {
    return answer(question, data, asker);
  } catch {
    return help('not_understood', []);
  }
}

function answer(question: Question, data: AskData, asker: Asker): Answer {
  const role = asker?.role;
  const customers = data.customers ?? [];
  const known = typeof role === 'string' && (ROLES as readonly string[]).includes(role);
  const all = known && canSeeAllCustomers(role);
  const allowed = all || role === 'rep';
  const me = asker?.memberId ?? null;
  const canSee = (c: Customer) => all || (me !== null && c.ownerRepId === me);
  const visible = !allowed ? [] : all ? customers : customers.filter(canSee);
  // Help is harmless for anyone; its examples name a customer the asker may see.
  if (!question || question.kind === 'help') return help('asked', visible);
  if (!allowed) return refusal('not_allowed');
  if (!all && me === null) return refusal('unknown_member');
  const look = lookupOf(data);

  const current = data.week;
  const index = visibleIndex(visible, all, data.index);
  const customerCard = (c: Customer, week: WeekId): Answer => ({ kind: 'customer', customerId: c.id, card: cardData(c, data, lookupAt(week, data, look), week) });

  switch (question.kind) {
    case 'missing': {
      const week = resolveTime(question.time, current).to;
      const source = week === current ? data.missingReps ?? [] : data.missingAt?.(week) ?? [];
      const reps = source
        .map((r) => (typeof r === 'number' ? look.members.get(r) : r))
        .filter((m): m is Member => !!m && (all || m.id === me));
      return { kind: 'missing', week, reps: reps.map((m) => personRef(m) as NonNullable<ReturnType<typeof personRef>>), scope: all ? 'team' : 'self' };
    }
    case 'list': {
      const time = resolveTime(question.time, current);
      const filters = question.filters ?? {};
      let repIds: Set<number> | undefined;
      // "customers in Shanghai": a place or industry the data stores, though the grammar has no word for it.
      const stored = filters.rep ? storedAttribute(filters.rep, visible) : null;
      if (stored && filters.rep) {
        const { rep: _rep, ...rest } = filters;
        return answer({ ...question, filters: { ...rest, [stored]: filters.rep } }, data, asker);
      }
      if (filters.rep) {
        const people = findMembers(filters.rep, data.members ?? []);
        if (people.length === 0) {
          // Not a person: perhaps a customer ("华星科技变差了吗"), else words we could not place.
          const found = findCustomer([filters.rep], index);
          if (found.kind === 'one') return customerCard(found.customer, time.to);
          const { rep: _rep, ...rest } = filters;
          return unclear({ subject: 'customers', filters: rest, ...scopeExtras(question) }, filters.rep, visible);
        }
        repIds = new Set(people.map((m) => m.id));
      }
      const change = question.change ?? null;
      const baseline = change || isSpan(time) ? scoreMap(data.scoresAt?.(time.baseline) ?? []) : undefined;
      const opts = { change, ...(repIds ? { repIds } : {}), ...(baseline ? { baseline } : {}) };
      const { total, rows, notes } = runList(question, visible, lookupAt(time.to, data, look), me ?? null, opts);
      return {
        kind: 'list', week: time.to, filters, sort: question.sort ?? 'index', time, change,
        limit: question.limit ?? null, total, rows, scope: all ? 'team' : 'own', notes,
      };
    }
    case 'tasks': {
      const filters = question.filters ?? {};
      const time = question.time || question.change === 'new' ? resolveTime(question.time, current) : null;
      let assigneeIds: Set<number> | undefined;
      let customerId: number | undefined;
      let who: Extract<Answer, { kind: 'tasks' }>['who'] = null;
      if (question.who) {
        const people = findMembers(question.who, data.members ?? []);
        const found = people.length === 0 ? findCustomer([question.who], index) : null;
        if (people.length > 0) {
          assigneeIds = new Set(people.map((m) => m.id));
          who = { kind: 'person', names: people.map((m) => m.name) };
        } else if (found?.kind === 'one') {
          customerId = found.customer.id;
          who = { kind: 'customer', names: [found.customer.name] };
        } else {
          return unclear({ subject: 'tasks', filters: {}, task: filters, ...scopeExtras(question) }, question.who, visible);
        }
      }
      const today = typeof data.today === 'string' ? data.today : weekEndDate(current);
      const { total, rows } = runTasks(
        { filters, ...(question.limit !== undefined ? { limit: question.limit } : {}), ...(time ? { created: time } : {}), ...(assigneeIds ? { assigneeIds } : {}), ...(customerId !== undefined ? { customerId } : {}) },
        { tasks: data.tasks ?? [], customers: new Map(customers.map((c) => [c.id, c] as const)), members: look.members, today, askerId: me, all },
      );
      return { kind: 'tasks', week: current, today, filters, time, who, total, rows, scope: all ? 'team' : 'own' };
    }
    case 'customer': {
      const query = String(question.query ?? '');
      const time = resolveTime(question.time, current);
      // Only customers the asker may see are searched: another rep's customer reads as an unknown name.
      const matched = findCustomer([question.name ?? '', query], index);
      if (matched.kind === 'one') return customerCard(matched.customer, question.time ? time.to : current);
      if (matched.kind === 'many') return { kind: 'candidates', query, candidates: matched.candidates.map((c) => rowOf(c, look)) };
      if (question.scope) return unclear(question.scope, query, visible);
      return help('not_found', visible, query, matched.suggestions.map((c) => rowOf(c, look)));
    }
    case 'unclear':
      return unclear(question.scope, question.unknown, visible);
    default:
      return help('not_understood', visible);
  }
}

function storedAttribute(value: string, visible: readonly Customer[]): 'region' | 'industry' | null {
  const v = normalizeName(value);
  if (visible.some((c) => c.region !== null && normalizeName(c.region) === v)) return 'region';
  if (visible.some((c) => c.industry !== null && normalizeName(c.industry) === v)) return 'industry';
  return null;
}

function scopeExtras(q: { time?: QuestionScope['time']; change?: QuestionScope['change']; limit?: number }): Partial<QuestionScope> {
  const out: Partial<QuestionScope> = {};
  if (q.time) out.time = q.time;
  if (q.change) out.change = q.change;
  if (q.limit !== undefined) out.limit = q.limit;
  return out;
}

/** Parses and answers a chat message; `locale` is the caller's choice, else the question's language. */
export function askQuestion(
  message: string, data: AskData, asker: Asker, locale?: Locale,
): { question: Question; answer: Answer; locale: Locale } {
  const question = parseQuestion(message, data.vocabulary);
  let result = answerQuestion(question, data, asker);
  // Tell "help" apart from "I did not understand that".
  if (result.kind === 'help' && result.reason === 'asked') {
    const cleaned = cleanQuestion(message);
    if (cleaned !== '' && !HELP_WORDS.test(cleaned)) result = { ...result, reason: 'not_understood' };
  }
  return { question, answer: result, locale: locale ?? detectLocale(message) };
}
