// A team's custom report fields in `radar import` and `radar export` (issue 11 §4): columns by field id
// (or the zh/en label as a header), validated like the forms, errors naming file:line:field; exports
// write them (the people's sheet by label) and re-import unchanged.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { formatIssue, ImportError, importRecords } from '../../../src/app/import/import-records.service.js';
import { importFile } from '../../../src/app/import/xlsx-reader.js';
import { unknownColumnsWarning } from '../../../src/app/import/unknown-columns.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { parseRadarSettings } from '../../../src/config/radar-config.js';
import { PAY_METHOD, CONTRACT_END, BUDGET } from '../../fixtures/custom-fields.js';
import { freshRepos } from '../support/fresh-repos.js';

const template = parseRadarSettings({
  template: {
    custom: [
      PAY_METHOD,
      CONTRACT_END,
      BUDGET,
    ],
  },
}).template;

const tmp = mkdtempSync(join(tmpdir(), 'radar-custom-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const fresh = freshRepos;

const HEAD = 'week,rep,customer,contacts,revenue,stage';
const customOf = (repos: Repositories, teamId: number, week: string) => {
  const names = new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c.name]));
  return Object.fromEntries(repos.reports.entriesForWeek(teamId, week).map((e) => [names.get(e.customerId), e.custom]));
};

describe('import: custom field columns', () => {
  it('reads custom ids and zh labels as columns, select values by id or label; none reported unknown', () => {
    const repos = fresh();
    const text = [
      `${HEAD},payMethod,合同到期日,Budget`,
      '2026-W41,li@example.com,华星科技,1,0,live,现金,2027/03/31,"50,000"',
      '2026-W41,li@example.com,Acme,2,100,live,transfer,,',
    ].join('\n');
    const result = importRecords(repos, { name: 'custom.csv', text }, { template });
    expect(result.unknownColumns).toEqual([]);
    expect(unknownColumnsWarning(result.unknownColumns, template)).toBeNull();
    expect(customOf(repos, result.teamId, '2026-W41')).toEqual({
      华星科技: { payMethod: 'cash', contractEnd: '2027-03-31', budget: 50000 },
      Acme: { payMethod: 'transfer' },
    });
  });

  it('a bad custom value names file:line:field and nothing is written', () => {
    const repos = fresh();
    const text = [`${HEAD},payMethod,contractEnd`, '2026-W41,li@example.com,华星科技,1,0,live,cheque,2027-02-30'].join('\n');
    let error: unknown;
    try {
      importRecords(repos, { name: 'bad.csv', text }, { template });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImportError);
    const lines = (error as ImportError).issues.map((i) => formatIssue(i));
    expect(lines).toEqual([
      'bad.csv:2: payMethod: Payment method must be one of: transfer | cash (got cheque)',
      'bad.csv:2: contractEnd: Contract end must be a date as YYYY-MM-DD (got 2027-02-30)',
    ]);
    expect(repos.teams.listTeams().flatMap((t) => repos.reports.entriesForWeek(t.id, '2026-W41'))).toEqual([]);
  });

  it('a file without custom columns keeps the stored custom values; a blank cell clears one', () => {
    const repos = fresh();
    const first = importRecords(repos, { name: 'a.csv', text: `${HEAD},payMethod\n2026-W41,li@example.com,华星科技,1,0,live,cash` }, { template });
    const again = importRecords(repos, { name: 'b.csv', text: `${HEAD}\n2026-W41,li@example.com,华星科技,1,0,live` }, { template });
    expect(again.entries).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(customOf(repos, first.teamId, '2026-W41')).toEqual({ 华星科技: { payMethod: 'cash' } });
    const cleared = importRecords(repos, { name: 'c.jsonl', text: JSON.stringify({ week: '2026-W41', rep: 'li@example.com', customer: '华星科技', contacts: 1, revenue: 0, stage: 'live', payMethod: null }) }, { template });
    expect(cleared.entries.updated).toBe(1);
    expect(customOf(repos, first.teamId, '2026-W41')).toEqual({ 华星科技: {} });
  });
});

describe('export: custom field columns', () => {
  const seed = (repos: Repositories) => importRecords(repos, {
    name: 'seed.jsonl',
    text: [
      { week: '2026-W41', rep: 'li@example.com', customer: '华星科技', contacts: 1, revenue: 0, stage: 'live', payMethod: 'cash', contractEnd: '2027-03-31', budget: 50000 },
      { week: '2026-W41', rep: 'li@example.com', customer: 'Acme', contacts: 2, revenue: 100, stage: 'live', payMethod: 'transfer' },
    ].map((r) => JSON.stringify(r)).join('\n'),
  }, { template }).teamId;

  it('CSV has the custom ids as columns after the built-ins and re-imports unchanged', async () => {
    const repos = fresh();
    const teamId = seed(repos);
    const path = join(tmp, 'w41.csv');
    await exportWeek(repos, teamId, '2026-W41', 'csv', path, { template });
    const [header, ...rows] = readFileSync(path, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    const columns = header!.split(',');
    expect(columns.slice(columns.indexOf('notes') + 1, columns.indexOf('index'))).toEqual(['payMethod', 'contractEnd', 'budget']);
    const row = rows.map((r) => r.split(',')).find((r) => r[columns.indexOf('customer')] === '华星科技')!;
    expect([row[columns.indexOf('payMethod')], row[columns.indexOf('contractEnd')], row[columns.indexOf('budget')]]).toEqual(['cash', '2027-03-31', '50000']);
    const back = await importFile(repos, path, { template, teamId });
    expect(back.unknownColumns).toEqual([]);
    expect(back.entries).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('xlsx: the people sheet labels the custom columns and choices; the ids sheet re-imports unchanged', async () => {
    const repos = fresh();
    const teamId = seed(repos);
    const path = join(tmp, 'w41.xlsx');
    await exportWeek(repos, teamId, '2026-W41', 'xlsx', path, { template, locale: 'zh' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const people = wb.getWorksheet('2026-W41')!;
    const headers = (people.getRow(1).values as unknown[]).slice(1);
    const at = (h: string) => headers.indexOf(h) + 1;
    expect(at('付款方式')).toBeGreaterThan(0);
    expect(at('合同到期日')).toBe(at('付款方式') + 1);
    expect(at('客户预算')).toBe(at('付款方式') + 2);
    const rowOf = (sheet: ExcelJS.Worksheet, col: number, name: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(col).value === name) return sheet.getRow(r);
      throw new Error(`no row for ${name}`);
    };
    const huaxing = rowOf(people, at('客户'), '华星科技');
    expect([huaxing.getCell(at('付款方式')).value, huaxing.getCell(at('合同到期日')).value, huaxing.getCell(at('客户预算')).value]).toEqual(['现金', '2027-03-31', 50000]);
    const ids = wb.getWorksheet('ids')!;
    const idHeaders = (ids.getRow(1).values as unknown[]).slice(1);
    expect(idHeaders).toContain('payMethod');
    expect(rowOf(ids, idHeaders.indexOf('customer') + 1, '华星科技').getCell(idHeaders.indexOf('payMethod') + 1).value).toBe('cash');
    const back = await importFile(repos, path, { template, teamId });
    expect(back.entries).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });
});
