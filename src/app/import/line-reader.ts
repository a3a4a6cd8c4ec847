// Reads an import source line by line, synchronously, in 1 MB chunks: the import runs inside one
// SQLite transaction (better-sqlite3 transactions are synchronous), and a 100 MB file is never held
// whole in memory. UTF-8 split across chunks is handled by StringDecoder; a leading BOM is dropped.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** A file path, or text already in memory (stdin, tests) with a name for messages. */
export type ImportSource = string | { name: string; text: string };

export interface SourceLine {
  /** Line text without its line break. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** Bytes consumed so far (for progress). */
  bytesRead: number;
}

const CHUNK = 1 << 20;

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

export function* readLines(source: ImportSource): Generator<SourceLine> {
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
      yield { text: strip(text.slice(start, end)), line: lineNo, bytesRead: end };
      start = end + 1;
    }
    return;
  }

  const fd = openSync(source, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let bytesRead = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      const chunk = n > 0 ? decoder.write(buffer.subarray(0, n)) : decoder.end();
      bytesRead += n;
      const text = carry + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        lineNo += 1;
        yield { text: strip(text.slice(start, nl)), line: lineNo, bytesRead };
        start = nl + 1;
      }
      carry = text.slice(start);
      if (n === 0) break;
    }
    if (carry.length > 0) {
      lineNo += 1;
      yield { text: strip(carry), line: lineNo, bytesRead };
    }
  } finally {
    closeSync(fd);
  }
}
