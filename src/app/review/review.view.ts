// The monthly review card (复盘) for the manager channel, and the ranking table shared with the digest.
import type { Locale } from '../../core/i18n.js';
import type { RankingColumn, RankingRow } from '../../core/review/ranking.js';
import { RANKING_COLUMNS } from '../../core/review/ranking.js';
import type { Block, CardSpec } from '../../ui/card.js';
import type { TeamReview } from './review.service.js';
import { tagLabel, ROLE_LABEL, t, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import type { Role } from '../../core/team.js';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
export const tagName = (tag: string, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS) => tagLabel(tag, locale, labels);
export const roleName = (role: string, locale: Locale) => (ROLE_LABEL[role as Role] ? t(ROLE_LABEL[role as Role], locale) : role);

/** Column headings of the ranking, zh and en (chat cards and the dashboard). */
export const COLUMN_LABEL: Record<RankingColumn, [string, string]> = {
  submission: ['提交', 'Submitted'],
  onTime: ['按时', 'On time'],
  streak: ['连续按时', 'Streak'],
  followUps: ['已解决跟进', 'Resolved'],
  recovery: ['恢复率', 'Recovered'],
  revenue: ['收入', 'Revenue'],
  revenueChange: ['收入变化', 'Revenue Δ'],
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
    { type: 'heading', text: tr(locale, '排行榜', 'Ranking') },
    {
      type: 'table',
      columns: [{ key: 'rank', label: '#', align: 'right' }, { key: 'name', label: tr(locale, '销售', 'Rep') },
        ...columns.map((c) => ({ key: c, label: tr(locale, ...COLUMN_LABEL[c]), align: 'right' as const }))],
      rows: rows.map((r) => ({ rank: String(r.rank), name: r.name, ...Object.fromEntries(columns.map((c) => [c, cell(r, c)])) })),
    },
  ];
}

/** A rep's own line: "11 weeks on time in a row". */
export function ownRankingText(r: RankingRow, total: number, locale: Locale): string {
  return tr(locale,
    `第 ${r.rank}/${total} 名 · 连续按时 ${r.streak} 周 · 近 ${r.weeks} 周提交 ${r.submitted} 次、按时 ${r.onTime} 次 · 已解决跟进 ${r.followUpsResolved}`,
    `#${r.rank} of ${total} · ${r.streak} week${r.streak === 1 ? '' : 's'} on time in a row · ${r.submitted}/${r.weeks} weeks submitted, ${r.onTime} on time · ${r.followUpsResolved} follow-ups resolved`);
}

/** `options.tagLabels`: the team's tag names (teamTagLabels of its settings). */
export function reviewCard(review: TeamReview, locale: Locale, options: { ranking?: readonly RankingColumn[] | false; tagLabels?: TagLabels } = {}): CardSpec {
  const labels = options.tagLabels ?? BUILT_IN_TAG_LABELS;
  const f = review.flags;
  const tk = review.tasks;
  const blocks: Block[] = [
    { type: 'fields', fields: [
      { label: tr(locale, '新增预警', 'Flags raised'), value: [`${f.raised} (A ${f.byGrade.A} · B ${f.byGrade.B})`] },
      { label: tr(locale, '涉及客户', 'Customers flagged'), value: [String(f.customers)] },
      { label: tr(locale, '任务', 'Tasks'), value: [tr(locale, `新建 ${tk.opened} · 认领 ${tk.claimed} · 解决 ${tk.resolved} · 忽略 ${tk.dismissed} · 未完成 ${tk.stillOpen}`,
        `${tk.opened} opened · ${tk.claimed} claimed · ${tk.resolved} resolved · ${tk.dismissed} dismissed · ${tk.stillOpen} still open`)] },
      { label: tr(locale, '按类型', 'By problem'), value: [Object.entries(f.byTag).map(([tag, n]) => `${tagName(tag, locale, labels)} ${n}`).join(' · ') || '—'] },
    ] },
  ];
  if (tk.byRole.length > 0) {
    blocks.push({ type: 'table', columns: [
      { key: 'role', label: tr(locale, '角色', 'Role') }, { key: 'opened', label: tr(locale, '新建', 'Opened'), align: 'right' },
      { key: 'claim', label: tr(locale, '认领天数(中位)', 'Days to claim'), align: 'right' }, { key: 'resolve', label: tr(locale, '解决天数(中位)', 'Days to resolve'), align: 'right' },
    ], rows: tk.byRole.map((r) => ({ role: roleName(r.role, locale), opened: String(r.opened), claim: String(r.medianDaysToClaim ?? '—'), resolve: String(r.medianDaysToResolve ?? '—') })) });
  }
  blocks.push({ type: 'heading', text: tr(locale, '干预效果', 'What the follow-ups achieved') });
  blocks.push({ type: 'text', text: [tr(locale,
    `恢复：${review.recovered.join('、') || '—'}；反复：${review.relapsed.join('、') || '—'}；流失：${review.lost.join('、') || '—'}`,
    `Recovered: ${review.recovered.join(', ') || '—'}; relapsed: ${review.relapsed.join(', ') || '—'}; lost: ${review.lost.join(', ') || '—'}`)] });
  for (const i of review.interventions.slice(0, 8)) {
    blocks.push({ type: 'note', text: [`${tagName(i.tag, locale, labels)} × ${roleName(i.role, locale)}: ${tr(locale,
      `${i.closed} 个关闭，${i.recovered} 恢复，${i.relapsed} 反复，${i.lost} 流失，${i.pending} 待观察`,
      `${i.closed} closed, ${i.recovered} recovered, ${i.relapsed} relapsed, ${i.lost} lost, ${i.pending} pending`)}`] });
  }
  if (review.cases.length > 0) {
    blocks.push({ type: 'heading', text: tr(locale, '值得讨论的案例', 'Cases worth discussing') });
    for (const c of review.cases) {
      const story = c.story.events.filter((e) => e.note).slice(-3).map((e) => `${e.at.slice(5, 10)} ${e.note}`).join(' / ');
      blocks.push({ type: 'text', text: [{ bold: `${c.kind === 'recovery' ? '✅' : '⚠️'} ${c.customer}` },
        ` ${tagName(c.tag, locale, labels)} · ${c.before ?? '—'} → ${c.latest ?? '—'}${story ? ` · ${story}` : ''}`] });
    }
  }
  const tr2 = review.trackRecord;
  blocks.push({ type: 'note', text: [tr(locale,
    `评分自检：${tr2.badOutcomes.length} 个客户流失或逾期90天以上，其中 ${tr2.flaggedBefore} 个提前预警（中位 ${tr2.medianWeeksBefore ?? '—'} 周）；${tr2.recoveredWithoutAction.length} 个预警未经处理自行恢复`,
    `Scorer check: ${tr2.badOutcomes.length} customers lost or 90+ days overdue, ${tr2.flaggedBefore} flagged before (median ${tr2.medianWeeksBefore ?? '—'} weeks ahead); ${tr2.recoveredWithoutAction.length} flags recovered without action`)] });
  if (options.ranking !== false) blocks.push(...rankingBlocks(review.ranking, locale, options.ranking ?? RANKING_COLUMNS));
  return {
    title: tr(locale, `📊 ${review.month} 月度复盘`, `📊 Monthly review ${review.month}`),
    tone: 'blue',
    blocks,
    summary: tr(locale, `${review.month} 复盘：新增预警 ${f.raised}，解决任务 ${tk.resolved}`, `Review ${review.month}: ${f.raised} flags raised, ${tk.resolved} tasks resolved`),
  };
}
