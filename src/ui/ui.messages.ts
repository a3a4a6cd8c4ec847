// The fixed words of the charts' text alternatives, in zh and en. src/ui imports only itself, so the
// catalog has its own text(): the same { zh, en } shape as LocalizedText in src/core/i18n.ts.
export interface LocalizedText {
  zh: string;
  en: string;
}

const text = (zh: string, en: string): LocalizedText => ({ zh, en });

export const altText = {
  noFlaggedCustomers: text('没有预警客户', 'No flagged customers'),
  shade: (label: string, value: string) => text(`，${label} ${value}`, `, ${label} ${value}`),
  noData: text('没有数据', 'No data'),
} as const;
