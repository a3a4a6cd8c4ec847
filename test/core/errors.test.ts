// The error hierarchy: one RadarError root, one base per subsystem, every concrete error under its
// subsystem's base, each with a snake_case code, its cause, and a user message in zh and en.
import { describe, expect, it } from 'vitest';
import { CoreError, ERROR_CODE, INTERNAL_ERROR, RadarError, summarizeError, userMessageOf } from '../../src/core/errors.js';
import { text } from '../../src/core/i18n.js';
import { TaskStateError } from '../../src/core/follow-up/task-state.js';
import { RoutingConfigError, parseRoutingConfig } from '../../src/core/follow-up/routing.js';
import { ScoringConfigError, parseScoringConfig } from '../../src/core/customer-risk/weights.js';
import { StorageError } from '../../src/storage/errors.js';
import { MigrationError } from '../../src/storage/migrate.js';
import { backupDb, openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { AppError, TEAM_NOT_FOUND } from '../../src/app/shared/app-error.js';
import { OutputRefusedError } from '../../src/app/export/safe-output.js';
import { SettingsChangeError } from '../../src/app/settings/settings.service.js';
import { ScheduleSettingsError } from '../../src/app/schedule/schedule-settings.schema.js';
import { ImportError } from '../../src/app/import/import-records.service.js';
import { ImportFormatError } from '../../src/app/import/record-reader.js';
import { LineReadError } from '../../src/app/import/line-reader.js';
import { ChartError } from '../../src/app/charts/charts.service.js';
import { PlatformError } from '../../src/app/ports/platform-error.js';
import { ChatDeliveryError } from '../../src/app/ports/chat.port.js';
import { ConfigError } from '../../src/config/env.js';
import { CliError } from '../../src/cli/cli-error.js';
import { RadarRuntimeError } from '../../src/runtime/errors.js';
import { SendTimeoutError } from '../../src/runtime/delivery/deliver-one.js';
import { RateLimitsSpecError, parseRateLimits } from '../../src/runtime/delivery/rate-limits-spec.js';
import { SLACK_DELIVERY } from '../../adapters/slack/limits.js';
import { ChartRenderError, FONT_MISSING } from '../../src/chart-render/errors.js';
import { WebError } from '../../src/web/errors.js';
import { FeishuApiError, toDeliveryError } from '../../adapters/feishu/transport/open-api.js';
import { decryptPayload } from '../../adapters/feishu/inbound/crypto.js';
import { SlackIdentityError } from '../../adapters/slack/transport/bot-identity.js';

const why = text('原因', 'why');

/** Each subsystem's base, then instances of the errors that derive from it. */
const SUBSYSTEMS: Array<{ base: abstract new (...args: never[]) => RadarError; errors: RadarError[] }> = [
  {
    base: CoreError,
    errors: [
      new TaskStateError('reason_required', why, 'open', 'dismiss'),
      new RoutingConfigError([{ path: 'routes.overdue[0]', message: 'Invalid option' }]),
      new ScoringConfigError([{ path: 'scoring.grades.A', message: 'Too big' }]),
    ],
  },
  {
    base: StorageError,
    errors: [new MigrationError('0007_x', 'migration 0007_x failed', { code: 'migration_failed' }), new MigrationError('-', 'newer', { code: 'newer_database' })],
  },
  {
    base: AppError,
    errors: [
      new OutputRefusedError('refusing to write x', why),
      new SettingsChangeError('scoring.grades.A: expected a number'),
      new ScheduleSettingsError(['prompt.time: expected HH:MM']),
      new ImportError('bad_format', 'bad file', [], 0, why),
      new ImportFormatError(1, { field: '(header)', expected: text('应为表头行', 'expected a header row') }),
      new LineReadError(4, 'too_long', 'line 4 is longer than 1024 KiB'),
      new LineReadError(2, 'encoding', 'line 2 is not UTF-8'),
      new ChartError('unknown_week', text('没有这周', 'no such week')),
    ],
  },
  {
    base: PlatformError,
    errors: [
      new ChatDeliveryError('rate_limited', 'slack chat.postMessage: rate limited', 1000, { limit: 'app' }),
      new ChatDeliveryError('transient', 't'),
      new ChatDeliveryError('permanent', 'p'),
      new FeishuApiError(400, 230001, 'HTTP 400 code 230001: bad id', null),
      new SlackIdentityError('slack auth.test: invalid_auth: check SLACK_BOT_TOKEN'),
    ],
  },
  { base: ConfigError, errors: [new ConfigError(['SLACK_BOT_TOKEN: missing'])] },
  { base: CliError, errors: [new CliError('--week: expected an ISO week'), new CliError('refusing to write', 1)] },
  { base: RadarRuntimeError, errors: [new SendTimeoutError(5000), new RateLimitsSpecError('x: unknown scope')] },
  { base: ChartRenderError, errors: [new ChartRenderError('chart_font_missing', 'chart font missing', { userMessage: FONT_MISSING })] },
  { base: WebError, errors: [new WebError('no_team', 'no team', { userMessage: why })] },
];

describe('the error hierarchy', () => {
  it('has one root: every subsystem base derives from RadarError directly, every error from its base', () => {
    for (const { base, errors } of SUBSYSTEMS) {
      expect(Object.getPrototypeOf(base), base.name).toBe(RadarError);
      for (const err of errors) {
        expect(err, err.name).toBeInstanceOf(base);
        expect(err).toBeInstanceOf(RadarError);
        expect(err).toBeInstanceOf(Error);
      }
    }
    const bases = SUBSYSTEMS.map((s) => s.base.name);
    expect(new Set(bases).size).toBe(bases.length);
  });

  it('gives every error a snake_case code, its class name, and a user message in both languages', () => {
    for (const err of SUBSYSTEMS.flatMap((s) => s.errors)) {
      expect(err.code, err.name).toMatch(ERROR_CODE);
      expect(err.code, err.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(err.name).toBe(err.constructor.name);
      expect(err.userMessage.zh.length, err.name).toBeGreaterThan(0);
      expect(err.userMessage.en.length, err.name).toBeGreaterThan(0);
    }
  });

  it('keeps the codes other code reads', () => {
    expect(SUBSYSTEMS.find((s) => s.base === PlatformError)!.errors.map((e) => e.code))
      .toEqual(['rate_limited', 'transient', 'permanent', 'feishu_api_error', 'slack_identity']);
    expect(new MigrationError('-', 'x', { code: 'newer_database' }).code).toBe('newer_database');
    expect(new MigrationError('-', 'x').code).toBe('migration_failed');
    expect(new LineReadError(1, 'encoding', 'x').code).toBe('line_bad_encoding');
    expect(new ConfigError([]).code).toBe('config_invalid');
    expect(new CliError('x').code).toBe('cli_usage');
    expect(new CliError('x', 1).code).toBe('cli_failed');
    expect(new CliError('x', 1, { code: 'export_refused' }).code).toBe('export_refused');
  });

  it('keeps each error\'s own fields beside the common ones', () => {
    const d = new ChatDeliveryError('rate_limited', 'slow down', 2000, { limit: 'conversation' });
    expect([d.code, d.retryAfterMs, d.limit, d.message]).toEqual(['rate_limited', 2000, 'conversation', 'slow down']);
    const f = new FeishuApiError(429, 99991400, 'HTTP 429', 3000);
    expect([f.status, f.feishuCode, f.rateLimitResetMs, f.code]).toEqual([429, 99991400, 3000, 'feishu_api_error']);
    const rate = toDeliveryError(f, 'send');
    expect([rate.code, rate.retryAfterMs, rate.limit]).toEqual(['rate_limited', 3000, 'app']);
    const l = new LineReadError(9, 'too_long', 'line 9 is longer than 1024 KiB');
    expect([l.line, l.kind, l.message]).toEqual([9, 'too_long', 'line 9 is longer than 1024 KiB']);
    const t = new TaskStateError('already_claimed', why, 'claimed', 'claim');
    expect([t.from, t.command, t.message, t.userMessage]).toEqual(['claimed', 'claim', 'already_claimed: cannot claim a task in state claimed', why]);
    expect(new CliError('x', 3).exitCode).toBe(3);
    expect(new ConfigError(['A: missing', 'B: bad']).message).toBe('Configuration is incomplete:\n  - A: missing\n  - B: bad');
  });

  it('keeps the ES2022 cause, and none when none was given', () => {
    const root = new Error('disk full');
    const wrapped = new MigrationError('0001', 'migration 0001 failed', { cause: root });
    expect(wrapped.cause).toBe(root);
    expect(new ImportError('unreadable', 'x', [], 0, why, { cause: root }).cause).toBe(root);
    expect(new ChatDeliveryError('transient', 'x', null, { cause: root }).cause).toBe(root);
    expect(new SettingsChangeError('x', { cause: root }).cause).toBe(root);
    expect(new CliError('x', 2, { cause: root }).cause).toBe(root);
    expect('cause' in new ChatDeliveryError('transient', 'x')).toBe(false);
    expect('cause' in new RadarError('x', 'y')).toBe(false);
  });

  it('tells a person the generic internal error unless the thrower said something they can act on', () => {
    expect(new RadarError('invariant_broken', 'x').userMessage).toEqual(INTERNAL_ERROR);
    expect(INTERNAL_ERROR).toEqual({ zh: '内部错误，请稍后再试', en: 'Internal error, please try again' });
    expect(userMessageOf(new ScheduleSettingsError(['prompt.time: expected HH:MM']), 'zh')).toBe('日程设置无效：prompt.time: expected HH:MM');
    expect(userMessageOf(new Error('SQLITE_BUSY: database is locked'), 'en')).toBe('Internal error, please try again');
    expect(userMessageOf('thrown string', 'zh')).toBe('内部错误，请稍后再试');
  });

  it('summarizes for logs: our code and message, a foreign cause by name and code only', () => {
    const foreign = Object.assign(new Error('POST https://open.feishu.cn/x?app_secret=s3cr3t failed'), { code: 'ECONNRESET', config: { headers: { authorization: 'Bearer t0ken' } } });
    const err = new FeishuApiError(0, null, 'no answer (ECONNRESET): ', null, { cause: foreign });
    const delivery = toDeliveryError(err, 'send message');
    const logged = JSON.stringify({ err: delivery });
    expect(JSON.parse(logged)).toEqual({
      err: {
        name: 'ChatDeliveryError', code: 'transient', message: 'send message: no answer (ECONNRESET): ',
        cause: { name: 'FeishuApiError', code: 'feishu_api_error', message: 'no answer (ECONNRESET): ', cause: { name: 'Error', code: 'ECONNRESET' } },
      },
    });
    expect(logged).not.toContain('s3cr3t');
    expect(logged).not.toContain('t0ken');
    expect(summarizeError(42)).toEqual({ name: 'number' });
    // A cause chain that loops ends instead of overflowing.
    const a = new RadarError('a', 'a');
    Object.defineProperty(a, 'cause', { value: a });
    expect(JSON.stringify(summarizeError(a)).length).toBeLessThan(500);
  });
});

describe('errors raised where bare Errors used to be', () => {
  it('config and spec parsers raise their subsystem errors, naming the key', () => {
    expect(() => parseScoringConfig({ historyWeeks: 2 })).toThrow(CoreError);
    expect(() => parseRoutingConfig({ routes: { overdue: ['nobody'] } })).toThrow(RoutingConfigError);
    let spec: unknown;
    try {
      parseRateLimits('slack.workspace=fast', SLACK_DELIVERY.windows);
    } catch (err) {
      spec = err;
    }
    expect(spec).toBeInstanceOf(RadarRuntimeError);
    expect((spec as RateLimitsSpecError).message).toContain('slack.workspace: expected LIMIT/UNIT');
  });

  it('storage refuses an empty customer name and a backup over the database with StorageErrors', async () => {
    const db = openDb(':memory:');
    try {
      const repos = createRepositories(db);
      const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
      expect(() => repos.customers.upsertCustomer({ teamId: team.id, name: ' \u200b ' })).toThrow(StorageError);
      expect(() => repos.customers.upsertCustomer({ teamId: team.id, name: '' })).toThrow(expect.objectContaining({
        code: 'customer_name_empty', message: 'customer name is empty', userMessage: { zh: '客户名称为空：请填写客户名称', en: 'The customer name is empty: please give the customer a name' },
      }));
    } finally {
      db.close();
    }
    const self = { path: '/tmp/radar-errors-test.sqlite' } as Parameters<typeof backupDb>[0];
    await expect(backupDb(self, self.path)).rejects.toMatchObject({ name: 'StorageError', code: 'backup_target_is_database' });
  });

  it('the Feishu decryptor refuses a short payload with a PlatformError', () => {
    expect(() => decryptPayload('key', Buffer.alloc(8).toString('base64'))).toThrow(expect.objectContaining({
      name: 'PlatformError', code: 'feishu_bad_encrypted_payload', message: 'encrypted payload has an invalid length',
    }));
  });

  it('a missing team is an AppError with a message a person can act on', () => {
    const err = new AppError('team_not_found', 'team 7 not found', { userMessage: TEAM_NOT_FOUND });
    expect(err.userMessage.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(err.userMessage.en).toMatch(/^This team was not found/);
  });
});
