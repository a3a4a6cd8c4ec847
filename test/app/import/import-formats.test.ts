// What real spreadsheets bring: GBK/GB18030 bytes, Chinese headers and values, typos in column names,
// over-long lines, cells that spreadsheets run as formulas.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { neutralizeFormula, restoreFormula } from '../../../src/app/import/csv.js';
import { ensureDefaultTeam, formatIssue, ImportError, importRecords } from '../../../src/app/import/import-records.service.js';
import { unknownColumnsWarning } from '../../../src/app/import/unknown-columns.js';
import { detectEncoding, readLines } from '../../../src/app/import/line-reader.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { DEFAULT_TEMPLATE } from '../../../src/core/weekly-report/template.js';
import { openDb, type Db } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';

const tmp = mkdtempSync(join(tmpdir(), 'radar-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let db: Db;
afterEach(() => db?.close());
function fresh(): Repositories {
  db = openDb(':memory:');
  return createRepositories(db);
}
const caught = (fn: () => unknown): ImportError => {
  try {
    fn();
  } catch (e) {
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
};

// GB18030 bytes of the Chinese words used below (as Excel on Chinese Windows saves them).
const GB: Record<string, string> = {
  东方电气: 'b6abb7bdb5e7c6f8', 蓝海物流: 'c0b6baa3ceefc1f7', 客户: 'bfcdbba7', 阶段: 'bdd7b6ce', 已成交: 'd2d1b3c9bdbb',
};
/** ASCII as is, the words above as their GB18030 bytes. */
function gb18030(s: string): Buffer {
  const parts: Buffer[] = [];
  const words = Object.keys(GB);
  for (let i = 0; i < s.length;) {
    const w = words.find((x) => s.startsWith(x, i));
    if (w) {
      parts.push(Buffer.from(GB[w]!, 'hex'));
      i += w.length;
    } else {
      if (s.charCodeAt(i) > 0x7f) throw new Error(`no GB18030 bytes for ${s[i]}`);
      parts.push(Buffer.from(s[i]!, 'latin1'));
      i += 1;
    }
  }
  return Buffer.concat(parts);
}
const names = (repos: Repositories) => repos.customers.listCustomers(ensureDefaultTeam(repos).id).map((c) => c.name).sort();

describe('encodings', () => {
  const csv = 'week,rep,客户,contacts,revenue,阶段\r\n2026-W40,a@b.co,东方电气,1,100,已成交\r\n2026-W40,a@b.co,蓝海物流,2,200,live\r\n';

  it('reads an Excel "CSV" in GB18030: distinct customers stay distinct, with Chinese headers and values', () => {
    const path = join(tmp, 'gbk.csv');
    writeFileSync(path, gb18030(csv));
    expect(detectEncoding(path)).toBe('gb18030');
    const repos = fresh();
    const result = importRecords(repos, path);
    expect(result).toMatchObject({ encoding: 'gb18030', records: 2, entries: { inserted: 2 } });
    expect(names(repos)).toEqual(['东方电气', '蓝海物流'].sort());
    const stages = repos.reports.entriesForWeek(result.teamId, '2026-W40').map((e) => e.values.stage).sort();
    expect(stages).toEqual(['live', 'won']);
  });

  it('detects GB18030 even when the first megabyte is plain ASCII (the whole file is checked, across chunks)', () => {
    const filler = Array.from({ length: 30_000 }, (_, i) => `2026-W40,a@b.co,Customer ${i},1,100,live`).join('\r\n');
    const path = join(tmp, 'late-gbk.csv');
    writeFileSync(path, Buffer.concat([Buffer.from(`week,rep,customer,contacts,revenue,stage\r\n${filler}\r\n`), gb18030('2026-W40,a@b.co,东方电气,1,100,live\r\n')]));
    expect(statSync(path).size).toBeGreaterThan(1 << 20);
    expect(detectEncoding(path)).toBe('gb18030');
    expect([...readLines(path)].at(-1)?.text).toBe('2026-W40,a@b.co,东方电气,1,100,live');
  });

  it('keeps UTF-8 as UTF-8, and --encoding utf8 on GB18030 bytes names the line, writing nothing', () => {
    const utf = join(tmp, 'utf8.csv');
    writeFileSync(utf, csv);
    expect(detectEncoding(utf)).toBe('utf8');
    const gbPath = join(tmp, 'gbk-forced.csv');
    writeFileSync(gbPath, gb18030(csv));
    const repos = fresh();
    const err = caught(() => importRecords(repos, gbPath, { encoding: 'utf8' }));
    expect(err.code).toBe('bad_format');
    expect(err.message).toMatch(/gbk-forced\.csv:1: \(line\): expected UTF-8 or GB18030 text \(line 1 is not valid UTF-8 text \(try --encoding gb18030\)\)/);
    expect(names(repos)).toEqual([]);
  });

  it('bytes that are text in neither encoding: an error naming file:line, nothing written', () => {
    const path = join(tmp, 'garbage.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('week,rep,customer,contacts,revenue,stage\n2026-W40,a@b.co,Fine,1,1,live\n2026-W40,a@b.co,'), Buffer.from([0xff, 0xfe, 0x81, 0x20]), Buffer.from(',1,1,live\n')]));
    const repos = fresh();
    const err = caught(() => importRecords(repos, path));
    expect(formatIssue(err.issues[0]!)).toBe(`${path}:3: (line): expected UTF-8 or GB18030 text (line 3 is neither UTF-8 nor GB18030 text)`);
    expect(names(repos)).toEqual([]);
  });
});

describe('line cap', () => {
  it('refuses a line over 1 MiB naming it, from a file and from text, writing nothing', () => {
    const long = `{"week":"2026-W40","rep":"a@b.co","customer":"X","contacts":1,"revenue":1,"stage":"live","notes":"${'x'.repeat(1_100_000)}"}`;
    const ok = '{"week":"2026-W40","rep":"a@b.co","customer":"Y","contacts":1,"revenue":1,"stage":"live"}';
    const path = join(tmp, 'long.jsonl');
    writeFileSync(path, `${ok}\n${long}\n${ok}\n`);
    const repos = fresh();
    expect(caught(() => importRecords(repos, path)).message).toMatch(/long\.jsonl:2: \(line\): expected a line of at most 1 MiB/);
    expect(caught(() => importRecords(repos, { name: 'mem.jsonl', text: `${ok}\n${long}` })).message).toMatch(/mem\.jsonl:2:/);
    expect(names(repos)).toEqual([]);
  });

  it('bounds a CSV quote that never closes', () => {
    const text = `week,rep,customer,contacts,revenue,stage,notes\n2026-W40,a@b.co,A,1,1,live,"open\n${Array.from({ length: 3000 }, () => 'y'.repeat(500)).join('\n')}\n`;
    const repos = fresh();
    expect(caught(() => importRecords(repos, { name: 'q.csv', text })).message).toMatch(/q\.csv:2: \(line\): expected a valid CSV record \(a record longer than 1024 KiB/);
  });
});

describe('columns and values people write', () => {
  it('accepts the template zh/en labels as headers and Chinese values (服务, 绿, 已成交, 重点客户)', () => {
    const header = '周次,销售邮箱,销售,客户名称,客户级别,有效沟通次数,本周成交额,本周回款,账期,投诉类型,健康度（自评）,阶段,Usage';
    const text = `${header}\n2026-W40,li@x.co,李伟,华星科技,重点客户,2,"¥12,000",5000,60,服务,绿,已成交,低\n2026-W40,li@x.co,李伟,Acme,normal,1,0,,,Quality,Red,Live,none\n`;
    const repos = fresh();
    const result = importRecords(repos, { name: 'zh.csv', text });
    expect(result.unknownColumns).toEqual([]);
    const team = result.teamId;
    const huaxing = repos.customers.customerByName(team, '华星科技')!;
    expect(huaxing.tier).toBe('key');
    const entry = repos.reports.entriesForWeek(team, '2026-W40').find((e) => e.customerId === huaxing.id)!;
    expect(entry.values).toMatchObject({ contacts: 2, revenue: 12000, collected: 5000, paymentTermDays: 60, complaintType: 'service', health: 'green', stage: 'won', usage: 'low' });
    const acme = repos.reports.entriesForWeek(team, '2026-W40').find((e) => e.customerId !== huaxing.id)!;
    expect(acme.values).toMatchObject({ complaintType: 'quality', health: 'red', stage: 'live', usage: 'none' });
    expect(repos.teams.memberByEmail(team, 'li@x.co')?.name).toBe('李伟');
  });

  it('still names a value that is none of the ids or labels', () => {
    const text = '客户,周次,销售邮箱,有效沟通次数,本周成交额,阶段\nA,2026-W40,a@b.co,1,1,睡觉\n';
    const err = caught(() => importRecords(fresh(), { name: 'bad.csv', text }));
    expect(formatIssue(err.issues[0]!)).toMatch(/^bad\.csv:2: stage: Stage must be one of: lead \| qualified/);
  });

  it('two headers for the same column are an error naming both', () => {
    const text = 'week,rep,customer,客户,contacts,revenue,stage\n';
    expect(caught(() => importRecords(fresh(), { name: 'dup.csv', text })).message).toMatch(/customer and 客户 are both customer/);
  });

  it('names unknown columns once (CSV header or JSON keys), with a suggestion for a typo', () => {
    const repos = fresh();
    const text = 'week,rep,customer,contacts,revenu,stage,revenue,mood\n2026-W40,a@b.co,A,1,5,live,0,ok\n2026-W41,a@b.co,A,1,5,live,0,ok\n';
    const result = importRecords(repos, { name: 'typo.csv', text });
    expect(result.unknownColumns).toEqual(['revenu', 'mood']);
    expect(unknownColumnsWarning(result.unknownColumns, DEFAULT_TEMPLATE)).toBe('unknown columns ignored: revenu (did you mean revenue?), mood');
    const jsonl = ['{"week":"2026-W40","rep":"a@b.co","customer":"B","contacts":1,"revenue":1,"stage":"live","overdue_days":3}',
      '{"week":"2026-W41","rep":"a@b.co","customer":"B","contacts":1,"revenue":1,"stage":"live","overdue_days":4}'].join('\n');
    expect(importRecords(repos, { name: 'k.jsonl', text: jsonl }).unknownColumns).toEqual(['overdue_days']);
    // The export's own score columns are known, not warned about.
    expect(importRecords(repos, { name: 's.csv', text: 'week,rep,customer,contacts,revenue,stage,index,grade,tags,reason\n2026-W40,a@b.co,A,1,0,live,80,A,overdue,x\n' }).unknownColumns).toEqual([]);
  });
});

describe('formula neutralisation', () => {
  const tricky = ['=HYPERLINK("http://evil.example","click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)', '\tTAB', '\rCR', "'=already", "'hello", "''=two", 'plain'];

  it('prefixes exactly the cells a spreadsheet would run, and restores every value', () => {
    for (const v of tricky) expect(restoreFormula(neutralizeFormula(v))).toBe(v);
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula("'hello")).toBe("'hello");
    expect(neutralizeFormula("'=x")).toBe("''=x");
    expect(restoreFormula("'hello")).toBe("'hello");
  });

  it('a CSV export neutralises names and notes from chat and re-imports to the same values; numbers stay numbers', async () => {
    const repos = fresh();
    const lines = tricky.map((v, i) => JSON.stringify({ week: '2026-W40', rep: 'a@b.co', customer: i < 4 ? v : `C${i}`, contacts: 1, revenue: 0, stage: 'live', notes: v }));
    const { teamId } = importRecords(repos, { name: 'x.jsonl', text: lines.join('\n') });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exportWeek(repos, teamId, '2026-W40', 'csv', out);
    const csv = Buffer.concat(chunks).toString('utf8');
    // No cell starts with a formula character: each such cell starts with ' (inside quotes when quoted).
    const cells = csv.split(/\r\n/).slice(1).join('\n').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"/, ''));
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain("'=HYPERLINK(");
    expect(csv).toContain("'@SUM(1+1)");
    const path = join(tmp, 'formulas.csv');
    writeFileSync(path, csv);
    const before = repos.reports.entriesForWeek(teamId, '2026-W40').map((e) => e.values.notes).sort();
    db.close();
    const again = fresh();
    importRecords(again, path);
    const team = ensureDefaultTeam(again).id;
    expect(again.reports.entriesForWeek(team, '2026-W40').map((e) => e.values.notes).sort()).toEqual(before);
    expect(names(again)).toEqual(expect.arrayContaining(tricky.slice(0, 4)));
  });
});

describe('writing in slices', () => {
  it('gives the same book and counts as one transaction, duplicates across slices included', () => {
    const lines = [
      { week: '2026-W40', customer: 'A', revenue: 1 }, { week: '2026-W40', customer: 'B', revenue: 2 },
      { week: '2026-W40', customer: 'A', revenue: 3 }, { week: '2026-W41', customer: 'a ', revenue: 4 },
      { week: '2026-W41', customer: 'C', revenue: 5 }, { week: '2026-W41', customer: 'C', revenue: 5 },
    ].map((l) => JSON.stringify({ rep: 'r@x.co', contacts: 1, stage: 'live', ...l })).join('\n');
    const run = (swapBatch?: number) => {
      const repos = fresh();
      const first = importRecords(repos, { name: 'd.jsonl', text: lines }, { swapBatch });
      const team = first.teamId;
      const entries = repos.reports.entriesInRange(team, '2026-W01', '2026-W52').map((e) => [e.week, e.customerId, e.values.revenue]);
      const again = importRecords(repos, { name: 'd.jsonl', text: lines }, { swapBatch });
      db.close();
      return { counts: first.entries, invalidatedFrom: first.invalidatedFrom, entries, again: again.entries, customers: first.customers };
    };
    const whole = run();
    expect(whole.counts).toEqual({ inserted: 4, updated: 1, unchanged: 1 });
    expect(whole.entries).toEqual([['2026-W40', 1, 3], ['2026-W40', 2, 2], ['2026-W41', 1, 4], ['2026-W41', 3, 5]]);
    expect(whole.again).toEqual({ inserted: 0, updated: 2, unchanged: 4 });
    for (const size of [1, 2, 4]) expect(run(size)).toEqual(whole);
    db = openDb(':memory:');
  });
});
