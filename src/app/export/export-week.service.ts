// `radar export --week W --format csv|xlsx`: a week's entries with their scores, as RFC 4180 CSV
// (same column names as the import) or as an Excel workbook.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportTemplate } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Repositories } from '../ports/repositories.port.js';
import { csvRow } from '../import/csv.js';
import { weekRows, type WeekExport } from './week-rows.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportOptions {
  template?: ReportTemplate;
  /** Start CSV with a UTF-8 BOM so Excel shows Chinese correctly. Default: true for a path, false for a stream. */
  bom?: boolean;
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

function buildWorkbook(data: WeekExport): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'sales-radar';
  const sheet = workbook.addWorksheet(data.week, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = data.columns.map((name) => ({
    header: name,
    key: name,
    width: name === 'notes' || name === 'reason' ? 48 : name === 'customer' || name === 'rep' ? 26 : Math.max(10, name.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: data.columns.length } };
  const gradeCol = data.columns.indexOf('grade') + 1;
  for (const row of data.rows) {
    const added = sheet.addRow(row);
    const grade = row[gradeCol - 1];
    const fill = typeof grade === 'string' ? GRADE_FILL[grade] : undefined;
    if (fill) {
      const cell = added.getCell(gradeCol);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    }
  }
  return workbook;
}

/** Export one week. `out` is a file path (folders created) or a stream (e.g. process.stdout for CSV). */
export async function exportWeek(
  repos: Repositories, teamId: number, week: WeekId, format: ExportFormat, out: Writable | string, options: ExportOptions = {},
): Promise<ExportResult> {
  const data = weekRows(repos, teamId, week, options.template);
  if (typeof out === 'string') await mkdir(dirname(out), { recursive: true });
  if (format === 'xlsx') {
    const workbook = buildWorkbook(data);
    if (typeof out === 'string') await workbook.xlsx.writeFile(out);
    else await workbook.xlsx.write(out);
  } else if (typeof out === 'string') {
    const stream = createWriteStream(out);
    await writeCsv(data, stream, options.bom ?? true);
    stream.end();
    await once(stream, 'finish');
  } else {
    await writeCsv(data, out, options.bom ?? false);
  }
  return { rows: data.rows.length, columns: data.columns };
}
