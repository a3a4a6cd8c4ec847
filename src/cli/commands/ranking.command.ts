// `radar ranking --week W | --month M [--json]`: the team ranking (排行榜).
import { teamRanking } from '../../app/review/ranking.service.js';
import { isMonthId } from '../../core/review/period.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { renderTable } from '../table.js';
import { resolveWeek } from '../week-arg.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const signedPct = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 100)}%`);

export const rankingCommand: Command = {
  name: 'ranking',
  usage: 'radar ranking [--week YYYY-Www (the 8 weeks ending there; default the latest) | --month YYYY-MM] [--json] [--db PATH]',
  options: { week: { type: 'string' }, month: { type: 'string' }, json: { type: 'boolean' } },
  async run(input) {
    const month = stringOpt(input, 'month');
    if (month !== undefined && !isMonthId(month)) throw new CliError(`--month: expected a month such as 2026-11, got "${month}"`);
    if (month !== undefined && stringOpt(input, 'week') !== undefined) throw new CliError('give either --week or --month, not both');
    return withCliContext(input, async ({ ctx, team }) => {
      const spec = month !== undefined ? { month } : { week: resolveWeek(ctx, team.id, stringOpt(input, 'week')) };
      const { period, previous, rows } = teamRanking(ctx, team.id, spec);
      if (input.values.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return 0;
      }
      process.stdout.write(`${period.kind === 'month' ? period.id : `${period.weeks[0]} … ${period.id}`}: ${rows.length} reps (revenue vs ${previous.kind === 'month' ? previous.id : `${previous.weeks[0]} … ${previous.id}`})\n`);
      if (rows.length > 0) {
        process.stdout.write(`${renderTable(
          [{ header: '#', align: 'right' }, { header: 'rep', max: 24 }, { header: 'submitted', align: 'right' }, { header: 'on time', align: 'right' }, { header: 'streak', align: 'right' },
            { header: 'resolved', align: 'right' }, { header: 'recovered', align: 'right' }, { header: 'revenue', align: 'right' }, { header: 'vs before', align: 'right' }],
          rows.map((r) => [String(r.rank), r.name, `${r.submitted}/${r.weeks} ${pct(r.submissionRate)}`, `${r.onTime} ${pct(r.onTimeRate)}`, String(r.streak),
            String(r.followUpsResolved), pct(r.recoveryRate), r.revenue.toLocaleString('en-US'), signedPct(r.revenueChange)]),
        )}\n`);
      }
      return 0;
    });
  },
};
