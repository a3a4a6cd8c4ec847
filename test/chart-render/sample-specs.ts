// Hand-written charts of every kind, for renderer tests (the builders have their own tests).
import { withAlt, type HeatmapChart, type RadarChart, type StackedChart, type TrendChart } from '../../src/ui/chart.js';

export const WEEKS = Array.from({ length: 12 }, (_, i) => `2026-W${String(37 + i).padStart(2, '0')}`);

export const trendZh = withAlt<TrendChart>({
  kind: 'trend', locale: 'zh', title: '华星科技 · 问题客户指数', subtitle: '近 12 周', x: WEEKS, xLabel: '周',
  line: { name: '指数', values: [10, 12, 20, 35, null, 48, 55, 62, 70, 78, 81, 88], max: 100 },
  bands: [{ from: 50, to: 75, label: 'B 级', tone: 'orange' }, { from: 75, to: 100, label: 'A 级', tone: 'red' }],
  bars: { name: '收入', values: [12000, 15000, 9000, 8000, null, 4000, 3000, 5000, 2000, 1000, 0, 0], unit: '¥' },
});

export const radarEn = withAlt<RadarChart>({
  kind: 'radar', locale: 'en', title: 'Acme Corp · risk by dimension', subtitle: 'vs the median customer of software / East',
  axes: ['Payment', 'Activity', 'Complaints', 'Product fit', 'Req. churn', 'Revenue trend', 'Deal cycle'].map((label) => ({ label, max: 100 })),
  series: [
    { name: 'Acme Corp', values: [88, 40, 20, 10, 0, 60, 30], tone: 'red' },
    { name: 'Segment median', values: [5, 10, 0, 5, 0, 10, 5], tone: 'blue' },
  ],
});

export const heatmapZh = withAlt<HeatmapChart>({
  kind: 'heatmap', locale: 'zh', title: '预警热力图', subtitle: '2026-W48 · 区域 × 问题类型',
  rows: ['华东', '华南', '华北', '西部'], columns: ['拖款', '沟通困难', '投诉多', '适配度低', '需求变动大', '贡献下滑', '成交周期拉长'],
  rowLabel: '区域', columnLabel: '问题类型',
  cells: [{ row: 0, column: 0, count: 3, shade: 92 }, { row: 1, column: 2, count: 1, shade: 55 }, { row: 2, column: 5, count: 2, shade: 70 }, { row: 3, column: 1, count: 4, shade: 81 }],
  countLabel: '家', shadeLabel: '最高指数', shadeMax: 100,
});

export const byRepZh = withAlt<StackedChart>({
  kind: 'stackedBar', locale: 'zh', title: '各销售预警客户', subtitle: '2026-W48', categories: ['张敏', '李伟', '王芳', '赵强'],
  categoryLabel: '销售', valueLabel: '客户数',
  series: [{ name: 'A 级', values: [2, 0, 1, 3], tone: 'red' }, { name: 'B 级', values: [1, 2, 0, 1], tone: 'orange' }],
});

export const portfolioEn = withAlt<StackedChart>({
  kind: 'portfolio', locale: 'en', title: 'Customers by grade', subtitle: 'last 12 weeks', categories: WEEKS,
  categoryLabel: 'Week', valueLabel: 'Share',
  series: [
    { name: 'A', values: WEEKS.map((_, i) => 3 + (i % 3)), tone: 'red' },
    { name: 'B', values: WEEKS.map((_, i) => 8 + (i % 4)), tone: 'orange' },
    { name: 'No flag', values: WEEKS.map((_, i) => 100 - 11 - (i % 3) - (i % 4)), tone: 'green' },
  ],
});
