// App Home: publish the card the router builds for whoever opened the tab.
import type { App } from '@slack/bolt';
import { renderHome } from '../render/message.render.js';
import { errSummary } from '../http-receiver.js';
import { route, type ListenerDeps } from './reply.js';

export function registerHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    const result = await route(deps, { type: 'homeOpened', actor: { platform: 'slack', userId: event.user } });
    const card = result.type === 'card' || result.type === 'replaceMessage' ? result.card : null;
    if (!card) {
      if (result.type !== 'none') deps.logger.warn({ result: result.type }, 'homeOpened expects a card');
      return;
    }
    try {
      await client.views.publish({ user_id: event.user, view: renderHome(card) });
    } catch (err) {
      deps.logger.warn({ err: errSummary(err) }, 'views.publish failed');
    }
  });
}
