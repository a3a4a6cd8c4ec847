// Reads an import source line by line, synchronously, in 1 MiB chunks, so a 100 MB file is never held
// whole in memory. Lines are split on the bytes (0x0A is never part of a multi-byte character in UTF-8 or
// GB18030), then each line is decoded on its own: a bad byte sequence or an over-long line is reported
// with its line number. Excel on Chinese Windows saves "CSV" as GBK/GB18030: in `auto` mode a file that is
// not valid UTF-8 (checked over the whole file, across chunk boundaries) is read as GB18030.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';

/** A file path, or text already in memory (stdin, tests) with a name for messages. */
export type ImportSource = string | { name: string; text: string };

export type SourceEncoding = 'utf8' | 'gb18030';
export type EncodingOption = SourceEncoding | 'auto';

export interface SourceLine {
  /** Line text without its line break. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** Bytes consumed so far (for progress). */
  bytesRead: number;
}

export interface ReadOptions {
  /** Default auto: UTF-8 when the whole file is valid UTF-8, else GB18030. */
  encoding?: EncodingOption;
  /** Longest line accepted, in bytes. Default 1 MiB. */
  maxLineBytes?: number;
  /** The encoding given was detected, not chosen (for the error message). */
  detected?: boolean;
}

/** A line that cannot be read: bytes that are no text in the encoding, or a line over the cap. */
export class LineReadError extends AppError {
  declare readonly code: 'line_bad_encoding' | 'line_too_long';
  constructor(readonly line: number, readonly kind: 'encoding' | 'too_long', message: string) {
    super(kind === 'encoding' ? 'line_bad_encoding' : 'line_too_long', message, {
      userMessage: kind === 'encoding'
        ? text(`第 ${line} 行不是所选编码的文本：请另存为 UTF-8 后再导入`, `${message}: save the file as UTF-8 and import it again`)
        : text(`第 ${line} 行过长：请检查文件是否为逐行记录`, `${message}: check that the file has one record per line`),
    });
    this.name = 'LineReadError';
  }
}

const CHUNK = 1 << 20;
export const MAX_LINE_BYTES = 1 << 20;

export const sourceName = (source: ImportSource): string => (typeof source === 'string' ? source : source.name);

/** Total size in bytes, for progress reporting. */
export function sourceSize(source: ImportSource): number {
  if (typeof source !== 'string') return Buffer.byteLength(source.text);
  const fd = openSync(source, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

function* chunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Where a chunk can be cut without splitting a UTF-8 sequence: before a lead byte in the last three
 * bytes whose sequence does not fit. (Invalid bytes are left where they are: the check says no.)
 */
function utf8Cut(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const b = bytes[i]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return bytes.length - i >= need ? bytes.length : i;
    }
  }
  return bytes.length;
}

/** The encoding of a file: utf8 when every byte of it is valid UTF-8 (streamed, chunk boundaries included), else gb18030. */
export function detectEncoding(path: string): SourceEncoding {
  let carry: Buffer = Buffer.alloc(0);
  for (const chunk of chunks(path)) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = utf8Cut(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return 'gb18030';
    carry = Buffer.from(bytes.subarray(cut));
  }
  return carry.length === 0 || isUtf8(carry) ? 'utf8' : 'gb18030';
}

/** The encoding a source will be read with. */
export function resolveEncoding(source: ImportSource, option: EncodingOption = 'auto'): SourceEncoding {
  if (typeof source !== 'string') return 'utf8';
  return option === 'auto' ? detectEncoding(source) : option;
}

const ENCODING_NAME: Record<SourceEncoding, string> = { utf8: 'UTF-8', gb18030: 'GB18030' };

export function* readLines(source: ImportSource, options: ReadOptions = {}): Generator<SourceLine> {
  const cap = options.maxLineBytes ?? MAX_LINE_BYTES;
  const tooLong = (line: number) => new LineReadError(line, 'too_long', `line ${line} is longer than ${Math.round(cap / 1024)} KiB`);
  let lineNo = 0;
  let first = true;
  const strip = (s: string) => {
    let t = s.endsWith('\r') ? s.slice(0, -1) : s;
    if (first) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    return t;
  };

  if (typeof source !== 'string') {
    const { text } = source;
    let start = 0;
    while (start <= text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      if (nl === -1 && start === text.length) break; // no empty line after a final newline
      lineNo += 1;
      // A UTF-16 unit is at most 3 UTF-8 bytes: only long lines need counting.
      if (end - start > cap / 3 && Buffer.byteLength(text.slice(start, end)) > cap) throw tooLong(lineNo);
      yield { text: strip(text.slice(start, end)), line: lineNo, bytesRead: end };
      start = end + 1;
    }
    return;
  }

  const encoding = resolveEncoding(source, options.encoding);
  const gb = encoding === 'gb18030' ? new TextDecoder('gb18030', { fatal: true }) : null;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const decode = (bytes: Buffer, line: number): string => {
    try {
      return gb ? gb.decode(bytes) : utf8.decode(bytes);
    } catch {
      const hint = options.detected || options.encoding === undefined || options.encoding === 'auto'
        ? 'neither UTF-8 nor GB18030 text'
        : `not valid ${ENCODING_NAME[encoding]} text (try --encoding ${encoding === 'utf8' ? 'gb18030' : 'utf8'})`;
      throw new LineReadError(line, 'encoding', `line ${line} is ${hint}`);
    }
  };

  let carry: Buffer = Buffer.alloc(0);
  let bytesRead = 0;
  for (const chunk of chunks(source)) {
    bytesRead += chunk.length;
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    // Decoded line by line: most lines are ASCII and become one-byte strings (a whole chunk with one
    // Chinese name in it would be a two-byte string: decoding and parsing it cost several times more).
    for (let nl = bytes.indexOf(0x0a, start); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      lineNo += 1;
      if (nl - start > cap) throw tooLong(lineNo);
      yield { text: strip(decode(bytes.subarray(start, nl), lineNo)), line: lineNo, bytesRead };
      start = nl + 1;
    }
    // Copy the tail: the chunk buffer is not reused, but a slice would keep the whole chunk alive.
    carry = Buffer.from(bytes.subarray(start));
    if (carry.length > cap) throw tooLong(lineNo + 1);
  }
  if (carry.length > 0) {
    lineNo += 1;
    yield { text: strip(decode(carry, lineNo)), line: lineNo, bytesRead };
  }
}
