#!/usr/bin/env node
// `radar` — the command line: import history, score, print digests, answer questions, run the cycle.
// stdout carries results only (JSON or tables); logs and progress go to stderr.
import { parseArgs } from 'node:util';
import { CliError, cliLocale, radarErrorText } from './cli-error.js';
import { COMMANDS, usage } from './commands/index.js';
import { ConfigError, loadDotEnv } from '../config/env.js';
import { RadarError } from '../core/errors.js';

// `radar flags | head -1`: the reader went away. That is the reader's choice, not a failure: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new CliError(`unknown command "${name}". Run \`npm run radar -- help\` for the list.`);
  const command = await entry.load();
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...command.options, db: { type: 'string' }, team: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run({ values: values as Record<string, string | boolean | string[] | undefined>, positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`radar: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    // A bad .env, environment variable or RADAR_CONFIG file: say what to fix, not "unexpected error".
    if (err instanceof ConfigError) {
      process.stderr.write(`radar: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    const e = err as { code?: string; message?: string };
    // Argument errors from parseArgs carry a code; show them as usage problems.
    if (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`radar: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    // A database from a newer version (or a failed migration) is a clear, expected refusal, not a crash.
    if (err instanceof Error && err.name === 'MigrationError') {
      process.stderr.write(`radar: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    // Our own errors say what happened in the operator's language, then (in English) the code and detail.
    if (err instanceof RadarError) {
      process.stderr.write(radarErrorText(err, cliLocale(process.argv.slice(2), process.env)));
      if (process.env.RADAR_DEBUG) console.error(err);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`radar: unexpected error: ${e?.message ?? String(err)}\n`);
    if (process.env.RADAR_DEBUG) console.error(err);
    process.exitCode = 1;
  },
);
