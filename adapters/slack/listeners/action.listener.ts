// Button clicks: the button value is an encoded ActionRef. Ack at once, then route and apply on the work lane.
// Clicks come from three places: a message (head of a card, or a continuation in its thread), an
// ephemeral message, or the App Home tab (no channel, no response_url).
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { decodeAction } from '../../../src/ui/action.js';
import { answer, formOf } from '../../../src/app/answer.js';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { ACTION_ID_PREFIX } from '../render/blocks.render.js';
import { renderModal } from '../render/modal.render.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import { partOf } from '../render/message-metadata.js';
import { openModal, publishHome, route, showAnswer, type ListenerDeps, type Where } from './respond.js';
import { encodeFormMeta } from './form-source.js';

const ACTION_ID = new RegExp(`^${ACTION_ID_PREFIX}`);

/** The message a click came from; for DMs the channel is the DM's id. Null for Home/modal clicks. */
export function clickedMessage(body: BlockAction): MessageRef | null {
  const c = body.container as { type?: string; channel_id?: string; message_ts?: string } | undefined;
  const channel = c?.channel_id ?? body.channel?.id;
  const ts = c?.message_ts ?? body.message?.ts;
  return c?.type === 'message' && channel && ts ? { platform: 'slack', channel, messageId: ts } : null;
}

/**
 * Whether the clicked message continues a larger card in its thread (flags #21+ of a digest). Our
 * metadata says so when Slack includes it; otherwise a thread reply counts as a continuation, since
 * the ChatPort posts heads at the top level and continuations in their thread.
 */
export function isContinuation(body: BlockAction): boolean {
  const m = body.message as { ts?: string; thread_ts?: string; metadata?: unknown } | undefined;
  const c = body.container as { message_ts?: string; thread_ts?: string } | undefined;
  const part = partOf(m?.metadata);
  if (part !== null) return part > 0;
  const ts = c?.message_ts ?? m?.ts;
  const thread = m?.thread_ts ?? c?.thread_ts;
  return !!ts && !!thread && thread !== ts;
}

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_ID }, async ({ action, body, ack, client, respond }) => {
    await ack();
    // Everything else happens after the ack is on the wire, on the work lane (see work-lane.ts).
    return deps.lane.run(() => answerClick(deps, action, body, client, respond));
  });
}

async function answerClick(deps: ListenerDeps, action: ButtonAction, body: BlockAction<ButtonAction>, client: WebClient, respond: RespondFn | undefined): Promise<void> {
  const userId = body.user.id;
  const message = clickedMessage(body);
  const fromHome = body.view?.type === 'home';
  const isEphemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
  // Bolt only provides `respond` when the payload has a response_url (Home clicks have none).
  const canRespond = typeof body.response_url === 'string' && body.response_url !== '' && typeof respond === 'function';
  const continuation = message !== null && isContinuation(body);
  const where: Where = {
    client,
    log: deps.logger,
    userId,
    // Home has no channel: notices go to the person's DM.
    channelId: fromHome ? null : (message?.channel ?? body.channel?.id ?? null),
    ...(canRespond ? { respond: (m) => respond!(m) } : {}),
    ...(message ? { source: { ref: message, change: continuation ? 'keep' : isEphemeral ? 'respond' : 'chat.update' } as const } : {}),
    cardsTo: 'ephemeral',
  };
  const ref = decodeAction(action.value ?? '');
  if (!ref) {
    deps.logger.warn({ actionId: action.action_id }, 'unknown button value');
    return showAnswer(where, answer.toast(fixedText(FIXED_TEXT.buttonInvalid), 'warning'));
  }
  const result = await route(deps, { type: 'action', actor: { platform: 'slack', userId }, action: ref, message });
  const form = formOf(result);
  if (form) {
    // Nothing may come between routing and views.open: the trigger_id expires ~3 s after the click.
    const source = isEphemeral ? null : message;
    const view = { ...renderModal(form), private_metadata: encodeFormMeta(form.formId, { source, continuation, fromHome }) };
    return openModal(where, body.trigger_id, view);
  }
  await showAnswer(where, result);
  // The Home tab shows state: publish it again so the click's effect is visible there.
  if (fromHome) await publishHome(client, deps, userId);
}
