// Questions by @mention or DM: route as a `message`, reply in the thread (channel) or the DM.
import type { App } from '@slack/bolt';
import { route, showAnswer, type ListenerDeps } from './respond.js';

/**
 * The text as the app reads it, with Slack's mention syntax gone: our own mention is dropped
 * (`<@UBOT> how is 华星科技?` → `how is 华星科技?`), another person's becomes `@name` when Slack gives
 * the name and is dropped otherwise. The only place Slack mentions are handled.
 */
export function stripMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return withoutMentions(text.replace(own, ''));
}

/** Other people's mentions as `@name` (or dropped without a name), whitespace collapsed. */
export const withoutMentions = (text: string): string =>
  text.replace(/<@[UW][A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name: string | undefined) => (name ? `@${name}` : '')).replace(/\s+/g, ' ').trim();

export function registerMessages(app: App, deps: ListenerDeps & { botUserId?: string }): void {
  app.event('app_mention', async ({ event, client, context }) => {
    if (!event.user || event.bot_id) return;
    const text = stripMention(event.text ?? '', context.botUserId ?? deps.botUserId);
    const result = await route(deps, { type: 'message', actor: { platform: 'slack', userId: event.user }, text, channelId: event.channel, isDirect: false });
    // An answer marked private reaches only the asker (ephemeral, else a DM); the thread gets one line.
    await showAnswer({ client, log: deps.logger, userId: event.user, channelId: event.channel, threadTs: event.thread_ts ?? event.ts, cardsTo: 'thread' }, result);
  });

  app.event('message', async ({ event, client, context }) => {
    const m = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; thread_ts?: string };
    // Only people writing to the bot directly; edits, joins, bots (and ourselves) are ignored.
    if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user) return;
    if (m.user === (context.botUserId ?? deps.botUserId)) return;
    const text = stripMention(m.text ?? '', context.botUserId ?? deps.botUserId);
    if (!text) return;
    const result = await route(deps, { type: 'message', actor: { platform: 'slack', userId: m.user }, text, channelId: m.channel, isDirect: true });
    await showAnswer({ client, log: deps.logger, userId: m.user, channelId: m.channel, ...(m.thread_ts ? { threadTs: m.thread_ts } : {}), cardsTo: 'thread' }, result);
  });
}
