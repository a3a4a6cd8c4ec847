import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import type { CustomerScore } from '../../../src/core/customer-risk/types.js';
import { DIMENSIONS } from '../../../src/core/customer-risk/types.js';
import { freshRepos } from '../support/fresh-repos.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'radar-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fresh = freshRepos;

function scored(repos: Repositories): number {
  const { teamId } = importRecords(repos, fixture('sample.jsonl'));
  const acme = repos.customers.customerByName(teamId, 'acme corp')!;
  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: 0, reason: null, facts: {} }])) as CustomerScore['dimensions'];
  repos.scores.saveWeekScores(teamId, '2026-W41', [{
    customerId: acme.id, week: '2026-W41', index: 87.25, grade: 'A', dimensions: dims, tags: ['overdue', 'silent'],
    reasons: [{ zh: '逾期 52 天, 应收 ¥8,000', en: '52 days overdue on ¥8,000' }, { zh: '本周无沟通', en: 'no contact this week' }],
    delta: 12, weeksInRed: 2, hasData: true,
  }]);
  return teamId;
}

const entriesByName = (repos: Repositories, teamId: number, week: string) => {
  const customers = new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c.name]));
  const members = new Map(repos.teams.listMembers(teamId).map((m) => [m.id, m.email.toLowerCase()]));
  return repos.reports.entriesForWeek(teamId, week)
    .map((e) => ({ customer: customers.get(e.customerId), rep: members.get(e.repId), values: e.values }))
    .sort((a, b) => `${a.customer}`.localeCompare(`${b.customer}`));
};

describe('exportWeek', () => {
  it('writes CSV with the import columns plus scores, highest risk first, in the team locale', async () => {
    const repos = fresh();
    const teamId = scored(repos);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const result = await exportWeek(repos, teamId, '2026-W41', 'csv', out);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(result.rows).toBe(2);
    const lines = csv.split('\r\n');
    // A BOM on a stream too: CSV is meant for Excel, which needs it to read Chinese.
    expect(lines[0]).toBe('\ufeffweek,rep,repName,customer,industry,region,tier,since,carried,contacts,lastContact,revenue,collected,receivable,overdueDays,'
      + 'paymentTermDays,complaints,complaintType,requirementChanges,faults,usage,stage,expectedClose,health,notes,index,grade,tags,reason');
    expect(lines[1]).toBe('2026-W41,Zhang.Min@Example.com,张敏,ACME Corp,retail,North,normal,,,0,,0,,8000,52,,,,,,low,renewal,,,,87.3,A,overdue;silent,"逾期 52 天, 应收 ¥8,000"');
    expect(csv).toContain('"第一行\n第二行, 带逗号"');
  });

  it('round-trips: the exported CSV re-imports to identical entries', async () => {
    const a = fresh();
    const teamA = scored(a);
    const path = join(tmp, 'out', 'w41.csv');
    await exportWeek(a, teamA, '2026-W41', 'csv', path);
    expect(readFileSync(path, 'utf8').startsWith('\ufeffweek,')).toBe(true);

    const b = fresh();
    const result = importRecords(b, path);
    expect(result.skippedCount).toBe(0);
    expect(entriesByName(b, result.teamId, '2026-W41')).toEqual(entriesByName(a, teamA, '2026-W41'));
    // And into the original database: nothing changes.
    expect(importRecords(a, path).entries).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('round-trips a "no change" entry: exported with carried = yes and its required flows empty, re-imported as carried', async () => {
    const a = fresh();
    const teamA = scored(a);
    const [entry] = a.reports.entriesForWeek(teamA, '2026-W41');
    // What the rep's "no change" stores: last values carried, this week's flows unknown.
    a.reports.upsertEntry({ ...entry!, source: 'chat', carried: true, values: { ...entry!.values, contacts: null, revenue: null } }, 't');
    const path = join(tmp, 'carried.csv');
    await exportWeek(a, teamA, '2026-W41', 'csv', path);
    const b = fresh();
    const result = importRecords(b, path);
    expect(result.skippedCount).toBe(0);
    expect(entriesByName(b, result.teamId, '2026-W41')).toEqual(entriesByName(a, teamA, '2026-W41'));
    const carried = (repos: Repositories, teamId: number) => repos.reports.entriesForWeek(teamId, '2026-W41').map((e) => e.carried).sort();
    expect(carried(b, result.teamId)).toEqual(carried(a, teamA));
    expect(carried(b, result.teamId)).toContain(true);
    // Without the column's yes, the same empty required field is an error naming it.
    const csv = readFileSync(path, 'utf8').replace(/,yes,/, ',,');
    const bad = importRecords(fresh(), { name: 'edited.csv', text: csv }, { skipInvalid: true });
    expect(bad.skippedCount).toBe(1);
    expect(bad.skipped.map((i) => [i.file, i.line, i.field])).toEqual([['edited.csv', 3, 'contacts'], ['edited.csv', 3, 'revenue']]);
  });

  it('writes an xlsx workbook that exceljs reads back: bold frozen header, rows, coloured grade (id sheet)', async () => {
    const repos = fresh();
    const teamId = scored(repos);
    repos.teams.updateTeam(teamId, { locale: 'en' });
    const path = join(tmp, 'w41.xlsx');
    await exportWeek(repos, teamId, '2026-W41', 'xlsx', path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['2026-W41', 'ids']);
    const sheet = wb.getWorksheet('ids')!;
    expect(sheet.rowCount).toBe(3);
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe('week');
    expect(header.font?.bold ?? header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const cols = (header.values as unknown[]).slice(1);
    const row = sheet.getRow(2);
    const at = (name: string) => row.getCell(cols.indexOf(name) + 1);
    expect(at('customer').value).toBe('ACME Corp');
    expect(at('receivable').value).toBe(8000);
    expect(at('reason').value).toBe('52 days overdue on ¥8,000');
    expect(at('grade').value).toBe('A');
    expect(at('grade').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFF5222D' } });
    expect(sheet.getColumn(cols.indexOf('notes') + 1).width).toBe(48);
    expect(sheet.getRow(3).getCell(cols.indexOf('customer') + 1).value).toBe('华星科技');
  });

  it('gives people a sheet in their language (--lang): localised headers, stages, tiers, tags; numbers stay numbers', async () => {
    const repos = fresh();
    const teamId = scored(repos);
    const path = join(tmp, 'w41-zh.xlsx');
    await exportWeek(repos, teamId, '2026-W41', 'xlsx', path, { locale: 'zh' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const people = wb.getWorksheet('2026-W41')!;
    const cols = (people.getRow(1).values as unknown[]).slice(1);
    expect(cols.slice(0, 4)).toEqual(['周次', '销售邮箱', '销售', '客户']);
    expect(cols).toEqual(expect.arrayContaining(['本周成交额', '本周回款', '账期', '阶段', '健康度（自评）', '问题客户指数', '问题类型']));
    const row = people.getRow(2);
    const at = (name: string) => row.getCell(cols.indexOf(name) + 1).value;
    expect(at('客户')).toBe('ACME Corp');
    expect(at('阶段')).toBe('续约');
    expect(at('产品使用度')).toBe('低');
    expect(at('客户级别')).toBe('普通客户');
    expect(at('问题类型')).toBe('拖款、沟通困难');
    expect(at('应收未收')).toBe(8000);
    expect(at('主要原因')).toBe('逾期 52 天, 应收 ¥8,000');
    // English on request, whatever the team's language.
    const en = join(tmp, 'w41-en.xlsx');
    await exportWeek(repos, teamId, '2026-W41', 'xlsx', en, { locale: 'en' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.readFile(en);
    const enCols = (wbEn.getWorksheet('2026-W41')!.getRow(1).values as unknown[]).slice(1);
    expect(enCols.slice(0, 4)).toEqual(['Week', 'Rep email', 'Rep', 'Customer']);
    expect(wbEn.getWorksheet('2026-W41')!.getRow(2).getCell(enCols.indexOf('Stage') + 1).value).toBe('Renewal');
  });
});
