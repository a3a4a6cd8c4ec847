// card.action.trigger → router → {toast, card} within Feishu's 3 s. A router slower than ~2.5 s gets
// a "working on it" toast now and its card applied afterwards with message.patch. Card 2.0 content is
// shared by everyone who received the card, so where a result may show is decided by placeResult():
// in place, or as a toast only.
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { CardCallbackResponse } from '../render/card-v2.types.js';
import { ROUTER_SOFT_DEADLINE_MS } from '../limits.js';
import { translateCardAction, type CardActionInfo } from '../inbound/translate.js';
import type { ListenerContext } from './context.js';
import { placeResult, TEXT, toastOf, toCallbackResponse } from './interaction-result.js';
import { sendUuid } from '../chat-port.js';

export interface CardActionOptions {
  /** How long we wait for the router before answering with a toast (default 2.5 s). */
  softDeadlineMs?: number;
}

type EventInfo = Extract<CardActionInfo, { kind: 'event' }>;

/** One callback being answered: what was clicked, by whom, and a key for idempotent sends. */
interface Click {
  info: EventInfo;
  eventId: string | null;
  key: string;
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
  const click: Click = { info, eventId, key: `cb:${eventId ?? token ?? `${info.messageId}:${at}`}` };

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
    ctx.track(routed.then((result) => applyLate(ctx, click, result)));
    return { toast: { type: 'info', content: TEXT.working } };
  }
  return respond(ctx, click, first);
}

function respond(ctx: ListenerContext, click: Click, result: InteractionResult): CardCallbackResponse {
  const { info, eventId } = click;
  if (placeResult(result, info) === 'toastOnly') return toastOf(result);

  const { body, extra, formId } = toCallbackResponse(result);
  if (formId && info.messageId) ctx.forms.set(info.messageId, formId);
  const messageId = info.messageId;
  if (extra.length > 0 && messageId) {
    ctx.track((async () => {
      for (let i = 0; i < extra.length; i += 1) await ctx.chat.reply(messageId, extra[i]!, sendUuid(click.key, i + 1));
    })().catch((e: unknown) => ctx.logger.error({ err: e, eventId }, 'feishu continuation reply failed')));
  }
  return body;
}

/** The router answered after we replied: patch the clicked message with its card, if any. */
async function applyLate(ctx: ListenerContext, click: Click, result: InteractionResult): Promise<void> {
  const { info, eventId } = click;
  try {
    // toastOnly: a continuation part; the outbox refresh brings every part up to date.
    if (placeResult(result, info) === 'toastOnly') return;
    const { body, formId } = toCallbackResponse(result);
    if (!body.card || !info.messageId) return;
    if (formId) ctx.forms.set(info.messageId, formId);
    await ctx.chat.patchRaw(info.messageId, body.card.data);
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu late callback result could not be applied');
  }
}
