// `radar export --week W --format csv|xlsx`: a week's entries with their scores, as RFC 4180 CSV
// (same column names as the import) or as an Excel workbook: a sheet for people (headers and values in
// their language) and an `ids` sheet with the import contract, which `radar import` reads back.
// Text cells that a spreadsheet would run as formulas are neutralised (a leading ', see csv.ts).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../core/i18n.js';
import type { ReportTemplate } from '../../core/weekly-report/template.js';
import { ID_SHEET } from '../../core/weekly-report/columns.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Repositories } from '../ports/repositories.port.js';
import { csvRow, neutralizeFormula } from '../import/csv.js';
import { writeFileSafely } from './safe-output.js';
import { localizeRows, weekRows, type Cell, type WeekExport } from './week-rows.js';
import type { TagLabels } from '../shared/view-text.js';


export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  template?: ReportTemplate;
  /** Start CSV with a UTF-8 BOM so Excel shows Chinese correctly. Default true. */
  bom?: boolean;
  /** Language of the people's sheet and of the reasons. Default: the team's. */
  locale?: Locale;
  /** Files an output path must never be (the open database): see safe-output.ts. */
  protect?: readonly string[];
  /** The team's tag names for the people's sheet (teamTagLabels of its settings). Default: built-in only. */
  tagLabels?: TagLabels;
}

export interface ExportResult {
  rows: number;
  columns: string[];
}

const GRADE_FILL: Record<string, string> = { A: 'FFF5222D', B: 'FFFA8C16' };

async function writeCsv(data: WeekExport, out: Writable, bom: boolean): Promise<void> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`${bom ? '\ufeff' : ''}${csvRow(data.columns)}`);
  // Batch rows so a 20,000-row week is a few hundred writes, not 20,000.
  let batch = '';
  for (const row of data.rows) {
    batch += csvRow(row);
    if (batch.length > 64 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  if (batch) await write(batch);
}

const safeCells = (row: readonly Cell[]): Cell[] => row.map((c) => (typeof c === 'string' ? neutralizeFormula(c) : c));

function addSheet(workbook: ExcelJS.Workbook, name: string, ids: readonly string[], headers: readonly string[], rows: readonly Cell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ids.map((id, i) => ({
    header: headers[i]!,
    key: id,
    width: id === 'notes' || id === 'reason' ? 48 : id === 'customer' || id === 'rep' ? 26 : Math.max(10, headers[i]!.length * 2 + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ids.length } };
  const gradeCol = ids.indexOf('grade') + 1;
  for (const row of rows) {
    const added = sheet.addRow(safeCells(row));
    const grade = row[gradeCol - 1];
    const fill = typeof grade === 'string' ? GRADE_FILL[grade] : undefined;
    if (fill) {
      const cell = added.getCell(gradeCol);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    }
  }
}

function buildWorkbook(data: WeekExport, template: ReportTemplate | undefined, tags: TagLabels | undefined): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sales-radar';
  const people = localizeRows(data, template, tags);
  addSheet(workbook, data.week, data.columns, people.columns, people.rows);
  addSheet(workbook, ID_SHEET, data.columns, data.columns, data.rows);
  return workbook;
}

/** Export one week. `out` is a file path (folders created) or a stream (e.g. process.stdout for CSV). */
export async function exportWeek(
  repos: Repositories, teamId: number, week: WeekId, format: ExportFormat, out: Writable | string, options: ExportOptions = {},
): Promise<ExportResult> {
  const data = weekRows(repos, teamId, week, options.template, options.locale);
  const bom = options.bom ?? true;
  if (format === 'xlsx') {
    const workbook = buildWorkbook(data, options.template, options.tagLabels);
    if (typeof out === 'string') await writeFileSafely(out, options.protect ?? [], (temp) => workbook.xlsx.writeFile(temp));
    else await workbook.xlsx.write(out);
  } else if (typeof out === 'string') {
    await writeFileSafely(out, options.protect ?? [], async (temp) => {
      const stream = createWriteStream(temp);
      const failed = once(stream, 'error').then(([err]) => { throw err; });
      void failed.catch(() => undefined); // raced below; an error after the finish is no one's
      await Promise.race([writeCsv(data, stream, bom), failed]);
      stream.end();
      await Promise.race([once(stream, 'finish'), failed]);
    });
  } else {
    await writeCsv(data, out, bom);
  }
  return { rows: data.rows.length, columns: data.columns };
}
