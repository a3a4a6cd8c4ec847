// card.action.trigger → router → {toast, card} within Feishu's 3 s. A router slower than ~2.5 s gets
// a "working on it" toast now and its result applied afterwards (message.patch or a private message).
// Card 2.0 content is shared by everyone who received the card, so where a result may show is decided
// by placeAnswer(): in place, in the clicker's private chat, or as a toast only.
import type { Answer } from '../../../src/app/answer.js';
import type { CardCallbackResponse } from '../render/card-v2.types.js';
import { CALLBACK_DEADLINE_MS, ROUTER_SOFT_DEADLINE_MS } from '../limits.js';
import { translateCardAction, type CardActionInfo } from '../inbound/translate.js';
import { retryOnceIfRateLimited, routeFeishu, type ListenerContext } from './context.js';
import { isToastOnly, placeAnswer, privateCards, toastOf, toCallbackResponse } from './respond.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import { budgetLeft, LATE, withinBudget } from '../../shared/time-budget.js';
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
  /** Date.now() when the callback arrived (for the 3 s answer deadline). */
  startedAt: number;
}

// Time kept in hand after a private send before the callback must be answered.
const ANSWER_MARGIN_MS = 300;

/** Handle one callback (already authenticated). `eventId` is the envelope's header.event_id. */
export async function handleCardAction(ctx: ListenerContext, eventId: string | null, event: unknown, options: CardActionOptions = {}): Promise<CardCallbackResponse> {
  const startedAt = Date.now();
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
  const click: Click = { info, eventId, key: `cb:${eventId ?? token ?? `${info.messageId}:${at}`}`, startedAt };

  // The chart upload counts against the soft deadline like the router.
  const routed = routeFeishu(ctx, info.event);
  const first = await withinBudget(routed, options.softDeadlineMs ?? ROUTER_SOFT_DEADLINE_MS);
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
    ctx.track((async () => {
      for (let i = 0; i < extra.length; i += 1) await retryOnceIfRateLimited(() => ctx.chat.reply(messageId, extra[i]!, sendUuid(click.key, i + 1)), ctx.logger);
    })().catch((e: unknown) => ctx.logger.error({ err: e, eventId }, 'feishu continuation reply failed')));
  }
  return body;
}

/** Send the result to the clicker's private chat and say so in a toast (an error toast if it failed in time). */
async function answerPrivately(ctx: ListenerContext, click: Click, result: Answer): Promise<CardCallbackResponse> {
  const sent = sendPrivately(ctx, click, result).then(() => 'sent' as const, (e: unknown) => e);
  const outcome = await withinBudget(sent, budgetLeft(click.startedAt, CALLBACK_DEADLINE_MS, ANSWER_MARGIN_MS));
  if (outcome === LATE) {
    // Still on its way: answer now, finish in the background.
    ctx.track(sent.then((o) => (o === 'sent' ? undefined : logPrivateFailure(ctx, click, o))));
  } else if (outcome !== 'sent') {
    logPrivateFailure(ctx, click, outcome);
    return { toast: { type: 'error', content: fixedText(FIXED_TEXT.privateFailed) } };
  }
  return { toast: { type: 'success', content: fixedText(FIXED_TEXT.sentPrivately) } };
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
