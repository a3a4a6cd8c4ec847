// 投诉 complaints: recent complaints that fade with age (half-life); complaints that keep coming back week
// after week weigh more than one burst; a customer who always complains a little is judged against itself.
import { text } from '../../i18n.js';
import { clamp, eventBurst, latestValue, ramp, round1, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const TYPE_LABEL: Record<string, { zh: string; en: string }> = {
  service: { zh: '服务', en: 'service' }, quality: { zh: '质量', en: 'quality' }, delivery: { zh: '交付', en: 'delivery' },
  billing: { zh: '账单', en: 'billing' }, other: { zh: '其他', en: 'other' },
};

// Recurrence is read over the last six reported weeks; a complaint week counts half after three weeks.
const RECUR_WEEKS = 6;
const RECUR_HALF_LIFE = 3;
const QUIET = 20;

export function scoreComplaints(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  const b = eventBurst(obs, 'complaints', ctx.cfg.events.complaintHalfLifeWeeks);
  const longer = eventBurst(obs, 'complaints', ctx.cfg.events.complaintHalfLifeWeeks, RECUR_WEEKS);
  const type = latestValue(obs, 'complaintType', 3);
  const facts = { recentComplaints: b.recentSum, weeksWithComplaints: longer.weeksWith, decayed: round1(b.decayed), complaintType: type?.value ?? null };

  // Weeks with complaints among the last reported weeks, fresher ones weigh more, less what this customer's
  // own usual hit rate would give.
  const k = Math.pow(0.5, 1 / RECUR_HALF_LIFE);
  let recurring = 0, weights = 0, seen = 0;
  for (let i = obs.length - 1; i >= 0 && seen < RECUR_WEEKS && obs.length - 1 - i < RECUR_WEEKS + 2; i--) {
    const v = obs[i]!.entry?.complaints;
    if (v === null || v === undefined) continue;
    // Freshness counts reported weeks since: a complaint fades with each report that shows none, not with
    // weeks nobody reported.
    const w = Math.pow(k, seen++);
    weights += w;
    if (v > 0) recurring += w;
  }
  const recurringEff = Math.max(0, recurring - longer.baselineHitRate * weights);

  // One complaint is a note (22); a pile in one week, or complaints in two or more recent weeks, is a flag.
  const burst = 22 * b.effective;
  const recur = longer.weeksWith >= 2 ? ramp(recurringEff, [[0.8, 25], [1.4, 50], [2, 62], [3, 78], [4, 90]]) : 0;
  const score = Math.round(clamp(Math.max(burst, recur) + 0.15 * Math.min(burst, recur)));
  const sum = longer.recentSum;
  // A faded complaint is history, not a reason.
  if (score < QUIET || sum === 0) return { score: sum === 0 ? Math.min(score, 15) : score, reason: null, facts };
  const t = type ? TYPE_LABEL[type.value] : undefined;
  const reason = text(
    `近 ${RECUR_WEEKS} 周新增投诉 ${sum} 次，涉及 ${longer.weeksWith} 周${t ? `（主要为${t.zh}）` : ''}`,
    `${sum} new complaint${sum > 1 ? 's' : ''} in the last ${RECUR_WEEKS} weeks, in ${longer.weeksWith} week${longer.weeksWith > 1 ? 's' : ''}${t ? ` (mostly ${t.en})` : ''}`,
  );
  return { score, reason, facts };
}
