// One customer: index and grade, trend and radar charts, the reasons with the numbers behind each
// dimension, the entries history, and every follow-up task with its events.
import { formatMoney, say, type Locale } from '../../core/i18n.js';
import { DIMENSIONS } from '../../core/customer-risk/types.js';
import type { FieldId } from '../../core/weekly-report/template.js';
import type { ReportTemplate } from '../../core/weekly-report/template.js';
import { taskEventLine } from '../../app/follow-up/task-history.view.js';
import { tagLabel, STATE_LABEL, ROLE_LABEL, deltaArrow, BUILT_IN_TAG_LABELS, L } from '../../app/shared/view-text.js';
import { html, type SafeHtml } from '../html.js';
import type { CustomerPageModel } from '../models/customer.model.js';
import { figure, type Figure } from './figure.js';
import { href, layout, type PageContext } from './layout.js';
import { DIMENSION_LABEL } from './labels.js';
import { commonText } from '../../app/shared/common.messages.js';
import { customerPageText } from './customer.messages.js';
import { pagesText } from './pages.messages.js';

const HISTORY_FIELDS: readonly FieldId[] = ['contacts', 'revenue', 'receivable', 'overdueDays', 'complaints', 'requirementChanges', 'faults', 'usage', 'stage', 'expectedClose', 'health', 'notes'];
const MONEY: ReadonlySet<FieldId> = new Set(['revenue', 'receivable']);

function fieldValue(template: ReportTemplate, id: FieldId, value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (MONEY.has(id) && typeof value === 'number') return formatMoney(value);
  const field = template.fields.find((f) => f.id === id);
  const option = field?.options?.find((o) => o.value === value);
  return option ? say(locale, option.label) : String(value);
}

const factText = (facts: Record<string, number | string | null>): string =>
  Object.entries(facts).filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}: ${v}`).join(' · ');

export interface CustomerCharts {
  trend: Figure | null;
  radar: Figure | null;
}

export function customerPage(pc: PageContext, m: CustomerPageModel, template: ReportTemplate, charts: CustomerCharts | null, switchLang: string): string {
  const { locale } = pc;
  const s = m.score;
  const c = m.customer;
  const label = (id: FieldId) => {
    const f = template.fields.find((x) => x.id === id);
    return f ? say(locale, f.label) : id;
  };
  const chartList = charts ? [charts.trend, charts.radar].filter((f): f is Figure => f !== null) : [];
  const head = html`<div class="head">
  <h1 data-customer-name>${c.name}</h1>
  ${s?.grade ? html`<span class="badge ${s.grade}" data-grade>${s.grade}</span>` : html`<span class="muted">${say(locale, customerPageText.notFlagged)}</span>`}
  ${s ? html`<span class="index" data-index>${s.index}</span><span>${deltaArrow(s.delta)}</span>` : ''}
</div>
<p class="muted">${m.week} · ${c.tier === 'key' ? say(locale, customerPageText.keyAccount) : say(locale, customerPageText.normal)}
  · ${say(locale, pagesText.region)} ${c.region ?? '—'} · ${say(locale, customerPageText.industry)} ${c.industry ?? '—'}
  · ${say(locale, L.rep)} ${m.rep?.name ?? '—'}${s && s.weeksInRed > 0 ? say(locale, customerPageText.weeksInRed(s.weeksInRed)) : ''}</p>`;

  const reasons = html`<section class="card" id="reasons">
  <h2>${say(locale, commonText.why)}</h2>
  ${s && s.reasons.length > 0 ? html`<ul class="reasons" data-reasons>${s.reasons.map((r) => html`<li>${say(locale, r)}</li>`)}</ul>` : html`<p class="muted">${say(locale, customerPageText.nothingElevated)}</p>`}
  ${s ? html`<div class="scroll"><table class="dimensions"><thead><tr><th>${say(locale, customerPageText.dimension)}</th><th class="num">${say(locale, customerPageText.score)}</th><th>${say(locale, customerPageText.numbers)}</th></tr></thead>
  <tbody>${DIMENSIONS.map((d) => {
    const dim = s.dimensions[d];
    return html`<tr><td>${say(locale, DIMENSION_LABEL[d])}</td><td class="num">${Math.round(dim.score)}</td><td>${dim.reason ? say(locale, dim.reason) : ''}<div class="facts">${factText(dim.facts)}</div></td></tr>`;
  })}</tbody></table></div>` : ''}
  ${s && s.tags.length > 0 ? html`<p>${s.tags.map((tag) => html`<span class="tag">${tagLabel(tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)}</span>`)}</p>` : ''}
</section>`;

  const entries = html`<section class="card" id="entries">
  <h2>${say(locale, customerPageText.reportHistory)}</h2>
  ${m.entries.length === 0 ? html`<p class="muted">${say(locale, customerPageText.noReportsYet)}</p>` : html`<div class="scroll"><table>
  <thead><tr><th>${say(locale, commonText.week)}</th><th>${say(locale, L.rep)}</th>${HISTORY_FIELDS.map((id) => html`<th>${label(id)}</th>`)}</tr></thead>
  <tbody>${m.entries.map((e) => html`<tr><td>${e.week}</td><td>${e.repName}</td>${HISTORY_FIELDS.map((id) => html`<td class="${typeof e.values[id] === 'number' ? 'num' : ''}">${fieldValue(template, id, e.values[id], locale)}</td>`)}</tr>`)}</tbody>
  </table></div>`}
</section>`;

  const tasks = html`<section class="card" id="tasks">
  <h2>${say(locale, customerPageText.followUps)}</h2>
  ${m.tasks.length === 0 ? html`<p class="muted">${say(locale, customerPageText.noFollowUps)}</p>` : m.tasks.map(({ task, assignee, events }) => html`<div data-task="${task.id}">
    <h3>${tagLabel(task.tag, locale, pc.tagLabels ?? BUILT_IN_TAG_LABELS)} · ${say(locale, STATE_LABEL[task.state])} <span class="badge ${task.grade}">${task.grade}</span></h3>
    <p class="muted">${say(locale, ROLE_LABEL[task.role])}${assignee ? ` · ${assignee}` : ''} · ${say(locale, commonText.due(task.dueDate))}${task.closeNote ? ` · ${task.closeNote}` : ''}${task.escalated ? say(locale, customerPageText.escalated) : ''}</p>
    <ul>${events.map((e) => html`<li>${taskEventLine({ event: e, actor: e.actor }, locale)}</li>`)}</ul>
  </div>`)}
</section>`;

  const body: SafeHtml = html`<p><a href="${href(pc, '/', { week: m.week })}">← ${say(locale, pagesText.thisWeek)}</a></p>
${head}
${chartList.length > 0 ? html`<div class="grid two">${chartList.map((f) => html`<section class="card"><h2>${f.title}</h2>${figure(f)}</section>`)}</div>` : ''}
${reasons}
${entries}
${tasks}`;
  return layout(pc, { title: c.name, current: 'week', switchLang }, body);
}
