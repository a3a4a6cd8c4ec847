// The private message carrying someone's personal sign-in link to the web dashboard (看板).
import type { Locale } from '../../core/i18n.js';
import type { CardSpec } from '../../ui/card.js';
import type { Button } from '../../ui/card.js';
import { button } from '../shared/view-text.js';
import { say } from '../../core/i18n.js';
import { dashboardText } from './dashboard.messages.js';
import { commonText } from '../shared/common.messages.js';

/** The "Open dashboard / 打开看板" button (digest, App Home). */
export const openDashboardButton = (locale: Locale): Button => button(say(locale, dashboardText.openDashboard), 'dashboard.open', {});

export function dashboardLinkCard(model: { url: string; expiresAt: Date; timezone: string }, locale: Locale): CardSpec {
  const until = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: model.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(model.expiresAt);
  const label = say(locale, dashboardText.openTheDashboard);
  return {
    title: say(locale, commonText.salesRadarDashboard),
    tone: 'blue',
    blocks: [
      { type: 'text', text: [say(locale, dashboardText.yourPersonalSignInLink), { link: model.url, label }] },
      { type: 'note', text: [say(locale, dashboardText.validUntilItIsYours(until))] },
    ],
    summary: say(locale, dashboardText.yourDashboardSignInLink),
  };
}
