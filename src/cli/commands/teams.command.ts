// `radar teams list|add|set`: the teams of one deployment, each with its own manager channel per platform,
// timezone, language and managers (members with role manager, added with `radar members add … --team`).
import type { Team } from '../../core/team.js';
import type { Repositories } from '../../app/ports/repositories.port.js';
import { configuredTeamId } from '../../app/team/manager-channel.js';
import { isValidTimeZone } from '../../app/schedule/index.js';
import { updateTeamSchedule } from '../../app/schedule/schedule.service.js';
import { forTeam } from '../../app/settings/team-settings.js';
import { CliError } from '../cli-error.js';
import { withCliRoot, type CliRoot } from '../context.js';
import { renderTable } from '../table.js';
import { headerIn } from '../cli-labels.js';
import type { Command, CommandInput } from './command.js';
import { langOpt, stringOpt } from './command.js';

export interface TeamRow {
  name: string;
  timezone: string;
  locale: 'zh' | 'en';
  reps: number;
  customers: number;
  managers: string[];
  /** The manager channel on each platform: the team's own, or the env's for the configured team. */
  channels: Record<string, string>;
  /** The team the environment names (RADAR_TEAM_NAME): its name and language come from there. */
  configured: boolean;
}

function teamRow(root: CliRoot, team: Team, configured: number | null): TeamRow {
  const { repos, config } = { repos: root.ctx.repos, config: root.config };
  const members = repos.teams.listMembers(team.id);
  const channels: Record<string, string> = {};
  if (team.id === configured) {
    if (config.slack) channels.slack = `${config.slack.managerChannel} (env)`;
    if (config.feishu) channels.feishu = `${config.feishu.managerChatId} (env)`;
  }
  for (const c of repos.teams.teamChannels(team.id)) channels[c.platform] = c.channelId;
  return {
    name: team.name,
    timezone: team.timezone,
    locale: team.locale,
    reps: members.filter((m) => m.role === 'rep').length,
    customers: repos.customers.listCustomers(team.id).length,
    managers: members.filter((m) => m.role === 'manager').map((m) => m.name),
    channels,
    configured: team.id === configured,
  };
}

/** `--channel slack=C0123` (repeatable); `slack=` clears the team's own channel there. */
function channelsOpt(input: CommandInput): Array<{ platform: string; channelId: string | null }> {
  const raw = input.values.channel;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return list.map((item) => {
    const m = /^([a-z][a-z0-9_-]*)=(\S*)$/i.exec(item.trim());
    if (!m) throw new CliError(`--channel: expected PLATFORM=ID such as slack=C0123ABC or feishu=oc_abc (got "${item}")`);
    return { platform: m[1]!.toLowerCase(), channelId: m[2] ? m[2] : null };
  });
}

function timezoneOpt(input: CommandInput): string | undefined {
  const tz = stringOpt(input, 'timezone');
  if (tz !== undefined && !isValidTimeZone(tz)) throw new CliError(`--timezone: expected an IANA timezone such as Asia/Shanghai (got "${tz}")`);
  return tz;
}

function setChannels(repos: Repositories, team: Team, input: CommandInput): void {
  for (const { platform, channelId } of channelsOpt(input)) {
    const owner = channelId ? repos.teams.teamOfChannel(platform, channelId) : null;
    if (owner !== null && owner !== team.id) {
      throw new CliError(`--channel: ${platform} channel ${channelId} is already the manager channel of ${repos.teams.getTeam(owner)?.name ?? `team #${owner}`}`);
    }
    repos.teams.setTeamChannel(team.id, platform, channelId);
  }
}

function findTeam(repos: Repositories, name: string | undefined, action: string): Team {
  if (!name) throw new CliError(`teams ${action}: give the team's name, e.g. \`radar teams ${action} East\``);
  const team = repos.teams.teamByName(name);
  if (!team) throw new CliError(`teams ${action}: no team named "${name}" (teams: ${repos.teams.listTeams().map((t) => t.name).join(', ')})`);
  return team;
}

export const teamsCommand: Command = {
  name: 'teams',
  usage: [
    'radar teams [list] [--json] [--lang zh|en]',
    'radar teams add NAME [--timezone Area/City] [--locale zh|en] [--channel PLATFORM=ID …]',
    'radar teams set NAME [--name NEW] [--timezone Area/City] [--locale zh|en] [--channel PLATFORM=ID …]   (PLATFORM= clears)',
    '  the team RADAR_TEAM_NAME names keeps its name and language from the environment, and uses',
    '  SLACK_MANAGER_CHANNEL / FEISHU_MANAGER_CHAT_ID unless it sets its own channel',
  ].join('\n'),
  options: {
    json: { type: 'boolean' }, lang: { type: 'string' }, timezone: { type: 'string' }, locale: { type: 'string' },
    name: { type: 'string' }, channel: { type: 'string', multiple: true },
  },
  async run(input) {
    const [action = 'list', name] = input.positionals;
    const locale = stringOpt(input, 'locale');
    if (locale !== undefined && locale !== 'zh' && locale !== 'en') throw new CliError(`--locale: expected zh or en (got "${locale}")`);
    return withCliRoot(input, (root) => {
      const { repos } = root.ctx;
      const configured = configuredTeamId(repos);
      if (action === 'list') {
        const rows = repos.teams.listTeams().map((t) => teamRow(root, t, configured));
        if (input.values.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return 0;
        }
        const h = headerIn(langOpt(input) ?? repos.teams.getTeam(configured ?? 0)?.locale ?? 'zh');
        process.stdout.write(`${renderTable(
          [{ header: h('team'), max: 24 }, { header: h('timezone') }, { header: h('language') }, { header: h('reps'), align: 'right' },
            { header: h('customers'), align: 'right' }, { header: h('managers'), max: 30 }, { header: h('channels'), max: 60 }],
          rows.map((r) => [r.name, r.timezone, r.locale, String(r.reps), String(r.customers), r.managers.join(', ') || '—',
            Object.entries(r.channels).map(([p, c]) => `${p}=${c}`).join(' ') || '—']),
        )}\n`);
        return 0;
      }
      if (action === 'add') {
        if (!name?.trim()) throw new CliError('teams add: give the new team\'s name, e.g. `radar teams add East`');
        if (repos.teams.teamByName(name)) throw new CliError(`teams add: a team named "${name}" exists already (change it with \`radar teams set ${name} …\`)`);
        const timezone = timezoneOpt(input) ?? root.config.team.timezone;
        const team = repos.transaction(() => {
          const created = repos.teams.ensureTeam({ name: name.trim(), timezone, locale: locale ?? root.config.team.locale });
          setChannels(repos, created, input);
          return created;
        });
        process.stdout.write(`team ${team.name} added (${team.timezone}, ${team.locale})\n`);
        return 0;
      }
      if (action === 'set') {
        const team = findTeam(repos, name, 'set');
        const rename = stringOpt(input, 'name')?.trim();
        if (team.id === configured && (rename !== undefined || locale !== undefined)) {
          throw new CliError(`teams set: ${team.name}'s name and language come from RADAR_TEAM_NAME / RADAR_LOCALE; change them there`);
        }
        if (rename !== undefined) {
          if (!rename) throw new CliError('--name: give the new name');
          const other = repos.teams.teamByName(rename);
          if (other && other.id !== team.id) throw new CliError(`--name: a team named "${rename}" exists already`);
        }
        const timezone = timezoneOpt(input);
        // All or nothing: a refused channel leaves the name and timezone as they were.
        repos.transaction(() => {
          setChannels(repos, team, input);
          repos.teams.updateTeam(team.id, { ...(rename ? { name: rename } : {}), ...(locale ? { locale } : {}) });
          // The schedule keeps the timezone (as `schedule timezone …` from chat does), so the configured team keeps it too.
          if (timezone) updateTeamSchedule(forTeam(root.ctx, team.id), team, { timezone });
        });
        const after = teamRow(root, repos.teams.getTeam(team.id)!, configured);
        process.stdout.write(`team ${after.name}: ${after.timezone}, ${after.locale}, channels ${Object.entries(after.channels).map(([p, c]) => `${p}=${c}`).join(' ') || '—'}\n`);
        return 0;
      }
      throw new CliError(`teams: unknown action "${action}" (expected list, add or set)`);
    });
  },
};
