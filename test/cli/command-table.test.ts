// The lazily loaded command table and the compiled entry point (`npx radar`, `npm run radar`).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, usage } from '../../src/cli/commands/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('command table', () => {
  it('loads, for every entry, the command of that name', async () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(12);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toContain(`radar ${entry.name}`);
    }
  });

  it('lists every command with its summary in help, without loading any', () => {
    const text = usage();
    for (const entry of COMMANDS) expect(text).toMatch(new RegExp(`\\n  ${entry.name}\\s+${entry.summary.slice(0, 20).replace(/[()|.*+?[\]]/g, '\\$&')}`));
  });
});

describe('bin/radar.mjs', () => {
  it('runs the command line from compiled JavaScript and leaves dist/ up to date', () => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, LOG_LEVEL: 'warn' };
    const help = spawnSync(process.execPath, [join(ROOT, 'bin/radar.mjs'), 'help'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('radar — 周报雷达');
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/radar.mjs'), 'flags', '--lang', 'xx'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang: unknown language "xx"');
    // After a run, the compiled tree is at least as new as every source, so the next start skips the compile.
    const fresh = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./bin/compile.mjs'); console.log(m.isFresh())"], { cwd: ROOT, env, encoding: 'utf8' });
    expect(fresh.stdout.trim()).toBe('true');
  }, 180_000);
});
