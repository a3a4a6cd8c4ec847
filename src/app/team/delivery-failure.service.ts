// A message that can never be delivered (deactivated user, archived channel) is reported to the
// team's managers once, instead of being retried forever or dropped silently.
import type { OutboxMessage } from '../ports/delivery.port.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys } from '../radar-app.js';
import { say } from '../../core/i18n.js';
import { teamText } from './team.messages.js';
import { managerChannelOf } from './manager-channel.js';

export function reportPermanentFailure(app: RadarApp, message: OutboxMessage): void {
  // Never report a failed report: that way lies a loop.
  if (message.key.startsWith('failed:')) return;
  const team = app.ctx.repos.teams.getTeam(message.teamId);
  const channelId = team ? managerChannelOf(app, team.id, message.platform) : null;
  if (!team || !channelId) return;
  const locale = team.locale;
  const who = message.destination.kind === 'user' ? message.destination.userId : message.destination.channelId;
  const member = message.destination.kind === 'user' ? app.ctx.repos.teams.memberByPlatformId(message.platform, message.destination.userId) : null;
  const target = member ? `${member.name} <${member.email}>` : who;
  const title = say(locale, teamText.messageCouldNotBeDelivered);
  enqueueSend(app, {
    teamId: team.id,
    key: outboxKeys.failureReport(team.id, message.key, message.platform),
    platform: message.platform,
    destination: { kind: 'channel', channelId },
    card: {
      title,
      tone: 'orange',
      summary: `${title}: ${target}`,
      blocks: [
        { type: 'text', text: [say(locale, teamText.couldNotBeSentTo(message.card.title)), { bold: target }] },
        { type: 'note', text: [say(locale, teamText.undeliveredReason(message.lastError))] },
      ],
    },
  });
}
