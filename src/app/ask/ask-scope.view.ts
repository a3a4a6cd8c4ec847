// Words for what a question asked, slot by slot: list titles ("Top 5 risks, 2026-W48" / "风险最高的 5 个
// 客户（2026-W48）"), task titles, and the "understood …" line of an answer to a question not understood.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text, say } from '../../core/i18n.js';
import type { Change, ListFilters, ListSort, QuestionScope, TaskFilters, TimeSlot } from '../../core/ask/parse-question.js';
import { isSpan, timeLabel, type ResolvedTime } from '../../core/ask/time-slot.js';
import { INDUSTRIES, REGIONS } from '../../core/ask/vocabulary.js';
import { STATE_LABEL, tagLabels, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { askText } from './ask.messages.js';
import { commonText } from '../shared/common.messages.js';

const zhName = (groups: typeof REGIONS, v: string, locale: Locale) =>
  (locale === 'zh' ? groups.find((g) => g.value === v)?.synonyms.find((x) => /[\u4e00-\u9fff]/.test(x)) : undefined) ?? v;

/** "华东 · A级 · 拖款 · 逾期≥31天 · 前5" / "East · grade A · overdue · ≥31 days overdue · top 5". */
export function describeFilters(f: ListFilters, limit: number | null, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const parts: string[] = [];
  if (f.mine) parts.push(say(locale, askText.myCustomers));
  if (f.rep) parts.push(say(locale, askText.sCustomers(f.rep)));
  // Stored values are English ("East"); Chinese readers get 华东 (the first Chinese synonym).
  if (f.region) parts.push(zhName(REGIONS, f.region, locale));
  if (f.industry) parts.push(zhName(INDUSTRIES, f.industry, locale));
  if (f.tier === 'key') parts.push(say(locale, askText.keyAccounts));
  if (f.tier === 'normal') parts.push(say(locale, askText.normalAccounts));
  if (f.grade) parts.push(say(locale, askText.grade(f.grade)));
  else if (f.flagged) parts.push(say(locale, askText.flaggedAB));
  const tags = (f.tags ?? []).filter((tag) => !(tag === 'overdue' && f.minOverdueDays !== undefined));
  if (tags.length > 0) parts.push(tagLabels(tags, locale, labels));
  if (f.minOverdueDays !== undefined) parts.push(say(locale, askText.daysOverdue(f.minOverdueDays)));
  if (limit !== null) parts.push(say(locale, askText.top(limit)));
  return parts.join(' · ');
}

/** A time slot as typed, before it is pinned to weeks. */
export function describeTimeSlot(s: TimeSlot, locale: Locale): string {
  const week = (w: { year: number | null; week: number }) => (w.year === null ? `W${w.week}` : `${w.year}-W${String(w.week).padStart(2, '0')}`);
  switch (s.kind) {
    case 'this_week': return say(locale, askText.thisWeek);
    case 'last_week': return say(locale, askText.lastWeek);
    case 'weeks_ago': return say(locale, askText.weeksAgo(s.n));
    case 'last_n_weeks': return say(locale, askText.lastWeeks(s.n));
    case 'this_month': return say(locale, askText.thisMonth);
    case 'last_month': return say(locale, askText.lastMonth);
    case 'since': return say(locale, askText.since(week(s.week)));
    case 'week': return `${week(s.week)}`;
    default: return '';
  }
}

const CHANGE_WORDS: Record<Change, LocalizedText> = {
  new: text('新增预警', 'newly flagged'),
  worse: text('变差', 'getting worse'),
  better: text('好转', 'improving'),
  recovered: text('已脱险', 'recovered'),
};

function taskWords(f: Partial<TaskFilters>, locale: Locale): string[] {
  const parts: string[] = [];
  if (f.mine) parts.push(say(locale, askText.mine));
  if (f.overdue) parts.push(say(locale, askText.overdue));
  if (f.states && f.states.length < 5) parts.push(f.states.map((s) => say(locale, STATE_LABEL[s])).join('/'));
  return parts;
}

/** "任务 · 逾期 · 上周" / "tasks · overdue · last week": what was understood of a question. */
export function describeScope(s: QuestionScope, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const parts: string[] = [];
  if (s.subject === 'tasks') parts.push(say(locale, askText.tasks), ...taskWords(s.task ?? {}, locale));
  else if (s.subject === 'customers') parts.push(say(locale, askText.customers));
  if (s.time) parts.push(describeTimeSlot(s.time, locale));
  if (s.change) parts.push(say(locale, CHANGE_WORDS[s.change]));
  const filters = describeFilters(s.filters ?? {}, s.limit ?? null, locale, labels);
  if (filters) parts.push(filters);
  return parts.join(' · ');
}

/** Weeks of a list: "2026-W48", or "2026-W48 对比 2026-W47" / "2026-W48 vs 2026-W47" for a change. */
function weeksOf(time: ResolvedTime, change: Change | null, locale: Locale): string {
  if (isSpan(time)) return timeLabel(time)[locale];
  return change ? say(locale, askText.vs(time.to, time.baseline)) : time.to;
}

/** The title of a list answer: what was asked, for which weeks, and how many matched. */
export function listTitle(a: { filters: ListFilters; limit: number | null; sort: ListSort; time: ResolvedTime; change: Change | null; total: number }, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const { change, limit } = a;
  let head: string;
  let shown = { ...a.filters };
  if (change === 'new') [head, shown] = [say(locale, askText.newRedFlags), { ...shown, flagged: false }];
  else if (change === 'worse') head = a.sort === 'rise' ? say(locale, askText.biggestIndexRises) : say(locale, askText.customersGettingWorse);
  else if (change === 'better') head = a.sort === 'drop' ? say(locale, askText.biggestIndexDrops) : say(locale, askText.customersImproving);
  else if (change === 'recovered') [head, shown] = [say(locale, askText.recoveredCustomers), { ...shown, flagged: false }];
  else if (limit !== null && a.sort === 'index') head = say(locale, askText.topRisks(limit));
  else if (a.filters.flagged && !a.filters.grade) [head, shown] = [say(locale, commonText.redFlags), { ...shown, flagged: false }];
  else head = '';
  const withLimit = limit !== null && (change !== null || a.sort !== 'index') ? limit : null;
  let filters = describeFilters(shown, withLimit, locale, labels);
  // No change or rank asked: the filters are the title ("李伟的客户", "East · grade A").
  if (!head) {
    const noun = /客户|customers|accounts/.test(filters);
    head = !filters ? say(locale, askText.customers2)
      : locale === 'zh' ? `${filters}${noun ? '' : '的客户'}` : noun ? filters.charAt(0).toUpperCase() + filters.slice(1) : `Customers · ${filters}`;
    filters = '';
  }
  const weeks = weeksOf(a.time, change, locale);
  const count = limit !== null ? '' : say(locale, askText.parenTotal(a.total));
  return locale === 'zh'
    ? `${head}${filters ? ` · ${filters}` : ''}（${weeks}）${count}`
    : `${head}${filters ? ` · ${filters}` : ''}, ${weeks}${count}`;
}

/** The title of a task answer: "逾期任务 · 张敏 · 3 个" / "Overdue tasks · 张敏 (3)". */
export function tasksTitle(a: { filters: TaskFilters; who: { kind: 'person' | 'customer'; names: string[] } | null; time: ResolvedTime | null; total: number }, locale: Locale, labels: TagLabels = BUILT_IN_TAG_LABELS): string {
  const f = a.filters;
  const words = taskWords({ ...f, mine: false }, locale);
  const head = words.length > 0
    ? `${f.mine ? say(locale, askText.my) : ''}${say(locale, askText.wordsTasks(words.join(' '), words.join('')))}`
    : f.mine ? say(locale, askText.myTasks) : say(locale, askText.openTasks);
  const parts: string[] = [];
  if (a.who) parts.push(a.who.kind === 'person' ? say(locale, askText.forPeople(a.who.names.join(', '), a.who.names.join('、'))) : say(locale, askText.onCustomers(a.who.names.join(', '), a.who.names.join('、'))));
  const customerSide = describeFilters({ ...(f.region ? { region: f.region } : {}), ...(f.industry ? { industry: f.industry } : {}), ...(f.tier ? { tier: f.tier } : {}), ...(f.grade ? { grade: f.grade } : {}), ...(f.tags ? { tags: f.tags } : {}) }, null, locale, labels);
  if (customerSide) parts.push(customerSide);
  if (a.time) parts.push(say(locale, askText.created(isSpan(a.time) ? timeLabel(a.time).en : `in ${a.time.to}`, isSpan(a.time) ? timeLabel(a.time).zh : a.time.to)));
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const title = `${cap(head.trim())}${parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}`;
  return locale === 'zh' ? `${title} · ${a.total} 个` : `${title} (${a.total})`;
}
