// Words the charts share, in zh and en.
import type { Dimension, Grade } from '../../core/customer-risk/types.js';
import type { LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import { DIMENSION_NAME } from '../shared/view-text.js';

/** The dimensions on a radar's axes: their names, one shortened to fit. */
export const DIMENSION_LABEL: Record<Dimension, LocalizedText> = { ...DIMENSION_NAME, churn: text('需求变更', 'Req. churn') };

export const GRADE_LABEL: Record<Grade, LocalizedText> = {
  A: text('A 级', 'Grade A'),
  B: text('B 级', 'Grade B'),
};

export const C = {
  week: text('周', 'Week'),
  index: text('指数', 'Index'),
  revenue: text('收入', 'Revenue'),
  noFlag: text('未预警', 'No flag'),
  customers: text('客户数', 'Customers'),
  share: text('占比', 'Share'),
  rep: text('销售', 'Rep'),
  region: text('区域', 'Region'),
  industry: text('行业', 'Industry'),
  problem: text('问题类型', 'Problem type'),
  worstIndex: text('最高指数', 'worst index'),
  unknown: text('未填写', '(not set)'),
  unassigned: text('未分配', 'Unassigned'),
  others: text('其他', 'Others'),
} as const;

