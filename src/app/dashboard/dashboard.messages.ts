// The dashboard strings, in zh and en.
import { text } from '../../core/i18n.js';

export const dashboardText = {
  openDashboard: text('打开看板', 'Open dashboard'),
  openTheDashboard: text('打开看板', 'Open the dashboard'),
  yourPersonalSignInLink: text('这是你的个人登录链接：', 'Your personal sign-in link: '),
  validUntilItIsYours: (until: string) => text(`有效期至 ${until}。链接只属于你，请勿转发；看到的内容与你在聊天里的权限一致。`, `Valid until ${until}. It is yours alone: do not forward it. You see what your role sees in chat.`),
  yourDashboardSignInLink: text('你的看板登录链接', 'Your dashboard sign-in link'),
  theDashboardIsNotRunning: text('看板没有运行。请管理员用 npm start 或 radar serve 启动。', 'The dashboard is not running. Ask an administrator to start it (npm start or radar serve).'),
  sentYouADashboardSign: text('已私信发给你看板登录链接。', 'Sent you a dashboard sign-in link privately.'),
} as const;
