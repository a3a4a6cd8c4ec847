// Expected answers for the question set, computed from the book's raw facts (scores, customers, tasks,
// report statuses) with plain filters written here, independent of the ask engine; and the check of an
// engine answer against one.
import type { Answer } from '../../src/core/ask/answer.types.js';
import type { Grade, Tag, Tier } from '../../src/core/customer-risk/types.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { addWeeks, type WeekId } from '../../src/core/weekly-report/week.js';
import { TODAY, WEEK, type Book } from './ask-book.js';

export type Expected =
  /** Customer names; `ordered` lists are compared row by row up to `limit` (else 20) rows. */
  | { kind: 'list'; names: string[]; ordered: boolean; limit?: number }
  | { kind: 'card'; name: string; week: WeekId }
  | { kind: 'tasks'; ids: number[] }
  | { kind: 'missing'; week: WeekId; names: string[] }
  /** Not understood: no list, says so. */
  | { kind: 'unclear' };

export const W = WEEK;
export const wk = (n: number): WeekId => addWeeks(WEEK, -n);

/** A customer filter over the book at a week. */
export interface Where {
  flagged?: boolean;
  grade?: Grade;
  tag?: Tag;
  tier?: Tier;
  region?: string;
  industry?: string;
  rep?: string;
}

export function names(b: Book, week: WeekId, where: Where = {}): string[] {
  const s = b.scores(week);
  return b.customers.filter((c) => {
    const sc = s.get(c.name);
    if (where.flagged && !sc?.grade) return false;
    if (where.grade && sc?.grade !== where.grade) return false;
    if (where.tag && !sc?.tags.includes(where.tag)) return false;
    if (where.tier && c.tier !== where.tier) return false;
    if (where.region && c.region !== where.region) return false;
    if (where.industry && c.industry !== where.industry) return false;
    if (where.rep && c.ownerRepId !== b.member(where.rep).id) return false;
    return true;
  }).map((c) => c.name);
}

const byIndex = (b: Book, week: WeekId) => (x: string, y: string) =>
  (b.scores(week).get(y)?.index ?? -1) - (b.scores(week).get(x)?.index ?? -1) || x.localeCompare(y);

export const list = (ns: string[]): Expected => ({ kind: 'list', names: ns, ordered: false });
export const top = (b: Book, n: number, where: Where = {}, week: WeekId = W): Expected =>
  ({ kind: 'list', names: names(b, week, where).sort(byIndex(b, week)), ordered: true, limit: n });

/** Flagged at `to` and not at `from`. */
export const newFlags = (b: Book, to: WeekId, from: WeekId, where: Where = {}): Expected =>
  list(names(b, to, { ...where, flagged: true }).filter((n) => !b.scores(from).get(n)?.grade));
export const recovered = (b: Book, to: WeekId, from: WeekId, where: Where = {}): Expected =>
  list(names(b, from, { ...where, flagged: true }).filter((n) => !b.scores(to).get(n)?.grade));

function moved(b: Book, to: WeekId, from: WeekId, sign: 1 | -1, where: Where): string[] {
  return names(b, to, where).filter((n) => {
    const a = b.scores(to).get(n);
    const z = b.scores(from).get(n);
    return a !== undefined && z !== undefined && sign * (a.index - z.index) > 0;
  });
}
export const worse = (b: Book, to: WeekId, from: WeekId, where: Where = {}): Expected => list(moved(b, to, from, 1, where));
export const better = (b: Book, to: WeekId, from: WeekId, where: Where = {}): Expected => list(moved(b, to, from, -1, where));
/** Biggest movers first: rises (sign 1) or drops (sign -1). */
export function movers(b: Book, to: WeekId, from: WeekId, sign: 1 | -1, n: number, where: Where = {}): Expected {
  const d = (x: string) => b.scores(to).get(x)!.index - b.scores(from).get(x)!.index;
  const ns = moved(b, to, from, sign, where).sort((x, y) => sign * (d(y) - d(x)) || byIndex(b, to)(x, y));
  return { kind: 'list', names: ns, ordered: true, limit: n };
}

export const card = (name: string, week: WeekId = W): Expected => ({ kind: 'card', name, week });
export const unclear: Expected = { kind: 'unclear' };
export const missing = (b: Book, week: WeekId): Expected => ({ kind: 'missing', week, names: b.missing(week) });

const ACTIVE = ['open', 'claimed', 'snoozed'];
export function tasks(b: Book, pred: (t: FollowUpTask) => boolean, states: readonly string[] = ACTIVE): Expected {
  return { kind: 'tasks', ids: b.tasks.filter((t) => states.includes(t.state) && pred(t)).map((t) => t.id).sort((x, y) => x - y) };
}
export const overdueTasks = (b: Book): Expected =>
  tasks(b, (t) => (t.state === 'open' || t.state === 'claimed') && t.dueDate < TODAY);

/** Whether the engine's answer is the expected one; a reason when not. */
export function check(a: Answer, e: Expected, b: Book): string | null {
  switch (e.kind) {
    case 'card': {
      if (a.kind !== 'customer') return `got ${a.kind}`;
      if (a.card.customer.name !== e.name) return `card of ${a.card.customer.name}`;
      return a.card.week === e.week ? null : `card week ${a.card.week}`;
    }
    case 'list': {
      if (a.kind !== 'list') return `got ${a.kind}`;
      const got = a.rows.map((r) => r.name);
      const cap = Math.min(e.names.length, e.limit ?? 20);
      if (got.length !== cap) return `rows ${got.length}, expected ${cap}`;
      if (e.ordered) {
        const want = e.names.slice(0, cap);
        if (got.join('|') !== want.join('|')) return `rows ${got.join(',')} ≠ ${want.join(',')}`;
        return null;
      }
      if (a.total !== e.names.length) return `total ${a.total}, expected ${e.names.length}`;
      const set = new Set(e.names);
      const stray = got.filter((n) => !set.has(n));
      return stray.length === 0 ? null : `unexpected ${stray.join(',')}`;
    }
    case 'tasks': {
      if (a.kind !== 'tasks') return `got ${a.kind}`;
      const got = a.rows.map((r) => r.task.id).sort((x, y) => x - y);
      if (a.total !== e.ids.length) return `total ${a.total}, expected ${e.ids.length}`;
      const want = new Set(e.ids);
      return got.every((id) => want.has(id)) ? null : `tasks ${got.join(',')} ≠ ${e.ids.join(',')}`;
    }
    case 'missing': {
      if (a.kind !== 'missing') return `got ${a.kind}`;
      if (a.week !== e.week) return `week ${a.week}`;
      const got = a.reps.map((r) => r.name).sort();
      return got.join('|') === e.names.join('|') ? null : `reps ${got.join(',')}`;
    }
    case 'unclear':
      return a.kind === 'help' && a.reason !== 'asked' ? null : `got ${a.kind}`;
    default:
      void b;
      return 'unknown expectation';
  }
}
