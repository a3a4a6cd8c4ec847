// Cards for answers to questions ("逾期超过30天的客户", "top 5 risks", "谁还没交周报"): lists as a
// table, ambiguous names as candidates with Details buttons, usage help, polite refusals. A single
// customer is shown with the shared customer card.
import { nameList } from '../../ui/text.js';
import type { Locale } from '../../core/i18n.js';
import type { Answer, CustomerRow } from '../../core/ask/answer.types.js';
import type { Block, Button, CardSpec, Inline, Tone } from '../../ui/card.js';
import { describeFilters, describeScope, listTitle } from './ask-scope.view.js';
import { tasksCard } from './ask-tasks.view.js';
import { button, deltaArrow, GRADE_TONE, gradeBadge, L, mention, tagLabels, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { customerCard } from '../customer/customer.view.js';
import type { CustomField } from '../../core/weekly-report/template.js';
import { say } from '../../core/i18n.js';
import { askText } from './ask.messages.js';
import { commonText } from '../shared/common.messages.js';

export type { Answer } from '../../core/ask/answer.types.js';
export { describeFilters } from './ask-scope.view.js';

/** Buttons under a list (one per top row) and candidate lines shown at most. */
const MAX_DETAIL_BUTTONS = 5;
const MAX_LINES = 20;
const MAX_FACT = 80;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const detailsButton = (row: CustomerRow, locale: Locale, withName = false): Button =>
  button(withName ? clip(`${say(locale, L.details)}: ${row.name}`, 60) : say(locale, L.details), 'customer.details', { customerId: row.customerId });

/** One customer in a line: badge, name, index and delta, problems, rep. */
function rowLine(row: CustomerRow, locale: Locale, tags: TagLabels): Inline[] {
  const line: Inline[] = [];
  if (row.grade) line.push(gradeBadge(row.grade), ' ');
  line.push({ bold: row.name });
  line.push(row.index === null
    ? say(locale, askText.notScored)
    : ` · ${say(locale, L.index)} ${row.index} ${deltaArrow(row.delta)}`);
  if (row.tags.length > 0) line.push(` · ${tagLabels(row.tags, locale, tags)}`);
  if (row.rep) line.push(' · ', mention(row.rep));
  return line;
}

function toneOf(rows: readonly CustomerRow[]): Tone {
  if (rows.some((r) => r.grade === 'A')) return GRADE_TONE.A;
  if (rows.some((r) => r.grade === 'B')) return GRADE_TONE.B;
  return 'blue';
}

function listCard(a: Extract<Answer, { kind: 'list' }>, locale: Locale, tags: TagLabels): CardSpec {
  const filters = describeFilters(a.filters, a.limit, locale, tags);
  const title = listTitle(a, locale, tags);
  const blocks: Block[] = [];
  const context = [filters, a.week, a.scope === 'own' ? say(locale, askText.yourCustomersOnly) : ''].filter(Boolean).join(' · ');
  blocks.push({ type: 'note', text: [context] });
  for (const n of a.notes) blocks.push({ type: 'text', text: [say(locale, n)] });
  if (a.rows.length === 0) {
    blocks.push({ type: 'text', text: [say(locale, askText.noCustomersMatch)] });
    return { title, tone: 'blue', blocks, summary: `${title} · ${filters}` };
  }
  const byOverdue = a.sort === 'overdueDays';
  blocks.push({
    type: 'table',
    columns: [
      { key: 'rank', label: '#', align: 'right' },
      { key: 'customer', label: say(locale, commonText.customer) },
      { key: 'index', label: say(locale, L.index), align: 'right' },
      { key: 'grade', label: say(locale, commonText.grade) },
      { key: 'tags', label: say(locale, askText.problems) },
      byOverdue
        ? { key: 'key', label: say(locale, askText.daysOverdue2), align: 'right' }
        : { key: 'key', label: say(locale, askText.mainReason) },
      { key: 'rep', label: say(locale, L.rep) },
    ],
    rows: a.rows.map((r, i) => ({
      rank: String(i + 1),
      customer: r.name,
      index: r.index === null ? '—' : `${r.index} ${deltaArrow(r.delta)}`,
      grade: r.grade ?? '—',
      tags: r.tags.length > 0 ? tagLabels(r.tags, locale, tags) : '—',
      key: byOverdue ? (r.overdueDays === null ? '—' : String(r.overdueDays)) : (r.keyFact ? clip(say(locale, r.keyFact), MAX_FACT) : '—'),
      rep: r.rep?.name ?? '—',
    })),
  });
  if (a.total > a.rows.length) {
    blocks.push({ type: 'note', text: [say(locale, askText.moreCustomersNotShown(a.total - a.rows.length))] });
  }
  blocks.push({ type: 'actions', buttons: a.rows.slice(0, MAX_DETAIL_BUTTONS).map((r) => detailsButton(r, locale, true)) });
  const top = a.rows.slice(0, 3).map((r) => `${r.name}${r.index === null ? '' : ` ${r.index}`}`).join(', ');
  return { title, tone: toneOf(a.rows), blocks, summary: `${title}${filters ? ` · ${filters}` : ''}: ${top}` };
}

function missingCard(a: Extract<Answer, { kind: 'missing' }>, locale: Locale): CardSpec {
  const title = say(locale, askText.missingReports(a.week));
  const blocks: Block[] = [];
  if (a.scope === 'self') {
    const line = a.reps.length > 0
      ? say(locale, askText.yourReportForIsNot(a.week))
      : say(locale, askText.yourReportForIsIn(a.week));
    blocks.push({ type: 'text', text: [line] });
    return { title, tone: a.reps.length > 0 ? 'orange' : 'green', blocks, summary: line };
  }
  if (a.reps.length === 0) {
    const line = say(locale, askText.everyoneHasSubmitted);
    return { title, tone: 'green', blocks: [{ type: 'text', text: [line] }], summary: line };
  }
  blocks.push({ type: 'text', text: [say(locale, askText.notSubmittedYet(a.reps.length))] });
  for (const rep of a.reps.slice(0, MAX_LINES)) {
    blocks.push({ type: 'text', text: [mention(rep)], button: button(say(locale, L.remind), 'rep.remind', { memberId: rep.id, week: a.week }) });
  }
  if (a.reps.length > MAX_LINES) {
    blocks.push({ type: 'note', text: [nameList(a.reps.slice(MAX_LINES).map((r) => r.name))] });
  }
  return { title, tone: 'orange', blocks, summary: `${title}: ${a.reps.map((r) => r.name).join(', ')}` };
}

function candidateLines(rows: readonly CustomerRow[], locale: Locale, tags: TagLabels): Block[] {
  return rows.slice(0, MAX_LINES).map((r) => ({ type: 'text', text: rowLine(r, locale, tags), button: detailsButton(r, locale) }) as Block);
}

function candidatesCard(a: Extract<Answer, { kind: 'candidates' }>, locale: Locale, tags: TagLabels): CardSpec {
  const title = say(locale, askText.customersMatch(a.candidates.length, a.query));
  const blocks: Block[] = [{ type: 'text', text: [say(locale, askText.whichOneDoYouMean)] }, ...candidateLines(a.candidates, locale, tags)];
  return { title, tone: 'blue', blocks, summary: `${title}: ${a.candidates.map((c) => c.name).join(', ')}` };
}

function helpCard(a: Extract<Answer, { kind: 'help' }>, locale: Locale, tags: TagLabels): CardSpec {
  const blocks: Block[] = [];
  let lead: string;
  const understood = a.scope ? describeScope(a.scope, locale, tags) : '';
  if (a.reason === 'not_found') lead = say(locale, askText.iCouldntFindACustomer(a.query ?? ''));
  else if (a.reason === 'not_understood' && (understood || a.unknown)) {
    lead = [
      understood ? say(locale, askText.understood(understood)) : '',
      a.unknown ? say(locale, askText.notUnderstood(a.unknown)) : '',
    ].filter(Boolean).join(say(locale, commonText.semicolon));
  } else if (a.reason === 'not_understood') lead = say(locale, askText.sorryIDidntUnderstandThat);
  else lead = say(locale, askText.youCanAskMeThings);
  blocks.push({ type: 'text', text: [lead] });
  if (a.suggestions.length > 0) {
    blocks.push({ type: 'heading', text: say(locale, askText.didYouMean) });
    blocks.push(...candidateLines(a.suggestions, locale, tags));
  }
  if (a.reason !== 'asked') blocks.push({ type: 'heading', text: say(locale, askText.tryAsking) });
  blocks.push({ type: 'text', text: [a.examples.map((e) => `• ${say(locale, e)}`).join('\n')] });
  blocks.push({
    type: 'note',
    text: [say(locale, askText.slackRadarQuestionMentionOr)],
  });
  const title = say(locale, askText.salesRadarAskingQuestions);
  return { title, tone: 'blue', blocks, summary: lead };
}

export interface AskCardOptions {
  /** The team's custom report fields: a customer answer shows their values with labels, like the card. */
  customFields?: readonly CustomField[];
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

/** The card for an answer, in the asker's language. */
export function askAnswerCard(answer: Answer, locale: Locale, options: AskCardOptions = {}): CardSpec {
  const tags = options.tagLabels ?? BUILT_IN_TAG_LABELS;
  switch (answer.kind) {
    case 'customer':
      return customerCard({ ...answer.card, ...(options.customFields?.length ? { customFields: options.customFields } : {}) }, locale, tags);
    case 'list':
      return listCard(answer, locale, tags);
    case 'missing':
      return missingCard(answer, locale);
    case 'tasks':
      return tasksCard(answer, locale, tags);
    case 'candidates':
      return candidatesCard(answer, locale, tags);
    case 'help':
      return helpCard(answer, locale, tags);
    case 'refusal': {
      const msg = say(locale, answer.message);
      return { title: say(locale, askText.cantAnswerThat), tone: 'grey', blocks: [{ type: 'text', text: [msg] }], summary: msg };
    }
    default:
      return { title: say(locale, askText.cantAnswerThat), tone: 'grey', blocks: [], summary: '' };
  }
}
