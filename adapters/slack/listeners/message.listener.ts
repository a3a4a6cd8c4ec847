// Questions by @mention or DM: route as a `message`, reply in the thread (channel) or the DM.
import type { App } from '@slack/bolt';
import type { InteractionResult } from '../../../src/app/inbound.js';
import { postCard, postText, route, showPrivately, toastText, type ListenerDeps } from './reply.js';
import type { WebClient } from '@slack/web-api';

/** Drop our own mention from the text: `<@UBOT> how is 华星科技?` → `how is 华星科技?`. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(own, '').replace(/\s+/g, ' ').trim();
}

async function reply(client: WebClient, channel: string, threadTs: string | undefined, result: InteractionResult, deps: ListenerDeps): Promise<void> {
  switch (result.type) {
    case 'card':
    case 'replaceMessage':
      return postCard(client, channel, result.card, threadTs, deps.logger);
    case 'formDone':
      if (result.card) await postCard(client, channel, result.card, threadTs, deps.logger);
      return postText(client, channel, toastText(result.toast, 'success'), threadTs, deps.logger);
    case 'toast':
      return postText(client, channel, toastText(result.text, result.tone), threadTs, deps.logger);
    case 'openForm':
    case 'formErrors':
      // A message carries no trigger_id, so no modal can be opened from here.
      return postText(client, channel, toastText('Use /radar or the buttons in my messages to open this form. / 请使用 /radar 或消息中的按钮打开表单。', 'info'), threadTs, deps.logger);
    case 'none':
      return;
  }
}

export function registerMessages(app: App, deps: ListenerDeps & { botUserId?: string }): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user || event.bot_id) return;
    const text = stripMention(event.text ?? '', context.botUserId ?? deps.botUserId);
    const result = await route(deps, { type: 'message', actor: { platform: 'slack', userId: event.user }, text, channelId: event.channel, isDirect: false });
    const thread = event.thread_ts ?? event.ts;
    if (result.privately) {
      // Only the asker sees the answer (ephemeral, else a DM); the thread gets one line without data.
      await showPrivately(client, { userId: event.user, channelId: event.channel, threadTs: thread }, result, deps.logger);
      return postText(client, event.channel, toastText(result.privately.publicNote, 'info'), thread, deps.logger);
    }
    await reply(client, event.channel, thread, result, deps);
  });

  app.event('message', async ({ event, client, context }) => {
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; thread_ts?: string };
    // Only people writing to the bot directly; edits, joins, bots (and ourselves) are ignored.
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    if (m.user === (context.botUserId ?? deps.botUserId)) return;
    const text = stripMention(m.text ?? '', context.botUserId ?? deps.botUserId);
    if (!text) return;
    const result = await route(deps, { type: 'message', actor: { platform: 'slack', userId: m.user }, text, channelId: m.channel, isDirect: true });
    await reply(client, m.channel, m.thread_ts, result, deps);
  });
}
