// The command table (wiring only).
import type { Command } from './command.js';
import { askCommand } from './ask.command.js';
import { chartCommand } from './chart.command.js';
import { customersCommand } from './customers.command.js';
import { cycleCommand } from './cycle.command.js';
import { dbCommand } from './db.command.js';
import { demoCommand } from './demo.command.js';
import { digestCommand } from './digest.command.js';
import { exportCommand } from './export.command.js';
import { flagsCommand } from './flags.command.js';
import { importCommand } from './import.command.js';
import { membersCommand } from './members.command.js';
import { simulateCommand } from './simulate.command.js';
import { tasksCommand } from './tasks.command.js';
import { linkCommand } from './link.command.js';
import { serveCommand } from './serve.command.js';

export const COMMANDS: readonly Command[] = [
  importCommand, flagsCommand, digestCommand, askCommand, tasksCommand, exportCommand, membersCommand, customersCommand, simulateCommand, demoCommand, cycleCommand, dbCommand, chartCommand,
  serveCommand, linkCommand,
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'radar — 周报雷达 sales-radar command line',
    '',
    'usage: npm run radar -- <command> [options]   (every command takes --db PATH; default $RADAR_DB or ./data/radar.sqlite)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `npm run radar -- <command> --help` for its options.',
    '',
  ].join('\n');
}
