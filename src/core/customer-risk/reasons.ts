// Reasons for people: pick a language, and a one-line summary for lists and exports.
import type { Locale } from '../i18n.js';
import type { CustomerScore } from './types.js';

/** The score's reasons in one language, in tag order (primary first), then escalation notes. */
export function reasonLines(score: Pick<CustomerScore, 'reasons'>, locale: Locale): string[] {
  return score.reasons.map((r) => r[locale]);
}

/** All reasons joined on one line: `；` in Chinese, `; ` in English. */
export function reasonSummary(score: Pick<CustomerScore, 'reasons'>, locale: Locale): string {
  return reasonLines(score, locale).join(locale === 'zh' ? '；' : '; ');
}
