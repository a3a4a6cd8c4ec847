// 回款 payment: how long the oldest invoice is past due, and whether it keeps ageing week after week.
import { formatMoney, text } from '../../i18n.js';
import { latestValue, ramp, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const STALE_WEEKS = 4;

export function scorePayment(ctx: DimensionContext): DimensionScore {
  const grace = ctx.cfg.payment.graceDays;
  const now = latestValue(ctx.obs, 'overdueDays', STALE_WEEKS);
  const recv = latestValue(ctx.obs, 'receivable', STALE_WEEKS);
  const receivable = recv?.value ?? null;
  const facts = { overdueDays: now?.value ?? null, receivable, previousOverdueDays: null as number | null };
  if (!now || now.value <= grace) return { score: 0, reason: null, facts };

  const days = now.value;
  // A few days late is ordinary lag; past the grace period the risk climbs with the age of the debt.
  let score = ramp(days, [[grace, 0], [grace + 1, 25], [10, 40], [14, 50], [30, 66], [45, 75], [60, 84], [90, 95], [180, 100]]);

  // The same invoice still unpaid a week later (overdue days grew with the calendar) is no longer lag.
  const before = latestValue(ctx.obs, 'overdueDays', STALE_WEEKS + 1, 1);
  if (before) facts.previousOverdueDays = before.value;
  const gap = before ? before.age - now.age : 1;
  const ageing = before !== null && before.value > 0 && days - before.value >= 3 * gap;
  if (ageing && days > grace + 2) score = Math.max(score, ramp(days, [[grace + 2, 52], [30, 68], [60, 86]]));

  // Nothing owed makes "overdue" a data slip; tiny amounts matter less.
  if (receivable === 0) score *= 0.4;
  else if (receivable !== null && receivable < 1000) score *= 0.7;

  const amount = receivable !== null && receivable > 0 ? receivable : null;
  const reason = amount !== null
    ? text(`逾期 ${days} 天，应收 ${formatMoney(amount)}`, `${days} days overdue on ${formatMoney(amount)}`)
    : text(`逾期 ${days} 天`, `${days} days overdue`);
  if (ageing) {
    reason.zh += `（上次报告已逾期 ${before!.value} 天，仍未回款）`;
    reason.en += ` (already ${before!.value} days at the previous report, still unpaid)`;
  }
  return { score: Math.round(score), reason, facts };
}
