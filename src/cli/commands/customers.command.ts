import type { Tier } from '../../core/customer-risk/types.js';
import { invalidateScores } from '../../app/scoring/scoring.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { renderTable } from '../table.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { headerIn, tierIn } from '../cli-labels.js';

export const customersCommand: Command = {
  name: 'customers',
  usage: [
    'radar customers [--rep EMAIL] [--json] [--lang zh|en]',
    'radar customers set NAME [--owner EMAIL] [--tier key|normal] [--region R] [--industry I] [--alias A --alias B …]',
  ].join('\n'),
  options: {
    rep: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' }, owner: { type: 'string' }, tier: { type: 'string' },
    region: { type: 'string' }, industry: { type: 'string' }, alias: { type: 'string', multiple: true },
  },
  async run(input) {
    const [action, ...nameParts] = input.positionals;
    return withCliContext(input, (cli) => {
      const { customers, teams } = cli.ctx.repos;
      const memberByEmail = (email: string) => {
        const m = teams.memberByEmail(cli.team.id, email);
        if (!m) throw new CliError(`nobody with email ${email} (see \`radar members\`)`);
        return m;
      };
      if (action === undefined) {
        const repEmail = stringOpt(input, 'rep');
        const list = repEmail ? customers.customersOfRep(memberByEmail(repEmail).id) : customers.listCustomers(cli.team.id);
        if (input.values.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return 0;
        }
        const names = new Map(teams.listMembers(cli.team.id).map((m) => [m.id, m.name]));
        const locale = localeOpt(input, cli.team.locale);
        const h = headerIn(locale);
        process.stdout.write(`${renderTable(
          [{ header: h('customer'), max: 28 }, { header: h('owner'), max: 20 }, { header: h('tier') }, { header: h('region') }, { header: h('industry') }, { header: h('aliases'), max: 30 }],
          list.map((c) => [c.name, c.ownerRepId === null ? '—' : names.get(c.ownerRepId) ?? '—', tierIn(c.tier, locale), c.region ?? '', c.industry ?? '', c.aliases.join(', ')]),
        )}\n`);
        return 0;
      }
      if (action !== 'set') throw new CliError(`customers: unknown action "${action}" (expected set)`);
      const name = nameParts.join(' ').trim();
      const existing = name ? customers.customerByName(cli.team.id, name) : null;
      if (!existing) throw new CliError(`customers set: no customer named "${name}" (see \`radar customers\`)`);
      const tier = stringOpt(input, 'tier');
      if (tier !== undefined && tier !== 'key' && tier !== 'normal') throw new CliError('--tier: expected key or normal');
      const owner = stringOpt(input, 'owner');
      const aliases = input.values.alias as string[] | undefined;
      const updated = customers.upsertCustomer({
        teamId: cli.team.id,
        name: existing.name,
        ...(owner !== undefined ? { ownerRepId: memberByEmail(owner).id } : {}),
        ...(tier !== undefined ? { tier: tier as Tier } : {}),
        ...(stringOpt(input, 'region') !== undefined ? { region: stringOpt(input, 'region') } : {}),
        ...(stringOpt(input, 'industry') !== undefined ? { industry: stringOpt(input, 'industry') } : {}),
        ...(aliases ? { aliases: [...new Set([...existing.aliases, ...aliases.map((a) => a.trim()).filter(Boolean)])] } : {}),
      });
      invalidateScores(cli.ctx, cli.team.id, 'all');
      process.stdout.write(`${updated.name}: ${updated.tier}${updated.region ? `, ${updated.region}` : ''}${updated.aliases.length ? `, aliases ${updated.aliases.join(', ')}` : ''}\n`);
      return 0;
    });
  },
};
