// 需求变更 requirement churn: one change is ordinary; changes week after week, or many at once, are churn.
import { text } from '../../i18n.js';
import { clamp, eventBurst, round1, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

// Churn is judged over six weeks: changes come in waves, not every single week.
const RECENT_WEEKS = 6;

export function scoreChurn(ctx: DimensionContext): DimensionScore {
  const b = eventBurst(ctx.obs, 'requirementChanges', ctx.cfg.events.churnHalfLifeWeeks, RECENT_WEEKS);
  const facts = { recentChanges: b.recentSum, weeksWithChanges: b.weeksWith, decayed: round1(b.decayed), usualPerWeek: round1(b.baselineRate) };
  const score = Math.round(clamp(18 * b.effective + 12 * Math.max(0, b.effectiveWeeks - 1)));
  if (score === 0 || b.recentSum === 0) return { score: b.recentSum === 0 ? Math.min(score, 15) : score, reason: null, facts };
  const usual = b.baselineRate > 0
    ? { zh: `（平时每周 ${round1(b.baselineRate)} 次）`, en: ` (usually ${round1(b.baselineRate)} a week)` }
    : { zh: '', en: '' };
  const reason = text(
    `近 6 周需求变更 ${b.recentSum} 次，涉及 ${b.weeksWith} 周${usual.zh}`,
    `${b.recentSum} requirement change${b.recentSum > 1 ? 's' : ''} in the last 6 weeks, in ${b.weeksWith} week${b.weeksWith > 1 ? 's' : ''}${usual.en}`,
  );
  return { score, reason, facts };
}
