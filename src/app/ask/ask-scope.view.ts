// Words for what a question asked, slot by slot: list titles ("Top 5 risks, 2026-W48" / "风险最高的 5 个
// 客户（2026-W48）"), task titles, and the "understood …" line of an answer to a question not understood.
import type { Locale } from '../../core/i18n.js';
import type { Change, ListFilters, ListSort, QuestionScope, TaskFilters, TimeSlot } from '../../core/ask/parse-question.js';
import { isSpan, timeLabel, type ResolvedTime } from '../../core/ask/time-slot.js';
import { INDUSTRIES, REGIONS } from '../../core/ask/vocabulary.js';
import { STATE_LABEL, t, tagLabels, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';

const zhName = (groups: typeof REGIONS, v: string, locale: Locale) =>
  (locale === 'zh' ? groups.find((g) => g.value === v)?.synonyms.find((x) => /[\u4e00-\u9fff]/.test(x)) : undefined) ?? v;

/** "华东 · A级 · 拖款 · 逾期≥31天 · 前5" / "East · grade A · overdue · ≥31 days overdue · top 5". */
export function describeFilters(f: ListFilters, limit: number | null, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const parts: string[] = [];
  if (f.mine) parts.push(tr(locale, '我的客户', 'my customers'));
  if (f.rep) parts.push(tr(locale, `${f.rep}的客户`, `${f.rep}'s customers`));
  // Stored values are English ("East"); Chinese readers get 华东 (the first Chinese synonym).
  if (f.region) parts.push(zhName(REGIONS, f.region, locale));
  if (f.industry) parts.push(zhName(INDUSTRIES, f.industry, locale));
  if (f.tier === 'key') parts.push(tr(locale, '重点客户', 'key accounts'));
  if (f.tier === 'normal') parts.push(tr(locale, '普通客户', 'normal accounts'));
  if (f.grade) parts.push(tr(locale, `${f.grade}级`, `grade ${f.grade}`));
  else if (f.flagged) parts.push(tr(locale, 'A/B级预警', 'flagged A/B'));
  const tags = (f.tags ?? []).filter((tag) => !(tag === 'overdue' && f.minOverdueDays !== undefined));
  if (tags.length > 0) parts.push(tagLabels(tags, locale, labels));
  if (f.minOverdueDays !== undefined) parts.push(tr(locale, `逾期≥${f.minOverdueDays}天`, `≥${f.minOverdueDays} days overdue`));
  if (limit !== null) parts.push(tr(locale, `前${limit}`, `top ${limit}`));
  return parts.join(' · ');
}

/** A time slot as typed, before it is pinned to weeks. */
export function describeTimeSlot(s: TimeSlot, locale: Locale): string {
  const week = (w: { year: number | null; week: number }) => (w.year === null ? `W${w.week}` : `${w.year}-W${String(w.week).padStart(2, '0')}`);
  switch (s.kind) {
    case 'this_week': return tr(locale, '本周', 'this week');
    case 'last_week': return tr(locale, '上周', 'last week');
    case 'weeks_ago': return tr(locale, `${s.n} 周前`, `${s.n} weeks ago`);
    case 'last_n_weeks': return tr(locale, `近 ${s.n} 周`, `last ${s.n} weeks`);
    case 'this_month': return tr(locale, '本月', 'this month');
    case 'last_month': return tr(locale, '上个月', 'last month');
    case 'since': return tr(locale, `自 ${week(s.week)} 以来`, `since ${week(s.week)}`);
    case 'week': return tr(locale, `${week(s.week)}`, `${week(s.week)}`);
    default: return '';
  }
}

const CHANGE_WORDS: Record<Change, [string, string]> = {
  new: ['新增预警', 'newly flagged'],
  worse: ['变差', 'getting worse'],
  better: ['好转', 'improving'],
  recovered: ['已脱险', 'recovered'],
};

function taskWords(f: Partial<TaskFilters>, locale: Locale): string[] {
  const parts: string[] = [];
  if (f.mine) parts.push(tr(locale, '我的', 'mine'));
  if (f.overdue) parts.push(tr(locale, '逾期', 'overdue'));
  if (f.states && f.states.length < 5) parts.push(f.states.map((s) => t(STATE_LABEL[s], locale)).join('/'));
  return parts;
}

/** "任务 · 逾期 · 上周" / "tasks · overdue · last week": what was understood of a question. */
export function describeScope(s: QuestionScope, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const parts: string[] = [];
  if (s.subject === 'tasks') parts.push(tr(locale, '任务', 'tasks'), ...taskWords(s.task ?? {}, locale));
  else if (s.subject === 'customers') parts.push(tr(locale, '客户', 'customers'));
  if (s.time) parts.push(describeTimeSlot(s.time, locale));
  if (s.change) parts.push(tr(locale, ...CHANGE_WORDS[s.change]));
  const filters = describeFilters(s.filters ?? {}, s.limit ?? null, locale, labels);
  if (filters) parts.push(filters);
  return parts.join(' · ');
}

/** Weeks of a list: "2026-W48", or "2026-W48 对比 2026-W47" / "2026-W48 vs 2026-W47" for a change. */
function weeksOf(time: ResolvedTime, change: Change | null, locale: Locale): string {
  if (isSpan(time)) return timeLabel(time)[locale];
  return change ? tr(locale, `${time.to} 对比 ${time.baseline}`, `${time.to} vs ${time.baseline}`) : time.to;
}

/** The title of a list answer: what was asked, for which weeks, and how many matched. */
export function listTitle(a: { filters: ListFilters; limit: number | null; sort: ListSort; time: ResolvedTime; change: Change | null; total: number }, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const { change, limit } = a;
  let head: string;
  let shown = { ...a.filters };
  if (change === 'new') [head, shown] = [tr(locale, '新增问题客户', 'New red flags'), { ...shown, flagged: false }];
  else if (change === 'worse') head = a.sort === 'rise' ? tr(locale, '指数上升最多的客户', 'Biggest index rises') : tr(locale, '变差的客户', 'Customers getting worse');
  else if (change === 'better') head = a.sort === 'drop' ? tr(locale, '指数下降最多的客户', 'Biggest index drops') : tr(locale, '好转的客户', 'Customers improving');
  else if (change === 'recovered') [head, shown] = [tr(locale, '已脱险的客户', 'Recovered customers'), { ...shown, flagged: false }];
  else if (limit !== null && a.sort === 'index') head = tr(locale, `风险最高的 ${limit} 个客户`, `Top ${limit} risks`);
  else if (a.filters.flagged && !a.filters.grade) [head, shown] = [tr(locale, '问题客户', 'Red flags'), { ...shown, flagged: false }];
  else head = '';
  const withLimit = limit !== null && (change !== null || a.sort !== 'index') ? limit : null;
  let filters = describeFilters(shown, withLimit, locale, labels);
  // No change or rank asked: the filters are the title ("李伟的客户", "East · grade A").
  if (!head) {
    const noun = /客户|customers|accounts/.test(filters);
    head = !filters ? tr(locale, '客户', 'Customers')
      : locale === 'zh' ? `${filters}${noun ? '' : '的客户'}` : noun ? filters.charAt(0).toUpperCase() + filters.slice(1) : `Customers · ${filters}`;
    filters = '';
  }
  const weeks = weeksOf(a.time, change, locale);
  const count = limit !== null ? '' : tr(locale, ` · ${a.total} 个`, ` (${a.total})`);
  return locale === 'zh'
    ? `${head}${filters ? ` · ${filters}` : ''}（${weeks}）${count}`
    : `${head}${filters ? ` · ${filters}` : ''}, ${weeks}${count}`;
}

/** The title of a task answer: "逾期任务 · 张敏 · 3 个" / "Overdue tasks · 张敏 (3)". */
export function tasksTitle(a: { filters: TaskFilters; who: { kind: 'person' | 'customer'; names: string[] } | null; time: ResolvedTime | null; total: number }, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const f = a.filters;
  const words = taskWords({ ...f, mine: false }, locale);
  const head = `${f.mine ? tr(locale, '我的', 'My ') : ''}${words.length > 0 ? `${words.join(locale === 'zh' ? '' : ' ')}${tr(locale, '', ' ')}` : tr(locale, '待跟进', f.mine ? '' : 'Open ')}${tr(locale, '任务', 'tasks')}`;
  const parts: string[] = [];
  if (a.who) parts.push(a.who.kind === 'person' ? tr(locale, `${a.who.names.join('、')}负责`, `for ${a.who.names.join(', ')}`) : tr(locale, a.who.names.join('、'), `on ${a.who.names.join(', ')}`));
  const customerSide = describeFilters({ ...(f.region ? { region: f.region } : {}), ...(f.industry ? { industry: f.industry } : {}), ...(f.tier ? { tier: f.tier } : {}), ...(f.grade ? { grade: f.grade } : {}), ...(f.tags ? { tags: f.tags } : {}) }, null, locale, labels);
  if (customerSide) parts.push(customerSide);
  if (a.time) parts.push(tr(locale, `创建于 ${isSpan(a.time) ? timeLabel(a.time).zh : a.time.to}`, `created ${isSpan(a.time) ? timeLabel(a.time).en : `in ${a.time.to}`}`));
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const title = `${cap(head.trim())}${parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}`;
  return locale === 'zh' ? `${title} · ${a.total} 个` : `${title} (${a.total})`;
}
