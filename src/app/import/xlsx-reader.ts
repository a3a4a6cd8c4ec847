// `radar import FILE.xlsx`: the first sheet (same header contract as CSV: ids or labels), or the `ids`
// sheet when the workbook has one (our own export: its first sheet is for people). Read with exceljs'
// streaming reader, row by row, so a big workbook is never held whole in memory.
import ExcelJS from 'exceljs';
import { text } from '../../core/i18n.js';
import { ID_SHEET } from '../../core/weekly-report/columns.js';
import type { Repositories } from '../ports/repositories.port.js';
import { restoreFormula } from './csv.js';
import { expectation } from './import-record.schema.js';
import { checkSource, ImportError, ImportRun, type ImportOptions, type ImportResult } from './import-records.service.js';
import { importRecords } from './import-records.service.js';
import { sourceSize } from './line-reader.js';
import { formatFromName, headerIds, ImportFormatError } from './record-reader.js';


/** A cell as text, the way CSV would have it: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if ('result' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return null;
  }
  return String(value);
}

type SheetRows = AsyncIterable<{ number: number; values: unknown }>;

async function readSheet(run: ImportRun, rows: SheetRows): Promise<void> {
  let header: string[] | null = null;
  for await (const row of rows) {
    const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
    const cells = values.map((v) => cellText(v));
    if (!header) {
      if (cells.every((c) => c === null || c.trim() === '')) continue;
      header = headerIds(cells.map((c) => c ?? ''), row.number, run.columns);
      continue;
    }
    if (cells.every((c) => c === null || c.trim() === '')) continue;
    const raw: Record<string, unknown> = {};
    header.forEach((id, i) => {
      const c = cells[i] ?? null;
      if (id !== '') raw[id] = c === null || c === '' ? null : restoreFormula(c);
    });
    run.add({ line: row.number, raw, bytesRead: 0 });
  }
  if (!header) throw new ImportFormatError(1, { field: '(header)', expected: expectation(text('表头行（工作表为空）', 'a header row (the sheet is empty)')) });
}

export async function importWorkbook(repos: Repositories, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  checkSource(path);
  const run = new ImportRun(repos, path, 'xlsx', null, options, sourceSize(path));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    });
    let read: string | null = null;
    try {
      for await (const sheet of reader) {
        const name = (sheet as unknown as { name?: string }).name ?? '';
        const isIds = name.toLowerCase() === ID_SHEET;
        if (read !== null && !isIds) continue;
        // The id sheet wins over a sheet for people read before it.
        if (read !== null) run.reset();
        read = name;
        run.sheet = name;
        await readSheet(run, sheet as unknown as SheetRows);
        if (isIds) break;
      }
    } catch (err) {
      if (err instanceof ImportFormatError || err instanceof ImportError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      throw new ImportError('unreadable', `${path}: not a readable xlsx workbook (${why})`, [], 0,
        text(`无法读取 xlsx 文件 ${path}（${why}）`, `Cannot read the xlsx workbook ${path} (${why})`), { cause: err });
    }
    if (read === null) run.fail(new ImportFormatError(1, { field: '(header)', expected: expectation(text('至少一个工作表', 'a workbook with a sheet')) }));
    return run.finish();
  } catch (err) {
    if (err instanceof ImportFormatError) run.fail(err);
    throw err;
  } finally {
    run.close();
  }
}

/** Any import file: xlsx through the workbook reader, JSON Lines / CSV through importRecords. */
export async function importFile(repos: Repositories, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const format = options.format ?? formatFromName(path);
  if (format === 'xlsx') return importWorkbook(repos, path, options);
  return importRecords(repos, path, options);
}
