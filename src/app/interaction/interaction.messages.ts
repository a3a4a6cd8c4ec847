// The interaction strings, in zh and en.
import { text } from '../../core/i18n.js';

export const interactionText = {
  thisButtonIsOutOf: text('这个按钮已过期，请刷新。', 'This button is out of date; please refresh.'),
  sorryYouAreNotAllowed: text('抱歉，你没有权限进行这个操作。', 'Sorry, you are not allowed to do that.'),
  youAreNotOnThe: text('你还不在周报雷达的成员名单里。请联系销售经理用你的工作邮箱添加你。', 'You are not on the sales radar team list yet. Ask your sales manager to add you with your work email.'),
} as const;
