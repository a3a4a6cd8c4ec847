// 投诉 complaints: recent complaints that fade with age (half-life), repeated weeks weigh more than one
// burst, and a customer who always complains a little is judged against its own baseline.
import { text } from '../../i18n.js';
import { clamp, eventBurst, latestValue, round1, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const TYPE_LABEL: Record<string, { zh: string; en: string }> = {
  service: { zh: '服务', en: 'service' }, quality: { zh: '质量', en: 'quality' }, delivery: { zh: '交付', en: 'delivery' },
  billing: { zh: '账单', en: 'billing' }, other: { zh: '其他', en: 'other' },
};

export function scoreComplaints(ctx: DimensionContext): DimensionScore {
  const b = eventBurst(ctx.obs, 'complaints', ctx.cfg.events.complaintHalfLifeWeeks);
  const type = latestValue(ctx.obs, 'complaintType', 3);
  const facts = { recentComplaints: b.recentSum, weeksWithComplaints: b.weeksWith, decayed: round1(b.decayed), complaintType: type?.value ?? null };
  // One complaint is a note (22); a second week of complaints or a pile in one week is a flag.
  const score = Math.round(clamp(22 * b.effective + 18 * Math.max(0, b.effectiveWeeks - 1)));
  if (score === 0 || b.recentSum === 0) return { score: b.recentSum === 0 ? Math.min(score, 15) : score, reason: null, facts };
  const t = type ? TYPE_LABEL[type.value] : undefined;
  const reason = text(
    `近 4 周新增投诉 ${b.recentSum} 次，涉及 ${b.weeksWith} 周${t ? `（主要为${t.zh}）` : ''}`,
    `${b.recentSum} new complaint${b.recentSum > 1 ? 's' : ''} in the last 4 weeks, in ${b.weeksWith} week${b.weeksWith > 1 ? 's' : ''}${t ? ` (mostly ${t.en})` : ''}`,
  );
  return { score, reason, facts };
}
