import { ask } from '../../app/ask/ask.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { printCard } from '../print-card.js';
import type { Command } from './command.js';
import { langOpt, stringOpt } from './command.js';

export const askCommand: Command = {
  name: 'ask',
  usage: 'radar ask "QUESTION" [--json] [--lang zh|en] [--db PATH]',
  options: { json: { type: 'boolean' }, lang: { type: 'string' } },
  async run(input) {
    const question = input.positionals.join(' ').trim();
    if (!question) throw new CliError('ask: give a question, e.g. `radar ask "逾期超过30天的客户"` or `radar ask "how is Acme doing"`');
    const lang = langOpt(input);
    return withCliContext(input, async (cli) => {
    // The CLI runs with the owner's view of the data: whoever has the database file sees everything.
    const owner = { id: 0, teamId: cli.team.id, name: 'CLI', email: '', role: 'owner' as const, identities: [], timezone: null, locale: null, awayUntil: null };
    const result = ask(cli.ctx, cli.team.id, owner, question, lang);
    if (input.values.json) process.stdout.write(`${JSON.stringify(result.answer, null, 2)}\n`);
    else process.stdout.write(printCard(result.card));
    return 0;
    });
  },
};
