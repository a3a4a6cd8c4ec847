import { exportWeek } from '../../app/export/export-week.service.js';
import { OutputRefusedError } from '../../app/export/safe-output.js';
import { ensureScored } from '../../app/scoring/scoring.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { resolveWeek } from '../week-arg.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

export const exportCommand: Command = {
  name: 'export',
  usage: 'radar export [--week YYYY-Www] [--format csv|xlsx] [--out FILE] [--lang zh|en] [--no-bom] [--db PATH]',
  options: { week: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, 'no-bom': { type: 'boolean' } },
  async run(input) {
    const lang = stringOpt(input, 'lang');
    if (lang !== undefined && lang !== 'zh' && lang !== 'en') throw new CliError('--lang: expected zh or en');
    const out = stringOpt(input, 'out');
    const format = stringOpt(input, 'format') ?? (out?.endsWith('.xlsx') ? 'xlsx' : 'csv');
    if (format !== 'csv' && format !== 'xlsx') throw new CliError('--format: expected csv or xlsx');
    if (format === 'xlsx' && !out) throw new CliError('xlsx needs --out FILE (it is a binary file)');
    return withCliContext(input, async (cli) => {
    const week = resolveWeek(cli.ctx, cli.team.id, stringOpt(input, 'week'));
    ensureScored(cli.ctx, cli.team.id, week);
    let result;
    try {
      // The CSV carries a BOM on stdout too (Excel needs it to read Chinese), unless --no-bom.
      result = await exportWeek(cli.ctx.repos, cli.team.id, week, format, out ?? process.stdout, {
        template: cli.ctx.settings.template, tagLabels: teamTagLabels(cli.ctx.settings), locale: lang, bom: input.values['no-bom'] !== true, protect: cli.storage.sqlite ? [cli.storage.sqlite.path] : [],
      });
    } catch (err) {
      if (err instanceof OutputRefusedError) throw new CliError(err.message, 1);
      throw err;
    }
    if (out) process.stderr.write(`wrote ${result.rows} rows of ${week} to ${out}\n`);
    return 0;
    });
  },
};
