// `radar review --month YYYY-MM [--json] [--format xlsx --out F]`: the monthly review (复盘).
import { renameSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { reviewWorkbook } from '../../app/review/review-workbook.js';
import { monthlyReview, type TeamReview } from '../../app/review/review.service.js';
import { isMonthId, monthOfWeek } from '../../core/review/period.js';
import { addWeeks, weekOfInstant } from '../../core/weekly-report/week.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

function summary(r: TeamReview): string {
  const lines = [
    `复盘 review ${r.month} (${r.weeks[0]} … ${r.weeks.at(-1)})`,
    `flags raised: ${r.flags.raised} (A ${r.flags.byGrade.A}, B ${r.flags.byGrade.B}) on ${r.flags.customers} customers; by tag: ${Object.entries(r.flags.byTag).map(([t, n]) => `${t} ${n}`).join(', ') || '—'}`,
    `tasks: ${r.tasks.opened} opened, ${r.tasks.claimed} claimed, ${r.tasks.resolved} resolved, ${r.tasks.dismissed} dismissed, ${r.tasks.stillOpen} still open`,
    ...r.tasks.byRole.map((x) => `  ${x.role}: ${x.opened} opened, median ${x.medianDaysToClaim ?? '—'} d to claim, ${x.medianDaysToResolve ?? '—'} d to resolve`),
    `outcomes: ${r.outcomes.length} closed — recovered ${r.recovered.join(', ') || '—'}; relapsed ${r.relapsed.join(', ') || '—'}; lost ${r.lost.join(', ') || '—'}`,
    ...r.interventions.map((i) => `  ${i.tag} × ${i.role}: ${i.closed} closed, ${i.recovered} recovered, ${i.relapsed} relapsed, ${i.lost} lost, ${i.pending} pending`),
    'cases worth discussing:',
    ...r.cases.map((c) => `  ${c.kind === 'recovery' ? '✓' : '✗'} ${c.customer} (${c.tag}, ${c.role}): ${c.before ?? '—'} → ${c.latest ?? '—'}, ${c.story.events.length} events`),
    `scorer: ${r.trackRecord.badOutcomes.length} lost or 90+ days overdue, ${r.trackRecord.flaggedBefore} flagged before (median ${r.trackRecord.medianWeeksBefore ?? '—'} weeks); ${r.trackRecord.recoveredWithoutAction.length} flags recovered without action`,
  ];
  return `${lines.join('\n')}\n`;
}

export const reviewCommand: Command = {
  name: 'review',
  usage: 'radar review [--month YYYY-MM (default last month)] [--json] [--format xlsx --out FILE.xlsx] [--db PATH]',
  options: { month: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(input) {
    const raw = stringOpt(input, 'month');
    if (raw !== undefined && !isMonthId(raw)) throw new CliError(`--month: expected a month such as 2026-11, got "${raw}"`);
    const out = stringOpt(input, 'out');
    const format = stringOpt(input, 'format') ?? (out?.endsWith('.xlsx') ? 'xlsx' : undefined);
    if (format !== undefined && format !== 'xlsx') throw new CliError('--format: expected xlsx (or --json)');
    if (format === 'xlsx' && !out) throw new CliError('xlsx needs --out FILE.xlsx');
    if (out && !out.endsWith('.xlsx')) throw new CliError(`--out: expected a .xlsx file name, got "${out}"`);
    return withCliContext(input, async ({ ctx, team, config }) => {
      const month = raw ?? monthOfWeek(addWeeks(weekOfInstant(ctx.clock(), team.timezone), -4));
      const review = monthlyReview(ctx, team.id, month);
      if (out) {
        if (resolve(out) === resolve(config.database)) throw new CliError('--out: that is the database file');
        await mkdir(dirname(out), { recursive: true });
        // Written next to the target and renamed: a failed write leaves no half file behind.
        const tmp = `${out}.${process.pid}.tmp`;
        try {
          await reviewWorkbook(review).xlsx.writeFile(tmp);
          renameSync(tmp, out);
        } finally {
          rmSync(tmp, { force: true });
        }
        process.stderr.write(`wrote the ${month} review to ${out}\n`);
      }
      if (input.values.json) process.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
      else if (!out) process.stdout.write(summary(review));
      return 0;
    });
  },
};
