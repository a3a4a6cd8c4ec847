// card.action.trigger → router → {toast, card} within Feishu's 3 s. A router slower than ~2.5 s gets
// a "working on it" toast now and its card applied afterwards with message.patch.
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { CardCallbackResponse } from '../render/card-v2.types.js';
import { ROUTER_SOFT_DEADLINE_MS } from '../limits.js';
import { translateCardAction } from '../inbound/translate.js';
import type { ListenerContext } from './context.js';
import { noticeCard, TEXT, toCallbackResponse } from './interaction-result.js';
import { sendUuid } from '../chat-port.js';

export interface CardActionOptions {
  /** How long we wait for the router before answering with a toast (default 2.5 s). */
  softDeadlineMs?: number;
}

const SLOW = Symbol('slow');

/** Handle one callback (already authenticated). `eventId` is the envelope's header.event_id. */
export async function handleCardAction(ctx: ListenerContext, eventId: string | null, event: unknown, options: CardActionOptions = {}): Promise<CardCallbackResponse> {
  const at = ctx.now().toISOString();
  const token = typeof (event as { token?: unknown } | null)?.token === 'string' ? (event as { token: string }).token : null;
  // Duplicate clicks and platform retries: the event id, and the callback's own token, are seen once.
  if ((eventId && !ctx.inbound.firstSeen(`feishu:event:${eventId}`, at)) || (token && !ctx.inbound.firstSeen(`feishu:card:${token}`, at))) {
    return {};
  }
  const info = translateCardAction(event, (id) => ctx.forms.get(id));
  if (!info) {
    ctx.logger.warn({ eventId }, 'feishu card callback not understood');
    return { toast: { type: 'error', content: TEXT.failed } };
  }
  if (info.kind === 'unknownForm') return { toast: { type: 'warning', content: TEXT.formExpired } };

  const routed = ctx.router(info.event).then(
    (r) => r,
    (e: unknown) => {
      ctx.logger.error({ err: e, eventId, type: info.event.type }, 'feishu router failed for a card callback');
      return { type: 'toast', text: TEXT.failed, tone: 'error' } as InteractionResult;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), options.softDeadlineMs ?? ROUTER_SOFT_DEADLINE_MS);
  });
  const first = await Promise.race([routed, slow]);
  clearTimeout(timer);

  if (first === SLOW) {
    ctx.track(routed.then((result) => applyLate(ctx, info.messageId, result, eventId)));
    return { toast: { type: 'info', content: TEXT.working } };
  }
  return respond(ctx, info.messageId, first, eventId);
}

function respond(ctx: ListenerContext, messageId: string | null, result: InteractionResult, eventId: string | null): CardCallbackResponse {
  const { body, extra, formId } = toCallbackResponse(result);
  if (formId && messageId) ctx.forms.set(messageId, formId);
  if (extra.length > 0 && messageId) {
    ctx.track((async () => {
      for (let i = 0; i < extra.length; i += 1) await ctx.chat.reply(messageId, extra[i]!, sendUuid(`cb:${eventId ?? messageId}`, i + 1));
    })().catch((e: unknown) => ctx.logger.error({ err: e }, 'feishu continuation reply failed')));
  }
  return body;
}

/** The router answered after we replied: patch the clicked message with its card, if any. */
async function applyLate(ctx: ListenerContext, messageId: string | null, result: InteractionResult, eventId: string | null): Promise<void> {
  const { body, formId } = toCallbackResponse(result);
  if (!body.card || !messageId) return;
  if (formId) ctx.forms.set(messageId, formId);
  try {
    await ctx.chat.patchRaw(messageId, body.card.data);
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu late card patch failed');
  }
}
