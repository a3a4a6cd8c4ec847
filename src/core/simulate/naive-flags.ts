// The naive rule a spreadsheet would use, for comparison: any overdue, any complaint, or revenue halved
// week over week. Same input shape as `scoreWeek`, same output shape as `evaluate` reads.
import type { ScoreWeekArgs } from '../customer-risk/score-week.js';
import type { Grade, TagId } from '../customer-risk/types.js';
import type { EntryValues } from '../weekly-report/template.js';
import { addWeeks } from '../weekly-report/week.js';

/** The least `evaluate` needs from a score: who, graded or not, and the tags (primary first). */
export interface FlagLike {
  customerId: number;
  grade: Grade | null;
  tags: readonly TagId[];
}

/**
 * Flag (grade B) every customer whose entry this week shows any overdue days, any complaint, or revenue
 * at most half of last week's. Returns a row for every customer with an entry this week or last week.
 */
export function naiveFlags(args: Pick<ScoreWeekArgs, 'customers' | 'entries' | 'week'>): FlagLike[] {
  const prevWeek = addWeeks(args.week, -1);
  const now = new Map<number, EntryValues>();
  const before = new Map<number, EntryValues>();
  for (const e of args.entries) {
    if (e.week === args.week) now.set(e.customerId, e.values);
    else if (e.week === prevWeek) before.set(e.customerId, e.values);
  }
  const out: FlagLike[] = [];
  for (const c of args.customers) {
    const e = now.get(c.id);
    const p = before.get(c.id);
    if (!e && !p) continue;
    const tags: TagId[] = [];
    if (e && (e.overdueDays ?? 0) > 0) tags.push('overdue');
    if (e && (e.complaints ?? 0) > 0) tags.push('complaints');
    if (e && p && (p.revenue ?? 0) > 0 && (e.revenue ?? 0) <= (p.revenue ?? 0) / 2) tags.push('declining');
    out.push({ customerId: c.id, grade: tags.length ? 'B' : null, tags });
  }
  return out;
}
