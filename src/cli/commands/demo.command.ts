import { rmSync } from 'node:fs';
import { importRecords } from '../../app/import/import-records.service.js';
import { digestCard } from '../../app/digest/digest.view.js';
import type { Role } from '../../core/team.js';
import { simulateBook } from '../../core/simulate/index.js';
import { addWeeks, weekOfInstant } from '../../core/weekly-report/week.js';
import { cliDigest, withCliContext } from '../context.js';
import { printCard } from '../print-card.js';
import type { Command } from './command.js';
import { localeOpt, stringOpt } from './command.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

const DEMO_DB = './data/demo.sqlite';

/** The people around the reps, so every follow-up has somebody to go to. */
const SUPPORT_STAFF: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'zhang.min@example.com', name: '张敏 Zhang Min', role: 'manager' },
  { email: 'chen.jie@example.com', name: '陈杰 Chen Jie', role: 'director' },
  { email: 'boss@example.com', name: '刘总 Liu', role: 'owner' },
  { email: 'finance@example.com', name: '财务 王芳 Wang Fang', role: 'finance' },
  { email: 'service@example.com', name: '客服 赵磊 Zhao Lei', role: 'customer_service' },
  { email: 'support@example.com', name: '技术支持 孙涛 Sun Tao', role: 'tech_support' },
  { email: 'legal@example.com', name: '法务 周婷 Zhou Ting', role: 'legal' },
];

export const demoCommand: Command = {
  name: 'demo',
  usage: 'radar demo [--seed N] [--db PATH] [--lang zh|en]',
  options: { seed: { type: 'string' }, lang: { type: 'string' } },
  async run(input) {
    const db = stringOpt(input, 'db') ?? DEMO_DB;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    return withCliContext({ db, team: stringOpt(input, 'team') }, async (cli) => {
    const { ctx, team } = cli;
    // The last full week before today, so the demo looks like this Monday's digest.
    const endWeek = addWeeks(weekOfInstant(new Date(), team.timezone), -1);
    const book = simulateBook({ seed: Number(stringOpt(input, 'seed') ?? 7), endWeek });
    const result = importRecords(ctx.repos, { name: 'demo.jsonl', text: book.records.map((r) => JSON.stringify(r)).join('\n') }, { teamId: team.id, template: ctx.settings.template });
    for (const person of SUPPORT_STAFF) ctx.repos.teams.upsertMember({ teamId: team.id, ...person });
    const reps = ctx.repos.teams.listMembers(team.id).filter((m) => m.role === 'rep').length;
    process.stderr.write(`demo: ${reps} reps, ${ctx.repos.customers.listCustomers(team.id).length} customers, ${result.records} weekly entries (${book.weeks[0]} … ${endWeek}) → ${db}\n\n`);
    const locale = localeOpt(input, team.locale);
    process.stdout.write(printCard(digestCard(cliDigest(cli, endWeek), locale, teamTagLabels(ctx.settings))));
    process.stdout.write(`\nTry:\n  npm run radar -- flags --db ${db}\n  npm run radar -- ask "top 5 risks" --db ${db}\n  npm run radar -- ask "逾期超过30天的客户" --db ${db}\n  npm run radar -- tasks --db ${db}\n  npm run radar -- simulate --seed 7\n`);
    return 0;
    });
  },
};
