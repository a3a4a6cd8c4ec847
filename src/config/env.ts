// The only reader of process.env. Everything is validated at once and every problem is reported
// together, naming the variable to set.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { RadarError } from '../core/errors.js';
import { text } from '../core/i18n.js';
import type { SlackConfig } from '../../adapters/slack/config.js';
import type { FeishuConfig } from '../../adapters/feishu/config.js';
import { parseRateLimits, RateLimitsSpecError } from '../runtime/delivery/rate-limits-spec.js';
import { SLACK_DELIVERY } from '../../adapters/slack/limits.js';
import { FEISHU_DELIVERY } from '../../adapters/feishu/limits.js';
import type { RateLimits } from '../runtime/delivery/rate-limiter.js';

export interface AppConfig {
  /** RADAR_DB: a SQLite file path (the default ./data/radar.sqlite) or a postgres:// URL. */
  database: string;
  logLevel: string;
  /** Optional JSON file with template labels, scoring weights, thresholds and routing. */
  configFile: string | null;
  team: { name: string; timezone: string; locale: 'zh' | 'en' };
  port: number;
  /** The dashboard: signing secret (null → generated once and stored in the database) and public base URL (null → http://localhost:PORT). */
  web?: { secret: string | null; publicUrl: string | null };
  slack: SlackConfig | null;
  feishu: FeishuConfig | null;
  /** The outbox's send budgets: the documented defaults with RADAR_RATE_LIMITS' scopes replaced. */
  rateLimits?: RateLimits;
}

/** The base of errors raised by the configuration subsystem (src/config): a bad .env, variable or config file. */
export class ConfigError extends RadarError {
  declare readonly code: 'config_invalid';
  constructor(readonly problems: string[], options?: { cause?: unknown }) {
    const list = problems.map((p) => `  - ${p}`).join('\n');
    super('config_invalid', `Configuration is incomplete:\n${list}`, { ...options, userMessage: text(`配置不完整：\n${list}`, `Configuration is incomplete:\n${list}`) });
    this.name = 'ConfigError';
  }
}

const FEISHU_DOMAINS: Record<string, string> = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
};

const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));

const EnvSchema = z.object({
  RADAR_DB: optional,
  RADAR_CONFIG: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RADAR_TEAM_NAME: z.string().default('Sales'),
  RADAR_TIMEZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, 'must be an IANA timezone such as Asia/Shanghai'),
  RADAR_LOCALE: z.enum(['zh', 'en']).default('zh'),
  RADAR_RATE_LIMITS: optional,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RADAR_WEB_SECRET: optional.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`), or unset to generate one'),
  RADAR_PUBLIC_URL: optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), 'must be an http(s) URL such as https://radar.example.com'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  SLACK_MANAGER_CHANNEL: optional,
  SLACK_BOT_USER_ID: optional,
  SLACK_BOT_ID: optional,
  FEISHU_APP_ID: optional,
  FEISHU_APP_SECRET: optional,
  FEISHU_DOMAIN: z.string().default('https://open.feishu.cn'),
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_MANAGER_CHAT_ID: optional,
  FEISHU_MODE: z.enum(['ws', 'http']).default('ws'),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Read and validate the environment. `dbOverride` is the CLI's `--db`. Throws ConfigError. */
function isPostgresUrlWellFormed(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, dbOverride?: string): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];

  let slack: SlackConfig | null = null;
  if (e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: set the bot token (xoxb-…) to use Slack');
    if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: set the app\'s signing secret (Basic Information page)');
    if (!e.SLACK_MANAGER_CHANNEL) problems.push('SLACK_MANAGER_CHANNEL: set the channel id (C…) where the digest is posted');
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET && e.SLACK_MANAGER_CHANNEL) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
        managerChannel: e.SLACK_MANAGER_CHANNEL,
        botUserId: e.SLACK_BOT_USER_ID,
        botId: e.SLACK_BOT_ID,
        socketMode: Boolean(e.SLACK_APP_TOKEN),
      };
    }
  }

  let feishu: FeishuConfig | null = null;
  if (e.FEISHU_APP_ID || e.FEISHU_APP_SECRET) {
    if (!e.FEISHU_APP_ID) problems.push('FEISHU_APP_ID: set the app id (cli_…) to use Feishu/Lark');
    if (!e.FEISHU_APP_SECRET) problems.push('FEISHU_APP_SECRET: set the app secret');
    if (!e.FEISHU_MANAGER_CHAT_ID) problems.push('FEISHU_MANAGER_CHAT_ID: set the chat id (oc_…) of the manager group');
    // Without an encrypt key Feishu signs nothing: no signature, no timestamp, anyone could post events.
    if (e.FEISHU_MODE === 'http' && !e.FEISHU_ENCRYPT_KEY) {
      problems.push('FEISHU_ENCRYPT_KEY: required in http mode (Events and callbacks → Encryption strategy); without it requests cannot be authenticated');
    }
    if (e.FEISHU_MODE === 'http' && !e.FEISHU_VERIFICATION_TOKEN) {
      problems.push('FEISHU_VERIFICATION_TOKEN: required in http mode (Events and callbacks page)');
    }
    const domain = FEISHU_DOMAINS[e.FEISHU_DOMAIN.toLowerCase()] ?? e.FEISHU_DOMAIN;
    if (!/^https?:\/\//.test(domain)) problems.push('FEISHU_DOMAIN: use feishu, lark or a URL such as https://open.feishu.cn');
    if (e.FEISHU_APP_ID && e.FEISHU_APP_SECRET && e.FEISHU_MANAGER_CHAT_ID && problems.length === 0) {
      feishu = {
        appId: e.FEISHU_APP_ID,
        appSecret: e.FEISHU_APP_SECRET,
        domain: domain.replace(/\/$/, ''),
        encryptKey: e.FEISHU_ENCRYPT_KEY,
        verificationToken: e.FEISHU_VERIFICATION_TOKEN,
        managerChatId: e.FEISHU_MANAGER_CHAT_ID,
        mode: e.FEISHU_MODE,
      };
    }
  }

  let rateLimits: RateLimits | undefined;
  try {
    rateLimits = parseRateLimits(e.RADAR_RATE_LIMITS, { ...SLACK_DELIVERY.windows, ...FEISHU_DELIVERY.windows });
  } catch (err) {
    if (!(err instanceof RateLimitsSpecError)) throw err;
    problems.push(err.message);
  }

  const database = dbOverride ?? e.RADAR_DB ?? './data/radar.sqlite';
  // A postgres:// URL selects PostgreSQL (src/storage/open-storage.ts); a broken one is named here, before
  // anything starts (never echoed: it may hold a password).
  if (/^postgres(ql)?:/i.test(database) && !isPostgresUrlWellFormed(database)) {
    problems.push('RADAR_DB: not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    database,
    logLevel: e.LOG_LEVEL,
    configFile: e.RADAR_CONFIG ?? null,
    team: { name: e.RADAR_TEAM_NAME, timezone: e.RADAR_TIMEZONE, locale: e.RADAR_LOCALE },
    port: e.PORT,
    web: { secret: e.RADAR_WEB_SECRET ?? null, publicUrl: e.RADAR_PUBLIC_URL?.replace(/\/+$/, '') ?? null },
    slack,
    feishu,
    rateLimits,
  };
}

/** Names of the variables holding secrets, for log scrubbing tests. */
export const SECRET_VARS = ['RADAR_WEB_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'FEISHU_APP_SECRET', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN'] as const;

/**
 * Read `.env` from the working directory into the environment when there is one (variables already set
 * win). Lets `cp .env.example .env` be the whole set-up step.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
