import { ensureFlagged } from '../../app/scoring/scoring.service.js';
import { say } from '../../core/i18n.js';
import { withCliContext } from '../context.js';
import { resolveWeek } from '../week-arg.js';
import { renderTable } from '../table.js';
import { flaggedLine, headerIn, tagsIn } from '../cli-labels.js';
import type { TagId } from '../../core/customer-risk/types.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

/** The public acceptance contract: `[{customer, score, grade, tags, reasons}]`, highest index first. */
export interface FlagRow {
  customer: string;
  score: number;
  grade: 'A' | 'B';
  tags: string[];
  reasons: string[];
}

export const flagsCommand: Command = {
  name: 'flags',
  usage: 'radar flags [--week YYYY-Www] [--json] [--lang zh|en] [--db PATH]',
  options: { week: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  async run(input) {
    return withCliContext(input, async (cli) => {
    const { ctx, team } = cli;
    const locale = localeOpt(input, team.locale);
    const week = resolveWeek(ctx, team.id, stringOpt(input, 'week'));
    // The flagged rows only (scores_flagged_idx) once the week is stored; scored first when it is not.
    const flagged = ensureFlagged(ctx, team.id, week);
    const rows: FlagRow[] = flagged.map((s) => ({
      customer: ctx.repos.customers.getCustomer(s.customerId)?.name ?? `#${s.customerId}`,
      score: s.index,
      grade: s.grade as 'A' | 'B',
      tags: [...s.tags],
      reasons: s.reasons.map((r) => say(locale, r)),
    }));
    if (input.values.json) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return 0;
    }
    const h = headerIn(locale);
    process.stdout.write(`${flaggedLine(week, rows.length, locale)}\n`);
    if (rows.length > 0) {
      process.stdout.write(`${renderTable(
        [{ header: h('customer'), max: 24 }, { header: h('index'), align: 'right' }, { header: h('grade') }, { header: h('problems'), max: 30 }, { header: h('why'), max: 70 }],
        rows.map((r) => [r.customer, String(r.score), r.grade, tagsIn(r.tags as TagId[], locale, teamTagLabels(ctx.settings)), r.reasons.join(locale === 'zh' ? '；' : '; ')]),
      )}\n`);
    }
    return 0;
    });
  },
};
