// Button clicks: the button value is an encoded ActionRef. Ack at once, then route and apply.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decodeAction } from '../../../src/ui/action.js';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { ACTION_ID_PREFIX } from '../render/blocks.render.js';
import { renderMessage } from '../render/message.render.js';
import { renderModal } from '../render/modal.render.js';
import { errSummary } from '../http-receiver.js';
import { partOf } from '../message-metadata.js';
import { route, showResult, showToast, type EphemeralTarget, type ListenerDeps } from './reply.js';
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
    const isEphemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
    const continuation = message !== null && isContinuation(body);
    const target: EphemeralTarget = {
      userId,
      channelId: message?.channel ?? body.channel?.id ?? null,
      ...(body.response_url ? { respond: (m) => respond(m) } : {}),
    };
    const ref = decodeAction(action.value ?? '');
    if (!ref) {
      deps.logger.warn({ actionId: action.action_id }, 'unknown button value');
      return showToast(client, target, 'This button is no longer valid. / 此按钮已失效。', 'warning', deps.logger);
    }
    const result = await route(deps, { type: 'action', actor: { platform: 'slack', userId }, action: ref, message });
    switch (result.type) {
      case 'openForm':
      case 'formErrors':
        try {
          const view = { ...renderModal(result.form), private_metadata: encodeFormMeta(result.form.formId, isEphemeral ? { source: null } : { source: message, continuation }) };
          await client.views.open({ trigger_id: body.trigger_id, view });
        } catch (err) {
          deps.logger.warn({ err: errSummary(err) }, 'views.open failed');
        }
        return;
      case 'replaceMessage': {
        const head = renderMessage(result.card)[0];
        try {
          if (continuation) {
            // The card's head does not belong in its continuation; the app's outbox refresh updates every part.
            deps.logger.debug({ ts: message?.messageId }, 'click in a continuation: toast only');
          } else if (message && head && !isEphemeral) {
            await client.chat.update({ channel: message.channel, ts: message.messageId, text: head.text, blocks: head.blocks });
          } else if (head) {
            await respond({ replace_original: true, text: head.text, blocks: head.blocks });
          }
        } catch (err) {
          deps.logger.warn({ err: errSummary(err) }, 'replacing the clicked message failed');
        }
        if (result.toast) await showToast(client, target, result.toast, 'success', deps.logger);
        return;
      }
      default:
        return showResult(client, target, result, deps.logger);
    }
  });
}
