// Turning InteractionResults into Slack calls, shared by the listeners. Slack-side failures are
// logged (never thrown back into Bolt): the request has been acked already.
import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { InteractionResult } from '../../../src/app/inbound.js';
import { renderHome, renderMessage } from '../render/message.render.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { errSummary } from '../transport/http-receiver.js';
import { platformErrorCode } from '../transport/slack-errors.js';

export interface ListenerDeps {
  router: (event: import('../../../src/app/inbound.js').InboundEvent) => Promise<InteractionResult>;
  logger: Logger;
  /** Budget for a view submission's router call before the modal is closed anyway. */
  viewSubmissionBudgetMs: number;
  /** Uploads the charts of a card shown in reply (Details, answers, App Home); unset: charts as text. */
  charts?: { prepare(card: CardSpec): Promise<CardSpec> };
}

const TONE: Record<'info' | 'success' | 'warning' | 'error', string> = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' };

export const toastText = (text: string, tone: keyof typeof TONE = 'info'): string => `${TONE[tone]} ${escapeMrkdwn(text)}`;

export const SORRY = 'Something went wrong; please try again. / 出错了，请稍后再试。';

/** Where to show something only the actor sees. */
export interface EphemeralTarget {
  userId: string;
  channelId: string | null;
  threadTs?: string;
  /** Slash commands and message buttons carry one; it works where the bot is not a member. */
  respond?: (msg: Record<string, unknown>) => Promise<unknown>;
}

/** Show a card (all its parts) only to the actor; DM when there is no channel. */
export async function showCard(client: WebClient, target: EphemeralTarget, card: CardSpec, log: Logger): Promise<void> {
  for (const part of renderMessage(card)) await showMessage(client, target, part.text, part.blocks, log);
}

export async function showToast(client: WebClient, target: EphemeralTarget, text: string, tone: keyof typeof TONE, log: Logger): Promise<void> {
  await showMessage(client, target, toastText(text, tone), undefined, log);
}

async function showMessage(client: WebClient, target: EphemeralTarget, text: string, blocks: unknown[] | undefined, log: Logger): Promise<void> {
  const content = blocks ? { text, blocks } : { text };
  try {
    if (!target.channelId) {
      await client.chat.postMessage({ channel: target.userId, ...(content as { text: string }) });
      return;
    }
    await client.chat.postEphemeral({
      channel: target.channelId,
      user: target.userId,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      ...(content as { text: string }),
    });
  } catch (err) {
    // The bot may not be in the channel: a slash command's response_url still reaches the user.
    if (target.respond) {
      try {
        await target.respond({ response_type: 'ephemeral', ...content });
        return;
      } catch (err2) {
        log.warn({ err: errSummary(err2) }, 'slack respond failed');
      }
    }
    log.warn({ err: errSummary(err) }, 'slack ephemeral reply failed');
  }
}

/** Post a card in a conversation (thread replies for continuations). */
export async function postCard(client: WebClient, channel: string, card: CardSpec, threadTs: string | undefined, log: Logger): Promise<void> {
  try {
    let thread = threadTs;
    for (const part of renderMessage(card)) {
      const res = await client.chat.postMessage({ channel, text: part.text, blocks: part.blocks, unfurl_links: false, ...(thread ? { thread_ts: thread } : {}) });
      thread = thread ?? res.ts;
    }
  } catch (err) {
    log.warn({ err: errSummary(err) }, 'slack postMessage failed');
  }
}

/** Replace a message we posted earlier with the first part of a card. */
export async function updateMessage(client: WebClient, ref: MessageRef, card: CardSpec, log: Logger): Promise<void> {
  const head = renderMessage(card)[0];
  if (!head) return;
  try {
    await client.chat.update({ channel: ref.channel, ts: ref.messageId, text: head.text, blocks: head.blocks });
  } catch (err) {
    log.warn({ err: errSummary(err) }, 'slack chat.update failed');
  }
}

export async function postText(client: WebClient, channel: string, text: string, threadTs: string | undefined, log: Logger): Promise<void> {
  try {
    await client.chat.postMessage({ channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } catch (err) {
    log.warn({ err: errSummary(err) }, 'slack postMessage failed');
  }
}

/**
 * Show a result only to the person who caused it: cards ephemeral, notices as ephemeral text.
 * Listeners handle forms and in-place updates themselves and pass everything else here.
 */
export async function showResult(client: WebClient, target: EphemeralTarget, result: InteractionResult, log: Logger): Promise<void> {
  switch (result.type) {
    case 'card':
    case 'replaceMessage':
      return showCard(client, target, result.card, log);
    case 'formDone':
      if (result.card) await showCard(client, target, result.card, log);
      return showToast(client, target, result.toast, 'success', log);
    case 'toast':
      return showToast(client, target, result.text, result.tone, log);
    case 'openForm':
    case 'formErrors':
    case 'none':
      return;
  }
}

/**
 * An answer only the asker may read, in a channel others read: every part as an ephemeral message
 * (in the thread); when Slack refuses one (the asker is not in the channel), the rest goes by DM.
 * Never posted where the channel could see it.
 */
export async function showPrivately(client: WebClient, target: EphemeralTarget & { channelId: string }, result: InteractionResult, log: Logger): Promise<void> {
  const parts: Array<{ text: string; blocks?: unknown[] }> = [];
  switch (result.type) {
    case 'card':
    case 'replaceMessage':
      parts.push(...renderMessage(result.card));
      break;
    case 'formDone':
      if (result.card) parts.push(...renderMessage(result.card));
      parts.push({ text: toastText(result.toast, 'success') });
      break;
    case 'toast':
      parts.push({ text: toastText(result.text, result.tone) });
      break;
    case 'openForm':
    case 'formErrors':
      parts.push({ text: toastText('Use /radar or the buttons in my messages to open this form. / 请使用 /radar 或消息中的按钮打开表单。', 'info') });
      break;
    case 'none':
      return;
  }
  let viaDm = false;
  for (const part of parts) {
    const content = (part.blocks ? { text: part.text, blocks: part.blocks } : { text: part.text }) as { text: string };
    if (!viaDm) {
      try {
        await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...(target.threadTs ? { thread_ts: target.threadTs } : {}), ...content });
        continue;
      } catch (err) {
        log.warn({ err: errSummary(err) }, 'slack ephemeral answer refused; sending it by DM');
        viaDm = true;
      }
    }
    try {
      await client.chat.postMessage({ channel: target.userId, ...content });
    } catch (err) {
      log.warn({ err: errSummary(err) }, 'slack private answer by DM failed');
      return;
    }
  }
}

/** Run the router; a failure becomes an error toast for the user and a log line for us. */
export async function route(deps: ListenerDeps, event: Parameters<ListenerDeps['router']>[0]): Promise<InteractionResult> {
  try {
    const result = await deps.router(event);
    if (deps.charts && (result.type === 'card' || result.type === 'replaceMessage')) {
      // A chart that cannot be uploaded now is shown as its numbers rather than holding the reply back.
      const card = await deps.charts.prepare(result.card).catch((err: unknown) => {
        deps.logger.warn({ err: errSummary(err) }, 'chart upload failed; replying with the numbers');
        return result.card;
      });
      return { ...result, card };
    }
    return result;
  } catch (err) {
    deps.logger.error({ err: errSummary(err), event: event.type }, 'router failed');
    return { type: 'toast', text: SORRY, tone: 'error' };
  }
}

export const TRIGGER_EXPIRED = 'The form could not open in time; please click again. / 表单未能及时打开，请再点一次。';

/**
 * Open a modal. Call it as the first Web API call after routing: the trigger_id expires ~3 s after the
 * click. An expired trigger is logged at warn and the user is asked to click again.
 */
export async function openModal(client: WebClient, triggerId: string, view: Parameters<WebClient['views']['open']>[0]['view'], target: EphemeralTarget, log: Logger): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (err) {
    if (platformErrorCode(err) === 'expired_trigger_id') {
      log.warn({ err: errSummary(err) }, 'views.open: trigger_id expired (more than ~3 s between the click and opening the modal); the user must click again');
      await showToast(client, target, TRIGGER_EXPIRED, 'warning', log);
      return;
    }
    log.warn({ err: errSummary(err) }, 'views.open failed');
  }
}

/** Publish the user's App Home: the router builds the card for a `homeOpened` event. */
export async function publishHome(client: WebClient, deps: ListenerDeps, userId: string): Promise<void> {
  const result = await route(deps, { type: 'homeOpened', actor: { platform: 'slack', userId } });
  const card = result.type === 'card' || result.type === 'replaceMessage' ? result.card : null;
  if (!card) {
    if (result.type !== 'none') deps.logger.warn({ result: result.type }, 'homeOpened expects a card');
    return;
  }
  try {
    await client.views.publish({ user_id: userId, view: renderHome(card) });
  } catch (err) {
    deps.logger.warn({ err: errSummary(err) }, 'views.publish failed');
  }
}
