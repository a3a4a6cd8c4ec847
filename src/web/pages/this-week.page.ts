// The landing page: this week's red flags (marked red, sortable, filterable with plain GET forms),
// the team charts, who has not submitted, and the follow-up board.
import { pick } from '../../core/i18n.js';
import { tagLabel, ROLE_LABEL, STATE_LABEL, t, deltaArrow, BUILT_IN_TAG_LABELS } from '../../app/shared/view-text.js';
import { html, type SafeHtml } from '../html.js';
import { SORT_KEYS, type BoardGroup, type FlagFilters, type SortKey, type ThisWeekModel } from '../models/this-week.model.js';
import type { Locale } from '../../core/i18n.js';

const SORT_LABEL: Record<SortKey, (l: Locale) => string> = {
  index: (l) => tr(l, '指数', 'Index'), delta: (l) => tr(l, '变化', 'Change'), weeks: (l) => tr(l, '连续周数', 'Weeks red'),
  name: (l) => tr(l, '客户', 'Customer'), rep: (l) => tr(l, '销售', 'Rep'),
};
import { figure, type Figure } from './figure.js';
import { href, layout, type PageContext } from './layout.js';
import { tr } from './labels.js';

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
  <label>${tr(locale, '周', 'Week')}<select name="week">${m.weeks.map((w) => opt(w, w, w === m.week))}</select></label>
  <label>${tr(locale, '等级', 'Grade')}<select name="grade">${opt('', tr(locale, '全部', 'All'), f.grade === null)}${opt('A', 'A', f.grade === 'A')}${opt('B', 'B', f.grade === 'B')}</select></label>
  <label>${tr(locale, '问题类型', 'Problem')}<select name="tag">${opt('', tr(locale, '全部', 'All'), f.tag === null)}${m.options.tags.map((tag) => opt(tag, tagLabel(tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS), f.tag === tag))}</select></label>
  <label>${tr(locale, '区域', 'Region')}<select name="region">${opt('', tr(locale, '全部', 'All'), f.region === null)}${m.options.regions.map((r) => opt(r, r, f.region === r))}</select></label>
  <label>${tr(locale, '销售', 'Rep')}<select name="rep">${opt('', tr(locale, '全部', 'All'), f.repId === null)}${m.options.reps.map((r) => opt(String(r.id), r.name, f.repId === r.id))}</select></label>
  <label>${tr(locale, '排序', 'Sort')}<select name="sort">${SORT_KEYS.map((k) => opt(k, SORT_LABEL[k](locale), f.sort === k))}</select></label>
  <label>${tr(locale, '顺序', 'Order')}<select name="dir">${opt('desc', tr(locale, '从高到低', 'High to low'), f.dir === 'desc')}${opt('asc', tr(locale, '从低到高', 'Low to high'), f.dir === 'asc')}</select></label>
  <button type="submit">${tr(locale, '筛选', 'Filter')}</button>
  <a href="${href(pc, '/', { week: m.week })}">${tr(locale, '清除', 'Clear')}</a>
</form>`;
}

function flagsTable(pc: PageContext, m: ThisWeekModel): SafeHtml {
  const { locale } = pc;
  if (m.flags.length === 0) {
    return html`<p class="muted" data-empty="flags">${m.totalFlags === 0 ? tr(locale, '本周没有问题客户。', 'No red flags this week.') : tr(locale, '没有符合筛选条件的客户。', 'No customers match these filters.')}</p>`;
  }
  return html`<div class="scroll"><table class="flags">
<thead><tr>
  ${sortHeader(pc, m, 'name', tr(locale, '客户', 'Customer'))}
  <th>${tr(locale, '等级', 'Grade')}</th>
  ${sortHeader(pc, m, 'index', tr(locale, '指数', 'Index'), true)}
  ${sortHeader(pc, m, 'delta', tr(locale, '变化', 'Change'), true)}
  ${sortHeader(pc, m, 'weeks', tr(locale, '连续周数', 'Weeks red'), true)}
  <th>${tr(locale, '问题与原因', 'Problems and why')}</th>
  ${sortHeader(pc, m, 'rep', tr(locale, '销售', 'Rep'))}
  <th>${tr(locale, '区域', 'Region')}</th>
</tr></thead>
<tbody>
${m.flags.map((f) => html`<tr class="grade-${f.grade}" data-customer-id="${f.customerId}">
  <td><a href="${href(pc, `/customers/${f.customerId}`, { week: m.week })}" data-customer="${f.name}">${f.name}</a></td>
  <td class="inline"><span class="badge ${f.grade}">${f.grade}</span></td>
  <td class="num" data-index data-label="${tr(locale, '指数', 'Index')}">${f.index}</td>
  <td class="num" data-label="${tr(locale, '变化', 'Change')}">${delta(f.delta)}</td>
  <td class="num" data-label="${tr(locale, '连续周数', 'Weeks red')}">${f.weeksInRed}</td>
  <td>${f.tags.map((tag) => html`<span class="tag">${tagLabel(tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)}</span>`)}
    <ul class="reasons">${f.reasons.map((r) => html`<li>${pick(r, locale)}</li>`)}</ul></td>
  <td class="inline" data-label="${tr(locale, '销售', 'Rep')}">${f.rep?.name ?? '—'}</td>
  <td class="inline" data-label="${tr(locale, '区域', 'Region')}">${f.region ?? '—'}</td>
</tr>`)}
</tbody></table></div>`;
}

function boardColumn(pc: PageContext, title: string, cls: string, groups: BoardGroup[], week: string): SafeHtml {
  const { locale } = pc;
  const n = groups.reduce((s, g) => s + g.tasks.length, 0);
  return html`<div class="col ${cls}" data-board="${cls}"><h3>${title} (${n})</h3>
  ${n === 0 ? html`<p class="muted">—</p>` : groups.map((g) => html`<h4>${'name' in g.assignee ? g.assignee.name : tr(locale, `${t(ROLE_LABEL[g.assignee.role], locale)}（未指派）`, `${t(ROLE_LABEL[g.assignee.role], locale)} (unassigned)`)} · ${g.tasks.length}</h4>
  <ul>${g.tasks.map((task) => html`<li><a href="${href(pc, `/customers/${task.customerId}`, { week })}">${task.customerName}</a> · ${tagLabel(task.tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)} · ${t(STATE_LABEL[task.state], locale)} · ${tr(locale, `截止 ${task.dueDate}`, `due ${task.dueDate}`)}</li>`)}</ul>`)}
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
<h1>${tr(locale, `本周 ${m.week}`, `This week ${m.week}`)}</h1>
<ul class="stats">
  <li class="red"><span>${tr(locale, 'A 级', 'Grade A')}</span><b data-count="A">${c.gradeA}</b></li>
  <li class="orange"><span>${tr(locale, 'B 级', 'Grade B')}</span><b data-count="B">${c.gradeB}</b></li>
  <li><span>${tr(locale, '新增预警', 'New this week')}</span><b>${c.newFlags}</b></li>
  ${m.teamView ? html`<li><span>${tr(locale, '周报提交', 'Reports in')}</span><b>${c.submitted}/${c.reps}</b></li>` : ''}
  <li><span>${tr(locale, '逾期任务', 'Overdue tasks')}</span><b>${m.board.overdue.reduce((s, g) => s + g.tasks.length, 0)}</b></li>
</ul>
<section class="card" id="flags">
  <h2>${tr(locale, `问题客户（${m.flags.length}/${m.totalFlags}）`, `Red-flag customers (${m.flags.length}/${m.totalFlags})`)}</h2>
  ${filters(pc, m)}
  ${flagsTable(pc, m)}
</section>
${chartCards.length > 0 ? html`<div class="grid two">${chartCards.map((f) => html`<section class="card"><h2>${f.title}</h2>${figure(f)}</section>`)}</div>` : ''}
${m.teamView ? html`<section class="card" id="missing">
  <h2>${tr(locale, `未交周报（${m.missing.length}）`, `Not submitted (${m.missing.length})`)}</h2>
  ${m.missing.length === 0 ? html`<p class="muted">${tr(locale, '全部已提交。', 'Everyone has submitted.')}</p>` : html`<ul data-missing>${m.missing.map((p) => html`<li>${p.name}</li>`)}</ul>`}
  ${m.away.length > 0 ? html`<p class="muted">${tr(locale, '请假：', 'Away: ')}${m.away.map((p) => p.name).join(locale === 'zh' ? '、' : ', ')}</p>` : ''}
</section>` : ''}
<section class="card" id="board">
  <h2>${tr(locale, '跟进看板', 'Follow-up board')}</h2>
  <div class="board">
    ${boardColumn(pc, tr(locale, '待处理', 'Open'), 'open', m.board.open, m.week)}
    ${boardColumn(pc, tr(locale, '已认领', 'Claimed'), 'claimed', m.board.claimed, m.week)}
    ${boardColumn(pc, tr(locale, '已逾期', 'Overdue'), 'overdue', m.board.overdue, m.week)}
  </div>
  ${m.board.snoozed > 0 ? html`<p class="muted">${tr(locale, `另有 ${m.board.snoozed} 个暂缓中`, `${m.board.snoozed} more snoozed`)}</p>` : ''}
</section>`;
  return layout(pc, { title: tr(locale, `本周 ${m.week}`, `This week ${m.week}`), current: 'week', switchLang }, body);
}
