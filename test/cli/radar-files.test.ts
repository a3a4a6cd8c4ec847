// The `radar` bin and the file-handling edges of the CLI (import/export), run as a user runs them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/storage/db.js';
import { MIGRATIONS_FOLDER } from '../../src/storage/migrate.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/radar.mjs');
const dir = mkdtempSync(join(tmpdir(), 'radar-files-'));

/** Runs bin/radar.mjs exactly as `npx radar` does (the package's declared bin). */
function radar(args: string[], input?: string) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'buffer', timeout: 60_000, input });
  return { code: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

describe('bin/radar.mjs', () => {
  it('is the bin package.json declares, and runs the CLI', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(resolve(ROOT, pkg.bin.radar!)).toBe(BIN);
    const r = radar(['help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatch(/radar — 周报雷达/);
    expect(r.out).toMatch(/import/);
  });

  it('refuses a database migrated by a newer sales-radar with one clear line', () => {
    const folder = join(dir, 'newer-migrations');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<Record<string, unknown>> };
    journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now() + 60_000, tag: '9999_future', breakpoints: true });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(folder, '9999_future.sql'), 'CREATE TABLE `future_things` (`id` integer PRIMARY KEY);');
    const path = join(dir, 'newer.sqlite');
    openDb(path, { migrationsFolder: folder }).close();
    const r = radar(['flags', '--db', path]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^radar: this database was created by a newer sales-radar .*upgrade sales-radar/);
    expect(r.stderr).not.toMatch(/unexpected|\n\s+at /);
  });
});
