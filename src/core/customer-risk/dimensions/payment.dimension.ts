// 回款 payment: how long the oldest invoice is past due, and whether it keeps ageing week after week.
import { formatMoney, text } from '../../i18n.js';
import { latestValue, ramp, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const STALE_WEEKS = 4;
const CARRY_WEEKS = 2;

// A large configured grace period can overtake the fixed points: keep the curve ascending in days.
const ascending = (pts: Array<[number, number]>) => pts.filter((p, i) => i === 0 || p[0] > pts[i - 1]![0] && pts.slice(0, i).every((q) => q[0] < p[0]));

/**
 * The lag tolerated for this customer. With a known payment term (账期) it scales with the term: a week
 * late on a 90-day term is ordinary, on a 15-day term it is not. 10% of the term, between the configured
 * grace period and three times it.
 */
export function graceFor(graceDays: number, termDays: number | null): number {
  if (termDays === null || termDays <= 0) return graceDays;
  return Math.min(3 * graceDays, Math.max(graceDays, Math.round(termDays / 10)));
}

export function scorePayment(ctx: DimensionContext): DimensionScore {
  const term = latestValue(ctx.obs, 'paymentTermDays')?.value ?? null;
  const grace = graceFor(ctx.cfg.payment.graceDays, term);
  const now = latestValue(ctx.obs, 'overdueDays', STALE_WEEKS);
  const recv = latestValue(ctx.obs, 'receivable', STALE_WEEKS);
  const receivable = recv?.value ?? null;
  // Debt only ages: when the latest report left it out (or is missing), last known overdue days plus the weeks
  // since are the best guess, for a debt already past the grace period and at most a couple of weeks back.
  const carried = now !== null && now.age > 0 && now.age <= CARRY_WEEKS && now.value > grace && receivable !== 0;
  const days0 = now === null ? null : carried ? now.value + 7 * now.age : now.value;
  // Cash that came in this week (回款), as opposed to revenue booked.
  const paidNow = latestValue(ctx.obs, 'collected', 0)?.value ?? null;
  const facts = {
    overdueDays: days0, receivable, previousOverdueDays: null as number | null, weeksSinceReported: now?.age ?? null,
    paymentTermDays: term, graceDays: grace, collected: paidNow,
  };
  if (!now || days0 === null || days0 <= grace) return { score: 0, reason: null, facts };

  const days = days0;
  // A few days late is ordinary lag; past the grace period the risk climbs with the age of the debt.
  // Twice the ordinary lag is no longer lag.
  let score = ramp(days, ascending([[grace, 0], [grace + 1, 30], [Math.max(grace + 2, 2 * grace), 50], [30, 66], [45, 75], [60, 84], [90, 95], [180, 100]]));

  // The same invoice still unpaid a week later (overdue days grew with the calendar) is no longer lag.
  const before = latestValue(ctx.obs, 'overdueDays', STALE_WEEKS + 1, 1);
  if (before) facts.previousOverdueDays = before.value;
  const gap = before ? before.age - now.age : 1;
  const ageing = before !== null && before.value > 0 && days - before.value >= 3 * gap;
  if (ageing && days > grace) score = Math.max(score, ramp(days, [[grace + 2, 52], [30, 68], [60, 86]]));

  // Nothing owed makes "overdue" a data slip; tiny amounts matter less.
  if (receivable === 0) score *= 0.4;
  else if (receivable !== null && receivable < 1000) score *= 0.7;
  // A customer paying down a good part of what it owes this week is settling, not stalling.
  const settling = paidNow !== null && paidNow > 0 && receivable !== null && paidNow >= 0.2 * (paidNow + receivable);
  if (settling) score *= 0.75;

  const amount = receivable !== null && receivable > 0 ? receivable : null;
  const reason = amount !== null
    ? text(`逾期 ${days} 天，应收 ${formatMoney(amount)}`, `${days} days overdue on ${formatMoney(amount)}`)
    : text(`逾期 ${days} 天`, `${days} days overdue`);
  if (term !== null && term > 0) {
    reason.zh += `（账期 ${term} 天）`;
    reason.en += ` (on a ${term}-day term)`;
  }
  if (settling) {
    reason.zh += `，本周回款 ${formatMoney(paidNow!)}`;
    reason.en += `, ${formatMoney(paidNow!)} collected this week`;
  }
  if (carried) {
    reason.zh += `（按 ${now.age} 周前报告的 ${now.value} 天推算）`;
    reason.en += ` (estimated from ${now.value} days reported ${now.age} week${now.age > 1 ? 's' : ''} ago)`;
  }
  if (ageing) {
    reason.zh += `（上次报告已逾期 ${before!.value} 天，仍未回款）`;
    reason.en += ` (already ${before!.value} days at the previous report, still unpaid)`;
  }
  return { score: Math.round(score), reason, facts };
}
