// 成交周期 deal cycle: for open deals only, how often and how far the expected close date keeps moving out.
// One push is normal; repeated pushes, a large cumulative slip, a passed date or a stage going backwards is not.
import { text } from '../../i18n.js';
import type { Stage } from '../../weekly-report/template.js';
import { daysFromTo } from '../dates.js';
import { clamp, latestValue, ramp, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const OPEN_RANK: Partial<Record<Stage, number>> = { lead: 0, qualified: 1, proposal: 2, negotiation: 3, renewal: 3 };
const SLIP_WINDOW = 12; // weeks of slips that still count
const MIN_SLIP_DAYS = 7;

export function scoreCycle(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  const last = obs.length - 1;
  const stage = latestValue(obs, 'stage', ctx.cfg.staleAfterWeeks);
  const facts: Record<string, number | string | null> = { slips: 0, slipDays: 0, expectedClose: null, daysPastClose: null, stage: stage?.value ?? null };
  if (!stage || OPEN_RANK[stage.value] === undefined) return { score: 0, reason: null, facts };

  // The current open deal starts after the last week the customer was won, live or lost.
  let start = 0;
  for (let i = last; i >= 0; i--) {
    const s = obs[i]!.entry?.stage;
    if (s && OPEN_RANK[s] === undefined) { start = i + 1; break; }
  }
  let prev: string | null = null;
  let slips = 0, slipDays = 0, regressed = false, prevRank = -1;
  for (let i = start; i <= last; i++) {
    const e = obs[i]!.entry;
    if (!e) continue;
    const recentWeek = last - i <= SLIP_WINDOW;
    if (e.expectedClose) {
      if (prev) {
        const moved = daysFromTo(prev, e.expectedClose);
        if (moved >= MIN_SLIP_DAYS && recentWeek) { slips++; slipDays += moved; }
      }
      prev = e.expectedClose;
    }
    const rank = e.stage ? OPEN_RANK[e.stage] : undefined;
    if (rank !== undefined) {
      if (rank < prevRank && last - i <= 8) regressed = true;
      prevRank = rank;
    }
  }
  const pastDays = prev ? daysFromTo(prev, ctx.weekEnd) : null;
  facts.slips = slips;
  facts.slipDays = slipDays;
  facts.expectedClose = prev;
  facts.daysPastClose = pastDays !== null && pastDays > 0 ? pastDays : null;

  let score = slips === 0 ? 0
    : slips === 1 ? Math.min(45, 15 + slipDays / 3)
      : slips === 2 ? Math.min(75, 48 + slipDays / 7)
        : Math.min(95, 62 + 4 * (slips - 3) + slipDays / 10);
  const past = pastDays !== null ? ramp(pastDays, [[7, 0], [14, 25], [30, 40], [60, 45]]) : 0;
  score = slips === 0 ? past : score + 0.5 * past;
  if (regressed) score += 12;
  score = Math.round(clamp(score));
  if (score === 0) return { score, reason: null, facts };

  const zh: string[] = [];
  const en: string[] = [];
  if (slips > 0) {
    zh.push(`预计签约日期推迟 ${slips} 次，累计 ${slipDays} 天（现为 ${prev}）`);
    en.push(`expected close pushed ${slips} time${slips > 1 ? 's' : ''}, ${slipDays} days in total (now ${prev})`);
  }
  if (past > 0 && prev) {
    zh.push(`预计签约日期 ${prev} 已过 ${pastDays} 天仍未成交`);
    en.push(`expected close ${prev} passed ${pastDays} days ago, still open`);
  }
  if (regressed) {
    zh.push('阶段倒退');
    en.push('stage went backwards');
  }
  const enText = en.join('; ');
  return { score, reason: text(zh.join('；'), enText.charAt(0).toUpperCase() + enText.slice(1)), facts };
}
