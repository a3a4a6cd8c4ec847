// Turns an import source into raw records: JSON Lines (one object per line) or CSV with a header
// row. Which one: the caller's choice, else the file extension, else the first non-blank character.
// Column names may be the ids or the template's labels in either language (客户, 阶段 …): every record
// comes out keyed by ids; columns nobody knows are collected once, for a warning.
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';
import { resolveColumn } from '../../core/weekly-report/columns.js';
import type { ReportTemplate } from '../../core/weekly-report/template.js';
import { csvRecords, restoreFormula } from './csv.js';
import { expectation, type RecordIssue } from './import-record.schema.js';
import { LineReadError, readLines, sourceName, type ReadOptions, type ImportSource, type SourceLine } from './line-reader.js';

export type ImportFormat = 'jsonl' | 'csv' | 'xlsx';

export type RawRecord =
  | { line: number; raw: Record<string, unknown>; bytesRead: number }
  | { line: number; issues: RecordIssue[]; bytesRead: number };

/** The format from the extension, or null when it does not say. */
export function formatFromName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  return null;
}

export function detectFormat(source: ImportSource, options: ReadOptions = {}): ImportFormat {
  const byName = formatFromName(sourceName(source));
  if (byName) return byName;
  try {
    for (const { text: line } of readLines(source, options)) {
      const t = line.trim();
      if (t !== '') return t.startsWith('{') ? 'jsonl' : 'csv';
    }
  } catch (err) {
    if (!(err instanceof LineReadError)) throw err;
    // Unreadable: let the real read report it with its line.
  }
  return 'jsonl';
}

export const REQUIRED_COLUMNS = ['week', 'rep', 'customer'];

/** Fatal problems with the file as a whole (no header, missing columns, unreadable bytes). */
export class ImportFormatError extends AppError {
  declare readonly code: 'import_bad_format';
  constructor(readonly line: number, readonly issue: RecordIssue) {
    super('import_bad_format', issue.expected.en, {
      userMessage: text(`第 ${line} 行：${issue.field}：${issue.expected.zh}`, `line ${line}: ${issue.field}: ${issue.expected.en}`),
    });
    this.name = 'ImportFormatError';
  }
}

/** Header names → column ids, cached; remembers the names it could not place (in order of first sight). */
export class ColumnResolver {
  private readonly cache = new Map<string, string | null>();
  readonly unknown: string[] = [];
  constructor(private readonly template: ReportTemplate) {}

  /** The name is a column id as it stands (a known column, resolved to itself). */
  isId(name: string): boolean {
    return this.resolve(name) === name;
  }

  resolve(name: string): string | null {
    let id = this.cache.get(name);
    if (id === undefined) {
      id = resolveColumn(this.template, name);
      this.cache.set(name, id);
      if (id === null && name.trim() !== '') this.unknown.push(name);
    }
    return id;
  }
}

function* jsonlRecords(lines: Iterable<SourceLine>, columns: ColumnResolver): Generator<RawRecord> {
  for (const { text: line, line: n, bytesRead } of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      yield { line: n, bytesRead, issues: [{ field: '(line)', expected: expectation(text(`一个 JSON 对象（${why}）`, `a JSON object (${why})`)) }] };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { line: n, bytesRead, issues: [{ field: '(line)', expected: expectation(text('一个 JSON 对象 {...}', 'a JSON object {...}')) }] };
      continue;
    }
    // Keys that are the column ids themselves (our own files, `radar simulate`): the object is the record.
    const obj = value as Record<string, unknown>;
    let asIs = true;
    for (const key in obj) {
      if (!columns.isId(key)) {
        asIs = false;
        break;
      }
    }
    if (asIs) {
      yield { line: n, bytesRead, raw: obj };
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(obj)) {
      const id = columns.resolve(key);
      if (id !== null && !(id in raw && key !== id)) raw[id] = v;
    }
    yield { line: n, bytesRead, raw };
  }
}

/** Check a header row and map it to column ids ('' for columns to skip). */
export function headerIds(cells: string[], line: number, columns: ColumnResolver): string[] {
  const ids = cells.map((f) => columns.resolve(f.trim()) ?? '');
  const missing = REQUIRED_COLUMNS.filter((c) => !ids.includes(c));
  if (missing.length > 0) {
    throw new ImportFormatError(line, {
      field: '(header)',
      expected: expectation(text(`表头须包含列：${missing.join(', ')}`, `a header row with the columns ${missing.join(', ')}`)),
    });
  }
  const dupAt = ids.findIndex((h, i) => h !== '' && ids.indexOf(h) !== i);
  if (dupAt !== -1) {
    const first = cells[ids.indexOf(ids[dupAt]!)]!.trim();
    const again = cells[dupAt]!.trim();
    const what = first === again ? `${again} appears twice` : `${first} and ${again} are both ${ids[dupAt]}`;
    const whatZh = first === again ? `${again} 出现两次` : `${first} 与 ${again} 都是 ${ids[dupAt]}`;
    throw new ImportFormatError(line, { field: '(header)', expected: expectation(text(`不重复的列名（${whatZh}）`, `unique column names (${what})`)) });
  }
  return ids;
}

function* csvRawRecords(lines: Iterable<SourceLine>, columns: ColumnResolver): Generator<RawRecord> {
  let bytesRead = 0;
  const tracked = (function* () {
    for (const l of lines) {
      bytesRead = l.bytesRead;
      yield l;
    }
  })();
  let header: string[] | null = null;
  for (const rec of csvRecords(tracked)) {
    if (!rec.ok && rec.fatal) throw new ImportFormatError(rec.line, { field: '(line)', expected: expectation(text(`合法的 CSV 行（${rec.problem}）`, `a valid CSV record (${rec.problem})`)) });
    if (!header) {
      if (!rec.ok) throw new ImportFormatError(rec.line, { field: '(header)', expected: expectation(text(`表头行（${rec.problem}）`, `a header row (${rec.problem})`)) });
      header = headerIds(rec.fields, rec.line, columns);
      continue;
    }
    if (!rec.ok) {
      yield { line: rec.line, bytesRead, issues: [{ field: '(line)', expected: expectation(text(`合法的 CSV 行（${rec.problem}）`, `a valid CSV record (${rec.problem})`)) }] };
      continue;
    }
    if (rec.fields.length !== header.length) {
      yield {
        line: rec.line, bytesRead,
        issues: [{ field: '(line)', expected: expectation(text(`${header.length} 列（实际 ${rec.fields.length} 列）`, `${header.length} columns (got ${rec.fields.length})`)) }],
      };
      continue;
    }
    const raw: Record<string, unknown> = {};
    // Empty cells are null, like a missing JSON value; a formula-neutralised cell gets its value back.
    header.forEach((name, i) => {
      if (name !== '') raw[name] = rec.fields[i] === '' ? null : restoreFormula(rec.fields[i]!);
    });
    yield { line: rec.line, bytesRead, raw };
  }
  if (!header) throw new ImportFormatError(1, { field: '(header)', expected: expectation(text('CSV 表头行（文件为空）', 'a CSV header row (the file is empty)')) });
}

/** Unreadable bytes and over-long lines stop the import, naming the line. */
function* guarded(records: Generator<RawRecord>): Generator<RawRecord> {
  try {
    yield* records;
  } catch (err) {
    if (!(err instanceof LineReadError)) throw err;
    const expected = err.kind === 'too_long'
      ? expectation(text(`不超过 1 MiB 的一行（${err.message}）`, `a line of at most 1 MiB (${err.message})`))
      : expectation(text(`UTF-8 或 GB18030 编码的文本（${err.message}）`, `UTF-8 or GB18030 text (${err.message})`));
    throw new ImportFormatError(err.line, { field: '(line)', expected });
  }
}

export function rawRecords(source: ImportSource, format: 'jsonl' | 'csv', columns: ColumnResolver, options: ReadOptions = {}): Generator<RawRecord> {
  const lines = readLines(source, options);
  return guarded(format === 'csv' ? csvRawRecords(lines, columns) : jsonlRecords(lines, columns));
}
