// im.message.receive_v1 → router → an answer card replied to the message. Runs after the HTTP ack.
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { Card2 } from '../render/card-v2.types.js';
import { renderCard } from '../render/render-card.js';
import { renderFormCard } from '../render/render-form.js';
import { translateMessage } from '../inbound/translate.js';
import { sendUuid } from '../chat-port.js';
import { retryOnceIfRateLimited, type ListenerContext } from './context.js';
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
      : await ctx.router(info.event);
    const cards = cardsFor(result);
    for (let i = 0; i < cards.length; i += 1) {
      const sent = await retryOnceIfRateLimited(() => ctx.chat.reply(info.messageId, cards[i]!, sendUuid(`answer:${info.messageId}`, i)), ctx.logger);
      if (result.type === 'openForm' && sent.message_id) ctx.forms.set(sent.message_id, result.form.formId);
    }
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu message handling failed');
  }
}
