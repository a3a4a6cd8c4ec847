// A message that can never be delivered (deactivated user, archived channel) is reported to the
// team's managers once, instead of being retried forever or dropped silently.
import type { OutboxMessage } from '../ports/delivery.port.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys } from '../radar-app.js';
import { tr } from '../shared/view-text.js';

export function reportPermanentFailure(app: RadarApp, message: OutboxMessage): void {
  // Never report a failed report: that way lies a loop.
  if (message.key.startsWith('failed:')) return;
  const team = app.ctx.repos.teams.getTeam(message.teamId);
  const binding = app.platforms.find((p) => p.platform === message.platform);
  if (!team || !binding) return;
  const locale = team.locale;
  const who = message.destination.kind === 'user' ? message.destination.userId : message.destination.channelId;
  const member = message.destination.kind === 'user' ? app.ctx.repos.teams.memberByPlatformId(message.platform, message.destination.userId) : null;
  const target = member ? `${member.name} <${member.email}>` : who;
  const title = tr(locale, '消息无法送达', 'Message could not be delivered');
  enqueueSend(app, {
    teamId: team.id,
    key: outboxKeys.failureReport(team.id, message.key, message.platform),
    platform: message.platform,
    destination: { kind: 'channel', channelId: binding.managerChannel },
    card: {
      title,
      tone: 'orange',
      summary: `${title}: ${target}`,
      blocks: [
        { type: 'text', text: [tr(locale, `「${message.card.title}」未能发送给 `, `"${message.card.title}" could not be sent to `), { bold: target }] },
        { type: 'note', text: [tr(locale, `原因：${message.lastError ?? '未知'}。请检查该成员的账号是否停用、邮箱是否正确，或频道是否已归档。`,
          `Reason: ${message.lastError ?? 'unknown'}. Check whether the account is deactivated, the email is right, or the channel is archived.`)] },
      ],
    },
  });
}
