// `radar chart KIND --out FILE.png|FILE.svg`: one chart of the team's data, drawn on the server.
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ChartError, createChartsService } from '../../app/charts/charts.service.js';
import { matchCustomer } from '../../core/ask/match-customer.js';
import type { Customer } from '../../core/team.js';
import type { ChartSpec } from '../../ui/chart.js';
import { CliError } from '../cli-error.js';
import { withCliContext, type CliContext } from '../context.js';
import { resolveWeek } from '../week-arg.js';
import type { Command, CommandInput } from './command.js';
import { localeOpt, stringOpt } from './command.js';

const KINDS = ['trend', 'radar', 'heatmap', 'by-rep', 'portfolio'] as const;
type Kind = (typeof KINDS)[number];

function intOpt(input: CommandInput, key: string, min: number, max: number): number | undefined {
  const raw = stringOpt(input, key);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${key}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** The customer someone named: exact name or alias, else the one fuzzy match; otherwise a clear error. */
function findCustomer(cli: CliContext, name: string): Customer {
  const customers = cli.ctx.repos.customers.listCustomers(cli.team.id);
  const exact = cli.ctx.repos.customers.customerByName(cli.team.id, name);
  if (exact) return exact;
  const m = matchCustomer(name, customers);
  if (m.kind === 'one') return m.customer;
  const names = (m.kind === 'many' ? m.candidates : m.suggestions).slice(0, 5).map((c) => c.name);
  throw new CliError(m.kind === 'many'
    ? `--customer: "${name}" matches several customers: ${names.join(', ')} — give the full name`
    : `--customer: no customer named "${name}"${names.length > 0 ? ` (did you mean: ${names.join(', ')}?)` : ''}`);
}

export const chartCommand: Command = {
  name: 'chart',
  usage: [
    'radar chart trend|radar --customer NAME --out FILE.png|FILE.svg [--week W] [--lang zh|en] [--db PATH]',
    'radar chart heatmap [--by region|industry] --out FILE [--week W] [--lang zh|en]',
    'radar chart by-rep --out FILE [--week W]  ·  radar chart portfolio [--weeks N] --out FILE [--week W]',
    '  [--width PX] [--height PX] [--scale N] (PNG pixel density, default 1)',
  ].join('\n'),
  options: {
    customer: { type: 'string' }, out: { type: 'string' }, week: { type: 'string' }, lang: { type: 'string' },
    by: { type: 'string' }, weeks: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' }, scale: { type: 'string' },
  },
  async run(input) {
    const kind = input.positionals[0];
    if (!kind || !(KINDS as readonly string[]).includes(kind)) {
      throw new CliError(`chart: expected one of ${KINDS.join(', ')}${kind ? `, got "${kind}"` : ''}`);
    }
    const out = stringOpt(input, 'out');
    if (!out) throw new CliError('--out: required, a file ending in .png or .svg');
    const format = extname(out).toLowerCase();
    if (format !== '.png' && format !== '.svg') throw new CliError(`--out: expected a file ending in .png or .svg, got "${out}"`);
    const customerName = stringOpt(input, 'customer');
    if ((kind === 'trend' || kind === 'radar') && !customerName) throw new CliError(`--customer: required for chart ${kind}`);
    const by = stringOpt(input, 'by') ?? 'region';
    if (by !== 'region' && by !== 'industry') throw new CliError(`--by: expected region or industry, got "${by}"`);
    const width = intOpt(input, 'width', 320, 4000);
    const height = intOpt(input, 'height', 200, 4000);
    const scale = intOpt(input, 'scale', 1, 4) ?? 1;
    const weeks = intOpt(input, 'weeks', 1, 104);

    return withCliContext(input, async (cli) => {
      const week = resolveWeek(cli.ctx, cli.team.id, stringOpt(input, 'week'));
      const locale = localeOpt(input, cli.team.locale);
      const charts = createChartsService(cli.ctx, cli.team.id);
      let spec: ChartSpec;
      try {
        switch (kind as Kind) {
          case 'trend': spec = charts.trend(findCustomer(cli, customerName!).id, week, locale); break;
          case 'radar': spec = charts.radar(findCustomer(cli, customerName!).id, week, locale); break;
          case 'heatmap': spec = charts.heatmap(week, locale, by); break;
          case 'by-rep': spec = charts.byRep(week, locale); break;
          case 'portfolio': spec = charts.portfolio(week, locale, weeks); break;
        }
      } catch (err) {
        if (err instanceof ChartError) throw new CliError(`chart ${kind}: ${err.userMessage.en}`);
        throw err;
      }
      // Loaded only here: ECharts and the font engine would slow every other command's start.
      const { renderPng, renderSvg } = await import('../../chart-render/index.js');
      const opts = { locale, ...(width ? { width } : {}), ...(height ? { height } : {}) };
      if (format === '.svg') writeFileSync(out, renderSvg(spec, opts));
      else writeFileSync(out, renderPng(spec, { ...opts, scale }));
      process.stderr.write(`wrote ${kind} chart of ${week} to ${out}\n`);
      process.stdout.write(`${spec.alt}\n`);
      return 0;
    });
  },
};
