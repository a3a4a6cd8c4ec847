// Column headers and value labels of the terminal tables, in the language `--lang` picks.
// `--json` output and the import/export contract keep the codes; only what people read is translated.
import type { Locale, LocalizedText } from '../core/i18n.js';
import { text } from '../core/i18n.js';
import type { Role } from '../core/team.js';
import type { TagId } from '../core/customer-risk/types.js';
import type { TaskState } from '../core/follow-up/task.js';
import { ROLE_LABEL, STATE_LABEL, tagLabel, type TagLabels } from '../app/shared/view-text.js';

export const HEADER = {
  customer: text('客户', 'customer'),
  index: text('指数', 'index'),
  grade: text('等级', 'grade'),
  problems: text('问题类型', 'problems'),
  why: text('原因', 'why'),
  id: text('编号', 'id'),
  role: text('角色', 'role'),
  assignee: text('负责人', 'assignee'),
  state: text('状态', 'state'),
  due: text('截止', 'due'),
  week: text('周', 'week'),
  outcome: text('结案时指数 → 2 周后 → 4 周后', 'index at close → +2w → +4w'),
  owner: text('负责销售', 'owner'),
  /** Who owns a follow-up: the director (grade A) or the manager (B). */
  leads: text('主责', 'led by'),
  tier: text('级别', 'tier'),
  region: text('区域', 'region'),
  industry: text('行业', 'industry'),
  aliases: text('别名', 'aliases'),
  name: text('姓名', 'name'),
  email: text('邮箱', 'email'),
  awayUntil: text('请假至', 'away until'),
  team: text('团队', 'team'),
  timezone: text('时区', 'timezone'),
  language: text('语言', 'language'),
  reps: text('销售', 'reps'),
  customers: text('客户数', 'customers'),
  managers: text('经理', 'managers'),
  channels: text('经理频道', 'manager channels'),
} satisfies Record<string, LocalizedText>;

const TIER_LABEL: Record<'key' | 'normal', LocalizedText> = { key: text('重点', 'key'), normal: text('普通', 'normal') };

export const headerIn = (locale: Locale) => (key: keyof typeof HEADER): string => HEADER[key][locale];

/** `labels`: the team's tag names (teamTagLabels of the CLI context's settings). */
export const tagIn = (tag: TagId, locale: Locale, labels: TagLabels): string => tagLabel(tag, locale, labels);
export const tagsIn = (tags: readonly TagId[], locale: Locale, labels: TagLabels): string => tags.map((t) => tagIn(t, locale, labels)).join(locale === 'zh' ? '、' : ',');
export const roleIn = (role: Role, locale: Locale): string => ROLE_LABEL[role]?.[locale] ?? role;
export const stateIn = (state: TaskState, locale: Locale): string => STATE_LABEL[state]?.[locale] ?? state;
export const tierIn = (tier: 'key' | 'normal', locale: Locale): string => TIER_LABEL[tier]?.[locale] ?? tier;

/** `N flagged` line above the flags table. */
export const flaggedLine = (week: string, count: number, locale: Locale): string =>
  locale === 'zh' ? `${week}：${count} 个问题客户` : `${week}: ${count} flagged`;
