import { exportWeek } from '../../app/export/export-week.service.js';
import { ensureScored } from '../../app/services/scoring.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { resolveWeek } from '../week-arg.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'radar export [--week YYYY-Www] [--format csv|xlsx] [--out FILE] [--db PATH]',
  options: { week: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(input) {
    const out = stringOpt(input, 'out');
    const format = stringOpt(input, 'format') ?? (out?.endsWith('.xlsx') ? 'xlsx' : 'csv');
    if (format !== 'csv' && format !== 'xlsx') throw new CliError('--format: expected csv or xlsx');
    if (format === 'xlsx' && !out) throw new CliError('xlsx needs --out FILE (it is a binary file)');
    return withCliContext(stringOpt(input, 'db'), async (cli) => {
    const week = resolveWeek(cli.ctx, cli.team.id, stringOpt(input, 'week'));
    ensureScored(cli.ctx, cli.team.id, week);
    const result = await exportWeek(cli.ctx.repos, cli.team.id, week, format, out ?? process.stdout, { template: cli.ctx.settings.template });
    if (out) process.stderr.write(`wrote ${result.rows} rows of ${week} to ${out}\n`);
    return 0;
    });
  },
};
