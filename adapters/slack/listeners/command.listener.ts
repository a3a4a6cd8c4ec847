// `/radar <text>`: ack at once, ask the router, then show the answer only to the caller.
import type { App } from '@slack/bolt';
import { renderModal } from '../render/modal.render.js';
import { openModal, route, showResult, type EphemeralTarget, type ListenerDeps } from './reply.js';

export const RADAR_COMMAND = '/radar';

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(RADAR_COMMAND, async ({ command, ack, client, respond }) => {
    await ack();
    const actor = { platform: 'slack' as const, userId: command.user_id };
    const result = await route(deps, { type: 'command', actor, text: command.text ?? '', channelId: command.channel_id || null });
    const target: EphemeralTarget = { userId: command.user_id, channelId: command.channel_id || null, respond: (m) => respond(m) };
    switch (result.type) {
      case 'openForm':
      case 'formErrors':
        // The trigger expires ~3 s after the command: open before anything else.
        return openModal(client, command.trigger_id, renderModal(result.form), target, deps.logger);
      default:
        return showResult(client, target, result, deps.logger);
    }
  });
}
