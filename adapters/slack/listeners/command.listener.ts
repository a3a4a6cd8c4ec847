// `/radar <text>`: ack at once, then (on the work lane) ask the router and show the answer only to the caller.
import type { App } from '@slack/bolt';
import { route, showAnswer, type ListenerDeps } from './respond.js';
import { withoutMentions } from './message.listener.js';

export const RADAR_COMMAND = '/radar';

export function registerCommand(app: App, deps: ListenerDeps): void {
  app.command(RADAR_COMMAND, async ({ command, ack, client, respond }) => {
    await ack();
    return deps.lane.run(async () => {
      const actor = { platform: 'slack' as const, userId: command.user_id };
      const result = await route(deps, { type: 'command', actor, text: withoutMentions(command.text ?? ''), channelId: command.channel_id || null });
      await showAnswer({
        client,
        log: deps.logger,
        userId: command.user_id,
        channelId: command.channel_id || null,
        respond: (m) => respond(m),
        // The trigger expires ~3 s after the command: a form opens before anything else.
        triggerId: command.trigger_id,
        cardsTo: 'ephemeral',
      }, result);
    });
  });
}
