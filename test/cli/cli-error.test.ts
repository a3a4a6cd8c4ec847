// How the command line tells a person about one of our errors that no command turned into a CliError:
// what happened in their language (--lang, else RADAR_LOCALE, else zh), then the code and English detail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, cliLocale, radarErrorText } from '../../src/cli/cli-error.js';
import { AppError, TEAM_NOT_FOUND } from '../../src/app/shared/app-error.js';
import { RadarError } from '../../src/core/errors.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');

describe('the CLI error text', () => {
  it('picks the language from --lang, then RADAR_LOCALE, then Chinese', () => {
    expect(cliLocale(['flags', '--lang', 'en'], { RADAR_LOCALE: 'zh' })).toBe('en');
    expect(cliLocale(['flags', '--lang=zh'], { RADAR_LOCALE: 'en' })).toBe('zh');
    expect(cliLocale(['flags', '--lang', 'fr'], { RADAR_LOCALE: 'en' })).toBe('en');
    expect(cliLocale(['flags'], {})).toBe('zh');
    expect(cliLocale(['flags'], { RADAR_LOCALE: 'en' })).toBe('en');
  });

  it('says what happened, then the code and the detail unless they are the same words', () => {
    const err = new AppError('team_not_found', 'team 7 not found', { userMessage: TEAM_NOT_FOUND });
    expect(radarErrorText(err, 'zh')).toBe(`radar: ${TEAM_NOT_FOUND.zh}\n  (team_not_found: team 7 not found)\n`);
    expect(radarErrorText(err, 'en')).toBe(`radar: ${TEAM_NOT_FOUND.en}\n  (team_not_found: team 7 not found)\n`);
    expect(radarErrorText(new CliError('--week: expected an ISO week'), 'zh')).toBe('radar: --week: expected an ISO week\n');
    expect(radarErrorText(new RadarError('invariant_broken', 'outbox row 3 has no platform'), 'zh'))
      .toBe('radar: 内部错误，请稍后再试\n  (invariant_broken: outbox row 3 has no platform)\n');
  });

  it('prints a StorageError from `radar db backup` in the chosen language, without "unexpected error" or a stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-cli-error-'));
    const db = join(dir, 'radar.sqlite');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, LOG_LEVEL: 'warn' };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      spawnSync(TSX, [MAIN, 'db', 'backup', db, '--db', db, ...args], { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8', timeout: 60_000 });
    const zh = run([]);
    expect(zh.status).toBe(1);
    expect(zh.stderr).toBe('radar: 备份目标就是数据库本身：请换一个文件路径\n  (backup_target_is_database: backup target is the database itself)\n');
    const en = run([], { RADAR_LOCALE: 'en' });
    expect(en.status).toBe(1);
    expect(en.stderr).toBe('radar: The backup target is the database itself: choose another file path\n  (backup_target_is_database: backup target is the database itself)\n');
  }, 120_000);
});
