// The team page: each rep's weekly report compliance (on time / late / missing) over recent weeks.
import { html } from '../html.js';
import type { TeamPageModel, WeekStatus } from '../models/team.model.js';
import { layout, type PageContext } from './layout.js';
import { tr } from './labels.js';

const MARK: Record<WeekStatus, string> = { on_time: '✓', late: 'L', missing: '✗', excused: '–' };

export function teamPage(pc: PageContext, m: TeamPageModel, switchLang: string): string {
  const { locale } = pc;
  const name: Record<WeekStatus, string> = {
    on_time: tr(locale, '按时', 'on time'), late: tr(locale, '迟交', 'late'), missing: tr(locale, '未交', 'missing'), excused: tr(locale, '请假', 'away'),
  };
  const body = html`<h1>${tr(locale, '团队', 'Team')}</h1>
<section class="card" id="compliance">
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
  return layout(pc, { title: tr(locale, '团队', 'Team'), current: 'team', switchLang }, body);
}
