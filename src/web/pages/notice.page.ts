// Pages for people without a session: how to get a link; a refused link; not allowed; not found.
import type { Locale } from '../../core/i18n.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';
import { tr } from './labels.js';

export type NoticeKind = 'signin' | 'bad_link' | 'expired' | 'revoked' | 'rate_limited' | 'forbidden' | 'not_found' | 'no_data';

function how(locale: Locale): SafeHtml {
  return html`<p>${tr(locale, '看板通过个人登录链接访问，不需要密码：', 'The dashboard opens with a personal sign-in link, no password needed:')}</p>
<ul>
  <li>${tr(locale, '在 Slack 或飞书里点摘要或主页上的「打开看板」按钮，或对机器人发送「看板」/ ', 'click "Open dashboard" in the digest or on App Home, or send the bot "dashboard" / ')}<code>/radar dashboard</code>${tr(locale, '，机器人会私信你一个链接；', '; the bot sends you a link privately;')}</li>
  <li>${tr(locale, '或请管理员运行 ', 'or ask an administrator to run ')}<code>npm run radar -- link --member you@example.com</code></li>
</ul>`;
}

export function noticePage(kind: NoticeKind, locale: Locale): string {
  const lines: Record<NoticeKind, [string, string, SafeHtml | null]> = {
    signin: [tr(locale, '请先登录', 'Please sign in'), tr(locale, '你还没有登录，或登录已过期。', 'You are not signed in, or your session has ended.'), how(locale)],
    bad_link: [tr(locale, '链接无效', 'This link is not valid'), tr(locale, '这个登录链接不完整或已被改动。', 'This sign-in link is incomplete or was altered.'), how(locale)],
    expired: [tr(locale, '链接已过期', 'This link has expired'), tr(locale, '登录链接有有效期，请重新获取一个。', 'Sign-in links expire; please get a new one.'), how(locale)],
    revoked: [tr(locale, '链接已失效', 'This link was revoked'), tr(locale, '这个链接已被管理员撤销。', 'An administrator revoked this link.'), how(locale)],
    rate_limited: [tr(locale, '尝试太频繁', 'Too many attempts'), tr(locale, '请稍等一分钟再试。', 'Please wait a minute and try again.'), null],
    forbidden: [tr(locale, '无权查看', 'Not available to you'), tr(locale, '这个页面超出了你的权限范围。', 'This page is outside what your role can see.'), null],
    not_found: [tr(locale, '找不到页面', 'Not found'), tr(locale, '没有这个页面或客户。', 'There is no such page or customer.'), null],
    no_data: [tr(locale, '还没有数据', 'No data yet'), tr(locale, '数据库里还没有周报。请先导入或等待第一份周报。', 'There are no reports in the database yet. Import some or wait for the first weekly report.'), null],
  };
  const [title, text, extra] = lines[kind];
  return layout({ locale, viewer: null, lang: null }, { title }, html`<div class="notice" data-notice="${kind}"><h1>${title}</h1><p>${text}</p>${extra ?? ''}</div>`);
}
