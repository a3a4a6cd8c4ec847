import { digestCard } from '../../app/digest/digest.view.js';
import { orgDigestCard } from '../../app/digest/org-digest.view.js';
import { orgDigestModel, orgTagLabels } from '../../app/digest/org-digest.service.js';
import { latestReportWeek } from '../../app/scoring/scoring.service.js';
import { isWeekId, type WeekId } from '../../core/weekly-report/week.js';
import type { Team } from '../../core/team.js';
import { CliError } from '../cli-error.js';
import { cliDigest, withCliContext, withCliRoot, type CliRoot } from '../context.js';
import { printCard } from '../print-card.js';
import { resolveWeek } from '../week-arg.js';
import type { Command, CommandInput } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

/** `--teams A,B` (default every team) for the organisation digest. */
function orgTeams(root: CliRoot, raw: string | undefined): Team[] {
  const { teams } = root.ctx.repos;
  if (raw === undefined) return teams.listTeams();
  return raw.split(/[,，]/).map((n) => n.trim()).filter(Boolean).map((name) => {
    const team = teams.teamByName(name);
    if (!team) throw new CliError(`--teams: no team named "${name}" (teams: ${teams.listTeams().map((t) => t.name).join(', ')})`);
    return team;
  });
}

/** `--week`, else the latest week any of the teams reported. */
function orgWeek(root: CliRoot, teams: readonly Team[], raw: string | undefined): WeekId {
  if (raw !== undefined) {
    if (!isWeekId(raw)) throw new CliError(`--week: expected YYYY-Www such as 2026-W48 (got "${raw}")`);
    return raw;
  }
  const weeks = teams.flatMap((t) => latestReportWeek(root.ctx, t.id) ?? []).sort();
  const latest = weeks.at(-1);
  if (!latest) throw new CliError('digest --org: no team has reports yet (import some with `radar import FILE --team NAME`)');
  return latest;
}

function printOrgDigest(input: CommandInput): Promise<number> {
  return withCliRoot(input, (root) => {
    const teams = orgTeams(root, stringOpt(input, 'teams'));
    const week = orgWeek(root, teams, stringOpt(input, 'week'));
    const model = orgDigestModel(root.ctx, teams, week);
    if (input.values.json) process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    else process.stdout.write(printCard(orgDigestCard(model, localeOpt(input, teams[0]?.locale ?? 'zh'), orgTagLabels(root.ctx))));
    return 0;
  });
}

export const digestCommand: Command = {
  name: 'digest',
  usage: [
    'radar digest [--week YYYY-Www] [--json] [--lang zh|en] [--team NAME] [--db PATH]',
    'radar digest --org [--teams A,B] [--week YYYY-Www] [--json] [--lang zh|en]   (every team\'s headline and the A-grade customers of all)',
  ].join('\n'),
  options: { week: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' }, org: { type: 'boolean' }, teams: { type: 'string' } },
  async run(input) {
    if (input.values.org) return printOrgDigest(input);
    if (input.values.teams !== undefined) throw new CliError('--teams: only with --org');
    return withCliContext(input, async (cli) => {
    const { ctx, team } = cli;
    const locale = localeOpt(input, team.locale);
    const week = resolveWeek(ctx, team.id, stringOpt(input, 'week'));
    const model = cliDigest(cli, week);
    if (input.values.json) {
      process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(printCard(digestCard(model, locale, teamTagLabels(ctx.settings))));
    return 0;
    });
  },
};
