import { describe, expect, it } from 'vitest';
import { csvField, csvRecords } from '../../../src/app/import/csv.js';
import { readLines } from '../../../src/app/import/line-reader.js';

const parse = (text: string) => [...csvRecords(readLines({ name: 'x.csv', text }))];

describe('csvRecords', () => {
  it('reads RFC 4180 quoting, CRLF, BOM, empty fields and multi-line fields', () => {
    expect(parse('\ufeffa,b,c\r\n1,"x, ""y""",\r\n\r\n"multi\r\nline",,"z"\n')).toEqual([
      { ok: true, line: 1, fields: ['a', 'b', 'c'] },
      { ok: true, line: 2, fields: ['1', 'x, "y"', ''] },
      { ok: true, line: 4, fields: ['multi\nline', '', 'z'] },
    ]);
  });

  it('keeps quotes inside unquoted fields and reports broken quoting', () => {
    expect(parse('a"b,c\n"x"y,z\n"open,\nnever closed')).toEqual([
      { ok: true, line: 1, fields: ['a"b', 'c'] },
      { ok: false, line: 2, problem: expect.stringMatching(/after a closing quote/) },
      { ok: false, line: 3, problem: 'a quoted field is never closed' },
    ]);
  });

  it('quotes output only when needed', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(null), csvField(12.5), csvField(' pad')])
      .toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '', '12.5', '" pad"']);
  });
});
