// The report template: the fields of one customer entry in a rep's weekly report.
// Field ids are a public contract shared by forms, import and export: never rename them.
import type { LocalizedText } from '../i18n.js';
import { text } from '../i18n.js';

export const COMPLAINT_TYPES = ['service', 'quality', 'delivery', 'billing', 'other'] as const;
export const USAGE_LEVELS = ['high', 'normal', 'low', 'none'] as const;
export const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'live', 'renewal', 'lost'] as const;
export const HEALTH_LEVELS = ['green', 'yellow', 'red'] as const;

export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export type UsageLevel = (typeof USAGE_LEVELS)[number];
export type Stage = (typeof STAGES)[number];
export type Health = (typeof HEALTH_LEVELS)[number];

/** One customer's block in one rep's weekly report, after validation. Absent values are null. */
export interface EntryValues {
  contacts: number | null;
  lastContact: string | null;
  revenue: number | null;
  /** 回款: cash actually received this week (revenue is what was booked). */
  collected: number | null;
  receivable: number | null;
  overdueDays: number | null;
  /** 账期: the customer's agreed payment term in days; overdue is judged against it when known. */
  paymentTermDays: number | null;
  complaints: number | null;
  complaintType: ComplaintType | null;
  requirementChanges: number | null;
  faults: number | null;
  usage: UsageLevel | null;
  stage: Stage | null;
  expectedClose: string | null;
  health: Health | null;
  notes: string | null;
}

export type FieldId = keyof EntryValues;

export type FieldKind = 'count' | 'money' | 'date' | 'choice' | 'text';

export interface TemplateField {
  id: FieldId;
  kind: FieldKind;
  label: LocalizedText;
  help: LocalizedText;
  unit?: LocalizedText;
  /** Allowed values for `choice` fields, each with a label. */
  options?: ReadonlyArray<{ value: string; label: LocalizedText }>;
  required: boolean;
  /** Whether next week's form starts with this week's value (dates, stage, receivable…). */
  carryOver: boolean;
  /** Maximum length for text fields. */
  maxLength?: number;
  /** An optional built-in field the team hid from forms (config `template.fields.<id>.hidden`). */
  hidden?: boolean;
}

export const CUSTOM_FIELD_KINDS = ['integer', 'number', 'money', 'date', 'text', 'select'] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** A team-defined report field (config `template.custom`); values live in `entry.custom[id]`. */
export interface CustomField {
  id: string;
  kind: CustomFieldKind;
  label: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  /** Allowed values for `select` fields. */
  options?: ReadonlyArray<{ value: string; label: LocalizedText }>;
  /** Maximum length for `text` fields. */
  maxLength?: number;
  /**
   * Whether next week's form starts with this week's value. Default: select, date and text fields carry
   * over (states such as a payment method, a contract end date, a contract number); integer, number and
   * money fields start empty (usually this week's amounts). See `customCarries`.
   */
  carry?: boolean;
}

/** Does a custom field's value carry over to next week's form and to a "no change" entry? */
export function customCarries(field: CustomField): boolean {
  return field.carry ?? (field.kind === 'select' || field.kind === 'date' || field.kind === 'text');
}

/** Next week's starting custom values: the carrying fields keep last week's value, the rest start empty. */
export function carryCustomValues(template: ReportTemplate, last: CustomValues | null | undefined): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const field of template.custom ?? []) {
    const v = last?.[field.id];
    out[field.id] = customCarries(field) && v !== undefined ? v : null;
  }
  return out;
}

/** Stored custom values: numbers for integer/number/money, 'YYYY-MM-DD' dates, option values, text. */
export type CustomValues = Readonly<Record<string, string | number | null>>;

export interface ReportTemplate {
  fields: readonly TemplateField[];
  /** Team-defined fields, after the built-ins unless `order` says otherwise. */
  custom?: readonly CustomField[];
  /** Form order by field id (built-in or custom); ids not listed follow in their default order. */
  order?: readonly string[];
}

/** Ids of the visible fields (built-in and custom) in form order. */
export function formOrder(template: ReportTemplate): string[] {
  const all = [...template.fields.filter((f) => !f.hidden).map((f) => f.id as string), ...(template.custom ?? []).map((c) => c.id)];
  const first = (template.order ?? []).filter((id) => all.includes(id));
  return [...first, ...all.filter((id) => !first.includes(id))];
}

const opt = (value: string, zh: string, en: string) => ({ value, label: text(zh, en) });

export const DEFAULT_TEMPLATE: ReportTemplate = {
  fields: [
    {
      id: 'contacts', kind: 'count', required: true, carryOver: false,
      label: text('有效沟通次数', 'Contacts'),
      help: text('本周与客户的有效双向沟通次数（会议、电话、有回复的消息）', 'Meaningful two-way touchpoints with the customer this week'),
      unit: text('次', 'times'),
    },
    {
      id: 'lastContact', kind: 'date', required: false, carryOver: true,
      label: text('最近联系日期', 'Last contact'),
      help: text('最近一次有效沟通的日期', 'Date of the latest meaningful touchpoint'),
    },
    {
      id: 'revenue', kind: 'money', required: true, carryOver: false,
      label: text('本周成交额', 'Revenue booked'),
      help: text('本周确认（签约/开票）的收入金额，不是回款', 'Revenue booked (signed or invoiced) this week, not cash received'),
      unit: text('元', 'CNY'),
    },
    {
      id: 'collected', kind: 'money', required: false, carryOver: false,
      label: text('本周回款', 'Cash collected'),
      help: text('本周实际收到的客户付款', 'Payments actually received from the customer this week'),
      unit: text('元', 'CNY'),
    },
    {
      id: 'receivable', kind: 'money', required: false, carryOver: true,
      label: text('应收未收', 'Receivable'),
      help: text('客户当前未付的应收总额', 'Total amount the customer currently owes'),
      unit: text('元', 'CNY'),
    },
    {
      id: 'overdueDays', kind: 'count', required: false, carryOver: true,
      label: text('逾期天数', 'Days overdue'),
      help: text('最早一张未付发票已超过付款期的天数，未逾期填 0', 'Age past due of the oldest unpaid invoice; 0 if none'),
      unit: text('天', 'days'),
    },
    {
      id: 'paymentTermDays', kind: 'count', required: false, carryOver: true,
      label: text('账期', 'Payment term'),
      help: text('与客户约定的付款周期（天），如 30、60', 'The payment term agreed with the customer, in days (e.g. 30, 60)'),
      unit: text('天', 'days'),
    },
    {
      id: 'complaints', kind: 'count', required: false, carryOver: false,
      label: text('新增投诉', 'New complaints'),
      help: text('本周新增投诉次数', 'Complaints received this week'),
      unit: text('次', 'times'),
    },
    {
      id: 'complaintType', kind: 'choice', required: false, carryOver: false,
      label: text('投诉类型', 'Complaint type'),
      help: text('本周主要投诉的类型', 'Main type of this week\'s complaints'),
      options: [
        opt('service', '服务', 'Service'), opt('quality', '质量', 'Quality'), opt('delivery', '交付', 'Delivery'),
        opt('billing', '账单', 'Billing'), opt('other', '其他', 'Other'),
      ],
    },
    {
      id: 'requirementChanges', kind: 'count', required: false, carryOver: false,
      label: text('需求变更', 'Requirement changes'),
      help: text('本周客户提出的需求变更次数', 'Requirement changes the customer asked for this week'),
      unit: text('次', 'times'),
    },
    {
      id: 'faults', kind: 'count', required: false, carryOver: false,
      label: text('产品故障/工单', 'Product faults'),
      help: text('本周产品故障或技术工单数', 'Product faults or support tickets this week'),
      unit: text('个', 'tickets'),
    },
    {
      id: 'usage', kind: 'choice', required: false, carryOver: true,
      label: text('产品使用度', 'Usage'),
      help: text('客户对产品的实际使用程度', 'How much the customer actually uses the product'),
      options: [opt('high', '高', 'High'), opt('normal', '正常', 'Normal'), opt('low', '低', 'Low'), opt('none', '未使用', 'None')],
    },
    {
      id: 'stage', kind: 'choice', required: true, carryOver: true,
      label: text('阶段', 'Stage'),
      help: text('客户当前所处的销售阶段', 'Where the customer is in the sales cycle'),
      options: [
        opt('lead', '线索', 'Lead'), opt('qualified', '已确认需求', 'Qualified'), opt('proposal', '方案', 'Proposal'),
        opt('negotiation', '谈判', 'Negotiation'), opt('won', '已签约', 'Won'), opt('live', '已上线', 'Live'),
        opt('renewal', '续约', 'Renewal'), opt('lost', '已流失', 'Lost'),
      ],
    },
    {
      id: 'expectedClose', kind: 'date', required: false, carryOver: true,
      label: text('预计签约日期', 'Expected close'),
      help: text('预计成交/签约日期（未成交客户）', 'Expected signing date for open deals'),
    },
    {
      id: 'health', kind: 'choice', required: false, carryOver: true,
      label: text('健康度（自评）', 'Health (your read)'),
      help: text('你对客户状况的判断', 'Your own read of the account'),
      options: [opt('green', '良好', 'Green'), opt('yellow', '关注', 'Yellow'), opt('red', '危险', 'Red')],
    },
    {
      id: 'notes', kind: 'text', required: false, carryOver: false, maxLength: 1000,
      label: text('备注', 'Notes'),
      help: text('本周要点、风险、需要的支持', 'Highlights, risks, help you need'),
    },
  ],
};

export const FIELD_IDS: readonly FieldId[] = DEFAULT_TEMPLATE.fields.map((f) => f.id);

export const EMPTY_ENTRY: EntryValues = Object.freeze({
  contacts: null, lastContact: null, revenue: null, collected: null, receivable: null, overdueDays: null, paymentTermDays: null, complaints: null,
  complaintType: null, requirementChanges: null, faults: null, usage: null, stage: null, expectedClose: null,
  health: null, notes: null,
});

export function fieldById(template: ReportTemplate, id: string): TemplateField | undefined {
  return template.fields.find((f) => f.id === id);
}

/** Next week's starting values: carry-over fields keep their value, the rest start empty. */
export function carryOverValues(template: ReportTemplate, last: EntryValues | null): EntryValues {
  const next: EntryValues = { ...EMPTY_ENTRY };
  if (!last) return next;
  for (const field of template.fields) {
    if (field.carryOver) (next as unknown as Record<string, unknown>)[field.id] = last[field.id];
  }
  return next;
}
