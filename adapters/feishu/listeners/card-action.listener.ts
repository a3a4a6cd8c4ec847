// card.action.trigger → router → {toast, card} within Feishu's 3 s, ack first under load. A click's
// routing runs on the work lane: when no other click waits there, it starts on the next turn of the event
// loop and its result is the callback reply ({toast, card}) as before; when clicks are queued (a burst),
// the callback is answered at once with a "working on it" toast and the result follows (message.patch of
// the clicked card, or a private message). Form submits are routed before the reply: their validation
// decides it (the form again with its errors, or the saved card). A router slower than ~2.5 s gets the
// "working" toast too. Card 2.0 content is shared by everyone who received the card, so where a result
// may show is decided by placeAnswer(): in place, in the clicker's private chat, or as a toast only.
import type { Answer } from '../../../src/app/answer.js';
import type { CardCallbackResponse } from '../render/card-v2.types.js';
import { ROUTER_SOFT_DEADLINE_MS } from '../limits.js';
import { translateCardAction, type CardActionInfo } from '../inbound/translate.js';
import { retryOnceIfRateLimited, routeFeishu, type ListenerContext } from './context.js';
import { isToastOnly, noticeCard, placeAnswer, privateCards, toastOf, toCallbackResponse } from './respond.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import { LATE, withinBudget } from '../../shared/time-budget.js';
import { isUpdateExpired, sendUuid } from '../transport/chat-port.js';

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
    return { toast: { type: 'error', content: fixedText(FIXED_TEXT.failed) } };
  }
  if (info.kind === 'unknownForm') return { toast: { type: 'warning', content: fixedText(FIXED_TEXT.formExpired) } };
  const click: Click = { info, eventId, key: `cb:${eventId ?? token ?? `${info.messageId}:${at}`}` };

  // A submit's answer is decided by its validation: routed now. A click waits its turn on the lane; when
  // other clicks wait there too, it is acknowledged first and its result applied afterwards.
  const isSubmit = info.event.type === 'formSubmitted';
  const burst = !isSubmit && ctx.pressure.busy();
  // The chart upload counts against the soft deadline like the router.
  const routed = isSubmit ? routeFeishu(ctx, info.event) : ctx.pressure.around(ctx.lane.run(() => routeFeishu(ctx, info.event)));
  const first = burst ? LATE : await withinBudget(routed, options.softDeadlineMs ?? ROUTER_SOFT_DEADLINE_MS);
  if (first === LATE) {
    ctx.track(routed.then((result) => applyLate(ctx, click, result)));
    return { toast: { type: 'info', content: fixedText(FIXED_TEXT.working) } };
  }
  return respond(ctx, click, first);
}

async function respond(ctx: ListenerContext, click: Click, result: Answer): Promise<CardCallbackResponse> {
  const { info, eventId } = click;
  const placement = placeAnswer(result, info, ctx.managerChatId);
  if (placement === 'toastOnly') return toastOf(result);
  if (placement === 'private') return answerPrivately(ctx, click, result);

  const { body, extra, formId } = toCallbackResponse(result);
  if (formId && info.messageId) ctx.forms.set(info.messageId, formId);
  const messageId = info.messageId;
  if (extra.length > 0 && messageId) {
    // After the reply: the continuation parts go out on the lane.
    ctx.track(ctx.lane.run(async () => {
      for (let i = 0; i < extra.length; i += 1) await retryOnceIfRateLimited(() => ctx.chat.reply(messageId, extra[i]!, sendUuid(click.key, i + 1)), ctx.logger);
    }).catch((e: unknown) => ctx.logger.error({ err: e, eventId }, 'feishu continuation reply failed')));
  }
  return body;
}

/**
 * The result goes to the clicker's private chat: the toast says so now and the message follows on the
 * lane (no Web API call before the reply). If it cannot be sent, the clicker is told where they clicked.
 */
function answerPrivately(ctx: ListenerContext, click: Click, result: Answer): CardCallbackResponse {
  ctx.track(ctx.lane.run(() => sendPrivately(ctx, click, result)).catch((e: unknown) => privateFailed(ctx, click, e)));
  return { toast: { type: 'success', content: fixedText(FIXED_TEXT.sentPrivately) } };
}

/**
 * A private answer that could not be sent (the person never opened a chat with the bot, or Feishu
 * refused it): logged, and the clicker gets a card only they see in the chat they clicked in.
 */
async function privateFailed(ctx: ListenerContext, click: Click, e: unknown): Promise<void> {
  logPrivateFailure(ctx, click, e);
  const chatId = click.info.chatId;
  if (!chatId) return;
  try {
    await ctx.chat.sendEphemeral(chatId, click.info.event.actor.userId, noticeCard('⚠️', fixedText(FIXED_TEXT.privateFailed), 'red'));
  } catch (e2) {
    ctx.logger.warn({ err: e2, eventId: click.eventId }, 'feishu notice about a failed private answer could not be sent either');
  }
}

async function sendPrivately(ctx: ListenerContext, click: Click, result: Answer): Promise<void> {
  const { cards, formId } = privateCards(result);
  if (cards.length === 0) return;
  const messageId = await retryOnceIfRateLimited(() => ctx.chat.sendPrivate(click.info.event.actor.userId, cards, `${click.key}:private`), ctx.logger);
  // The submit from the private chat finds its form by this message (p2p: not shared).
  if (formId) ctx.forms.set(messageId, formId);
}

function logPrivateFailure(ctx: ListenerContext, click: Click, e: unknown): void {
  ctx.logger.error({ err: e, eventId: click.eventId, userId: click.info.event.actor.userId }, 'feishu private message for a card callback failed');
}

/** The router answered after we replied: patch the clicked message, or send privately what may not show there. */
async function applyLate(ctx: ListenerContext, click: Click, result: Answer): Promise<void> {
  const { info, eventId } = click;
  try {
    // A toast alone can no longer be shown (the callback was answered): it goes to the private chat instead.
    if (isToastOnly(result)) return await sendPrivately(ctx, click, result);
    const placement = placeAnswer(result, info, ctx.managerChatId);
    // toastOnly: a continuation part; the outbox refresh brings every part up to date.
    if (placement === 'toastOnly') return;
    if (placement === 'private') return await sendPrivately(ctx, click, result);
    const { body, formId } = toCallbackResponse(result);
    if (!body.card || !info.messageId) return;
    if (formId) ctx.forms.set(info.messageId, formId);
    const messageId = info.messageId;
    await ctx.chat.patchRaw(messageId, body.card.data).catch(async (e: unknown) => {
      // Past Feishu's 14-day update window the result is posted under the clicked card instead.
      if (!isUpdateExpired(e)) throw e;
      const sent = await ctx.chat.reply(messageId, body.card!.data, sendUuid(click.key, 0));
      if (formId && sent.message_id) ctx.forms.set(sent.message_id, formId);
    });
  } catch (e) {
    ctx.logger.error({ err: e, eventId }, 'feishu late callback result could not be applied');
  }
}
