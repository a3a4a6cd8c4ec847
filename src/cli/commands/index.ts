// The command table (wiring only). Each command is loaded when it runs, so `radar help` and a
// command that needs little (flags) do not pay for the rest (the chat SDKs behind `cycle`, exceljs, …).
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  /** One line for `radar help`. */
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'import', summary: 'import weekly report history from JSON Lines, CSV or xlsx (one record per week, rep, customer)', load: async () => (await import('./import.command.js')).importCommand },
  { name: 'flags', summary: "a week's red-flag customers (grade A or B), highest index first", load: async () => (await import('./flags.command.js')).flagsCommand },
  { name: 'digest', summary: "the week's red-flag digest: who, why (with numbers), grade, who follows up", load: async () => (await import('./digest.command.js')).digestCommand },
  { name: 'ask', summary: 'ask about a customer or a list, in Chinese or English ("华星科技怎么样", "top 5 risks")', load: async () => (await import('./ask.command.js')).askCommand },
  { name: 'tasks', summary: 'follow-up tasks (active by default) with assignee, state and due date', load: async () => (await import('./tasks.command.js')).tasksCommand },
  { name: 'export', summary: "a week's entries with their scores, as CSV (stdout) or xlsx", load: async () => (await import('./export.command.js')).exportCommand },
  { name: 'teams', summary: 'the teams: list, add, or set a team\'s manager channel per platform, timezone and language', load: async () => (await import('./teams.command.js')).teamsCommand },
  { name: 'members', summary: 'the team: list, add or change people (role, away); chat accounts are matched by email', load: async () => (await import('./members.command.js')).membersCommand },
  { name: 'customers', summary: 'customers: list, or set owner, tier, region, industry and aliases (names people use when asking)', load: async () => (await import('./customers.command.js')).customersCommand },
  { name: 'simulate', summary: 'generate a realistic book with planted problems (JSON Lines) and measure the scorer on it', load: async () => (await import('./simulate.command.js')).simulateCommand },
  { name: 'demo', summary: 'build ./data/demo.sqlite from the simulator (a realistic team and history) and print the digest', load: async () => (await import('./demo.command.js')).demoCommand },
  { name: 'cycle', summary: 'run a step of the weekly cycle now (prompt | remind | digest | nudge) through the configured platforms', load: async () => (await import('./cycle.command.js')).cycleCommand },
  { name: 'db', summary: 'backup PATH (online, safe while the bot runs) | check (integrity)', load: async () => (await import('./db.command.js')).dbCommand },
  { name: 'chart', summary: 'draw a chart to PNG or SVG: trend|radar (one customer), heatmap|by-rep|portfolio (the team)', load: async () => (await import('./chart.command.js')).chartCommand },
  { name: 'link', summary: 'print a personal sign-in link to the web dashboard (看板), or revoke a member\'s links', load: async () => (await import('./link.command.js')).linkCommand },
  { name: 'serve', summary: 'serve the web dashboard (看板) without any chat platform; sign in with `radar link`', load: async () => (await import('./serve.command.js')).serveCommand },
  { name: 'ranking', summary: 'the team ranking: submission and on-time rate, streak, follow-ups resolved and recovered, revenue vs the period before', load: async () => (await import('./ranking.command.js')).rankingCommand },
  { name: 'review', summary: 'the monthly review (复盘): flags, follow-ups, outcomes by intervention, cases, the scorer\'s track record', load: async () => (await import('./review.command.js')).reviewCommand },
  { name: 'settings', summary: 'show, change (validated, logged), undo the stored settings; they override the config file', load: async () => (await import('./settings.command.js')).settingsCommand },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'radar — 周报雷达 sales-radar command line',
    '',
    'usage: npm run radar -- <command> [options]   (every command takes --db PATH, default $RADAR_DB or ./data/radar.sqlite, and --team NAME, default the only team)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run radar -- <command> --help` for its options.',
    '',
  ].join('\n');
}
