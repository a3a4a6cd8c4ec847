// Writing an export file without ever destroying a database: `--out` must not name the open database,
// its -wal/-shm/-journal files (by path or by inode: hard links, symlinks), nor any SQLite file at all;
// and the file is written to a temporary name in the same folder and renamed, so a failed or interrupted
// export never leaves a half-written file where a good one was.
import { closeSync, existsSync, openSync, readSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';

export class OutputRefusedError extends AppError {
  declare readonly code: 'output_refused';
  constructor(message: string, userMessage: LocalizedText) {
    super('output_refused', message, { userMessage });
    this.name = 'OutputRefusedError';
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
// A WAL file starts with 0x377f0682 or 0x377f0683 (big-endian); a rollback journal with d9d505f920a163d7.
const WAL_MAGIC = [0x377f0682, 0x377f0683];
const JOURNAL_MAGIC = Buffer.from('d9d505f920a163d7', 'hex');

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** What the bytes at `path` are, when they belong to SQLite. */
function sqliteKind(path: string): string | null {
  const b = head(path);
  if (b.length >= 16 && b.equals(SQLITE_HEADER)) return 'an SQLite database';
  if (b.length >= 4 && WAL_MAGIC.includes(b.readUInt32BE(0))) return 'an SQLite write-ahead log';
  if (b.length >= 8 && b.subarray(0, 8).equals(JOURNAL_MAGIC)) return 'an SQLite journal';
  return null;
}

const refuse = (target: string, why: string, whyZh: string) =>
  new OutputRefusedError(`refusing to write ${target}: ${why}`, text(`拒绝写入 ${target}：${whyZh}`, `Refusing to write ${target}: ${why}`));

/** Throws OutputRefusedError when `target` must not be written. `protect`: open database paths. */
export function assertSafeOutput(target: string, protect: readonly string[] = []): void {
  const full = resolve(target);
  const guarded = protect.filter((p) => !p.startsWith(':')).flatMap((p) => {
    const db = resolve(p);
    return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`];
  });
  if (guarded.includes(full)) throw refuse(target, 'it is the open database (or one of its files)', '这是正在使用的数据库（或其文件）');
  if (!existsSync(full)) return;
  const st = statSync(full);
  if (!st.isFile()) throw refuse(target, 'it is not a regular file', '不是普通文件');
  for (const g of guarded) {
    if (!existsSync(g)) continue;
    const other = statSync(g);
    if (other.ino === st.ino && other.dev === st.dev) throw refuse(target, 'it is the open database (the same file under another name)', '这是正在使用的数据库（同一文件的另一个名字）');
  }
  const kind = sqliteKind(full);
  if (kind) throw refuse(target, `it is ${kind}; give another file name`, '该文件是 SQLite 数据库文件，请换一个文件名');
}

/** Check the target, write through `write(tempPath)` in the same folder, then rename over the target. */
export async function writeFileSafely(target: string, protect: readonly string[], write: (tempPath: string) => Promise<void>): Promise<void> {
  assertSafeOutput(target, protect);
  const full = resolve(target);
  await mkdir(dirname(full), { recursive: true });
  const temp = join(dirname(full), `.${basename(full)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await write(temp);
    renameSync(temp, full);
  } catch (err) {
    if (existsSync(temp)) unlinkSync(temp);
    throw err;
  }
}
