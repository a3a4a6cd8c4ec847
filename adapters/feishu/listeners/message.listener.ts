// im.message.receive_v1 → router → an answer card replied to the message. Runs after the HTTP ack.
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { Card2 } from '../render/card-v2.types.js';
import { renderCard } from '../render/render-card.js';
import { renderFormCard } from '../render/render-form.js';
import { translateMessage, type MessageInfo } from '../inbound/translate.js';
import { sendUuid } from '../transport/chat-port.js';
import { retryOnceIfRateLimited, withChartImages, type ListenerContext } from './context.js';
import { noticeCard, TEXT } from './interaction-result.js';

function cardsFor(result: InteractionResult): Card2[] {
  switch (result.type) {
    case 'none':
      return [];
    case 'toast':
      return [noticeCard(result.tone === 'error' ? '⚠️' : 'ℹ️', result.text, result.tone === 'error' ? 'red' : 'grey')];
    case 'card':
    case 'replaceMessage':
      return renderCard(result.card);
    case 'openForm':
    case 'formErrors':
      return [renderFormCard(result.form)];
    case 'formDone':
      return result.card ? renderCard(result.card) : [noticeCard(TEXT.saved, result.toast, 'green')];
  }
}

/**
 * An answer only the asker may read, asked in a group others read: ephemeral cards in the group
 * (only the asker sees them); where Feishu refuses that (topic groups, the asker offline…) the cards
 * go to the asker's private chat. The group gets a one-line note replying to the question.
 */
async function answerPrivately(ctx: ListenerContext, info: MessageInfo, result: InteractionResult, note: string): Promise<void> {
  const cards = cardsFor(result);
  const userId = info.event.actor.userId;
  let sent = 0;
  try {
    for (const card of cards) {
      const id = await retryOnceIfRateLimited(() => ctx.chat.sendEphemeral(info.chatId, userId, card), ctx.logger);
      if (result.type === 'openForm' && id && sent === 0) ctx.forms.set(id, result.form.formId);
      sent += 1;
    }
  } catch (e) {
    ctx.logger.info({ err: (e as Error).message, chatId: info.chatId }, 'feishu ephemeral card refused; answering by private chat');
    const first = await retryOnceIfRateLimited(() => ctx.chat.sendPrivate(userId, cards.slice(sent), `answer:${info.messageId}`), ctx.logger);
    if (result.type === 'openForm' && sent === 0) ctx.forms.set(first, result.form.formId);
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
    const result: InteractionResult = info.unsupportedType
      ? { type: 'toast', text: TEXT.textOnly, tone: 'info' }
      : await withChartImages(ctx, await ctx.router(info.event));
    if (result.privately) return await answerPrivately(ctx, info, result, result.privately.publicNote);
    const cards = cardsFor(result);
    for (let i = 0; i < cards.length; i += 1) {
      const sent = await retryOnceIfRateLimited(() => ctx.chat.reply(info.messageId, cards[i]!, sendUuid(`answer:${info.messageId}`, i)), ctx.logger);
      if (result.type === 'openForm' && sent.message_id) ctx.forms.set(sent.message_id, result.form.formId);
    }
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu message handling failed');
  }
}
