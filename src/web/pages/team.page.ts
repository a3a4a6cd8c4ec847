// The team page: each rep's weekly report compliance (on time / late / missing) over recent weeks, the
// team ranking (排行榜) and the monthly review (复盘). A rep sees only their own row and ranking line.
import { html, type SafeHtml } from '../html.js';
import type { TeamPageModel, WeekStatus } from '../models/team.model.js';
import type { TeamReview } from '../../app/review/review.service.js';
import { cell, COLUMN_LABEL, ownRankingText, roleName, tagName } from '../../app/review/review.view.js';
import type { Locale } from '../../core/i18n.js';
import { say } from '../../core/i18n.js';
import { href, layout, type PageContext } from './layout.js';
import { commonText } from '../../app/shared/common.messages.js';
import { pagesText } from './pages.messages.js';
import { teamPageText } from './team.messages.js';
import { L } from '../../app/shared/view-text.js';

const MARK: Record<WeekStatus, string> = { on_time: '✓', late: 'L', missing: '✗', excused: '–' };

function compliance(pc: PageContext, m: TeamPageModel): SafeHtml {
  const { locale } = pc;
  const name: Record<WeekStatus, string> = {
    on_time: say(locale, teamPageText.onTime), late: say(locale, teamPageText.late), missing: say(locale, teamPageText.missing), excused: say(locale, teamPageText.away),
  };
  return html`<section class="card" id="compliance">
  <h2>${say(locale, teamPageText.reportComplianceLastWeeks(m.weeks.length))}</h2>
  <p class="muted">${(Object.keys(MARK) as WeekStatus[]).map((k) => html`<span class="status ${k}">${MARK[k]}</span> ${name[k]} `)}</p>
  ${m.rows.length === 0 ? html`<p class="muted">${say(locale, teamPageText.noRepsYet)}</p>` : html`<div class="scroll"><table>
  <thead><tr><th>${say(locale, L.rep)}</th><th class="num">${say(locale, teamPageText.rate)}</th><th class="num">${say(locale, teamPageText.late2)}</th>${m.weeks.map((w) => html`<th class="num">${w.slice(5)}</th>`)}</tr></thead>
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
  const period = say(locale, teamPageText.lastWeeks(r.from, r.to, r.weeks));
  if (m.scope === 'own') {
    const mine = r.rows[0];
    return html`<section class="card" id="ranking">
  <h2>${say(locale, teamPageText.myRanking)}</h2>
  <p class="muted">${period}</p>
  ${mine ? html`<p data-own-ranking="${mine.rep}"><b>${ownRankingText(mine, r.total, locale)}</b></p>` : html`<p class="muted">${say(locale, commonText.theRankingCoversRepsOnly)}</p>`}
</section>`;
  }
  return html`<section class="card" id="ranking">
  <h2>${say(locale, commonText.ranking)}</h2>
  <p class="muted">${period}</p>
  ${r.rows.length === 0 ? html`<p class="muted">${say(locale, teamPageText.noRepsYet)}</p>` : html`<div class="scroll"><table class="ranking">
  <thead><tr><th class="num">#</th><th>${say(locale, L.rep)}</th>${r.columns.map((c) => html`<th class="num">${say(locale, COLUMN_LABEL[c])}</th>`)}</tr></thead>
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
    <label>${say(locale, teamPageText.month)}<select name="month">${m.months.map((mo) => html`<option value="${mo}"${mo === m.month ? html` selected` : ''}>${mo}</option>`)}</select></label>
    <button type="submit">${say(locale, teamPageText.show)}</button></form>` : '';
  return html`<section class="card" id="review" data-month="${v.month}">
  <h2>${say(locale, teamPageText.monthlyReview(v.month))}</h2>
  ${picker}
  <ul class="stats">
    <li class="red"><b data-review="raised">${f.raised}</b>${say(locale, commonText.flagsRaised)} (A ${f.byGrade.A} · B ${f.byGrade.B})</li>
    <li><b data-review="customers">${f.customers}</b>${say(locale, commonText.customersFlagged)}</li>
    <li><b data-review="opened">${tk.opened}</b>${say(locale, teamPageText.tasksOpened)}</li>
    <li><b data-review="resolved">${tk.resolved}</b>${say(locale, commonText.resolved)}</li>
    <li class="orange"><b data-review="still-open">${tk.stillOpen}</b>${say(locale, teamPageText.stillOpen)}</li>
  </ul>
  <p>${say(locale, commonText.byProblem)}: ${Object.entries(f.byTag).map(([tag, n]) => `${tagName(tag, locale, pc.tagLabels)} ${n}`).join(' · ') || '—'}</p>
  ${tk.byRole.length === 0 ? '' : html`<div class="scroll"><table>
  <thead><tr><th>${say(locale, commonText.role)}</th><th class="num">${say(locale, commonText.opened)}</th><th class="num">${say(locale, teamPageText.resolved)}</th><th class="num">${say(locale, commonText.daysToClaim)}</th><th class="num">${say(locale, commonText.daysToResolve)}</th></tr></thead>
  <tbody>${tk.byRole.map((r) => html`<tr><td>${roleName(r.role, locale)}</td><td class="num">${r.opened}</td><td class="num">${r.resolved}</td><td class="num">${r.medianDaysToClaim ?? '—'}</td><td class="num">${r.medianDaysToResolve ?? '—'}</td></tr>`)}</tbody>
  </table></div>`}
  <h3>${say(locale, commonText.whatTheFollowUpsAchieved)}</h3>
  <p>${say(locale, teamPageText.recovered)}: ${names(v.recovered, locale)}<br>${say(locale, teamPageText.relapsed)}: ${names(v.relapsed, locale)}<br>${say(locale, teamPageText.lost)}: ${names(v.lost, locale)}</p>
  ${v.interventions.length === 0 ? '' : html`<ul>${v.interventions.slice(0, 8).map((i) => html`<li>${tagName(i.tag, locale, pc.tagLabels)} × ${roleName(i.role, locale)}: ${say(locale, commonText.outcomeCounts(i.closed, i.recovered, i.relapsed, i.lost, i.pending))}</li>`)}</ul>`}
  ${v.cases.length === 0 ? '' : html`<h3>${say(locale, commonText.casesWorthDiscussing)}</h3><ul>${v.cases.map((c) => html`<li>${c.kind === 'recovery' ? '✅' : '⚠️'} <b>${c.customer}</b> ${tagName(c.tag, locale, pc.tagLabels)} · ${c.before ?? '—'} → ${c.latest ?? '—'}</li>`)}</ul>`}
  <p class="muted">${say(locale, commonText.scorerCheck(t.badOutcomes.length, t.flaggedBefore, t.medianWeeksBefore ?? '—', t.recoveredWithoutAction.length))}</p>
</section>`;
}

export function teamPage(pc: PageContext, m: TeamPageModel, switchLang: string): string {
  const { locale } = pc;
  const body = html`<h1>${m.scope === 'team' ? say(locale, pagesText.team) : say(locale, teamPageText.myReportsAndRanking)}</h1>
${compliance(pc, m)}
${ranking(pc, m)}
${m.review ? review(pc, m, m.review) : ''}`;
  return layout(pc, { title: say(locale, pagesText.team), current: 'team', switchLang }, body);
}
