// `radar import` / `radar export` with a team's custom report fields in RADAR_CONFIG, run as a user runs
// them (a child process): custom columns are read by id and label, bad values are named file:line:field,
// and the export writes them back so it re-imports unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAY_METHOD, CONTRACT_END } from '../fixtures/custom-fields.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'radar-cli-custom-'));
const db = join(dir, 'radar.sqlite');
const config = join(dir, 'radar.config.json');
writeFileSync(config, JSON.stringify({
  template: {
    custom: [
      PAY_METHOD,
      CONTRACT_END,
    ],
  },
}));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn', RADAR_CONFIG: config };
const SLOW = { timeout: 180_000 };

function radar(args: string[]) {
  const r = spawnSync(TSX, [MAIN, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('radar import/export with custom fields', () => {
  it('refuses a bad custom value naming file:line:field, imports good ones without an unknown-column warning, exports them back', SLOW, () => {
    const head = 'week,rep,customer,contacts,revenue,stage,payMethod,合同到期日';
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${head}\n2026-W41,li@example.com,华星科技,1,0,live,cheque,2027-03-31\n`);
    const refused = radar(['import', bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}:2: payMethod: Payment method must be one of: transfer | cash (got cheque)`);

    const good = join(dir, 'good.csv');
    writeFileSync(good, `${head}\n2026-W41,li@example.com,华星科技,1,0,live,现金,2027-03-31\n2026-W41,li@example.com,Acme,2,100,live,transfer,\n`);
    const imported = radar(['import', good, '--db', db]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr + imported.stdout).not.toMatch(/unknown column/);

    const out = join(dir, 'w41.csv');
    const exported = radar(['export', '--week', '2026-W41', '--format', 'csv', '--out', out, '--db', db]);
    expect(exported.code, exported.stderr).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    const columns = header!.split(',');
    const huaxing = rows.map((r) => r.split(',')).find((r) => r[columns.indexOf('customer')] === '华星科技')!;
    expect([huaxing[columns.indexOf('payMethod')], huaxing[columns.indexOf('contractEnd')]]).toEqual(['cash', '2027-03-31']);

    const again = radar(['import', out, '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 new, 0 updated, 2 unchanged');
    expect(again.stderr).not.toMatch(/unknown column/);
  });
});
