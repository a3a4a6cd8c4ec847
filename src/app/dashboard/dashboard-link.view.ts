// The private message carrying someone's personal sign-in link to the web dashboard (看板).
import type { Locale } from '../../core/i18n.js';
import type { CardSpec } from '../../ui/card.js';
import type { Button } from '../../ui/card.js';
import { button, tr } from '../shared/view-text.js';

/** The "Open dashboard / 打开看板" button (digest, App Home). */
export const openDashboardButton = (locale: Locale): Button => button(tr(locale, '打开看板', 'Open dashboard'), 'dashboard.open', {});

export function dashboardLinkCard(model: { url: string; expiresAt: Date; timezone: string }, locale: Locale): CardSpec {
  const until = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: model.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(model.expiresAt);
  const label = tr(locale, '打开看板', 'Open the dashboard');
  return {
    title: tr(locale, '周报雷达 · 看板', 'Sales radar · Dashboard'),
    tone: 'blue',
    blocks: [
      { type: 'text', text: [tr(locale, '这是你的个人登录链接：', 'Your personal sign-in link: '), { link: model.url, label }] },
      { type: 'note', text: [tr(locale, `有效期至 ${until}。链接只属于你，请勿转发；看到的内容与你在聊天里的权限一致。`, `Valid until ${until}. It is yours alone: do not forward it. You see what your role sees in chat.`)] },
    ],
    summary: tr(locale, '你的看板登录链接', 'Your dashboard sign-in link'),
  };
}
