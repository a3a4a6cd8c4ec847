// The team page: each rep's weekly report compliance (on time / late / missing) over recent weeks, the
// team ranking (排行榜) and the monthly review (复盘). A rep sees only their own row and ranking line.
import { html, type SafeHtml } from '../html.js';
import type { TeamPageModel, WeekStatus } from '../models/team.model.js';
import type { TeamReview } from '../../app/review/review.service.js';
import { cell, COLUMN_LABEL, ownRankingText, roleName, tagName } from '../../app/review/review.view.js';
import type { Locale } from '../../core/i18n.js';
import { href, layout, type PageContext } from './layout.js';
import { tr } from './labels.js';

const MARK: Record<WeekStatus, string> = { on_time: '✓', late: 'L', missing: '✗', excused: '–' };

function compliance(pc: PageContext, m: TeamPageModel): SafeHtml {
  const { locale } = pc;
  const name: Record<WeekStatus, string> = {
    on_time: tr(locale, '按时', 'on time'), late: tr(locale, '迟交', 'late'), missing: tr(locale, '未交', 'missing'), excused: tr(locale, '请假', 'away'),
  };
  return html`<section class="card" id="compliance">
  <h2>${tr(locale, `周报提交情况（近 ${m.weeks.length} 周）`, `Report compliance (last ${m.weeks.length} weeks)`)}</h2>
  <p class="muted">${(Object.keys(MARK) as WeekStatus[]).map((k) => html`<span class="status ${k}">${MARK[k]}</span> ${name[k]} `)}</p>
  ${m.rows.length === 0 ? html`<p class="muted">${tr(locale, '还没有销售。', 'No reps yet.')}</p>` : html`<div class="scroll"><table>
  <thead><tr><th>${tr(locale, '销售', 'Rep')}</th><th class="num">${tr(locale, '提交率', 'Rate')}</th><th class="num">${tr(locale, '迟交', 'Late')}</th>${m.weeks.map((w) => html`<th class="num">${w.slice(5)}</th>`)}</tr></thead>
  <tbody>${m.rows.map((r) => html`<tr data-rep="${r.rep.email}"><td>${r.rep.name}</td>
    <td class="num ${r.rate !== null && r.rate < 0.75 ? 'low' : ''}" data-rate>${r.rate === null ? '—' : `${Math.round(r.rate * 100)}%`}</td>
    <td class="num">${r.late}</td>
    ${r.statuses.map((st, i) => html`<td class="num"><span class="status ${st}" title="${m.weeks[i]}: ${name[st]}">${MARK[st]}</span></td>`)}</tr>`)}</tbody>
  </table></div>`}
</section>`;
}

function ranking(pc: PageContext, m: TeamPageModel): SafeHtml {
  const { locale } = pc;
  const r = m.ranking;
  const period = tr(locale, `${r.from} … ${r.to}（近 ${r.weeks} 周）`, `${r.from} … ${r.to} (last ${r.weeks} weeks)`);
  if (m.scope === 'own') {
    const mine = r.rows[0];
    return html`<section class="card" id="ranking">
  <h2>${tr(locale, '我的排名', 'My ranking')}</h2>
  <p class="muted">${period}</p>
  ${mine ? html`<p data-own-ranking="${mine.rep}"><b>${ownRankingText(mine, r.total, locale)}</b></p>` : html`<p class="muted">${tr(locale, '排行榜只包括销售。', 'The ranking covers reps only.')}</p>`}
</section>`;
  }
  return html`<section class="card" id="ranking">
  <h2>${tr(locale, '排行榜', 'Ranking')}</h2>
  <p class="muted">${period}</p>
  ${r.rows.length === 0 ? html`<p class="muted">${tr(locale, '还没有销售。', 'No reps yet.')}</p>` : html`<div class="scroll"><table class="ranking">
  <thead><tr><th class="num">#</th><th>${tr(locale, '销售', 'Rep')}</th>${r.columns.map((c) => html`<th class="num">${tr(locale, COLUMN_LABEL[c].zh, COLUMN_LABEL[c].en)}</th>`)}</tr></thead>
  <tbody>${r.rows.map((row) => html`<tr data-rank-rep="${row.rep}"><td class="num">${row.rank}</td><td>${row.name}</td>${r.columns.map((c) => html`<td class="num" data-col="${c}">${cell(row, c)}</td>`)}</tr>`)}</tbody>
  </table></div>`}
</section>`;
}

const names = (xs: readonly string[], locale: Locale) => (xs.length === 0 ? '—' : xs.join(locale === 'zh' ? '、' : ', '));

function review(pc: PageContext, m: TeamPageModel, v: TeamReview): SafeHtml {
  const { locale } = pc;
  const f = v.flags;
  const tk = v.tasks;
  const t = v.trackRecord;
  const picker = m.months.length > 1 ? html`<form class="filters" method="get" action="${href({ lang: null }, '/team')}">
    ${pc.lang ? html`<input type="hidden" name="lang" value="${pc.lang}">` : ''}
    <label>${tr(locale, '月份', 'Month')}<select name="month">${m.months.map((mo) => html`<option value="${mo}"${mo === m.month ? html` selected` : ''}>${mo}</option>`)}</select></label>
    <button type="submit">${tr(locale, '查看', 'Show')}</button></form>` : '';
  return html`<section class="card" id="review" data-month="${v.month}">
  <h2>${tr(locale, `${v.month} 月度复盘`, `Monthly review ${v.month}`)}</h2>
  ${picker}
  <ul class="stats">
    <li class="red"><b data-review="raised">${f.raised}</b>${tr(locale, '新增预警', 'Flags raised')} (A ${f.byGrade.A} · B ${f.byGrade.B})</li>
    <li><b data-review="customers">${f.customers}</b>${tr(locale, '涉及客户', 'Customers flagged')}</li>
    <li><b data-review="opened">${tk.opened}</b>${tr(locale, '新建任务', 'Tasks opened')}</li>
    <li><b data-review="resolved">${tk.resolved}</b>${tr(locale, '已解决', 'Resolved')}</li>
    <li class="orange"><b data-review="still-open">${tk.stillOpen}</b>${tr(locale, '未完成', 'Still open')}</li>
  </ul>
  <p>${tr(locale, '按类型', 'By problem')}: ${Object.entries(f.byTag).map(([tag, n]) => `${tagName(tag, locale, pc.tagLabels)} ${n}`).join(' · ') || '—'}</p>
  ${tk.byRole.length === 0 ? '' : html`<div class="scroll"><table>
  <thead><tr><th>${tr(locale, '角色', 'Role')}</th><th class="num">${tr(locale, '新建', 'Opened')}</th><th class="num">${tr(locale, '解决', 'Resolved')}</th><th class="num">${tr(locale, '认领天数(中位)', 'Days to claim')}</th><th class="num">${tr(locale, '解决天数(中位)', 'Days to resolve')}</th></tr></thead>
  <tbody>${tk.byRole.map((r) => html`<tr><td>${roleName(r.role, locale)}</td><td class="num">${r.opened}</td><td class="num">${r.resolved}</td><td class="num">${r.medianDaysToClaim ?? '—'}</td><td class="num">${r.medianDaysToResolve ?? '—'}</td></tr>`)}</tbody>
  </table></div>`}
  <h3>${tr(locale, '干预效果', 'What the follow-ups achieved')}</h3>
  <p>${tr(locale, '恢复', 'Recovered')}: ${names(v.recovered, locale)}<br>${tr(locale, '反复', 'Relapsed')}: ${names(v.relapsed, locale)}<br>${tr(locale, '流失', 'Lost')}: ${names(v.lost, locale)}</p>
  ${v.interventions.length === 0 ? '' : html`<ul>${v.interventions.slice(0, 8).map((i) => html`<li>${tagName(i.tag, locale, pc.tagLabels)} × ${roleName(i.role, locale)}: ${tr(locale,
    `${i.closed} 个关闭，${i.recovered} 恢复，${i.relapsed} 反复，${i.lost} 流失，${i.pending} 待观察`,
    `${i.closed} closed, ${i.recovered} recovered, ${i.relapsed} relapsed, ${i.lost} lost, ${i.pending} pending`)}</li>`)}</ul>`}
  ${v.cases.length === 0 ? '' : html`<h3>${tr(locale, '值得讨论的案例', 'Cases worth discussing')}</h3><ul>${v.cases.map((c) => html`<li>${c.kind === 'recovery' ? '✅' : '⚠️'} <b>${c.customer}</b> ${tagName(c.tag, locale, pc.tagLabels)} · ${c.before ?? '—'} → ${c.latest ?? '—'}</li>`)}</ul>`}
  <p class="muted">${tr(locale,
    `评分自检：${t.badOutcomes.length} 个客户流失或逾期90天以上，其中 ${t.flaggedBefore} 个提前预警（中位 ${t.medianWeeksBefore ?? '—'} 周）；${t.recoveredWithoutAction.length} 个预警未经处理自行恢复`,
    `Scorer check: ${t.badOutcomes.length} customers lost or 90+ days overdue, ${t.flaggedBefore} flagged before (median ${t.medianWeeksBefore ?? '—'} weeks ahead); ${t.recoveredWithoutAction.length} flags recovered without action`)}</p>
</section>`;
}

export function teamPage(pc: PageContext, m: TeamPageModel, switchLang: string): string {
  const { locale } = pc;
  const body = html`<h1>${m.scope === 'team' ? tr(locale, '团队', 'Team') : tr(locale, '我的周报与排名', 'My reports and ranking')}</h1>
${compliance(pc, m)}
${ranking(pc, m)}
${m.review ? review(pc, m, m.review) : ''}`;
  return layout(pc, { title: tr(locale, '团队', 'Team'), current: 'team', switchLang }, body);
}
