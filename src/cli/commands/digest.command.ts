import { digestCard } from '../../app/digest/digest.view.js';
import { cliDigest, withCliContext } from '../context.js';
import { printCard } from '../print-card.js';
import { resolveWeek } from '../week-arg.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

export const digestCommand: Command = {
  name: 'digest',
  usage: 'radar digest [--week YYYY-Www] [--json] [--lang zh|en] [--db PATH]',
  options: { week: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  async run(input) {
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
