// Turns an import source into raw records: JSON Lines (one object per line) or CSV with a header
// row. Which one: the caller's choice, else the file extension, else the first non-blank character.
import { text } from '../../core/i18n.js';
import { csvRecords } from './csv.js';
import { expectation, type RecordIssue } from './import-record.schema.js';
import { readLines, sourceName, type ImportSource, type SourceLine } from './line-reader.js';

export type ImportFormat = 'jsonl' | 'csv';

export type RawRecord =
  | { line: number; raw: Record<string, unknown>; bytesRead: number }
  | { line: number; issues: RecordIssue[]; bytesRead: number };

/** The format from the extension, or null when it does not say. */
export function formatFromName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (/\.(jsonl|ndjson|json)$/.test(lower)) return 'jsonl';
  return null;
}

export function detectFormat(source: ImportSource): ImportFormat {
  const byName = formatFromName(sourceName(source));
  if (byName) return byName;
  for (const { text: line } of readLines(source)) {
    const t = line.trim();
    if (t !== '') return t.startsWith('{') ? 'jsonl' : 'csv';
  }
  return 'jsonl';
}

const REQUIRED_COLUMNS = ['week', 'rep', 'customer'];

/** Fatal problems with the file as a whole (no header, missing columns). */
export class ImportFormatError extends Error {
  constructor(readonly line: number, readonly issue: RecordIssue) {
    super(issue.expected.en);
    this.name = 'ImportFormatError';
  }
}

function* jsonlRecords(lines: Iterable<SourceLine>): Generator<RawRecord> {
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
    yield { line: n, bytesRead, raw: value as Record<string, unknown> };
  }
}

function* csvRawRecords(lines: Iterable<SourceLine>): Generator<RawRecord> {
  let bytesRead = 0;
  const tracked = (function* () {
    for (const l of lines) {
      bytesRead = l.bytesRead;
      yield l;
    }
  })();
  let header: string[] | null = null;
  for (const rec of csvRecords(tracked)) {
    if (!header) {
      if (!rec.ok) throw new ImportFormatError(rec.line, { field: '(header)', expected: expectation(text(`表头行（${rec.problem}）`, `a header row (${rec.problem})`)) });
      header = rec.fields.map((f) => f.trim());
      const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length > 0) {
        throw new ImportFormatError(rec.line, {
          field: '(header)',
          expected: expectation(text(`表头须包含列：${missing.join(', ')}`, `a header row with the columns ${missing.join(', ')}`)),
        });
      }
      const dup = header.find((h, i) => h !== '' && header!.indexOf(h) !== i);
      if (dup) throw new ImportFormatError(rec.line, { field: '(header)', expected: expectation(text(`不重复的列名（${dup} 出现两次）`, `unique column names (${dup} appears twice)`)) });
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
    // Empty cells are null, like a missing JSON value.
    header.forEach((name, i) => {
      if (name !== '') raw[name] = rec.fields[i] === '' ? null : rec.fields[i];
    });
    yield { line: rec.line, bytesRead, raw };
  }
  if (!header) throw new ImportFormatError(1, { field: '(header)', expected: expectation(text('CSV 表头行（文件为空）', 'a CSV header row (the file is empty)')) });
}

export function rawRecords(source: ImportSource, format: ImportFormat): Generator<RawRecord> {
  const lines = readLines(source);
  return format === 'csv' ? csvRawRecords(lines) : jsonlRecords(lines);
}
