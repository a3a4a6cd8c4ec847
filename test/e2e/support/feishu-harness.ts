// The composed bot (startBot: real router, real SQLite file, real Feishu adapter in HTTP mode over
// the real node-sdk, real outbox worker) against the loopback fake Open API, plus helpers that post
// encrypted + signed requests to it exactly as Feishu would, with the bot's fixed clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { startBot, type RunningBot } from '../../../src/runtime/start-bot.js';
import type { AppConfig } from '../../../src/config/env.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import type { RadarSettings } from '../../../src/app/context.js';
import type { FeishuAdapter } from '../../../adapters/feishu/index.js';
import { FEISHU_EVENTS_PATH } from '../../../adapters/feishu/transport/http-route.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { cardActionEvent, envelope, signRequest, textMessageEvent } from '../../fakes/feishu-signing.js';
import { seedFeishuTeam, type SeededTeam } from './feishu-seed.js';

/** The secrets of the test app: none of them may ever appear in a log line. */
export const SECRETS = {
  appId: 'cli_9f8e7d6c5b4a3210',
  appSecret: 'feishu-test-secret',
  encryptKey: 'test-encrypt-key',
  verificationToken: 'test-verification-token',
} as const;
export const MANAGER_CHAT_ID = 'oc_managers';

/** Friday 16:00 in Shanghai when the run starts: the current (and report) week is 2026-W48. */
export const START = new Date('2026-11-27T08:00:00Z');
export const WEEK = '2026-W48';

export interface PostResult {
  status: number;
  text: string;
  json: any;
}

export interface FeishuE2E {
  fake: FakeFeishuApi;
  bot: RunningBot;
  adapter: FeishuAdapter;
  seeded: SeededTeam;
  /** Every log line of the run (pino at trace level, plus anything printed on the console). */
  logs: string[];
  /** Every card the bot answered a callback with (card.data), in order. */
  answeredCards: any[];
  url: string;
  /** The bot's clock: fixed, moved only by advance(). */
  now(): Date;
  advance(ms: number): void;
  /** The clock in whole seconds (what Feishu puts in X-Lark-Request-Timestamp). */
  nowSec(): number;
  /** POST a raw body with headers to /feishu/events. */
  post(body: string, headers: Record<string, string>): Promise<PostResult>;
  /** Encrypt, sign and POST a v2 envelope; `timestampSec` defaults to the bot's clock. */
  postSigned(payload: unknown, opts?: { timestampSec?: number }): Promise<PostResult>;
  /** A card.action.trigger callback from `operator`. */
  callback(o: CallbackOptions): Promise<PostResult>;
  /** An im.message.receive_v1 event. */
  message(o: MessageOptions): Promise<PostResult>;
  /** A user's own message now exists in a chat at the fake (so the bot can reply to it). */
  userPosted(messageId: string, chatId: string, text: string): void;
  /** Wait for the adapter's background work, then deliver everything due in the outbox. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface CallbackOptions {
  operator: string;
  value?: Record<string, string>;
  formValue?: Record<string, unknown>;
  messageId: string;
  chatId: string;
  name?: string;
  eventId?: string;
  token?: string;
  verificationToken?: string;
}

export interface MessageOptions {
  sender: string;
  text: string;
  chatId: string;
  messageId: string;
  eventId: string;
  chatType?: 'p2p' | 'group';
  mentions?: Array<{ key: string; openId: string; name: string }>;
}

function captureLogs(lines: string[]): { logger: Logger; restoreConsole: () => void } {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  // Trace level and no redaction: the test sees everything any part of the bot tries to log.
  const logger: Logger = pino({ level: 'trace', base: undefined }, stream);
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  for (const m of methods) {
    const original = console[m];
    console[m] = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
      original.apply(console, args);
    };
  }
  return { logger, restoreConsole: () => methods.forEach((m, i) => { console[m] = originals[i]!; }) };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `settings`: the team's settings (default: the built-in ones), e.g. with custom report fields. */
export async function startFeishuE2E(options: { settings?: RadarSettings } = {}): Promise<FeishuE2E> {
  const logs: string[] = [];
  const { logger, restoreConsole } = captureLogs(logs);
  const fake = await startFakeFeishuApi();
  const dir = mkdtempSync(join(tmpdir(), 'radar-feishu-e2e-'));
  const config: AppConfig = {
    database: join(dir, 'radar.sqlite'),
    logLevel: 'trace',
    configFile: null,
    team: { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' },
    port: 0,
    slack: null,
    feishu: {
      appId: SECRETS.appId, appSecret: SECRETS.appSecret, domain: fake.url, encryptKey: SECRETS.encryptKey,
      verificationToken: SECRETS.verificationToken, managerChatId: MANAGER_CHAT_ID, mode: 'http', apiTimeoutMs: 3_000,
    },
  };
  let now = START.getTime();
  const clock = () => new Date(now);
  const nowSec = () => Math.floor(now / 1000);
  const bot = await startBot({
    config, settings: options.settings ?? DEFAULT_SETTINGS, logger, clock, scheduler: false,
    // The clock only moves when a test says so, so rate windows would not reopen: no limits here (they
    // have their own tests).
    worker: { limits: {}, pollIntervalMs: 60_000, updateWaitMs: 50, sendTimeoutMs: 3_000 },
  });
  const adapter = bot.adapters.find((a) => a.platform === 'feishu') as FeishuAdapter;
  const seeded = seedFeishuTeam(bot, fake, START);
  const url = `http://127.0.0.1:${bot.server!.port}${FEISHU_EVENTS_PATH}`;

  const post = async (body: string, headers: Record<string, string>): Promise<PostResult> => {
    const res = await fetch(url, { method: 'POST', body, headers });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: leave null
    }
    return { status: res.status, text, json };
  };
  const answeredCards: any[] = [];
  const recordCard = (r: PostResult): PostResult => {
    if (r.json?.card?.data) answeredCards.push(r.json.card.data);
    return r;
  };
  const postSigned = (payload: unknown, opts: { timestampSec?: number } = {}) => {
    const { body, headers } = signRequest(payload, { encryptKey: SECRETS.encryptKey, timestampSec: opts.timestampSec ?? nowSec() });
    return post(body, headers);
  };

  return {
    fake, bot, adapter, seeded, logs, url, post, postSigned,
    now: clock,
    nowSec,
    advance(ms) {
      now += ms;
    },
    answeredCards,
    callback: async (o) => recordCard(await postSigned(envelope({
      eventType: 'card.action.trigger', token: o.verificationToken ?? SECRETS.verificationToken, eventId: o.eventId,
      createTime: now, appId: SECRETS.appId,
      event: cardActionEvent({
        operator: o.operator, value: o.value, formValue: o.formValue, messageId: o.messageId, chatId: o.chatId,
        name: o.name, token: o.token,
      }),
    }))),
    message: (o) => postSigned(envelope({
      eventType: 'im.message.receive_v1', token: SECRETS.verificationToken, eventId: o.eventId, createTime: now, appId: SECRETS.appId,
      event: textMessageEvent({
        sender: o.sender, text: o.text, chatType: o.chatType ?? 'group', chatId: o.chatId, messageId: o.messageId, mentions: o.mentions,
      }),
    })),
    userPosted(messageId, chatId, text) {
      fake.messages.push({
        message_id: messageId, chat_id: chatId, receive_id_type: null, receive_id: null, msg_type: 'text',
        card: { text }, uuid: null, parent_id: null, history: [{ text }],
      });
    },
    async settle() {
      await adapter.idle();
      await bot.worker.drainOnce();
    },
    async stop() {
      try {
        await bot.stop();
        await fake.close();
      } finally {
        restoreConsole();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
