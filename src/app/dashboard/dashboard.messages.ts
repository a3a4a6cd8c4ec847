// The dashboard strings, in zh and en.
import { text } from '../../core/i18n.js';

export const dashboardText = {
  openDashboard: text('打开看板', 'Open dashboard'),
  openTheDashboard: text('打开看板', 'Open the dashboard'),
  yourPersonalSignInLink: text('这是你的个人登录链接：', 'Your personal sign-in link: '),
  validUntilItIsYours: (until: string) => text(`有效期至 ${until}。链接只属于你，请勿转发；看到的内容与你在聊天里的权限一致。`, `Valid until ${until}. It is yours alone: do not forward it. You see what your role sees in chat.`),
  yourDashboardSignInLink: text('你的看板登录链接', 'Your dashboard sign-in link'),
} as const;
