// How an Answer shows on Slack, decided once for every listener (clicks, commands, messages, modal
// submissions, App Home). Slack-side failures are logged, never thrown back into Bolt: the request has
// been acked already.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { InboundEvent, Router } from '../../../src/app/inbound.js';
import { formOf, type Answer, type Tone } from '../../../src/app/answer.js';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { renderHome, renderMessage } from '../render/message.render.js';
import { formErrors, renderModal } from '../render/modal.render.js';
import { submissionErrorResponse } from './submission-guard.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { errSummary } from '../../shared/err-summary.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import { routeSafely } from '../../shared/route.js';
import { platformErrorCode } from '../transport/slack-errors.js';
import type { WorkLane } from '../../shared/work-lane.js';

export interface ListenerDeps {
  router: Router;
  logger: Logger;
  /** Budget for a view submission's router call before the modal is closed anyway. */
  viewSubmissionBudgetMs: number;
  /** Where the work after an ack runs (routing, database, Web API calls): it yields to incoming requests. */
  lane: WorkLane;
  /** Uploads the charts of a card shown in reply (Details, answers, App Home); unset: charts as text. */
  charts?: { prepare(card: CardSpec): Promise<CardSpec> };
}

const TONE: Record<Tone, string> = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' };

export const toastText = (text: string, tone: Tone = 'info'): string => `${TONE[tone]} ${escapeMrkdwn(text)}`;

/** Run the router; a failure becomes an error toast, and a card's charts are uploaded first. */
export const route = (deps: ListenerDeps, event: InboundEvent): Promise<Answer> =>
  routeSafely({ router: deps.router, logger: deps.logger, ...(deps.charts ? { prepareCharts: (c) => deps.charts!.prepare(c) } : {}) }, event);

/**
 * What a view_submission's ack carries: the form again with its errors, the next form, or, for an
 * error alone (nothing was saved; the router rolled back), the message under the form's first input so
 * its values stay. Undefined: a plain ack, which closes the modal.
 */
export function submissionAck(a: Answer, body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (a.fieldErrors) return { ...formErrors(a.fieldErrors) };
  if (a.openForm) return { response_action: 'update', view: renderModal(a.openForm) };
  if (a.toast?.tone === 'error' && !a.update && !a.reply) return submissionErrorResponse(body, a.toast.text);
  return undefined;
}

/** Where an interaction happened and what Slack lets us do there. */
export interface Where {
  client: WebClient;
  log: Logger;
  userId: string;
  /** The conversation it happened in; null: the App Home or a modal opened from it (answers go by DM). */
  channelId: string | null;
  threadTs?: string;
  /** Slash commands and message buttons carry a response_url; it works where the bot is not a member. */
  respond?: (msg: Record<string, unknown>) => Promise<unknown>;
  /**
   * The message clicked, or the one a submitted form was opened from, and how it may be changed:
   * `chat.update` for ours, `respond` for an ephemeral one, `keep` for a continuation part (the head
   * does not belong there; the app's outbox refresh updates every part).
   */
  source?: { ref: MessageRef; change: 'chat.update' | 'respond' | 'keep' };
  /** Clicks and commands carry one: a modal can be opened (the first call after routing: it expires in ~3 s). */
  triggerId?: string;
  /**
   * Where cards and notices for the person go: `ephemeral` (only they see it; a DM when there is no
   * channel), `thread` (a reply in the conversation: a DM question or a mention), `dm` (a message in
   * their DM, e.g. the result of a submitted modal).
   */
  cardsTo: 'ephemeral' | 'thread' | 'dm';
}

/** Show an answer. Forms first (the trigger expires), then the source message, the reply, the notice. */
export async function showAnswer(where: Where, a: Answer): Promise<void> {
  if (a.privately && where.channelId) return showPrivately(where as Where & { channelId: string }, a, a.privately.publicNote);
  const form = formOf(a);
  if (form) {
    if (where.triggerId) await openModal(where, where.triggerId, renderModal(form));
    // A message carries no trigger_id, so no modal can be opened from here.
    else await notify(where, fixedText(FIXED_TEXT.useCommandForForms), 'info');
  }
  if (a.update) await changeSource(where, a.update);
  if (a.reply) await showCard(where, a.reply);
  if (a.toast) await notify(where, a.toast.text, a.toast.tone);
}

/** The card that the source message shows now; without a source message, a reply in a conversation. */
async function changeSource(where: Where, card: CardSpec): Promise<void> {
  const head = renderMessage(card)[0];
  if (!head) return;
  const source = where.source;
  if (!source) {
    if (where.cardsTo === 'thread') await showCard(where, card);
    return;
  }
  try {
    if (source.change === 'chat.update') {
      await where.client.chat.update({ channel: source.ref.channel, ts: source.ref.messageId, text: head.text, blocks: head.blocks });
    } else if (source.change === 'respond' && where.respond) {
      await where.respond({ replace_original: true, text: head.text, blocks: head.blocks });
    } else {
      where.log.debug({ ts: source.ref.messageId }, 'answer to a continuation part: the outbox refresh updates it');
    }
  } catch (err) {
    where.log.warn({ err: errSummary(err) }, 'updating the source message failed');
  }
}

/** A card (all its parts) for the person. */
async function showCard(where: Where, card: CardSpec): Promise<void> {
  if (where.cardsTo === 'ephemeral') {
    for (const part of renderMessage(card)) await showEphemeral(where, part.text, part.blocks);
    return;
  }
  const channel = where.cardsTo === 'thread' && where.channelId ? where.channelId : where.userId;
  const threadTs = where.cardsTo === 'thread' ? where.threadTs : undefined;
  try {
    let thread = threadTs;
    for (const part of renderMessage(card)) {
      const res = await where.client.chat.postMessage({ channel, text: part.text, blocks: part.blocks, unfurl_links: false, ...(thread ? { thread_ts: thread } : {}) });
      thread = thread ?? res.ts;
    }
  } catch (err) {
    where.log.warn({ err: errSummary(err) }, 'slack postMessage failed');
  }
}

/** A one-line notice for the person. */
async function notify(where: Where, text: string, tone: Tone): Promise<void> {
  const line = toastText(text, tone);
  if (where.cardsTo === 'ephemeral') return showEphemeral(where, line, undefined);
  // After a modal closes, a notice belongs where the form was opened from (only the person sees it).
  if (where.cardsTo === 'dm' && where.source) return showEphemeral({ ...where, channelId: where.source.ref.channel }, line, undefined);
  const channel = where.cardsTo === 'thread' && where.channelId ? where.channelId : where.userId;
  try {
    await where.client.chat.postMessage({ channel, text: line, ...(where.cardsTo === 'thread' && where.threadTs ? { thread_ts: where.threadTs } : {}) });
  } catch (err) {
    where.log.warn({ err: errSummary(err) }, 'slack postMessage failed');
  }
}

async function showEphemeral(where: Where, text: string, blocks: unknown[] | undefined): Promise<void> {
  const content = (blocks ? { text, blocks } : { text }) as { text: string };
  try {
    if (!where.channelId) {
      await where.client.chat.postMessage({ channel: where.userId, ...content });
      return;
    }
    await where.client.chat.postEphemeral({ channel: where.channelId, user: where.userId, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), ...content });
  } catch (err) {
    // The bot may not be in the channel: a slash command's response_url still reaches the person.
    if (where.respond) {
      try {
        await where.respond({ response_type: 'ephemeral', ...content });
        return;
      } catch (err2) {
        where.log.warn({ err: errSummary(err2) }, 'slack respond failed');
      }
    }
    where.log.warn({ err: errSummary(err) }, 'slack ephemeral reply failed');
  }
}

/**
 * An answer only the asker may read, in a channel others read: every part as an ephemeral message
 * (in the thread); when Slack refuses one (the asker is not in the channel), the rest goes by DM.
 * Never posted where the channel could see it. The thread then gets one line without any data.
 */
async function showPrivately(where: Where & { channelId: string }, a: Answer, publicNote: string): Promise<void> {
  const parts: Array<{ text: string; blocks?: unknown[] }> = [];
  const card = a.update ?? a.reply;
  if (card) parts.push(...renderMessage(card));
  if (formOf(a)) parts.push({ text: toastText(fixedText(FIXED_TEXT.useCommandForForms), 'info') });
  if (a.toast) parts.push({ text: toastText(a.toast.text, a.toast.tone) });
  let viaDm = false;
  for (const part of parts) {
    const content = (part.blocks ? { text: part.text, blocks: part.blocks } : { text: part.text }) as { text: string };
    if (!viaDm) {
      try {
        await where.client.chat.postEphemeral({ channel: where.channelId, user: where.userId, ...(where.threadTs ? { thread_ts: where.threadTs } : {}), ...content });
        continue;
      } catch (err) {
        where.log.warn({ err: errSummary(err) }, 'slack ephemeral answer refused; sending it by DM');
        viaDm = true;
      }
    }
    try {
      await where.client.chat.postMessage({ channel: where.userId, ...content });
    } catch (err) {
      where.log.warn({ err: errSummary(err) }, 'slack private answer by DM failed');
      return;
    }
  }
  try {
    await where.client.chat.postMessage({ channel: where.channelId, text: toastText(publicNote, 'info'), ...(where.threadTs ? { thread_ts: where.threadTs } : {}) });
  } catch (err) {
    where.log.warn({ err: errSummary(err) }, 'slack postMessage failed');
  }
}

/**
 * Open a modal. An expired trigger (more than ~3 s since the click) is logged at warn and the person
 * is asked to click again.
 */
export async function openModal(where: Where, triggerId: string, view: Parameters<WebClient['views']['open']>[0]['view']): Promise<void> {
  try {
    await where.client.views.open({ trigger_id: triggerId, view });
  } catch (err) {
    if (platformErrorCode(err) === 'expired_trigger_id') {
      where.log.warn({ err: errSummary(err) }, 'views.open: trigger_id expired (more than ~3 s between the click and opening the modal); the user must click again');
      await showEphemeral(where, toastText(fixedText(FIXED_TEXT.formNotOpenedInTime), 'warning'), undefined);
      return;
    }
    where.log.warn({ err: errSummary(err) }, 'views.open failed');
  }
}

/** Publish the person's App Home: the router builds the card for a `homeOpened` event. */
export async function publishHome(client: WebClient, deps: ListenerDeps, userId: string): Promise<void> {
  const result = await route(deps, { type: 'homeOpened', actor: { platform: 'slack', userId } });
  const card = result.reply ?? result.update;
  if (!card) {
    if (result.toast) deps.logger.warn({ toast: result.toast.tone }, 'homeOpened expects a card');
    return;
  }
  try {
    await client.views.publish({ user_id: userId, view: renderHome(card) });
  } catch (err) {
    deps.logger.warn({ err: errSummary(err) }, 'views.publish failed');
  }
}
