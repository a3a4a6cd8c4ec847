// The `radar` bin and the file-handling edges of the CLI (import/export), run as a user runs them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each spawn starts Node and tsx: on a busy machine that is seconds.
const SLOW = { timeout: 180_000 };
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
  it('is the bin package.json declares, and runs the CLI', SLOW, () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(resolve(ROOT, pkg.bin.radar!)).toBe(BIN);
    const r = radar(['help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toMatch(/radar — 周报雷达/);
    expect(r.out).toMatch(/import/);
  });

  it('refuses a database migrated by a newer sales-radar with one clear line', SLOW, () => {
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

describe('radar import / export with real-world files', () => {
  const db = join(dir, 'files.sqlite');
  // 东方电气 and 蓝海物流 in GB18030, as Excel on Chinese Windows saves "CSV"; a typo in one column name.
  const gbk = Buffer.concat([
    Buffer.from('week,rep,customer,contacts,revenue,stage,revenu\r\n2026-W40,a@b.co,'), Buffer.from('b6abb7bdb5e7c6f8', 'hex'),
    Buffer.from(',1,100,live,5\r\n2026-W40,a@b.co,'), Buffer.from('c0b6baa3ceefc1f7', 'hex'), Buffer.from(',2,"=1+2",live,6\r\n'),
  ]);

  it('imports a GB18030 CSV, warning once about the unknown column', SLOW, () => {
    const file = join(dir, 'excel.csv');
    writeFileSync(file, gbk);
    const r = radar(['import', file, '--db', db]);
    expect(r.code, r.stderr).toBe(1);
    // "=1+2" is no amount: named, nothing written; the warning and the encoding are said anyway.
    expect(r.stderr).toContain('excel.csv:3: revenue:');
    const fixed = join(dir, 'excel-fixed.csv');
    writeFileSync(fixed, Buffer.from(gbk.toString('latin1').replace('"=1+2"', '200'), 'latin1'));
    const ok = radar(['import', fixed, '--db', db]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.out).toMatch(/imported 2 records .*2 new customers/);
    expect(ok.stderr).toContain('warning: unknown column ignored: revenu (did you mean revenue?)');
    expect(ok.stderr).toContain('not UTF-8, read as GB18030');
  });

  it('exports CSV to stdout with a BOM for Excel (--no-bom drops it), and refuses --out onto the database', SLOW, () => {
    const withBom = radar(['export', '--week', '2026-W40', '--db', db]);
    expect(withBom.code, withBom.stderr).toBe(0);
    expect([...withBom.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.out).toContain('东方电气');
    const noBom = radar(['export', '--week', '2026-W40', '--no-bom', '--db', db]);
    expect(noBom.out.startsWith('week,rep,')).toBe(true);
    const refused = radar(['export', '--week', '2026-W40', '--out', db, '--format', 'csv', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^radar: refusing to write .*files\.sqlite: it is the open database/);
    const check = radar(['db', 'check', '--db', db]);
    expect(check.code, check.stderr + check.out).toBe(0);
  });
});
