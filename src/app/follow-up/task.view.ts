// The assignee's DM for one follow-up task: customer, grade, why, what to do, due date, actions.
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text, say } from '../../core/i18n.js';
import type { Member, Role } from '../../core/team.js';
import { isBuiltInTag, type Grade, type Tag, type TagId } from '../../core/customer-risk/types.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import type { Block, Button, CardSpec, Inline } from '../../ui/card.js';
import { reopenedBecause, taskEventLine, taskHistoryLines, type TaskHistoryItem } from './task-history.view.js';
import { button, indexWithDelta, GRADE_TONE, gradeBadge, L, mention, ROLE_LABEL, STATE_LABEL, tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { followUpText } from './follow-up.messages.js';
import { commonText } from '../shared/common.messages.js';

type Person = Pick<Member, 'id' | 'name' | 'identities'>;

export interface TaskCardModel {
  task: FollowUpTask;
  customer: { id: number; name: string };
  /** This week's score of the customer, when known. */
  score: { index: number; grade: Grade | null; delta: number | null; reasons: readonly LocalizedText[] } | null;
  assignee: Person | null;
  rep: Person | null;
  /** Everyone else told about the task (collaborator roles). */
  collaborators?: readonly Person[];
  /** Its events, oldest first, with who did each. */
  history?: readonly TaskHistoryItem[];
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

/** What to do, by problem type and by the role receiving the task. */
const PLAYBOOK: Record<Tag, Partial<Record<Role, LocalizedText>> & { default: LocalizedText }> = {
  overdue: {
    default: text('核对应收与逾期发票，联系客户确认付款计划', 'Check receivables and overdue invoices; agree a payment plan with the customer'),
    finance: text('核对账龄与发票，发出正式催款通知，必要时暂停赊销', 'Check the aging and invoices, send a formal payment reminder, pause credit if needed'),
    rep: text('约客户负责人沟通付款计划，了解拖款原因', 'Meet the customer\'s decision maker about a payment plan and find out why payment is late'),
  },
  complaints: {
    default: text('逐条回访投诉，给出处理方案和时间', 'Call back on each complaint with a fix and a date'),
  },
  silent: {
    default: text('安排经理或总监直接联系客户，确认关系与需求是否变化', 'Have a manager or director reach the customer directly and check whether needs changed'),
  },
  low_fit: {
    default: text('排查故障与使用情况，安排培训或方案调整', 'Review faults and usage; arrange training or adjust the setup'),
  },
  requirement_churn: {
    default: text('梳理需求变更，确认范围与合同条款', 'Review the requirement changes; confirm scope and contract terms'),
    legal: text('审阅合同范围与变更条款，评估风险', 'Review contract scope and change clauses; assess the exposure'),
    rep: text('与客户确认最终需求并书面留档', 'Confirm the final requirements with the customer in writing'),
  },
  declining: {
    default: text('分析贡献下滑原因，制定挽回或增购计划', 'Find out why revenue is falling; plan a win-back or upsell'),
  },
  cycle_slip: {
    default: text('复盘商机卡点，确认决策人和新的签约时间', 'Review what is blocking the deal; confirm the decision maker and a new close date'),
  },
};

/** The action text for a task's tag and role. */
export const whatToDo = (tag: TagId, role: Role, tags: TagLabels = BUILT_IN_TAG_LABELS): LocalizedText => {
  // A custom problem tag (scoring.customTags): the rule says what is wrong (see the reason); this says how to report back.
  if (!isBuiltInTag(tag)) {
    return text(`按「${tagLabel(tag, 'zh', tags)}」处理：核实原因，与客户确认下一步，并在每周进展中记录`,
      `Handle "${tagLabel(tag, 'en', tags)}": check the cause, agree the next step with the customer, and record progress every week`);
  }
  return PLAYBOOK[tag][role] ?? PLAYBOOK[tag].default;
};

/** One line saying where the task stands: claimed by X, snoozed until …, done … */
export function taskStateLine(task: FollowUpTask, assignee: Person | null, locale: Locale): Inline[] {
  switch (task.state) {
    case 'open':
      return [say(locale, followUpText.statusOpen), ...(assignee ? [say(locale, followUpText.assignedTo), mention(assignee)] : [say(locale, followUpText.unclaimed)])];
    case 'claimed':
      return [say(locale, followUpText.statusClaimedBy), ...(assignee ? [mention(assignee)] : ['—']), say(locale, followUpText.claimedSuffix)];
    case 'snoozed':
      return [say(locale, followUpText.statusSnoozedUntil(task.snoozedUntil ?? '—'))];
    case 'done':
    case 'dismissed': {
      const note = task.closeNote === 'recovered' ? say(locale, followUpText.customerRecovered) : task.closeNote;
      return [`${say(locale, followUpText.status)}${say(locale, STATE_LABEL[task.state])}${note ? ` — ${note}` : ''}`];
    }
  }
}

/** Buttons for a task in its current state (none once closed). */
export function taskButtons(task: FollowUpTask, customerId: number, locale: Locale): Button[] {
  const taskId = task.id;
  const out: Button[] = [];
  if (task.state === 'open' || task.state === 'snoozed') out.push(button(say(locale, L.claim), 'task.claim', { taskId }, 'primary'));
  if (task.state !== 'done' && task.state !== 'dismissed') {
    out.push(button(say(locale, L.resolve), 'task.resolve', { taskId }));
    if (task.state !== 'snoozed') out.push(button(say(locale, L.snooze), 'task.snooze', { taskId }));
    if (task.state !== 'snoozed') out.push(button(say(locale, followUpText.updateProgress), 'task.progress', { taskId }));
  }
  out.push(button(say(locale, L.details), 'customer.details', { customerId }));
  return out;
}

export function taskCard(model: TaskCardModel, locale: Locale): CardSpec {
  const { task, customer, score } = model;
  const tags = model.tagLabels ?? BUILT_IN_TAG_LABELS;
  const tag = tagLabel(task.tag, locale, tags);
  const title = say(locale, followUpText.followUp(customer.name, tag));
  const head: Inline[] = [gradeBadge(task.grade), ' ', { bold: customer.name }];
  if (score) head.push(` · ${indexWithDelta(score.index, score.delta, locale)}`);
  if (task.escalated) head.push(' ', { colored: say(locale, followUpText.escalated), tone: 'red' });

  const blocks: Block[] = [{ type: 'text', text: head }];
  const reopened = reopenedBecause(model.history ?? []);
  if (reopened) blocks.push({ type: 'text', text: [{ colored: taskEventLine({ event: reopened, actor: null }, locale), tone: 'red' }] });
  if (score && score.reasons.length > 0) {
    blocks.push({ type: 'text', text: [{ bold: say(locale, followUpText.why) }, score.reasons.slice(0, 3).map((r) => say(locale, r)).join(say(locale, commonText.semicolon))] });
  }
  blocks.push({ type: 'text', text: [{ bold: say(locale, followUpText.whatToDo) }, say(locale, whatToDo(task.tag, task.role, tags))] });
  const owner = task.ownerRole === 'director' ? ROLE_LABEL.director : ROLE_LABEL.manager;
  blocks.push({
    type: 'fields', fields: [
      { label: say(locale, followUpText.due), value: [task.dueDate] },
      { label: say(locale, followUpText.routedTo), value: [say(locale, ROLE_LABEL[task.role])] },
      { label: say(locale, followUpText.owner), value: [say(locale, owner)] },
      { label: say(locale, L.rep), value: model.rep ? [mention(model.rep)] : [say(locale, L.none)] },
      ...(model.collaborators && model.collaborators.length > 0
        ? [{ label: say(locale, followUpText.alsoInvolved), value: model.collaborators.flatMap((p, i) => (i > 0 ? [' ', mention(p)] : [mention(p)])) }]
        : []),
    ],
  });
  blocks.push({ type: 'note', text: taskStateLine(task, model.assignee, locale) });
  if (model.history && model.history.length > 0) {
    blocks.push({ type: 'text', text: [{ bold: say(locale, followUpText.history) }, `\n${taskHistoryLines(model.history, locale).join('\n')}`] });
  }
  blocks.push({ type: 'actions', buttons: taskButtons(task, customer.id, locale) });

  const closed = task.state === 'done' || task.state === 'dismissed';
  return { title, tone: closed ? 'green' : GRADE_TONE[task.grade], blocks, summary: title };
}
