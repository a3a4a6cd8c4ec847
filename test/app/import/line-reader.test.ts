import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from '../../../src/app/import/line-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'radar-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLines', () => {
  it('streams a file across chunk boundaries without breaking UTF-8 or lines', () => {
    // > 1 MB chunk with multi-byte characters straddling the boundary.
    const lines = Array.from({ length: 70_000 }, (_, i) => `${i},华星科技 ${'x'.repeat(i % 7)}`);
    const path = join(dir, 'big.csv');
    writeFileSync(path, `\ufeff${lines.join('\r\n')}`);
    const read = [...readLines(path)];
    expect(read).toHaveLength(lines.length);
    expect(read.map((l) => l.text)).toEqual(lines);
    expect(read.at(-1)?.line).toBe(70_000);
  });

  it('numbers lines from text and ignores a trailing newline', () => {
    expect([...readLines({ name: 'm', text: 'a\n\nb\n' })].map((l) => [l.line, l.text])).toEqual([[1, 'a'], [2, ''], [3, 'b']]);
  });
});
