// The team strings, in zh and en.
import { text } from '../../core/i18n.js';

export const teamText = {
  messageCouldNotBeDelivered: text('消息无法送达', 'Message could not be delivered'),
  couldNotBeSentTo: (title: string) => text(`「${title}」未能发送给 `, `"${title}" could not be sent to `),
  undeliveredReason: (lastError: string | null) => text(`原因：${lastError ?? '未知'}。请检查该成员的账号是否停用、邮箱是否正确，或频道是否已归档。`, `Reason: ${lastError ?? 'unknown'}. Check whether the account is deactivated, the email is right, or the channel is archived.`),
} as const;
