// The scorer's input rows of one week packed by column (table score_inputs), and read back as an EntryRun:
// scoring a week then reads its window's earlier weeks as a few dozen blobs instead of ~500,000 rows
// (better-sqlite3 builds a JS value per column per row: ~1 s for a 20,000-customer window on its own).
//
// Format: [u32 LE header length][header JSON][padding to 8][columns]. The header names each column's
// encoding and byte offset (from the start of the columns), and holds the string columns' dictionaries.
// Numeric columns take the narrowest exact form: none (all null), u8 / i16 / i32 with a null sentinel, or
// f64 with NaN as null (SQLite stores no NaN). String columns are dictionary codes (0 = null). A week
// whose values are not all of their column's type (a text in a numeric column) is not packed: the caller
// reads its rows as they are. Decoded, every numeric column is a Float64Array and every string column an
// array of the dictionary's strings, so a row's values are one object built on demand.
import type { EntryRun } from '../../core/customer-risk/score-week.js';
import type { ScoredEntry } from '../../core/customer-risk/types.js';
import type { CustomValues, EntryValues } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';

/** The packed columns, in the order of the raw rows given to packWeek (after id and week). */
export const PACKED_COLUMNS = [
  ['customer_id', 'num'], ['rep_id', 'num'],
  ['contacts', 'num'], ['last_contact', 'str'], ['revenue', 'num'], ['receivable', 'num'], ['overdue_days', 'num'],
  ['complaints', 'num'], ['complaint_type', 'str'], ['requirement_changes', 'num'], ['faults', 'num'], ['usage', 'str'],
  ['stage', 'str'], ['expected_close', 'str'], ['health', 'str'], ['collected', 'num'], ['payment_term_days', 'num'],
  ['carried', 'num'], ['custom', 'str'],
] as const;
/** SELECT of a week's rows as packWeek reads them: id, week, then PACKED_COLUMNS. */
export const PACK_SELECT = `SELECT id, week, ${PACKED_COLUMNS.map(([c]) => c).join(', ')} FROM entries`;

type Encoding = 'none' | 'u8' | 'i16' | 'i32' | 'f64' | 's8' | 's16' | 's32';
interface ColumnHeader { e: Encoding; o: number; d?: string[] }
interface Header { v: 1; n: number; c: ColumnHeader[] }

const NULL_U8 = 255;
const NULL_I16 = -32768;
const NULL_I32 = -2147483648;
const FORMAT = 1;

const align8 = (n: number): number => (n + 7) & ~7;

/** Packs one week's raw rows (PACK_SELECT order); null when a value does not fit its column's type. */
export function packWeek(rows: ReadonlyArray<readonly unknown[]>): Buffer | null {
  const n = rows.length;
  const headers: ColumnHeader[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (let c = 0; c < PACKED_COLUMNS.length; c++) {
    const at = c + 2;
    const kind = PACKED_COLUMNS[c]![1];
    let bytes: Uint8Array;
    let header: ColumnHeader;
    if (kind === 'num') {
      let min = Infinity, max = -Infinity, integral = true, any = false;
      for (let i = 0; i < n; i++) {
        const v = rows[i]![at];
        if (v === null) continue;
        if (typeof v !== 'number' || Number.isNaN(v)) return null;
        any = true;
        if (v < min) min = v;
        if (v > max) max = v;
        if (integral && (!Number.isInteger(v) || Object.is(v, -0))) integral = false;
      }
      const e: Encoding = !any ? 'none' : !integral ? 'f64' : min >= 0 && max < NULL_U8 ? 'u8'
        : min > NULL_I16 && max <= 32767 ? 'i16' : min > NULL_I32 && max <= 2147483647 ? 'i32' : 'f64';
      header = { e, o: offset };
      if (e === 'none') bytes = new Uint8Array(0);
      else {
        const a = e === 'u8' ? new Uint8Array(n) : e === 'i16' ? new Int16Array(n) : e === 'i32' ? new Int32Array(n) : new Float64Array(n);
        const nul = e === 'u8' ? NULL_U8 : e === 'i16' ? NULL_I16 : e === 'i32' ? NULL_I32 : NaN;
        for (let i = 0; i < n; i++) {
          const v = rows[i]![at] as number | null;
          a[i] = v === null ? nul : v;
        }
        bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      }
    } else {
      const dict = new Map<string, number>();
      const codes = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const v = rows[i]![at];
        if (v === null) continue;
        if (typeof v !== 'string') return null;
        let k = dict.get(v);
        if (k === undefined) dict.set(v, (k = dict.size + 1));
        codes[i] = k;
      }
      const e: Encoding = dict.size === 0 ? 'none' : dict.size < 256 ? 's8' : dict.size < 65536 ? 's16' : 's32';
      header = { e, o: offset, ...(e === 'none' ? {} : { d: [...dict.keys()] }) };
      const a = e === 'none' ? new Uint8Array(0) : e === 's8' ? Uint8Array.from(codes) : e === 's16' ? Uint16Array.from(codes) : codes;
      bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    }
    headers.push(header);
    parts.push(bytes);
    offset = align8(offset + bytes.byteLength);
  }
  const head = Buffer.from(JSON.stringify({ v: FORMAT, n, c: headers } satisfies Header), 'utf8');
  const start = align8(4 + head.byteLength);
  const out = Buffer.alloc(start + offset);
  out.writeUInt32LE(head.byteLength, 0);
  head.copy(out, 4);
  for (let c = 0; c < parts.length; c++) out.set(parts[c]!, start + headers[c]!.o);
  return out;
}

const NO_CUSTOM: CustomValues = Object.freeze({});

/** A custom column's text as values: nothing, '' and '{}' are none (one shared empty object). */
export function readCustom(raw: unknown): CustomValues {
  if (typeof raw !== 'string' || raw === '' || raw === '{}') return NO_CUSTOM;
  return JSON.parse(raw) as CustomValues;
}
export const isNoCustom = (c: CustomValues): boolean => c === NO_CUSTOM;

type Codes = Uint8Array | Uint16Array | Uint32Array;
type Numbers = Uint8Array | Int16Array | Int32Array | Float64Array;
const ALL_NULL = new Uint8Array(0);

/** One packed week, read by position (columns are read where they lie: nothing is unpacked up front). */
export class PackedWeek implements EntryRun {
  readonly length: number;
  // Per column: its typed array and null sentinel (numbers), or its codes and dictionary (strings).
  private readonly arrays: Array<Numbers | Codes>;
  private readonly nulls: number[];
  private readonly dicts: Array<readonly string[]>;
  private readonly parsed: Array<CustomValues | undefined>;

  /** `custom`: rows' values carry their custom fields (as scoringRowsInRange's `{ custom: true }`). */
  constructor(private readonly weekId: WeekId, data: Uint8Array, private readonly withCustom: boolean) {
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const headLength = view.readUInt32LE(0);
    const header = JSON.parse(view.toString('utf8', 4, 4 + headLength)) as Header;
    if (header.v !== FORMAT || header.c.length !== PACKED_COLUMNS.length) throw new RangeError(`score_inputs: unknown packing (format ${header.v})`);
    const n = header.n;
    const start = align8(4 + headLength);
    // Typed views need aligned offsets: a blob that does not start on 8 bytes is copied once.
    const bytes = (data.byteOffset + start) % 8 === 0 ? data : new Uint8Array(data);
    const base = bytes.byteOffset + start;
    this.length = n;
    this.parsed = withCustom ? new Array<CustomValues | undefined>(n) : [];
    this.arrays = [];
    this.nulls = [];
    this.dicts = [];
    for (const h of header.c) {
      const at = base + h.o;
      const b = bytes.buffer;
      // An all-null column reads index 0 of an empty array: undefined, never equal to a value.
      this.arrays.push(h.e === 'none' ? ALL_NULL : h.e === 'u8' || h.e === 's8' ? new Uint8Array(b, at, n) : h.e === 'i16' ? new Int16Array(b, at, n)
        : h.e === 's16' ? new Uint16Array(b, at, n) : h.e === 'i32' ? new Int32Array(b, at, n) : h.e === 's32' ? new Uint32Array(b, at, n) : new Float64Array(b, at, n));
      this.nulls.push(h.e === 'u8' ? NULL_U8 : h.e === 'i16' ? NULL_I16 : h.e === 'i32' ? NULL_I32 : NaN);
      this.dicts.push(h.d ?? []);
    }
  }

  private n(c: number, i: number): number | null {
    const v = this.arrays[c]![i];
    return v === undefined || v === this.nulls[c] || v !== v ? null : v;
  }

  private s<T extends string>(c: number, i: number): T | null {
    const k = this.arrays[c]![i];
    return k === undefined || k === 0 ? null : (this.dicts[c]![k - 1] as T);
  }

  week(): WeekId { return this.weekId; }
  customerId(i: number): number { return this.arrays[0]![i]!; }
  repId(i: number): number | null { return this.n(1, i); }
  contacts(i: number): number | null { return this.n(2, i); }
  revenue(i: number): number | null { return this.n(4, i); }
  carried(i: number): boolean { return this.arrays[17]![i] === 1; }

  /** The row's values as scoringRowsInRange gives them (notes null; custom only when asked for and present). */
  values(i: number): ScoredEntry {
    const v: EntryValues & { custom?: CustomValues } = {
      contacts: this.n(2, i),
      lastContact: this.s(3, i),
      revenue: this.n(4, i),
      receivable: this.n(5, i),
      overdueDays: this.n(6, i),
      complaints: this.n(7, i),
      complaintType: this.s(8, i),
      requirementChanges: this.n(9, i),
      faults: this.n(10, i),
      usage: this.s(11, i),
      stage: this.s(12, i),
      expectedClose: this.s(13, i),
      health: this.s(14, i),
      collected: this.n(15, i),
      paymentTermDays: this.n(16, i),
      notes: null,
    };
    if (this.withCustom) {
      let custom = this.parsed[i];
      if (custom === undefined) {
        const raw = this.s(18, i);
        this.parsed[i] = custom = raw === null ? NO_CUSTOM : readCustom(raw);
      }
      if (custom !== NO_CUSTOM) v.custom = custom;
    }
    return v;
  }
}
