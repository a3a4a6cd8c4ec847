// The server under test of bench/ack.bench.ts, in its own process (the platform's fake API and the load
// generator run in the parent, as the real platform runs elsewhere):
//   ack-server.ts slack|feishu ours|bare API_URL
// prints one JSON line {port, path, clicks} and serves until killed. `ours` is the whole bot on a seeded
// database; `bare` is the platform SDK's own HTTP handling with a listener that only acknowledges.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import * as lark from '@larksuiteoapi/node-sdk';
import { startBot } from '../../src/runtime/start-bot.js';
import type { AppConfig } from '../../src/config/env.js';
import { DEFAULT_SETTINGS } from '../../src/config/radar-config.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';
import { encodeAction } from '../../src/ui/action.js';
import { importRecords } from '../../src/app/import/import-records.service.js';
import { ACK_SECRETS, type AckClick } from './ack-secrets.js';

const PEOPLE = [
  { email: 'rep1@example.com', name: 'Li Lei', role: 'rep' as const, slack: 'U0REP1', feishu: 'ou_rep1000000000000000000000' },
  { email: 'manager@example.com', name: 'Wang Fang', role: 'manager' as const, slack: 'U0MGR', feishu: 'ou_mgr0000000000000000000000' },
];
const WEEK = '2026-W47';

function seed(bot: Awaited<ReturnType<typeof startBot>>, platform: 'slack' | 'feishu'): AckClick[] {
  const { repos } = bot.app.ctx;
  const team = repos.teams.listTeams()[0]!;
  for (const p of PEOPLE) {
    const m = repos.teams.upsertMember({ teamId: team.id, email: p.email, name: p.name, role: p.role });
    repos.teams.setPlatformId(m.id, platform, p[platform]);
  }
  const lines = ['2026-W44', '2026-W45', '2026-W46', WEEK].flatMap((week, i) => ['华星科技', '东方电气', '蓝海物流'].map((customer, c) => JSON.stringify({
    week, rep: PEOPLE[0]!.email, customer, contacts: 2, revenue: 10000, receivable: 20000 + c * 1000, overdueDays: c === 0 ? 70 + 7 * i : 0,
    complaints: 0, requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', health: 'green',
  })));
  importRecords(repos, { name: 'bench.jsonl', text: lines.join('\n') }, { teamId: team.id, now: new Date().toISOString() });
  const id = (name: string) => String(repos.customers.customerByName(team.id, name)!.id);
  const chatOf = platform === 'slack' ? { rep: 'D0REP1', manager: 'CMGR' } : { rep: 'oc_rep1', manager: 'oc_managers' };
  // What people click most: a rep opening a customer's form, a manager opening a customer's details.
  return [
    { user: PEOPLE[0]![platform], channel: chatOf.rep, value: encodeAction({ kind: 'report.open', args: { week: WEEK, customerId: id('华星科技') } }) },
    { user: PEOPLE[1]![platform], channel: chatOf.manager, value: encodeAction({ kind: 'customer.details', args: { customerId: id('东方电气') } }) },
  ];
}

async function ours(platform: 'slack' | 'feishu', apiUrl: string): Promise<{ port: number; path: string; clicks: AckClick[] }> {
  const s = ACK_SECRETS;
  const config: AppConfig = {
    database: join(mkdtempSync(join(tmpdir(), 'radar-ack-')), 'radar.sqlite'), logLevel: 'silent', configFile: null,
    team: { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' }, port: 0,
    slack: platform === 'slack'
      ? { botToken: s.slackToken, signingSecret: s.slackSigningSecret, apiUrl, managerChannel: 'CMGR', botUserId: 'UBOT', botId: 'BBOT', socketMode: false, requestTimeoutMs: 3000 }
      : null,
    feishu: platform === 'feishu'
      ? { appId: s.feishuAppId, appSecret: s.feishuAppSecret, domain: apiUrl, encryptKey: s.feishuEncryptKey, verificationToken: s.feishuVerificationToken, managerChatId: 'oc_managers', mode: 'http', apiTimeoutMs: 3000 }
      : null,
  };
  const bot = await startBot({ config, settings: DEFAULT_SETTINGS, logger: silentLogger(), scheduler: false });
  return { port: bot.server!.port, path: platform === 'slack' ? '/slack/events' : '/feishu/events', clicks: seed(bot, platform) };
}

async function bare(platform: 'slack' | 'feishu', apiUrl: string): Promise<{ port: number; path: string; clicks: AckClick[] }> {
  const s = ACK_SECRETS;
  const clicks: AckClick[] = [{ user: PEOPLE[0]![platform], channel: platform === 'slack' ? 'D0REP1' : 'oc_rep1', value: encodeAction({ kind: 'report.open', args: { week: WEEK, customerId: '1' } }) }];
  if (platform === 'slack') {
    const app = new App({ signingSecret: s.slackSigningSecret, token: s.slackToken, tokenVerificationEnabled: false, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
    app.action(/.*/, async ({ ack }) => { await ack(); });
    const server = (await app.start(0)) as unknown as Server;
    return { port: (server.address() as AddressInfo).port, path: '/slack/events', clicks };
  }
  // Card 2.0 callbacks arrive as `card.action.trigger` events: the SDK's dispatcher decrypts and checks them.
  const dispatcher = new lark.EventDispatcher({ encryptKey: s.feishuEncryptKey, verificationToken: s.feishuVerificationToken, loggerLevel: lark.LoggerLevel.error })
    .register({ 'card.action.trigger': async () => ({}) });
  const server = createServer(lark.adaptDefault('/feishu/events', dispatcher, { autoChallenge: true }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, path: '/feishu/events', clicks };
}

const [platform, mode, apiUrl] = process.argv.slice(2) as ['slack' | 'feishu', 'ours' | 'bare', string];
if ((platform !== 'slack' && platform !== 'feishu') || (mode !== 'ours' && mode !== 'bare') || !apiUrl) {
  process.stderr.write('usage: ack-server.ts slack|feishu ours|bare API_URL\n');
  process.exit(2);
}
const ready = await (mode === 'ours' ? ours : bare)(platform, apiUrl);
process.stdout.write(`${JSON.stringify(ready)}\n`);
// Exit on SIGTERM so `--cpu-prof` runs can write their profile.
process.on('SIGTERM', () => process.exit(0));
