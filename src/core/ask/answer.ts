// Answers a parsed question from a team's latest scores and entries, within what the asker may see:
// reps see their own customers; managers, directors and owners see all; anyone else is refused.
import { text, type Locale, type LocalizedText } from '../i18n.js';
import { canSeeAllCustomers, ROLES, type Customer, type Member } from '../team.js';
import type { CustomerScore } from '../customer-risk/types.js';
import { ACTIVE_STATES } from '../follow-up/task.js';
import type { Answer, AskData, Asker, CustomerCardData, CustomerRow, HelpReason, LatestEntry, RefusalReason } from './answer.types.js';
import { runList, personRef, rowOf, type Lookup } from './list-query.js';
import { matchCustomer, type MatchResult } from './match-customer.js';
import { cleanQuestion, detectLocale, parseQuestion, type Question } from './parse-question.js';
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
  not_own: text(
    '抱歉，这个客户不在你负责的范围内，你只能查看自己名下的客户。需要了解的话，请联系你的经理。',
    'Sorry, that customer is not one of yours: reps can only look up their own customers. Please ask your manager.',
  ),
};

/** Example questions; `{customer}` is replaced by a customer the asker can see. */
const EXAMPLES: readonly LocalizedText[] = [
  text('{customer}怎么样？', 'how is {customer} doing?'),
  text('逾期超过30天的客户', 'customers overdue more than 30 days'),
  text('风险最高的5个客户', 'top 5 risks'),
  text('华东的A级客户', 'A-grade customers in East'),
  text('投诉多的客户', 'customers with complaints'),
  text('谁还没交周报', "who hasn't submitted?"),
];

const refusal = (reason: RefusalReason): Answer => ({ kind: 'refusal', reason, message: REFUSALS[reason] });

function help(reason: HelpReason, visible: readonly Customer[], query: string | null = null, suggestions: CustomerRow[] = []): Answer {
  const sample = visible[0]?.name;
  const examples = EXAMPLES.map((e) => text(e.zh.replace('{customer}', sample ?? '华星科技'), e.en.replace('{customer}', sample ?? 'Acme')));
  return { kind: 'help', reason, query, suggestions, examples };
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

function cardData(c: Customer, data: AskData, look: Lookup): CustomerCardData {
  const score: CustomerScore | null = look.scores.get(c.id) ?? null;
  const past = (data.history?.get(c.id) ?? []).filter((h) => h.week < data.week);
  const history = [...past, ...(score ? [{ week: score.week, index: score.index, grade: score.grade }] : [])].slice(-TREND_WEEKS);
  const active = new Set<string>(ACTIVE_STATES);
  const openTasks = (data.tasks ?? [])
    .filter((t) => t.customerId === c.id && active.has(t.state))
    .map((task) => ({ task, assignee: personRef(task.assigneeId === null ? null : look.members.get(task.assigneeId)) }));
  return {
    customer: c, week: data.week, score, history, lastEntry: look.entries.get(c.id) ?? null, openTasks,
    rep: personRef(c.ownerRepId === null ? null : look.members.get(c.ownerRepId)),
  };
}

/** Keeps only what the asker may see; says "not yours" when everything matched belongs to others. */
function visibleMatch(m: MatchResult<Customer>, canSee: (c: Customer) => boolean): MatchResult<Customer> | 'not_own' {
  if (m.kind === 'one') return canSee(m.customer) ? m : 'not_own';
  if (m.kind === 'none') return { kind: 'none', suggestions: m.suggestions.filter(canSee) };
  const mine = m.candidates.filter(canSee);
  if (mine.length === 0) return 'not_own';
  return mine.length === 1 ? { kind: 'one', customer: mine[0] as Customer } : { kind: 'many', candidates: mine };
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

  switch (question.kind) {
    case 'missing': {
      const reps = (data.missingReps ?? [])
        .map((r) => (typeof r === 'number' ? look.members.get(r) : r))
        .filter((m): m is Member => !!m && (all || m.id === me));
      return { kind: 'missing', week: data.week, reps: reps.map((m) => personRef(m) as NonNullable<ReturnType<typeof personRef>>), scope: all ? 'team' : 'self' };
    }
    case 'list': {
      const { total, rows, notes } = runList(question, visible, look, me ?? null);
      return {
        kind: 'list', week: data.week, filters: question.filters ?? {}, sort: question.sort === 'overdueDays' ? 'overdueDays' : 'index',
        limit: question.limit ?? null, total, rows, scope: all ? 'team' : 'own', notes,
      };
    }
    case 'customer': {
      const query = String(question.query ?? '');
      const matched = visibleMatch(matchCustomer(query, data.index ?? customers), canSee);
      if (matched === 'not_own') return refusal('not_own');
      if (matched.kind === 'one') return { kind: 'customer', customerId: matched.customer.id, card: cardData(matched.customer, data, look) };
      if (matched.kind === 'many') return { kind: 'candidates', query, candidates: matched.candidates.map((c) => rowOf(c, look)) };
      return help('not_found', visible, query, matched.suggestions.map((c) => rowOf(c, look)));
    }
    default:
      return help('not_understood', visible);
  }
}

/** Parses and answers a chat message; `locale` is the caller's choice, else the question's language. */
export function askQuestion(
  message: string, data: AskData, asker: Asker, locale?: Locale,
): { question: Question; answer: Answer; locale: Locale } {
  const question = parseQuestion(message);
  let result = answerQuestion(question, data, asker);
  // Tell "help" apart from "I did not understand that".
  if (result.kind === 'help' && result.reason === 'asked') {
    const cleaned = cleanQuestion(message);
    if (cleaned !== '' && !HELP_WORDS.test(cleaned)) result = { ...result, reason: 'not_understood' };
  }
  return { question, answer: result, locale: locale ?? detectLocale(message) };
}
