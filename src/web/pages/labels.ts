// Dashboard wording in zh and en that the chat views do not already have.
import type { Locale } from '../../core/i18n.js';
import type { Dimension } from '../../core/customer-risk/types.js';
import { tr } from '../../app/shared/view-text.js';

export { tr };

export const DIMENSION_LABEL: Record<Dimension, { zh: string; en: string }> = {
  payment: { zh: '回款', en: 'Payment' },
  activity: { zh: '活跃度', en: 'Activity' },
  complaints: { zh: '投诉', en: 'Complaints' },
  fit: { zh: '适配度', en: 'Product fit' },
  churn: { zh: '需求变更', en: 'Requirement churn' },
  revenue: { zh: '贡献度', en: 'Revenue trend' },
  cycle: { zh: '成交周期', en: 'Deal cycle' },
};

export const appName = (locale: Locale) => tr(locale, '周报雷达 · 看板', 'Sales radar · Dashboard');
