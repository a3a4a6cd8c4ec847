// `radar import FILE.xlsx`: the id sheet of our own export, or the first sheet of a workbook made by hand.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { ensureDefaultTeam, ImportError, importRecords } from '../../../src/app/import/import-records.service.js';
import { importFile } from '../../../src/app/import/xlsx-reader.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { freshRepos } from '../support/fresh-repos.js';

const tmp = mkdtempSync(join(tmpdir(), 'radar-xlsx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fresh = freshRepos;
const book = (repos: Repositories) => {
  const team = ensureDefaultTeam(repos).id;
  const customers = new Map(repos.customers.listCustomers(team).map((c) => [c.id, c]));
  return repos.reports.entriesInRange(team, '2000-W01', '2099-W52')
    .map((e) => ({ week: e.week, customer: customers.get(e.customerId)!.name, tier: customers.get(e.customerId)!.tier, values: e.values }))
    .sort((a, b) => `${a.week}${a.customer}`.localeCompare(`${b.week}${b.customer}`));
};

const lines = [
  { week: '2026-W41', rep: 'li@x.co', repName: '李伟', customer: '华星科技', tier: 'key', contacts: 2, revenue: 1200.5, collected: 300, receivable: 8000,
    overdueDays: 12, paymentTermDays: 45, stage: 'renewal', health: 'yellow', usage: 'low', complaintType: 'billing', complaints: 1,
    lastContact: '2026-10-08', notes: '=HYPERLINK("http://evil.example")' },
  { week: '2026-W41', rep: 'li@x.co', customer: '@Acme', contacts: 0, revenue: 0, stage: 'lead', expectedClose: '2026-12-01', notes: "'quoted" },
].map((l) => JSON.stringify(l)).join('\n');

describe('xlsx import', () => {
  it('re-imports our own export (localised sheet for people, ids sheet read) to the same entries', async () => {
    const a = fresh();
    const { teamId } = importRecords(a, { name: 'seed.jsonl', text: lines });
    const path = join(tmp, 'w41.xlsx');
    await exportWeek(a, teamId, '2026-W41', 'xlsx', path, { locale: 'zh' });
    // Neutralised in the workbook too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ids = wb.getWorksheet('ids')!;
    const cols = (ids.getRow(1).values as unknown[]).slice(1);
    const notes = [2, 3].map((r) => ids.getRow(r).getCell(cols.indexOf('notes') + 1).value);
    expect(notes).toContain('\'=HYPERLINK("http://evil.example")');

    const b = fresh();
    const result = await importFile(b, path);
    expect(result).toMatchObject({ format: 'xlsx', sheet: 'ids', records: 2, skippedCount: 0, unknownColumns: [] });
    expect(book(b)).toEqual(book(a));
  });

  it('reads the first sheet of a workbook made by hand, with Chinese headers, values and real dates', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('历史');
    sheet.addRow(['周次', '销售邮箱', '客户', '有效沟通次数', '本周成交额', '阶段', '最近联系日期', '健康度', 'revenu']);
    sheet.addRow(['2026-W40', 'wang@x.co', '东方电气', 3, 5000, '已成交', new Date(Date.UTC(2026, 8, 30)), '绿', 1]);
    sheet.addRow([]);
    sheet.addRow(['2026-W40', 'wang@x.co', { richText: [{ text: '蓝海' }, { text: '物流' }] }, { formula: '1+1', result: 2 }, 0, 'live', null, 'red', 2]);
    wb.addWorksheet('notes').addRow(['not read']);
    const path = join(tmp, 'hand.xlsx');
    await wb.xlsx.writeFile(path);
    const repos = fresh();
    const result = await importFile(repos, path);
    expect(result).toMatchObject({ sheet: '历史', records: 2, unknownColumns: ['revenu'] });
    const rows = book(repos);
    expect(rows.map((r) => r.customer)).toEqual(['东方电气', '蓝海物流']);
    expect(rows[0]!.values).toMatchObject({ contacts: 3, revenue: 5000, stage: 'won', lastContact: '2026-09-30', health: 'green' });
    expect(rows[1]!.values).toMatchObject({ contacts: 2, stage: 'live', health: 'red' });
  });

  it('names the row of an invalid cell and writes nothing; a file that is no workbook is a clear error', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(['week', 'rep', 'customer', 'contacts', 'revenue', 'stage']);
    sheet.addRow(['2026-W40', 'a@b.co', 'Fine', 1, 1, 'live']);
    sheet.addRow(['2026-W40', 'a@b.co', 'Bad', -1, 1, 'live']);
    const path = join(tmp, 'bad.xlsx');
    await wb.xlsx.writeFile(path);
    const repos = fresh();
    const err = await importFile(repos, path).catch((e: unknown) => e) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.issues.map((i) => `${i.line}:${i.field}`)).toEqual(['3:contacts']);
    expect(book(repos)).toEqual([]);
    const fake = join(tmp, 'fake.xlsx');
    writeFileSync(fake, 'week,rep\n');
    await expect(importFile(repos, fake)).rejects.toMatchObject({ code: 'unreadable' });
  });
});
