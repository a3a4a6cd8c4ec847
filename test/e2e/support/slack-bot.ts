// The composed bot on Slack for full-stack tests: startBot (real router, SQLite file, Bolt over HTTP on
// port 0, outbox worker) against the loopback fake Web API, seeded with the team's people and history,
// and a signed-request client for its /slack/events (Feishu beside it on request). One set-up for every
// Slack e2e suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startBot, type BotOptions, type RunningBot } from '../../../src/runtime/start-bot.js';
import type { AppConfig } from '../../../src/config/env.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import type { RadarSettings } from '../../../src/app/context.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackCall } from '../../fakes/slack-api.fake.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { runningClock, seedTeam, SEED_PEOPLE, type PersonKey, type SeededTeam } from './seed.js';
import { SlackClientSim } from './slack-user.js';

export const BOT_TOKEN = 'xoxb-test-secret';
export const SIGNING_SECRET = 'test-signing-secret';
export const MANAGERS = 'CMANAGERS';
export const GENERAL = 'CGENERAL';
/** A Slack user of the workspace who is not on the team. */
export const STRANGER = 'U0STRANGER';

/** Slack user ids of the seeded people (the fake answers users.lookupByEmail with these). */
export const SLACK_ID: Record<PersonKey, string> = {
  rep1: 'U0REP1', rep2: 'U0REP2', manager: 'U0MGR', director: 'U0DIR', owner: 'U0OWNER', finance: 'U0FIN', customerService: 'U0CS',
};

export interface SlackBotOptions {
  settings?: RadarSettings;
  settingsResolver?: BotOptions['settingsResolver'];
  logger?: Logger;
  logLevel?: AppConfig['logLevel'];
  /** Store the people's Slack ids at once (as the prompt step's users.lookupByEmail would). */
  linkIds?: boolean;
  /** Also run Feishu in HTTP mode beside Slack (same process and port), against a fake Open API. */
  withFeishu?: boolean;
}

/** The Feishu app's secrets when `withFeishu` is set. */
export const FEISHU_SECRETS = { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'feishu-app-secret', encryptKey: 'feishu-encrypt-key', verificationToken: 'feishu-verification-token' } as const;
export const FEISHU_MANAGERS = 'oc_mgr';

export interface SlackBot {
  fake: FakeSlackApi;
  /** The fake Feishu Open API, when started `withFeishu`. */
  feishuFake: FakeFeishuApi | null;
  bot: RunningBot;
  seed: SeededTeam;
  slack: SlackClientSim;
  dir: string;
  clock: () => Date;
  /** chat.postMessage calls into a conversation (a DM posted to a user id counts in its D… conversation). */
  posts(channel: string): FakeSlackCall[];
  /** The DM conversation of a seeded person. */
  dm(key: PersonKey): string;
  /** Let every queued outbound message go out (the worker also runs by itself; this makes it certain). */
  drain(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startSlackBot(options: SlackBotOptions = {}): Promise<SlackBot> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-slack-e2e-'));
  const clock = runningClock();
  const fake = await startFakeSlackApi({
    botUserId: 'UBOT',
    botId: 'BBOT',
    users: [
      ...SEED_PEOPLE.map((p) => ({ id: SLACK_ID[p.key], email: p.email, name: p.name })),
      { id: STRANGER, email: 'visitor@elsewhere.example', name: 'Visitor' },
    ],
  });
  const feishuFake = options.withFeishu ? await startFakeFeishuApi() : null;
  const config: AppConfig = {
    database: join(dir, 'radar.sqlite'), logLevel: options.logLevel ?? 'info', configFile: null,
    team: { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' }, port: 0,
    slack: {
      botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.url, managerChannel: MANAGERS,
      botUserId: 'UBOT', botId: 'BBOT', socketMode: false, requestTimeoutMs: 3000,
    },
    feishu: feishuFake ? { ...FEISHU_SECRETS, domain: feishuFake.url, managerChatId: FEISHU_MANAGERS, mode: 'http' } : null,
  };
  const bot = await startBot({
    config,
    settings: options.settings ?? DEFAULT_SETTINGS,
    ...(options.settingsResolver ? { settingsResolver: options.settingsResolver } : {}),
    logger: options.logger ?? silentLogger(),
    clock,
    scheduler: false,
    // The default rate limits stay on (the clock runs at real speed); only polling is made quick.
    worker: { pollIntervalMs: 20, updateWaitMs: 200 },
  });
  const team = bot.app.ctx.repos.teams.listTeams()[0];
  if (!team) throw new Error('startBot created no team');
  if (!bot.server) throw new Error('HTTP mode expected a server');
  const seed = seedTeam(bot.app.ctx.repos, team.id);
  if (options.linkIds) for (const p of SEED_PEOPLE) bot.app.ctx.repos.teams.setPlatformId(seed.members[p.key].id, 'slack', SLACK_ID[p.key]);
  const conversationOf = (c: FakeSlackCall): string => (/^[UW]/.test(String(c.args.channel)) ? fake.dmOf(String(c.args.channel)) : String(c.args.channel));
  let closed = false;
  return {
    fake, feishuFake, bot, seed, dir, clock,
    slack: new SlackClientSim(`http://127.0.0.1:${bot.server.port}/slack/events`, SIGNING_SECRET, clock),
    posts: (channel) => fake.callsTo('chat.postMessage').filter((c) => conversationOf(c) === channel),
    dm: (key) => fake.dmOf(SLACK_ID[key]),
    drain: () => bot.worker.drainOnce(),
    async close() {
      if (closed) return;
      closed = true;
      await bot.stop();
      await fake.close();
      await feishuFake?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wait until `probe` returns something (the listeners reply after the HTTP ack). */
export async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
