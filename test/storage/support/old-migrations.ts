// A copy of the migrations folder as it was before one migration: to build an older database and
// check that opening it with today's code keeps its data.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../../src/storage/migrate.js';

const dirs: string[] = [];

/** Remove every folder made by migrationsBefore / scratchDir (call in afterEach). */
export function removeScratchDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The migrations folder without `tag` and every later migration (`tag` must exist today). */
export function migrationsBefore(tag: string): string {
  const dir = scratchDir('radar-mig-');
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  expect(journal.entries.some((e) => e.tag === tag)).toBe(true);
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}
