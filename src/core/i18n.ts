/** The two languages every user-facing string ships in. */
export type Locale = 'zh' | 'en';

/** A user-facing string in both languages. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export const text = (zh: string, en: string): LocalizedText => ({ zh, en });

/** A catalog string in a locale: `say(locale, digestText.title)`, `say(locale, digestText.flagged(n))`. */
export const say = (locale: Locale, t: LocalizedText): string => t[locale];

/** Money for people: ¥50,000 (zh) / ¥50,000 (en); no decimals unless needed. */
export function formatMoney(amount: number, currency = '¥'): string {
  const rounded = Math.round(amount * 100) / 100;
  const [int, frac] = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 2).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${currency}${grouped}${frac ? `.${frac}` : ''}`;
}
