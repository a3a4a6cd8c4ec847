// The PNG renderer handed to chat adapters: twice the pixels, so charts stay sharp on phones.
import type { ChartSpec } from '../ui/chart.js';
import { renderPng } from './index.js';

export const chatChartPng = (chart: ChartSpec): Buffer => renderPng(chart, { locale: chart.locale, scale: 2 });
