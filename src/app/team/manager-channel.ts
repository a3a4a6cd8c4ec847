// Where each team's managers read on each platform. A team names its own channel (`radar teams set
// NAME --channel slack=C…`); the env's channel (SLACK_MANAGER_CHANNEL, FEISHU_MANAGER_CHAT_ID) belongs to
// the configured team (RADAR_TEAM_NAME: the first team), so a one-team deployment needs nothing more.
import type { Platform } from '../ports/chat.port.js';
import type { RadarApp } from '../radar-app.js';
import type { Repositories } from '../ports/repositories.port.js';

/** The team the environment configures (RADAR_TEAM_NAME): the first one created. */
export const configuredTeamId = (repos: Repositories): number | null => repos.teams.listTeams()[0]?.id ?? null;

/** The env's channel on `platform`, unless a team claimed it as its own. */
function envChannel(app: RadarApp, platform: Platform): string | null {
  const channel = app.platforms.find((p) => p.platform === platform)?.managerChannel;
  if (!channel) return null;
  const claimedBy = app.ctx.repos.teams.teamOfChannel(platform, channel);
  return claimedBy === null || claimedBy === configuredTeamId(app.ctx.repos) ? channel : null;
}

/** The team's manager channel on `platform`, or null when it has none there (nothing is posted). */
export function managerChannelOf(app: RadarApp, teamId: number, platform: Platform): string | null {
  const own = app.ctx.repos.teams.teamChannels(teamId).find((c) => c.platform === platform);
  if (own) return own.channelId;
  return teamId === configuredTeamId(app.ctx.repos) ? envChannel(app, platform) : null;
}

/** The team whose manager channel this is, or null (a DM, or a channel no team reads). */
export function teamOfManagerChannel(app: RadarApp, platform: Platform, channelId: string): number | null {
  const own = app.ctx.repos.teams.teamOfChannel(platform, channelId);
  if (own !== null) return own;
  const configured = configuredTeamId(app.ctx.repos);
  return configured !== null && envChannel(app, platform) === channelId && managerChannelOf(app, configured, platform) === channelId ? configured : null;
}

/** The platforms a team's channel messages go to, with the channel on each (platforms without one are left out, and logged). */
export function managerChannels(app: RadarApp, teamId: number): Array<{ platform: Platform; channelId: string }> {
  const out: Array<{ platform: Platform; channelId: string }> = [];
  for (const { platform } of app.platforms) {
    const channelId = managerChannelOf(app, teamId, platform);
    if (channelId) out.push({ platform, channelId });
    else app.ctx.logger.warn({ teamId, platform }, 'team has no manager channel on this platform: nothing posted there (radar teams set NAME --channel PLATFORM=ID)');
  }
  return out;
}
