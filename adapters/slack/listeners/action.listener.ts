// Button clicks: the button value is an encoded ActionRef. Ack at once, then route and apply.
// Clicks come from three places: a message (head of a card, or a continuation in its thread), an
// ephemeral message, or the App Home tab (no channel, no response_url).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { decodeAction } from '../../../src/ui/action.js';
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { ACTION_ID_PREFIX } from '../render/blocks.render.js';
import { renderMessage } from '../render/message.render.js';
import { renderModal } from '../render/modal.render.js';
import { errSummary } from '../transport/http-receiver.js';
import { partOf } from '../render/message-metadata.js';
import { openModal, publishHome, route, showResult, showToast, type EphemeralTarget, type ListenerDeps } from './reply.js';
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
    const userId = body.user.id;
    const message = clickedMessage(body);
    const fromHome = body.view?.type === 'home';
    const isEphemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
    // Bolt only provides `respond` when the payload has a response_url (Home clicks have none).
    const canRespond = typeof body.response_url === 'string' && body.response_url !== '' && typeof respond === 'function';
    const target: EphemeralTarget = {
      userId,
      // Home has no channel: notices go to the user's DM.
      channelId: fromHome ? null : (message?.channel ?? body.channel?.id ?? null),
      ...(canRespond ? { respond: (m) => respond(m) } : {}),
    };
    const ref = decodeAction(action.value ?? '');
    if (!ref) {
      deps.logger.warn({ actionId: action.action_id }, 'unknown button value');
      return showToast(client, target, 'This button is no longer valid. / 此按钮已失效。', 'warning', deps.logger);
    }
    const result = await route(deps, { type: 'action', actor: { platform: 'slack', userId }, action: ref, message });
    if (result.type === 'openForm' || result.type === 'formErrors') {
      // Nothing may come between routing and views.open: the trigger_id expires ~3 s after the click.
      const source = isEphemeral ? null : message;
      const view = { ...renderModal(result.form), private_metadata: encodeFormMeta(result.form.formId, { source, continuation: !!source && isContinuation(body), fromHome }) };
      return openModal(client, body.trigger_id, view, target, deps.logger);
    }
    const replace = { client, target, message, isEphemeral, continuation: message !== null && isContinuation(body), canRespond, respond, deps };
    await (result.type === 'replaceMessage' ? replaceClicked(replace, result) : showResult(client, target, result, deps.logger));
    // The Home tab shows state: publish it again so the click's effect is visible there.
    if (fromHome) await publishHome(client, deps, userId);
  });
}

interface ReplaceContext {
  client: WebClient;
  target: EphemeralTarget;
  message: MessageRef | null;
  isEphemeral: boolean;
  continuation: boolean;
  canRespond: boolean;
  respond: (msg: Record<string, unknown>) => Promise<unknown>;
  deps: ListenerDeps;
}

async function replaceClicked(x: ReplaceContext, result: Extract<InteractionResult, { type: 'replaceMessage' }>): Promise<void> {
  const head = renderMessage(result.card)[0];
  try {
    if (x.continuation) {
      // The card's head does not belong in its continuation; the app's outbox refresh updates every part.
      x.deps.logger.debug({ ts: x.message?.messageId }, 'click in a continuation: toast only');
    } else if (x.message && head && !x.isEphemeral) {
      await x.client.chat.update({ channel: x.message.channel, ts: x.message.messageId, text: head.text, blocks: head.blocks });
    } else if (head && x.canRespond) {
      await x.respond({ replace_original: true, text: head.text, blocks: head.blocks });
    }
  } catch (err) {
    x.deps.logger.warn({ err: errSummary(err) }, 'replacing the clicked message failed');
  }
  if (result.toast) await showToast(x.client, x.target, result.toast, 'success', x.deps.logger);
}
