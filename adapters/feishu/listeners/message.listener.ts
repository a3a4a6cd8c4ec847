// im.message.receive_v1 → router → an answer card replied to the message. Runs after the HTTP ack.
import { answer, type Answer } from '../../../src/app/answer.js';
import { translateMessage, type MessageInfo } from '../inbound/translate.js';
import { sendUuid } from '../transport/chat-port.js';
import { retryOnceIfRateLimited, routeFeishu, type ListenerContext } from './context.js';
import { noticeCard, publicNoteOf, replyCards } from './respond.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';

/**
 * An answer only the asker may read, asked in a group others read: ephemeral cards in the group
 * (only the asker sees them); where Feishu refuses that (topic groups, the asker offline…) the cards
 * go to the asker's private chat. The group gets a one-line note replying to the question.
 */
async function answerPrivately(ctx: ListenerContext, info: MessageInfo, result: Answer, note: string): Promise<void> {
  const { cards, formId } = replyCards(result);
  const userId = info.event.actor.userId;
  let sent = 0;
  try {
    for (const card of cards) {
      const id = await retryOnceIfRateLimited(() => ctx.chat.sendEphemeral(info.chatId, userId, card), ctx.logger);
      if (formId && id && sent === 0) ctx.forms.set(id, formId);
      sent += 1;
    }
  } catch (e) {
    ctx.logger.info({ err: (e as Error).message, chatId: info.chatId }, 'feishu ephemeral card refused; answering by private chat');
    const first = await retryOnceIfRateLimited(() => ctx.chat.sendPrivate(userId, cards.slice(sent), `answer:${info.messageId}`), ctx.logger);
    if (formId && sent === 0) ctx.forms.set(first, formId);
  }
  await retryOnceIfRateLimited(() => ctx.chat.reply(info.messageId, noticeCard('🔒', note, 'grey'), sendUuid(`note:${info.messageId}`)), ctx.logger);
}

/** Handle one message event (already authenticated and acked). Never throws. */
export async function handleMessageEvent(ctx: ListenerContext, eventId: string | null, event: unknown): Promise<void> {
  try {
    const at = ctx.now().toISOString();
    if (eventId && !ctx.inbound.firstSeen(`feishu:event:${eventId}`, at)) return;
    const info = translateMessage(event, ctx.botOpenId());
    if (!info) return;
    // Feishu re-delivers unacknowledged messages with a new event id: dedupe by message id too.
    if (!ctx.inbound.firstSeen(`feishu:msg:${info.messageId}`, at)) return;
    const result: Answer = info.unsupportedType
      ? answer.toast(fixedText(FIXED_TEXT.textOnly), 'info')
      : await routeFeishu(ctx, info.event);
    const note = publicNoteOf(result);
    if (note !== null) return await answerPrivately(ctx, info, result, note);
    const { cards, formId } = replyCards(result);
    for (let i = 0; i < cards.length; i += 1) {
      const sent = await retryOnceIfRateLimited(() => ctx.chat.reply(info.messageId, cards[i]!, sendUuid(`answer:${info.messageId}`, i)), ctx.logger);
      if (formId && sent.message_id) ctx.forms.set(sent.message_id, formId);
    }
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu message handling failed');
  }
}
