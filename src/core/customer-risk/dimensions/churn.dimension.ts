// 需求变更 requirement churn: one change is ordinary; many changes close together, well beyond what this
// customer usually asks for, is churn. Judged as how unlikely the recent count is under the usual rate.
import { text } from '../../i18n.js';
import { eventBurst, poissonUpper, ramp, round1, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

// Churn is judged over six weeks (changes come in waves) and over the last two (a fresh burst).
const RECENT_WEEKS = 6;
const PRIOR_PER_WEEK = 0.1;

export function scoreChurn(ctx: DimensionContext): DimensionScore {
  const long = eventBurst(ctx.obs, 'requirementChanges', ctx.cfg.events.churnHalfLifeWeeks, RECENT_WEEKS);
  const short = eventBurst(ctx.obs, 'requirementChanges', ctx.cfg.events.churnHalfLifeWeeks, 2);
  const rate = Math.max(long.baselineRate, PRIOR_PER_WEEK);
  const surprise = Math.max(
    long.recentSum > 1 ? -Math.log(Math.max(1e-12, poissonUpper(long.recentSum, rate * RECENT_WEEKS))) : 0,
    // Looking at two windows is two chances to be surprised: the short one pays a small toll.
    short.recentSum > 1 ? -Math.log(Math.max(1e-12, poissonUpper(short.recentSum, rate * 2))) - 0.7 : 0,
  );
  const facts = { recentChanges: long.recentSum, weeksWithChanges: long.weeksWith, decayed: round1(long.decayed), usualPerWeek: round1(long.baselineRate) };
  // A single change scores a little (a note), never enough for a tag.
  const score = Math.round(long.recentSum === 1 ? 15 : ramp(surprise, [[2, 10], [4.5, 40], [5.5, 52], [8, 68], [12, 85], [16, 95]]));
  if (long.recentSum === 0) return { score: 0, reason: null, facts };
  const usual = long.baselineRate > 0
    ? { zh: `（平时每周 ${round1(long.baselineRate)} 次）`, en: ` (usually ${round1(long.baselineRate)} a week)` }
    : { zh: '', en: '' };
  const reason = text(
    `近 6 周需求变更 ${long.recentSum} 次，涉及 ${long.weeksWith} 周${usual.zh}`,
    `${long.recentSum} requirement change${long.recentSum > 1 ? 's' : ''} in the last 6 weeks, in ${long.weeksWith} week${long.weeksWith > 1 ? 's' : ''}${usual.en}`,
  );
  return { score, reason, facts };
}
