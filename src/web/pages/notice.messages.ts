// The notice strings, in zh and en.
import { text } from '../../core/i18n.js';

export const noticePageText = {
  theDashboardOpensWithA: text('看板通过个人登录链接访问，不需要密码：', 'The dashboard opens with a personal sign-in link, no password needed:'),
  clickOpenDashboardInThe: text('在 Slack 或飞书里点摘要或主页上的「打开看板」按钮，或对机器人发送「看板」/ ', 'click "Open dashboard" in the digest or on App Home, or send the bot "dashboard" / '),
  theBotSendsYouA: text('，机器人会私信你一个链接；', '; the bot sends you a link privately;'),
  orAskAnAdministratorTo: text('或请管理员运行 ', 'or ask an administrator to run '),
  pleaseSignIn: text('请先登录', 'Please sign in'),
  youAreNotSignedIn: text('你还没有登录，或登录已过期。', 'You are not signed in, or your session has ended.'),
  thisLinkIsNotValid: text('链接无效', 'This link is not valid'),
  thisSignInLinkIs: text('这个登录链接不完整或已被改动。', 'This sign-in link is incomplete or was altered.'),
  thisLinkHasExpired: text('链接已过期', 'This link has expired'),
  signInLinksExpirePlease: text('登录链接有有效期，请重新获取一个。', 'Sign-in links expire; please get a new one.'),
  thisLinkWasRevoked: text('链接已失效', 'This link was revoked'),
  anAdministratorRevokedThisLink: text('这个链接已被管理员撤销。', 'An administrator revoked this link.'),
  tooManyAttempts: text('尝试太频繁', 'Too many attempts'),
  pleaseWaitAMinuteAnd: text('请稍等一分钟再试。', 'Please wait a minute and try again.'),
  notAvailableToYou: text('无权查看', 'Not available to you'),
  thisPageIsOutsideWhat: text('这个页面超出了你的权限范围。', 'This page is outside what your role can see.'),
  notFound: text('找不到页面', 'Not found'),
  thereIsNoSuchPage: text('没有这个页面或客户。', 'There is no such page or customer.'),
  noDataYet: text('还没有数据', 'No data yet'),
  thereAreNoReportsIn: text('数据库里还没有周报。请先导入或等待第一份周报。', 'There are no reports in the database yet. Import some or wait for the first weekly report.'),
} as const;
