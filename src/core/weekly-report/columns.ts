// The columns of the import/export format and how people name them: the ids are the contract, but a
// spreadsheet made by hand (or exported for people) says 客户 / 阶段 / 已成交 instead of customer / stage / won.
import type { Locale, LocalizedText } from '../i18n.js';
import { text } from '../i18n.js';
import type { CustomField, ReportTemplate, TemplateField } from './template.js';

/**
 * Column names beside the template fields; with the template field ids (built-in, then the team's custom
 * fields by id) they are the import format. `team` is optional: a record's team by name (empty: the
 * command's team); an export writes it only when the database has more than one team.
 */
export const IDENTITY_COLUMNS = ['team', 'week', 'rep', 'repName', 'customer', 'industry', 'region', 'tier', 'since', 'carried'] as const;
/** What an export adds after the entry fields; an import reads past them. */
export const SCORE_COLUMNS = ['index', 'grade', 'tags', 'reason'] as const;

/** The workbook sheet that carries the ids (the import contract) beside the sheet for people. */
export const ID_SHEET = 'ids';

export type IdentityColumn = (typeof IDENTITY_COLUMNS)[number];
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

export const COLUMN_LABELS: Record<IdentityColumn | ScoreColumn, LocalizedText> = {
  team: text('团队', 'Team'),
  week: text('周次', 'Week'),
  rep: text('销售邮箱', 'Rep email'),
  repName: text('销售', 'Rep'),
  customer: text('客户', 'Customer'),
  industry: text('行业', 'Industry'),
  region: text('区域', 'Region'),
  tier: text('客户级别', 'Tier'),
  since: text('合作起始日期', 'Customer since'),
  // 'yes' on an entry the rep marked "no change": last week's values carried, this week's flows unknown.
  carried: text('无变化（沿用上周）', 'Carried (no change)'),
  index: text('问题客户指数', 'Risk index'),
  grade: text('等级', 'Grade'),
  tags: text('问题类型', 'Problems'),
  reason: text('主要原因', 'Main reason'),
};

export const TIER_OPTIONS: ReadonlyArray<{ value: 'key' | 'normal'; label: LocalizedText }> = [
  { value: 'key', label: text('重点客户', 'Key account') },
  { value: 'normal', label: text('普通客户', 'Normal') },
];

// Other words people put in a header row for the same column (folded form, see fold()).
const HEADER_SYNONYMS: Record<string, string> = {
  小组: 'team', 周: 'week', 周报周: 'week', 周别: 'week', 邮箱: 'rep', 销售邮件: 'rep', email: 'rep', repemail: 'rep',
  销售姓名: 'repName', 销售名称: 'repName', 业务员: 'repName', 客户名称: 'customer', 客户名: 'customer', 公司: 'customer',
  级别: 'tier', 客户等级: 'tier', 合作开始日期: 'since', 合作起始: 'since', 合作开始: 'since',
  本周回款: 'collected', 回款: 'collected', 回款额: 'collected', 本周成交额: 'revenue', 成交额: 'revenue', 成交: 'revenue',
  账期: 'paymentTermDays', 回款周期: 'paymentTermDays', 健康度: 'health', 指数: 'index', 原因: 'reason',
};

// Other words for choice values (folded), beside each option's id and its zh/en labels.
const VALUE_SYNONYMS: Record<string, Record<string, string>> = {
  health: { 绿: 'green', 绿色: 'green', 绿灯: 'green', 健康: 'green', 黄: 'yellow', 黄色: 'yellow', 黄灯: 'yellow', 红: 'red', 红色: 'red', 红灯: 'red' },
  stage: {
    已成交: 'won', 成交: 'won', 赢单: 'won', 签约: 'won', 上线: 'live', 在用: 'live', 运行中: 'live', 流失: 'lost', 丢单: 'lost',
    输单: 'lost', 需求确认: 'qualified', 已确认: 'qualified', 方案阶段: 'proposal', 报价: 'proposal', 商务谈判: 'negotiation',
    续费: 'renewal', 续签: 'renewal',
  },
  usage: { 中: 'normal', 一般: 'normal', 无: 'none', 不使用: 'none', 没用: 'none' },
  complaintType: { 产品质量: 'quality', 物流: 'delivery', 发货: 'delivery', 开票: 'billing', 发票: 'billing', 计费: 'billing', 其它: 'other' },
  tier: { 重点: 'key', 大客户: 'key', vip: 'key', 普通: 'normal', 一般: 'normal' },
};

/** Folded for matching: width/case folded, no spaces, no trailing note in brackets ("健康度（自评）" → "健康度"). */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}
const withoutNote = (s: string) => s.replace(/\([^)]*\)$/, '');

/** The column id a header names (an id, a label in either language, a common synonym), or null. */
export function resolveColumn(template: ReportTemplate, header: string): string | null {
  const f = fold(header);
  if (f === '') return null;
  const candidates: Array<[string, LocalizedText | null]> = [
    ...IDENTITY_COLUMNS.map((id) => [id, COLUMN_LABELS[id]] as [string, LocalizedText]),
    ...template.fields.map((field) => [field.id, field.label] as [string, LocalizedText]),
    ...(template.custom ?? []).map((field) => [field.id, field.label] as [string, LocalizedText]),
    ...SCORE_COLUMNS.map((id) => [id, COLUMN_LABELS[id]] as [string, LocalizedText]),
  ];
  for (const [id] of candidates) if (fold(id) === f) return id;
  for (const [id, label] of candidates) {
    if (!label) continue;
    for (const l of [label.zh, label.en]) if (fold(l) === f || withoutNote(fold(l)) === withoutNote(f)) return id;
  }
  const synonym = HEADER_SYNONYMS[f] ?? HEADER_SYNONYMS[withoutNote(f)];
  return synonym && candidates.some(([id]) => id === synonym) ? synonym : null;
}

/** A choice value given as its id, its label in either language or a common word; null when it is none of them. */
export function resolveChoice(fieldId: string, options: ReadonlyArray<{ value: string; label: LocalizedText }>, raw: string): string | null {
  const f = fold(raw);
  for (const o of options) if (fold(o.value) === f) return o.value;
  for (const o of options) {
    for (const l of [o.label.zh, o.label.en]) if (fold(l) === f || withoutNote(fold(l)) === f) return o.value;
  }
  const synonym = VALUE_SYNONYMS[fieldId]?.[f];
  return synonym && options.some((o) => o.value === synonym) ? synonym : null;
}

/** A column's header for people. */
export function columnLabel(template: ReportTemplate, id: string, locale: Locale): string {
  const field: TemplateField | CustomField | undefined = template.fields.find((f) => f.id === id) ?? template.custom?.find((f) => f.id === id);
  if (field) return field.label[locale];
  return (COLUMN_LABELS as Record<string, LocalizedText>)[id]?.[locale] ?? id;
}
