// "Open dashboard / 打开看板", `/radar dashboard`, "看板": a personal sign-in link, sent to the person's
// own DM through the outbox (never shown in a shared channel).
import { randomUUID } from 'node:crypto';

import { enqueueSend, userIdOn } from '../radar-app.js';
import { dashboardLinkCard } from './dashboard-link.view.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';

import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { dashboardText } from './dashboard.messages.js';

export const DASHBOARD_TEXT = /^(dashboard|open dashboard|看板|打开看板|数据看板)$/i;

export function handleDashboard(i: Interaction): Answer {
  const links = i.app.dashboard;
  if (!links) return answer.toast(say(i.locale, dashboardText.theDashboardIsNotRunning), 'info');
  const { url, expiresAt } = links.issue(i.member);
  const card = dashboardLinkCard({ url, expiresAt, timezone: i.member.timezone ?? i.team.timezone }, i.locale);
  const userId = userIdOn(i.platform, i.member);
  // Unknown DM address (not synced yet): answer privately in place instead.
  if (!userId) return answer.reply(card);
  enqueueSend(i.app, {
    teamId: i.team.id,
    // Every request is a new link: a fresh key, so nothing dedupes it away.
    key: `dashboard:${i.member.id}:${i.platform}:${i.clock().toISOString()}:${randomUUID().slice(0, 8)}`,
    platform: i.platform,
    destination: { kind: 'user', userId },
    card,
  });
  return answer.toast(say(i.locale, dashboardText.sentYouADashboardSign), 'success');
}

export const dashboardHandlers: FeatureHandlers = {
  actions: { 'dashboard.open': (i) => handleDashboard(i) },
  commands: [{ matches: (t) => DASHBOARD_TEXT.test(t), handle: (i) => handleDashboard(i) }],
};
