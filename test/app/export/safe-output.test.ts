// `radar export --out` must never overwrite a database, and never leave a half-written file.
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { OutputRefusedError, writeFileSafely } from '../../../src/app/export/safe-output.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';

const dir = mkdtempSync(join(tmpdir(), 'radar-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const seed = '{"week":"2026-W40","rep":"a@b.co","customer":"华星科技","contacts":1,"revenue":1,"stage":"live"}';

describe('export --out', () => {
  it('refuses the open database, its -wal/-shm files, a hard link or symlink to it, and any other SQLite file', async () => {
    const dbPath = join(dir, 'radar.sqlite');
    const db = openDb(dbPath);
    const repos = createRepositories(db);
    const { teamId } = importRecords(repos, { name: 's.jsonl', text: seed });
    const before = readFileSync(dbPath);
    const other = join(dir, 'other.db');
    openDb(other).close();
    linkSync(dbPath, join(dir, 'hard.csv'));
    symlinkSync(dbPath, join(dir, 'soft.xlsx'));
    writeFileSync(join(dir, 'disguised.csv'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]));
    const targets = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, join(dir, 'hard.csv'), join(dir, 'soft.xlsx'), other, join(dir, 'disguised.csv')];
    for (const target of targets) {
      for (const format of ['csv', 'xlsx'] as const) {
        await expect(exportWeek(repos, teamId, '2026-W40', format, target, { protect: [db.path] }), target).rejects.toBeInstanceOf(OutputRefusedError);
      }
    }
    db.close();
    // Nothing was written: the database reopens with its data.
    expect(readFileSync(dbPath).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(before.length).toBeGreaterThan(0);
    const again = openDb(dbPath);
    expect(createRepositories(again).customers.listCustomers(teamId).map((c) => c.name)).toEqual(['华星科技']);
    again.close();
  });

  it('replaces an earlier export whole, through a temporary file in the same folder', async () => {
    const db = openDb(':memory:');
    const repos = createRepositories(db);
    const { teamId } = importRecords(repos, { name: 's.jsonl', text: seed });
    const out = join(dir, 'exports', 'w40.csv');
    await exportWeek(repos, teamId, '2026-W40', 'csv', out);
    writeFileSync(out, 'old content that is much longer than nothing '.repeat(1000));
    await exportWeek(repos, teamId, '2026-W40', 'csv', out);
    expect(readFileSync(out, 'utf8')).toMatch(/^\ufeffweek,rep,/);
    expect(readFileSync(out, 'utf8')).not.toContain('old content');
    expect(readdirSync(join(dir, 'exports'))).toEqual(['w40.csv']);
    db.close();
  });

  it('a failed write leaves the old file and no temporary file behind', async () => {
    const out = join(dir, 'keep.csv');
    writeFileSync(out, 'good');
    await expect(writeFileSafely(out, [], async (temp) => {
      writeFileSync(temp, 'half');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(readFileSync(out, 'utf8')).toBe('good');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(existsSync(out)).toBe(true);
  });
});
