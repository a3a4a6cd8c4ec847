import { ROLES, type Role } from '../../core/team.js';
import { identityOn } from '../../core/team.js';
import { absenceStartWeek, invalidateScores } from '../../app/scoring/scoring.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext, type CliContext } from '../context.js';
import { renderTable } from '../table.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { headerIn, roleIn } from '../cli-labels.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

function roleOf(raw: string | undefined): Role {
  if (!raw || !ROLES.includes(raw as Role)) throw new CliError(`--role: expected one of ${ROLES.join(', ')}`);
  return raw as Role;
}

/** `--oversees East,West` (or `all`): the ids of those teams other than the member's own; an unknown name is refused. */
function overseenTeamIds(cli: CliContext, raw: string): number[] {
  const { teams } = cli.ctx.repos;
  const all = teams.listTeams();
  if (raw.trim().toLowerCase() === 'all') return all.filter((t) => t.id !== cli.team.id).map((t) => t.id);
  const names = raw.split(/[,，]/).map((n) => n.trim()).filter(Boolean);
  return names.map((name) => {
    const team = teams.teamByName(name);
    if (!team) throw new CliError(`--oversees: no team named "${name}" (teams: ${all.map((t) => t.name).join(', ')})`);
    return team.id;
  }).filter((id) => id !== cli.team.id);
}

export const membersCommand: Command = {
  name: 'members',
  usage: [
    'radar members [--json] [--lang zh|en]',
    'radar members add EMAIL --name NAME --role ROLE [--oversees TEAM,TEAM|all]   (adds, or updates name and role)',
    '  --oversees: the other teams a director sees (their digest, questions, the organisation digest); owners see every team',
    '  every command takes --team NAME (default: the only team)',
    'radar members away EMAIL --until YYYY-MM-DD | --back',
    `  roles: ${ROLES.join(', ')}`,
  ].join('\n'),
  options: { lang: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, until: { type: 'string' }, back: { type: 'boolean' }, json: { type: 'boolean' }, oversees: { type: 'string' } },
  async run(input) {
    const [action, email] = input.positionals;
    return withCliContext(input, (cli) => {
      const { teams } = cli.ctx.repos;
      if (action === undefined) {
        const members = teams.listMembers(cli.team.id);
        if (input.values.json) {
          process.stdout.write(`${JSON.stringify(members, null, 2)}\n`);
          return 0;
        }
        const locale = localeOpt(input, cli.team.locale);
        const h = headerIn(locale);
        process.stdout.write(`${renderTable(
          [{ header: h('name'), max: 24 }, { header: h('email'), max: 32 }, { header: h('role') }, { header: 'slack' }, { header: 'feishu', max: 14 }, { header: h('awayUntil') }],
          members.map((m) => [m.name, m.email, roleIn(m.role, locale), identityOn(m, 'slack') ?? '—', identityOn(m, 'feishu') ?? '—', m.awayUntil ?? '']),
        )}\n`);
        return 0;
      }
      if (!email || !EMAIL.test(email)) throw new CliError(`members ${action}: give the person's email, e.g. \`radar members ${action} li.wei@example.com …\``);
      if (action === 'add') {
        const name = stringOpt(input, 'name')?.trim();
        if (!name) throw new CliError('members add: --name is required');
        const role = roleOf(stringOpt(input, 'role'));
        const oversees = stringOpt(input, 'oversees');
        if (oversees !== undefined && role !== 'director') throw new CliError('--oversees: only a director oversees other teams (owners see every team by role)');
        const overseen = oversees === undefined ? null : overseenTeamIds(cli, oversees);
        const member = teams.upsertMember({ teamId: cli.team.id, email, name, role });
        if (overseen) teams.setOverseenTeams(member.id, overseen);
        const scope = teams.overseenTeams(member.id).map((id) => teams.getTeam(id)?.name ?? `#${id}`);
        process.stdout.write(`${member.name} <${member.email}>: ${member.role}${scope.length > 0 ? `, oversees ${scope.join(', ')}` : ''}\n`);
        return 0;
      }
      if (action === 'away') {
        const member = teams.memberByEmail(cli.team.id, email);
        if (!member) throw new CliError(`members away: nobody with email ${email} (see \`radar members\`)`);
        const until = stringOpt(input, 'until');
        if (!input.values.back && (!until || !isDate(until))) throw new CliError('members away: give --until YYYY-MM-DD (a real date), or --back');
        const excusedUntil = input.values.back ? member.awayUntil : until!;
        teams.setAway(member.id, input.values.back ? null : until!);
        if (excusedUntil) invalidateScores(cli.ctx, cli.team.id, absenceStartWeek(excusedUntil));
        process.stdout.write(input.values.back ? `${member.name} is back\n` : `${member.name} is away until ${until}\n`);
        return 0;
      }
      throw new CliError(`members: unknown action "${action}" (expected add or away)`);
    });
  },
};
