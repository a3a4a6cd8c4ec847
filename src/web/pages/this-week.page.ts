// The landing page: this week's red flags (marked red, sortable, filterable with plain GET forms),
// the team charts, who has not submitted, and the follow-up board.
import { say } from '../../core/i18n.js';
import { tagLabel, ROLE_LABEL, STATE_LABEL, deltaArrow, BUILT_IN_TAG_LABELS, L } from '../../app/shared/view-text.js';
import { html, type SafeHtml } from '../html.js';
import { SORT_KEYS, type BoardGroup, type FlagFilters, type SortKey, type ThisWeekModel } from '../models/this-week.model.js';
import type { Locale } from '../../core/i18n.js';

const SORT_LABEL: Record<SortKey, (l: Locale) => string> = {
  index: (l) => say(l, L.index), delta: (l) => say(l, thisWeekPageText.change), weeks: (l) => say(l, thisWeekPageText.weeksRed),
  name: (l) => say(l, commonText.customer), rep: (l) => say(l, L.rep),
};
import { figure, type Figure } from './figure.js';
import { href, layout, type PageContext } from './layout.js';
import { commonText } from '../../app/shared/common.messages.js';
import { pagesText } from './pages.messages.js';
import { thisWeekPageText } from './this-week.messages.js';

const filterParams = (f: FlagFilters, week: string) => ({
  week, grade: f.grade, tag: f.tag, region: f.region, rep: f.repId, sort: f.sort === 'index' ? null : f.sort, dir: f.dir === 'desc' ? null : f.dir,
});

function delta(d: number | null): SafeHtml {
  const cls = d === null || Math.round(d) === 0 ? '' : d > 0 ? 'up' : 'down';
  return html`<span class="${cls}">${deltaArrow(d)}</span>`;
}

function sortHeader(pc: PageContext, m: ThisWeekModel, key: SortKey, label: string, numeric = false): SafeHtml {
  const active = m.filters.sort === key;
  const dir = active && m.filters.dir === 'desc' ? 'asc' : 'desc';
  const link = href(pc, '/', { ...filterParams(m.filters, m.week), sort: key, dir });
  const arrow = active ? (m.filters.dir === 'desc' ? ' ↓' : ' ↑') : '';
  const aria = active ? (m.filters.dir === 'desc' ? 'descending' : 'ascending') : 'none';
  return html`<th class="${numeric ? 'num' : ''}" aria-sort="${aria}"><a href="${link}" data-sort="${key}">${label}${arrow}</a></th>`;
}

function filters(pc: PageContext, m: ThisWeekModel): SafeHtml {
  const { locale } = pc;
  const f = m.filters;
  const opt = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${href({ lang: null }, '/')}">
  ${pc.lang ? html`<input type="hidden" name="lang" value="${pc.lang}">` : ''}
  <label>${say(locale, commonText.week)}<select name="week">${m.weeks.map((w) => opt(w, w, w === m.week))}</select></label>
  <label>${say(locale, commonText.grade)}<select name="grade">${opt('', say(locale, thisWeekPageText.all), f.grade === null)}${opt('A', 'A', f.grade === 'A')}${opt('B', 'B', f.grade === 'B')}</select></label>
  <label>${say(locale, thisWeekPageText.problem)}<select name="tag">${opt('', say(locale, thisWeekPageText.all), f.tag === null)}${m.options.tags.map((tag) => opt(tag, tagLabel(tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS), f.tag === tag))}</select></label>
  <label>${say(locale, pagesText.region)}<select name="region">${opt('', say(locale, thisWeekPageText.all), f.region === null)}${m.options.regions.map((r) => opt(r, r, f.region === r))}</select></label>
  <label>${say(locale, L.rep)}<select name="rep">${opt('', say(locale, thisWeekPageText.all), f.repId === null)}${m.options.reps.map((r) => opt(String(r.id), r.name, f.repId === r.id))}</select></label>
  <label>${say(locale, thisWeekPageText.sort)}<select name="sort">${SORT_KEYS.map((k) => opt(k, SORT_LABEL[k](locale), f.sort === k))}</select></label>
  <label>${say(locale, thisWeekPageText.order)}<select name="dir">${opt('desc', say(locale, thisWeekPageText.highToLow), f.dir === 'desc')}${opt('asc', say(locale, thisWeekPageText.lowToHigh), f.dir === 'asc')}</select></label>
  <button type="submit">${say(locale, thisWeekPageText.filter)}</button>
  <a href="${href(pc, '/', { week: m.week })}">${say(locale, thisWeekPageText.clear)}</a>
</form>`;
}

function flagsTable(pc: PageContext, m: ThisWeekModel): SafeHtml {
  const { locale } = pc;
  if (m.flags.length === 0) {
    return html`<p class="muted" data-empty="flags">${m.totalFlags === 0 ? say(locale, thisWeekPageText.noRedFlagsThisWeek) : say(locale, thisWeekPageText.noCustomersMatchTheseFilters)}</p>`;
  }
  return html`<div class="scroll"><table class="flags">
<thead><tr>
  ${sortHeader(pc, m, 'name', say(locale, commonText.customer))}
  <th>${say(locale, commonText.grade)}</th>
  ${sortHeader(pc, m, 'index', say(locale, L.index), true)}
  ${sortHeader(pc, m, 'delta', say(locale, thisWeekPageText.change), true)}
  ${sortHeader(pc, m, 'weeks', say(locale, thisWeekPageText.weeksRed), true)}
  <th>${say(locale, thisWeekPageText.problemsAndWhy)}</th>
  ${sortHeader(pc, m, 'rep', say(locale, L.rep))}
  <th>${say(locale, pagesText.region)}</th>
</tr></thead>
<tbody>
${m.flags.map((f) => html`<tr class="grade-${f.grade}" data-customer-id="${f.customerId}">
  <td><a href="${href(pc, `/customers/${f.customerId}`, { week: m.week })}" data-customer="${f.name}">${f.name}</a></td>
  <td class="inline"><span class="badge ${f.grade}">${f.grade}</span></td>
  <td class="num" data-index data-label="${say(locale, L.index)}">${f.index}</td>
  <td class="num" data-label="${say(locale, thisWeekPageText.change)}">${delta(f.delta)}</td>
  <td class="num" data-label="${say(locale, thisWeekPageText.weeksRed)}">${f.weeksInRed}</td>
  <td>${f.tags.map((tag) => html`<span class="tag">${tagLabel(tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)}</span>`)}
    <ul class="reasons">${f.reasons.map((r) => html`<li>${say(locale, r)}</li>`)}</ul></td>
  <td class="inline" data-label="${say(locale, L.rep)}">${f.rep?.name ?? '—'}</td>
  <td class="inline" data-label="${say(locale, pagesText.region)}">${f.region ?? '—'}</td>
</tr>`)}
</tbody></table></div>`;
}

function boardColumn(pc: PageContext, title: string, cls: string, groups: BoardGroup[], week: string): SafeHtml {
  const { locale } = pc;
  const n = groups.reduce((s, g) => s + g.tasks.length, 0);
  return html`<div class="col ${cls}" data-board="${cls}"><h3>${title} (${n})</h3>
  ${n === 0 ? html`<p class="muted">—</p>` : groups.map((g) => html`<h4>${'name' in g.assignee ? g.assignee.name : say(locale, thisWeekPageText.unassigned(say(locale, ROLE_LABEL[g.assignee.role])))} · ${g.tasks.length}</h4>
  <ul>${g.tasks.map((task) => html`<li><a href="${href(pc, `/customers/${task.customerId}`, { week })}">${task.customerName}</a> · ${tagLabel(task.tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)} · ${say(locale, STATE_LABEL[task.state])} · ${say(locale, commonText.due(task.dueDate))}</li>`)}</ul>`)}
</div>`;
}

export interface ThisWeekCharts {
  heatmap: Figure | null;
  portfolio: Figure | null;
  byRep: Figure | null;
}

export function thisWeekPage(pc: PageContext, m: ThisWeekModel, charts: ThisWeekCharts | null, switchLang: string): string {
  const { locale } = pc;
  const c = m.counts;
  const chartCards = charts ? [charts.heatmap, charts.portfolio, charts.byRep].filter((f): f is Figure => f !== null) : [];
  const body = html`
<h1>${say(locale, thisWeekPageText.thisWeek(m.week))}</h1>
<ul class="stats">
  <li class="red"><span>${say(locale, thisWeekPageText.gradeA)}</span><b data-count="A">${c.gradeA}</b></li>
  <li class="orange"><span>${say(locale, thisWeekPageText.gradeB)}</span><b data-count="B">${c.gradeB}</b></li>
  <li><span>${say(locale, thisWeekPageText.newThisWeek)}</span><b>${c.newFlags}</b></li>
  ${m.teamView ? html`<li><span>${say(locale, commonText.reportsIn)}</span><b>${c.submitted}/${c.reps}</b></li>` : ''}
  <li><span>${say(locale, commonText.overdueTasks)}</span><b>${m.board.overdue.reduce((s, g) => s + g.tasks.length, 0)}</b></li>
</ul>
<section class="card" id="flags">
  <h2>${say(locale, thisWeekPageText.redFlagCustomers(m.flags.length, m.totalFlags))}</h2>
  ${filters(pc, m)}
  ${flagsTable(pc, m)}
</section>
${chartCards.length > 0 ? html`<div class="grid two">${chartCards.map((f) => html`<section class="card"><h2>${f.title}</h2>${figure(f)}</section>`)}</div>` : ''}
${m.teamView ? html`<section class="card" id="missing">
  <h2>${say(locale, thisWeekPageText.notSubmitted(m.missing.length))}</h2>
  ${m.missing.length === 0 ? html`<p class="muted">${say(locale, thisWeekPageText.everyoneHasSubmitted)}</p>` : html`<ul data-missing>${m.missing.map((p) => html`<li>${p.name}</li>`)}</ul>`}
  ${m.away.length > 0 ? html`<p class="muted">${say(locale, thisWeekPageText.away)}${m.away.map((p) => p.name).join(locale === 'zh' ? '、' : ', ')}</p>` : ''}
</section>` : ''}
<section class="card" id="board">
  <h2>${say(locale, thisWeekPageText.followUpBoard)}</h2>
  <div class="board">
    ${boardColumn(pc, say(locale, STATE_LABEL.open), 'open', m.board.open, m.week)}
    ${boardColumn(pc, say(locale, STATE_LABEL.claimed), 'claimed', m.board.claimed, m.week)}
    ${boardColumn(pc, say(locale, thisWeekPageText.overdue), 'overdue', m.board.overdue, m.week)}
  </div>
  ${m.board.snoozed > 0 ? html`<p class="muted">${say(locale, thisWeekPageText.moreSnoozed(m.board.snoozed))}</p>` : ''}
</section>`;
  return layout(pc, { title: say(locale, thisWeekPageText.thisWeek(m.week)), current: 'week', switchLang }, body);
}
