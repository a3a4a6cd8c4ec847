import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.fake.js';
import { signedForm, signedJson, signedRaw } from '../../fakes/slack-signing.js';
import { eventCallback, slashCommand } from '../../fixtures/slack/payloads.js';
import { answer, type Answer } from '../../../src/app/answer.js';

const inbound = () => {
  const seen = new Set<string>();
  return { firstSeen: (k: string) => (seen.has(k) ? false : (seen.add(k), true)) };
};

let api: FakeSlackApi | null = null;
afterEach(async () => {
  await api?.close();
  api = null;
});

describe('createSlackAdapter', () => {
  it('builds a Socket Mode adapter without an HTTP route (the connection is tested in socket-mode.test.ts)', () => {
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-x', signingSecret: 's', appToken: 'xapp-1-x', apiUrl: 'http://127.0.0.1:9/api/', managerChannel: 'C1', socketMode: true, botId: 'B1', botUserId: 'U1' },
      { router: async () => (answer.nothing()), inbound: inbound(), logger: silentLogger() },
    );
    expect(adapter.platform).toBe('slack');
    expect(adapter.http).toBeUndefined();
    expect(adapter.chat.platform).toBe('slack');
  });

  it('without bot ids, resolves them with one auth.test at start, never per request; logs never carry secrets', async () => {
    api = await startFakeSlackApi();
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) }));
    const secret = 'super-secret-signing-value';
    const token = 'xoxb-very-secret-token';
    const events: string[] = [];
    const adapter = createSlackAdapter(
      { botToken: token, signingSecret: secret, apiUrl: api.url, managerChannel: 'C1', socketMode: false },
      { router: async (e) => (events.push(e.type), answer.toast('hi', 'info')), inbound: inbound(), logger },
    );
    await adapter.start();
    expect(api.callsTo('auth.test')).toHaveLength(1);
    const route = adapter.http!;
    const server = createServer((req, res) => route.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    const post = async (r: { body: string; headers: Record<string, string> }) => (await fetch(url, { method: 'POST', headers: r.headers, body: r.body })).status;
    try {
      expect(await post(signedForm(secret, slashCommand('hello')))).toBe(200);
      await api.waitFor('chat.postEphemeral');
      expect(api.callsTo('auth.test')).toHaveLength(1);
      // our own bot's DM is ignored (ignoreSelf knows the bot id from auth.test)
      await post(signedJson(secret, eventCallback({ type: 'message', channel_type: 'im', user: api.botUserId, bot_id: api.botId, text: 'echo', ts: '1.1', channel: 'D1' })));
      expect(await post(signedForm('wrong', slashCommand('x')))).toBe(401);
      expect(await post(signedRaw(secret, 'null', 'application/json'))).toBe(400);
      expect(await post(signedForm(secret, slashCommand('again')))).toBe(200);
      await api.waitFor('chat.postEphemeral', 2);
      expect(events).toEqual(['command', 'command']);
      expect(api.callsTo('auth.test')).toHaveLength(1);
    } finally {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secret);
    expect(log).not.toContain(token);
  });
});
