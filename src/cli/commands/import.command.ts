import { ImportError, formatIssue, importRecords } from '../../app/import/import-records.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

/** Smaller files import in a blink: no progress lines. */
const PROGRESS_MIN_BYTES = 1 << 20;

export const importCommand: Command = {
  name: 'import',
  usage: 'radar import FILE [--skip-invalid] [--format jsonl|csv] [--db PATH]',
  options: { 'skip-invalid': { type: 'boolean' }, format: { type: 'string' } },
  async run(input) {
    const [file] = input.positionals;
    if (!file) throw new CliError('import: give the file to import, e.g. `radar import history.jsonl`');
    const format = stringOpt(input, 'format');
    if (format !== undefined && format !== 'jsonl' && format !== 'csv') throw new CliError('--format: expected jsonl or csv');
    const tty = process.stderr.isTTY;
    let lastTenth = 0;
    let printed = false;
    return withCliContext(stringOpt(input, 'db'), (cli) => {
      try {
        const result = importRecords(cli.ctx.repos, file, {
          teamId: cli.team.id,
          skipInvalid: input.values['skip-invalid'] === true,
          format,
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
        for (const issue of result.skipped) process.stderr.write(`skipped ${formatIssue(issue)}\n`);
        if (result.skippedCount > result.skipped.length) process.stderr.write(`… and ${result.skippedCount - result.skipped.length} more skipped lines\n`);
        const { inserted, updated, unchanged } = result.entries;
        process.stdout.write(
          `imported ${result.records} records from ${file}${result.weeks ? ` (${result.weeks.from} … ${result.weeks.to})` : ''}: ` +
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
