import { ImportError, formatIssue } from '../../app/import/import-records.service.js';
import { importFile } from '../../app/import/xlsx-reader.js';
import { unknownColumnsWarning } from '../../app/import/unknown-columns.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

/** Smaller files import in a blink: no progress lines. */
const PROGRESS_MIN_BYTES = 1 << 20;

export const importCommand: Command = {
  name: 'import',
  usage: 'radar import FILE [--skip-invalid] [--format jsonl|csv|xlsx] [--encoding utf8|gb18030] [--team NAME] [--db PATH]   (a `team` column picks each record\'s team)',
  options: { 'skip-invalid': { type: 'boolean' }, format: { type: 'string' }, encoding: { type: 'string' } },
  async run(input) {
    const [file] = input.positionals;
    if (!file) throw new CliError('import: give the file to import, e.g. `radar import history.jsonl`');
    const format = stringOpt(input, 'format');
    if (format !== undefined && format !== 'jsonl' && format !== 'csv' && format !== 'xlsx') throw new CliError('--format: expected jsonl, csv or xlsx');
    const encoding = stringOpt(input, 'encoding')?.toLowerCase().replace('-', '');
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== 'gb18030') throw new CliError('--encoding: expected utf8 or gb18030');
    const tty = process.stderr.isTTY;
    let lastTenth = 0;
    let printed = false;
    return withCliContext(input, async (cli) => {
      try {
        const result = await importFile(cli.ctx.repos, file, {
          teamId: cli.team.id,
          skipInvalid: input.values['skip-invalid'] === true,
          format,
          encoding,
          template: cli.ctx.settings.template,
          onProgress: (p) => {
            if (p.totalBytes < PROGRESS_MIN_BYTES) return;
            const pct = Math.round((p.bytesRead / p.totalBytes) * 100);
            printed = true;
            // A terminal gets a live line; logs (CI, cron) get one line per 10%.
            if (tty) process.stderr.write(`\rimporting ${file}: ${p.records} records, ${pct}%`);
            else if (Math.floor(pct / 10) > lastTenth) {
              lastTenth = Math.floor(pct / 10);
              process.stderr.write(`importing ${file}: ${p.records} records, ${pct}%\n`);
            }
          },
        });
        if (tty && printed) process.stderr.write('\n');
        const warning = unknownColumnsWarning(result.unknownColumns, cli.ctx.settings.template);
        if (warning) process.stderr.write(`warning: ${warning}\n`);
        if (result.encoding === 'gb18030' && encoding === undefined) process.stderr.write(`${file}: not UTF-8, read as GB18030\n`);
        for (const issue of result.skipped) process.stderr.write(`skipped ${formatIssue(issue)}\n`);
        if (result.skippedCount > result.skipped.length) process.stderr.write(`… and ${result.skippedCount - result.skipped.length} more skipped lines\n`);
        const { inserted, updated, unchanged } = result.entries;
        // A file with a team column may write into other teams than the command's: say which.
        const teams = result.teamIds.length > 1 || (result.teamIds[0] ?? cli.team.id) !== cli.team.id
          ? ` into teams ${result.teamIds.map((id) => cli.ctx.repos.teams.getTeam(id)?.name ?? String(id)).join(', ')}` : '';
        process.stdout.write(
          `imported ${result.records} records from ${file}${result.weeks ? ` (${result.weeks.from} … ${result.weeks.to})` : ''}${teams}: ` +
          `${inserted} new, ${updated} updated, ${unchanged} unchanged; ${result.customers.created} new customers, ${result.members.created} new reps` +
          `${result.skippedCount > 0 ? `; ${result.skippedCount} invalid lines skipped` : ''}\n`,
        );
        return 0;
      } catch (err) {
        if (!(err instanceof ImportError)) throw err;
        for (const issue of err.issues) process.stderr.write(`${formatIssue(issue)}\n`);
        if (err.invalidCount > err.issues.length) process.stderr.write(`… ${err.invalidCount - err.issues.length} more invalid records\n`);
        throw new CliError(`${err.message}${err.code === 'invalid_records' ? ' — nothing was imported (fix the lines above, or use --skip-invalid)' : ''}`, 1);
      }
    });
  },
};
