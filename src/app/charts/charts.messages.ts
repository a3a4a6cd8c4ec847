// The charts strings, in zh and en.
import { text } from '../../core/i18n.js';

export const chartsText = {
  segmentMedian: (customers: number) => text(`同类中位（${customers} 家）`, `Segment median (${customers})`),
  riskByDimension: (customer: string) => text(`${customer} · 七维风险`, `${customer} · risk by dimension`),
  vsTheMedianCustomerOf: (week: string, label: string) => text(`${week} · 对比 ${label} 的中位客户`, `${week} · vs the median customer of ${label}`),
  noComparableCustomers: (week: string) => text(`${week} · 暂无可比客户`, `${week} · no comparable customers`),
  riskIndex: (customer: string) => text(`${customer} · 问题客户指数`, `${customer} · risk index`),
  redFlagsByRep: text('各销售的预警客户', 'Red flags by rep'),
  flagged: (week: string, flaggedCount: number) => text(`${week} · 共 ${flaggedCount} 家`, `${week} · ${flaggedCount} flagged`),
  sRedFlagsHeatMap: (owner: string) => text(`${owner} 的预警客户热力图`, `${owner}'s red flags heat map`),
  redFlagsHeatMap: text('预警客户热力图', 'Red flags heat map'),
  problemTypeFlagged: (week: string, groupLabel: string, flaggedCount: number) => text(`${week} · ${groupLabel} × 问题类型 · 共 ${flaggedCount} 家预警`, `${week} · ${groupLabel} × problem type · ${flaggedCount} flagged`),
  customers: text('家', 'customers'),
  sCustomersByGrade: (owner: string) => text(`${owner} 的客户分级占比`, `${owner}'s customers by grade`),
  customersByGrade: text('客户分级占比', 'Customers by grade'),
  lastWeeks: (weeks: number, lastWeek: string | null) => text(`近 ${weeks} 周${lastWeek ? `，至 ${lastWeek}` : ''}`, `last ${weeks} weeks${lastWeek ? ` to ${lastWeek}` : ''}`),
} as const;
