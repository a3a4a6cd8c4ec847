// A small RFC 4180 CSV reader over lines: comma-separated, fields optionally in double quotes,
// "" inside quotes is a quote, quoted fields may span lines. Records are reported with the line
// they start on, so error messages can name it.
import type { SourceLine } from './line-reader.js';

export type CsvRecord =
  | { ok: true; line: number; fields: string[] }
  | { ok: false; line: number; problem: string; fatal?: boolean };

/** Longest record (a quoted field may span lines), in characters. */
export const MAX_RECORD_CHARS = 1 << 20;

/** Split CSV lines into records. Blank lines outside quotes are skipped. */
export function* csvRecords(lines: Iterable<SourceLine>, maxRecordChars = MAX_RECORD_CHARS): Generator<CsvRecord> {
  let size = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  let afterQuote = false;
  let startLine = 0;
  let broken: string | null = null;

  for (const { text, line } of lines) {
    if (inQuotes) {
      field += '\n';
      size += text.length + 1;
      // A quote that is never closed would swallow the rest of the file: bound the memory, name the line.
      if (size > maxRecordChars) {
        yield { ok: false, line: startLine, problem: `a record longer than ${Math.round(maxRecordChars / 1024)} KiB (a quote never closed?)`, fatal: true };
        return;
      }
    } else {
      size = text.length;
      if (text.trim() === '') continue;
      fields = [];
      field = '';
      atFieldStart = true;
      afterQuote = false;
      startLine = line;
      broken = null;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (inQuotes) {
        if (ch !== '"') field += ch;
        else if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        afterQuote = false;
      } else if (ch === '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
      } else {
        // RFC 4180: after a closing quote only a comma or the end of the record may follow.
        if (afterQuote) broken ??= `unexpected text after a closing quote (line ${line}, column ${i + 1})`;
        field += ch;
        atFieldStart = false;
      }
    }
    if (inQuotes) continue;
    fields.push(field);
    yield broken ? { ok: false, line: startLine, problem: broken } : { ok: true, line: startLine, fields };
  }
  if (inQuotes) yield { ok: false, line: startLine, problem: 'a quoted field is never closed' };
}

// OWASP "CSV injection": a cell starting with = + - @ TAB or CR runs as a formula in a spreadsheet. Such a
// cell is written with a leading ' (shown as text). So that every value round-trips, a value that already
// starts with ' followed by such a character is prefixed too; the importer removes exactly one ' from those.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets (numbers are never touched: -5 stays a number). */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of neutralizeFormula, applied to text cells of CSV and xlsx imports. */
export function restoreFormula(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Quote a value for CSV output when it needs it (comma, quote, line break, leading/trailing space). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: ReadonlyArray<string | number | null | undefined>): string => `${values.map(csvField).join(',')}\r\n`;
