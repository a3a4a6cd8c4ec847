// The few sentences an adapter says itself, before or without the app (the router failed, a button's
// value cannot be read, a form expired). In the person's language when the platform tells it, else in
// both, Chinese first (the product's home language), the same wording on every platform.
import { say, text, type Locale, type LocalizedText } from '../../src/core/i18n.js';

export const FIXED_TEXT = {
  failed: text('出错了，请稍后再试。', 'Something went wrong; please try again.'),
  buttonInvalid: text('此按钮已失效。', 'This button is no longer valid.'),
  useCommandForForms: text('请使用 /radar 或消息中的按钮打开表单。', 'Use /radar or the buttons in my messages to open this form.'),
  formNotOpenedInTime: text('表单未能及时打开，请再点一次。', 'The form could not open in time; please click again.'),
  formNotSaved: (title: string) => text(`${title}：未保存，请重新打开表单。`, `${title}: not saved, please open the form again.`),
  fixFields: text('请修正标红的字段', 'Please fix the fields marked in red'),
  working: text('正在处理…', 'Working on it…'),
  cancelled: text('已取消', 'Cancelled'),
  done: text('已完成', 'Done'),
  formExpired: text('表单已过期，请重新打开', 'This form has expired, please open it again'),
  formClosed: text('表单已关闭', 'Form closed'),
  sentPrivately: text('已私信发给你', 'Sent to you privately'),
  privateFailed: text('无法私信发给你，请先和机器人开始单聊', 'Could not send it to you privately; please open a chat with the bot first'),
  updated: text('已更新', 'Updated'),
  textOnly: text('我只能读懂文字消息，请直接打字提问，例如「华星科技怎么样」', 'I can only read text messages; please type your question, e.g. "how is Acme doing"'),
} as const satisfies Record<string, LocalizedText | ((...args: never[]) => LocalizedText)>;

/** A fixed sentence in `locale`, or in both languages when the platform did not say which. */
export function fixedText(t: LocalizedText, locale?: Locale | null): string {
  return locale ? say(locale, t) : `${t.zh} / ${t.en}`;
}
