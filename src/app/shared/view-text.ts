// Shared pieces for presenters: label tables, grade badges, delta arrows, mentions, buttons. Feature strings
// live in each feature's *.messages.ts catalog (say(locale, digestText.title)).
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { say, text } from '../../core/i18n.js';
import type { Member, Role } from '../../core/team.js';
import type { Dimension, Grade, Tag, TagId } from '../../core/customer-risk/types.js';
import type { TaskState } from '../../core/follow-up/task.js';
import type { ActionKind, ActionRef } from '../../ui/action.js';
import type { Button, Inline, Tone, UserRef } from '../../ui/card.js';


export const GRADE_EMOJI: Record<Grade, string> = { A: '🔴', B: '🟠' };
export const GRADE_TONE: Record<Grade, Tone> = { A: 'red', B: 'orange' };

/** `🔴 A` in red / `🟠 B` in orange. */
export const gradeBadge = (grade: Grade): Inline => ({ colored: `${GRADE_EMOJI[grade]} ${grade}`, tone: GRADE_TONE[grade] });

/** `▲5` (worse), `▼3` (better), `±0`, or `—` when there is no previous score. */
export function deltaArrow(delta: number | null): string {
  if (delta === null) return '—';
  const d = Math.round(delta);
  if (d > 0) return `▲${d}`;
  if (d < 0) return `▼${-d}`;
  return '±0';
}

/** `指数 88 ▲9` / `Index 88 ▲9`; no arrow when there is no previous score. */
export const indexWithDelta = (index: number, delta: number | null, locale: Locale): string =>
  `${say(locale, L.index)} ${index}${delta === null ? '' : ` ${deltaArrow(delta)}`}`;

type PersonLike = Pick<Member, 'name' | 'identities'>;

export const userRef = (m: PersonLike): UserRef =>
  m.identities.length === 0 ? { name: m.name } : { name: m.name, ids: Object.fromEntries(m.identities.map((x) => [x.platform, x.userId])) };

/** A mention of a member; renderers fall back to the name when the platform id is missing. */
export const mention = (m: PersonLike): Inline => ({ mention: userRef(m) });

/** A button carrying an action. */
export const button = (label: string, kind: ActionKind, args: Record<string, string | number>, style?: Button['style']): Button => {
  const action: ActionRef = { kind, args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])) };
  return style ? { label, action, style } : { label, action };
};

/** The seven dimensions of the index, by name (settings, the dashboard; charts shorten one for the axis). */
export const DIMENSION_NAME: Record<Dimension, LocalizedText> = {
  payment: text('回款', 'Payment'),
  activity: text('活跃度', 'Activity'),
  complaints: text('投诉', 'Complaints'),
  fit: text('适配度', 'Product fit'),
  churn: text('需求变更', 'Requirement churn'),
  revenue: text('贡献度', 'Revenue trend'),
  cycle: text('成交周期', 'Deal cycle'),
};

export const TAG_LABEL: Record<Tag, LocalizedText> = {
  overdue: text('拖款', 'Overdue payment'),
  silent: text('沟通困难', 'Gone quiet'),
  complaints: text('投诉多', 'Complaints'),
  low_fit: text('适配度低', 'Low product fit'),
  requirement_churn: text('需求变动大', 'Requirement churn'),
  declining: text('贡献下滑', 'Declining revenue'),
  cycle_slip: text('成交周期拉长', 'Deal cycle slipping'),
};

export const ROLE_LABEL: Record<Role, LocalizedText> = {
  rep: text('销售', 'Rep'),
  manager: text('销售经理', 'Manager'),
  director: text('销售总监', 'Director'),
  owner: text('老板', 'Owner'),
  finance: text('财务', 'Finance'),
  customer_service: text('客服', 'Customer service'),
  tech_support: text('技术支持', 'Tech support'),
  legal: text('法务', 'Legal'),
};

export const STATE_LABEL: Record<TaskState, LocalizedText> = {
  open: text('待处理', 'Open'),
  claimed: text('已认领', 'Claimed'),
  done: text('已完成', 'Done'),
  dismissed: text('已忽略', 'Dismissed'),
  snoozed: text('已暂缓', 'Snoozed'),
};

/**
 * The names of a team's problem tags: the built-in ones, and the team's custom tags (`scoring.customTags`)
 * taken from its effective settings. Passed into every view that prints a tag, so two teams in one
 * process never share a custom tag's name.
 */
export interface TagLabels {
  readonly custom: ReadonlyMap<string, LocalizedText>;
}

type CustomTagLabelSource = Readonly<Record<string, { label: LocalizedText }>> | undefined;
const tagLabelsCache = new WeakMap<object, TagLabels>();

/** Built-in tags only (a team without custom tags, or a view with no team at hand). */
export const BUILT_IN_TAG_LABELS: TagLabels = Object.freeze({ custom: new Map<string, LocalizedText>() });

/** The lookup for a team's custom tags (`settings.scoring.customTags`); the same object gives the same lookup. */
export function tagLabelsOf(customTags: CustomTagLabelSource): TagLabels {
  if (!customTags || Object.keys(customTags).length === 0) return BUILT_IN_TAG_LABELS;
  let hit = tagLabelsCache.get(customTags);
  if (!hit) tagLabelsCache.set(customTags, (hit = { custom: new Map(Object.entries(customTags).map(([id, tag]) => [id, tag.label])) }));
  return hit;
}

/** The tag names of a team's effective settings. */
export const teamTagLabels = (settings: { scoring: { customTags?: CustomTagLabelSource } }): TagLabels => tagLabelsOf(settings.scoring.customTags);

/** The one lookup of a tag's label: built-in tags, then the team's custom tags, else the id itself. */
export const tagText = (tag: TagId, labels: TagLabels): LocalizedText =>
  (TAG_LABEL as Record<string, LocalizedText>)[tag] ?? labels.custom.get(tag) ?? text(tag, tag);

/** A tag's label in a locale (`拖款`, `合同到期`). */
export const tagLabel = (tag: TagId, locale: Locale, labels: TagLabels): string => tagText(tag, labels)[locale];

export const tagLabels = (tags: readonly TagId[], locale: Locale, labels: TagLabels): string =>
  tags.map((tag) => tagLabel(tag, locale, labels)).join(locale === 'zh' ? '、' : ', ');

/** Common button labels. */
export const L = {
  claim: text('认领', 'Claim'),
  resolve: text('完成', 'Resolve'),
  snooze: text('暂缓', 'Snooze'),
  details: text('详情', 'Details'),
  remind: text('提醒', 'Remind'),
  fill: text('填写', 'Fill in'),
  edit: text('修改', 'Edit'),
  addCustomer: text('添加客户', 'Add customer'),
  submitReport: text('提交周报', 'Submit report'),
  noChange: text('本周无变化', 'No change'),
  restUnchanged: text('其余客户均无变化', 'All others unchanged'),
  save: text('保存', 'Save'),
  cancel: text('取消', 'Cancel'),
  none: text('无', 'none'),
  index: text('指数', 'Index'),
  rep: text('销售', 'Rep'),
} as const;

const SPARKS = '▁▂▃▄▅▆▇█';

/** A text sparkline of 0–100 values for platforms without charts, e.g. `▂▃▅▇`. */
export function sparkline(values: readonly number[]): string {
  return values.map((v) => SPARKS[Math.max(0, Math.min(7, Math.floor((Math.max(0, Math.min(100, v)) / 100) * 7.999)))]).join('');
}

/** Join inline pieces with a separator. */
export function joinInline(parts: ReadonlyArray<Inline | readonly Inline[]>, sep: string): Inline[] {
  const out: Inline[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    if (Array.isArray(p)) out.push(...(p as readonly Inline[]));
    else out.push(p as Inline);
  });
  return out;
}

/** Mentions of people, or the localized "none". */
export function mentions(people: readonly PersonLike[], locale: Locale): Inline[] {
  if (people.length === 0) return [say(locale, L.none)];
  return joinInline(people.map(mention), ' ');
}
