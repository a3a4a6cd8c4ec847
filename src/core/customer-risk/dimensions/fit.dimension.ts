// 适配度 product fit: usage falling below the customer's own normal, and product faults piling up.
// Usage only means something once the customer is live: leads and open deals do not use the product yet.
import { text } from '../../i18n.js';
import type { UsageLevel } from '../../weekly-report/template.js';
import { clamp, countSurprise, eventBurst, latestValue, median, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const RANK: Record<UsageLevel, number> = { high: 0, normal: 1, low: 2, none: 3 };
const LEVELS: UsageLevel[] = ['high', 'normal', 'low', 'none'];
const ZH: Record<UsageLevel, string> = { high: '高', normal: '正常', low: '低', none: '未使用' };
const LIVE_STAGES = new Set(['live', 'renewal', 'won']);
const FAULT_PRIOR_PER_WEEK = 0.25;
const INCIDENT_EXCESS = 2;
// The prior fault rate counts like this many weeks of the customer's own record.
const PRIOR_WEEKS = 4;


export function scoreFit(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  const stage = latestValue(obs, 'stage', 8)?.value ?? null;
  const usage = latestValue(obs, 'usage', ctx.cfg.staleAfterWeeks);
  const faults = eventBurst(obs, 'faults', ctx.cfg.events.faultHalfLifeWeeks);

  let usageScore = 0;
  let baseline: UsageLevel | null = null;
  if (usage && (stage === null || LIVE_STAGES.has(stage))) {
    const rank = RANK[usage.value];
    const older: number[] = [];
    let streak = 0, streakOpen = true;
    for (let i = obs.length - 1; i >= 0; i--) {
      const u = obs[i]!.entry?.usage;
      if (!u) continue;
      if (streakOpen && RANK[u] >= rank) streak++;
      else streakOpen = false;
      if (obs.length - 1 - i >= 6) older.push(RANK[u]);
    }
    const baseRank = older.length >= 3 ? Math.round(median(older)) : null;
    baseline = baseRank === null ? null : LEVELS[baseRank]!;
    usageScore = rank === 3 ? 45 : rank === 2 ? 25 : 0;
    const dropped = baseRank !== null && rank > baseRank && rank >= 2;
    // A drop of two levels (high → low) or to none is news on the first week; one level needs a second week.
    if (dropped) usageScore = (rank === 3 ? 60 : rank - baseRank >= 2 ? 50 : 40) + (streak >= 2 ? 10 : 0);
    // A customer that has always used the product little is known, not news; a fresh deal still onboarding too.
    else if (baseRank !== null && baseRank >= rank) usageScore *= 0.6;
    if (stage === 'won' && !dropped) usageScore *= 0.5;
  }
  // Faults: how unlikely this many in four weeks is for this customer (with a floor rate, as every product has some).
  // One incident week counts at most a little more than the next worst week: a one-off outage fades, repeated
  // fault weeks are a fit problem.
  const counted = faults.recentSum - Math.max(0, faults.recentMax - faults.recentSecond - INCIDENT_EXCESS);
  const surprise = countSurprise(counted, 4, faults.baseSum, faults.baseWeeks, FAULT_PRIOR_PER_WEEK, PRIOR_WEEKS);
  const faultScore = clamp(8 * surprise - 5);
  const score = Math.round(clamp(Math.max(usageScore, faultScore) + 0.5 * Math.min(usageScore, faultScore)));
  const facts = { usage: usage?.value ?? null, usualUsage: baseline, recentFaults: faults.recentSum, stage };
  if (score === 0) return { score, reason: null, facts };

  const zh: string[] = [];
  const en: string[] = [];
  if (usageScore > 0 && usage) {
    zh.push(`产品使用度「${ZH[usage.value]}」${baseline && baseline !== usage.value ? `（此前「${ZH[baseline]}」）` : ''}`);
    en.push(`usage ${usage.value}${baseline && baseline !== usage.value ? ` (was ${baseline})` : ''}`);
  }
  if (faults.recentSum > 0) {
    zh.push(`近 4 周产品故障/工单 ${faults.recentSum} 个`);
    en.push(`${faults.recentSum} product fault${faults.recentSum > 1 ? 's' : ''} in the last 4 weeks`);
  }
  if (zh.length === 0) return { score: Math.min(score, 15), reason: null, facts };
  const enText = en.join('; ');
  return { score, reason: text(zh.join('，'), enText.charAt(0).toUpperCase() + enText.slice(1)), facts };
}
