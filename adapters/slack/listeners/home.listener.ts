// App Home: publish the card the router builds for whoever opened the tab.
import type { App } from '@slack/bolt';
import { publishHome, type ListenerDeps } from './respond.js';

export function registerHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    await publishHome(client, deps, event.user);
  });
}
