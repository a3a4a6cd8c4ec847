// The monthly review card (复盘) for the manager channel, and the ranking table shared with the digest.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text, say } from '../../core/i18n.js';
import type { RankingColumn, RankingRow } from '../../core/review/ranking.js';
import { RANKING_COLUMNS } from '../../core/review/ranking.js';
import type { Block, CardSpec } from '../../ui/card.js';
import type { TeamReview } from './review.service.js';
import { tagLabel, ROLE_LABEL, BUILT_IN_TAG_LABELS, type TagLabels, L } from '../shared/view-text.js';
import type { Role } from '../../core/team.js';
import { reviewText } from './review.messages.js';
import { commonText } from '../shared/common.messages.js';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
export const tagName = (tag: string, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS) => tagLabel(tag, locale, labels);
export const roleName = (role: string, locale: Locale) => (ROLE_LABEL[role as Role] ? say(locale, ROLE_LABEL[role as Role]) : role);

/** Column headings of the ranking, zh and en (chat cards and the dashboard). */
export const COLUMN_LABEL: Record<RankingColumn, LocalizedText> = {
  submission: text('提交', 'Submitted'),
  onTime: text('按时', 'On time'),
  streak: text('连续按时', 'Streak'),
  followUps: text('已解决跟进', 'Resolved'),
  recovery: text('恢复率', 'Recovered'),
  revenue: text('收入', 'Revenue'),
  revenueChange: text('收入变化', 'Revenue Δ'),
};

/** One ranking cell as text (chat cards and the dashboard). */
export const cell = (r: RankingRow, c: RankingColumn): string => {
  switch (c) {
    case 'submission': return `${r.submitted}/${r.weeks}`;
    case 'onTime': return pct(r.onTimeRate);
    case 'streak': return String(r.streak);
    case 'followUps': return String(r.followUpsResolved);
    case 'recovery': return pct(r.recoveryRate);
    case 'revenue': return r.revenue.toLocaleString('en-US');
    case 'revenueChange': return r.revenueChange === null ? '—' : `${r.revenueChange > 0 ? '+' : ''}${Math.round(r.revenueChange * 100)}%`;
  }
};

/** The ranking as a table block with the chosen columns. */
export function rankingBlocks(rows: readonly RankingRow[], locale: Locale, columns: readonly RankingColumn[] = RANKING_COLUMNS): Block[] {
  if (rows.length === 0) return [];
  return [
    { type: 'heading', text: say(locale, commonText.ranking) },
    {
      type: 'table',
      columns: [{ key: 'rank', label: '#', align: 'right' }, { key: 'name', label: say(locale, L.rep) },
        ...columns.map((c) => ({ key: c, label: say(locale, COLUMN_LABEL[c]), align: 'right' as const }))],
      rows: rows.map((r) => ({ rank: String(r.rank), name: r.name, ...Object.fromEntries(columns.map((c) => [c, cell(r, c)])) })),
    },
  ];
}

/** A rep's own line: "11 weeks on time in a row". */
export function ownRankingText(r: RankingRow, total: number, locale: Locale): string {
  return say(locale, reviewText.ownRankingLine(r.rank, total, r.streak, r.submitted, r.weeks, r.onTime, r.followUpsResolved));
}

/** `options.tagLabels`: the team's tag names (teamTagLabels of its settings). */
export function reviewCard(review: TeamReview, locale: Locale, options: { ranking?: readonly RankingColumn[] | false; tagLabels?: TagLabels } = {}): CardSpec {
  const labels = options.tagLabels ?? BUILT_IN_TAG_LABELS;
  const f = review.flags;
  const tk = review.tasks;
  const blocks: Block[] = [
    { type: 'fields', fields: [
      { label: say(locale, commonText.flagsRaised), value: [`${f.raised} (A ${f.byGrade.A} · B ${f.byGrade.B})`] },
      { label: say(locale, commonText.customersFlagged), value: [String(f.customers)] },
      { label: say(locale, reviewText.tasks), value: [say(locale, reviewText.openedClaimedResolvedDismissedStill(tk.opened, tk.claimed, tk.resolved, tk.dismissed, tk.stillOpen))] },
      { label: say(locale, commonText.byProblem), value: [Object.entries(f.byTag).map(([tag, n]) => `${tagName(tag, locale, labels)} ${n}`).join(' · ') || '—'] },
    ] },
  ];
  if (tk.byRole.length > 0) {
    blocks.push({ type: 'table', columns: [
      { key: 'role', label: say(locale, commonText.role) }, { key: 'opened', label: say(locale, commonText.opened), align: 'right' },
      { key: 'claim', label: say(locale, commonText.daysToClaim), align: 'right' }, { key: 'resolve', label: say(locale, commonText.daysToResolve), align: 'right' },
    ], rows: tk.byRole.map((r) => ({ role: roleName(r.role, locale), opened: String(r.opened), claim: String(r.medianDaysToClaim ?? '—'), resolve: String(r.medianDaysToResolve ?? '—') })) });
  }
  blocks.push({ type: 'heading', text: say(locale, commonText.whatTheFollowUpsAchieved) });
  blocks.push({ type: 'text', text: [say(locale, reviewText.recoveredRelapsedLost(review.recovered.join(', ') || '—', review.relapsed.join(', ') || '—', review.lost.join(', ') || '—', review.recovered.join('、') || '—', review.relapsed.join('、') || '—', review.lost.join('、') || '—'))] });
  for (const i of review.interventions.slice(0, 8)) {
    blocks.push({ type: 'note', text: [`${tagName(i.tag, locale, labels)} × ${roleName(i.role, locale)}: ${say(locale, commonText.outcomeCounts(i.closed, i.recovered, i.relapsed, i.lost, i.pending))}`] });
  }
  if (review.cases.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, commonText.casesWorthDiscussing) });
    for (const c of review.cases) {
      const story = c.story.events.filter((e) => e.note).slice(-3).map((e) => `${e.at.slice(5, 10)} ${e.note}`).join(' / ');
      blocks.push({ type: 'text', text: [{ bold: `${c.kind === 'recovery' ? '✅' : '⚠️'} ${c.customer}` },
        ` ${tagName(c.tag, locale, labels)} · ${c.before ?? '—'} → ${c.latest ?? '—'}${story ? ` · ${story}` : ''}`] });
    }
  }
  const tr2 = review.trackRecord;
  blocks.push({ type: 'note', text: [say(locale, commonText.scorerCheck(tr2.badOutcomes.length, tr2.flaggedBefore, tr2.medianWeeksBefore ?? '—', tr2.recoveredWithoutAction.length))] });
  if (options.ranking !== false) blocks.push(...rankingBlocks(review.ranking, locale, options.ranking ?? RANKING_COLUMNS));
  return {
    title: say(locale, reviewText.monthlyReview(review.month)),
    tone: 'blue',
    blocks,
    summary: say(locale, reviewText.reviewFlagsRaisedTasksResolved(review.month, f.raised, tk.resolved)),
  };
}
