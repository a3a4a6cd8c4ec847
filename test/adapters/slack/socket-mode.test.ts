// Socket Mode end to end on loopback: the real adapter (Bolt + our SlackSocketReceiver over
// @slack/socket-mode) against a fake Web API whose apps.connections.open hands out a fake ws server.
import { Writable } from 'node:stream';
import type { App } from '@slack/bolt';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.js';
import { SlackSocketReceiver } from '../../../adapters/slack/transport/socket-receiver.js';
import { encodeAction } from '../../../src/ui/action.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../fakes/slack-socket.fake.js';
import { eventCallback, slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';
import { stubRouter, type StubRouter } from './e2e-support.js';
import { answer } from '../../../src/app/answer.js';

const APP_TOKEN = 'xapp-1-A0RADAR-1234-socketsecretvalue';
const BOT_TOKEN = 'xoxb-socket-bot-secret-token';

const form: FormSpec = {
  formId: encodeAction({ kind: 'report.save', args: { week: '2026-W48', customerId: '17' } }),
  title: '华星科技 — 2026-W48',
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  fields: [{ id: 'overdueDays', label: 'Overdue days', kind: 'integer', required: true, min: 0 }],
  values: {},
};

function captureLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) }));
  return { logger, text: () => lines.join('') };
}

const memoryInbound = () => {
  const seen = new Set<string>();
  return { firstSeen: (k: string) => (seen.has(k) ? false : (seen.add(k), true)) };
};

let fake: FakeSlackSocket;
let stub: StubRouter;
let adapter: SlackAdapter;
let logs: ReturnType<typeof captureLogger>;

function makeAdapter(): SlackAdapter {
  return createSlackAdapter(
    {
      botToken: BOT_TOKEN,
      signingSecret: 'unused-in-socket-mode',
      appToken: APP_TOKEN,
      apiUrl: fake.api.url,
      managerChannel: 'C0MANAGERS',
      botUserId: fake.api.botUserId,
      botId: fake.api.botId,
      socketMode: true,
      requestTimeoutMs: 2000,
    },
    { router: (e) => stub.router(e), inbound: memoryInbound(), logger: logs.logger },
  );
}

describe('Slack Socket Mode (loopback)', () => {
  beforeEach(async () => {
    fake = await startFakeSlackSocket();
    stub = stubRouter();
    logs = captureLogger();
    adapter = makeAdapter();
  });
  afterEach(async () => {
    await adapter.stop();
    await fake.close();
    // No secret in any line the adapter, Bolt or the SDKs wrote (at debug level).
    expect(logs.text()).not.toContain(APP_TOKEN);
    expect(logs.text()).not.toContain(BOT_TOKEN);
  });

  it('opens the connection through SLACK_API_URL (our fake, not slack.com) with the app token', async () => {
    await adapter.start();
    expect(adapter.http).toBeUndefined();
    expect(fake.api.callsTo('apps.connections.open')).toHaveLength(1);
    expect(fake.api.calls.map((c) => c.method)).toEqual(['apps.connections.open']);
    expect(fake.connections).toBe(1);
    expect(fake.openConnections()).toBe(1);
  });

  it('an app_mention reaches the router once, is acked by envelope_id, and a retry is acked but not re-run', async () => {
    await adapter.start();
    stub.results = [answer.toast('华星科技: index 64', 'info')];
    const body = eventCallback({ type: 'app_mention', user: 'U0REP1', text: `<@${fake.api.botUserId}> how is 华星科技?`, ts: '1700000000.000100', channel: 'C0GENERAL' });
    const first = fake.send('events_api', body);
    expect(await fake.waitForAck(first)).toEqual({ envelope_id: first, payload: {} });
    const [reply] = await fake.api.waitFor('chat.postMessage');
    expect(reply!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000000.000100' });
    expect(reply!.args.text).toContain('华星科技: index 64');
    expect(stub.events).toEqual([{ type: 'message', actor: { platform: 'slack', userId: 'U0REP1' }, text: 'how is 华星科技?', channelId: 'C0GENERAL', isDirect: false }]);

    // Slack redelivers the same event_id (new envelope, retry_attempt 1): acked, not routed again.
    const retry = fake.send('events_api', body, { retryAttempt: 1, retryReason: 'timeout' });
    expect((await fake.waitForAck(retry)).envelope_id).toBe(retry);
    await new Promise((r) => setTimeout(r, 100));
    expect(stub.events).toHaveLength(1);
    expect(fake.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a slash command is acked at once and answered ephemerally', async () => {
    await adapter.start();
    stub.results = [answer.toast('Nothing overdue', 'success')];
    const id = fake.send('slash_commands', slashCommand('overdue'));
    expect(await fake.waitForAck(id)).toEqual({ envelope_id: id, payload: {} });
    const [eph] = await fake.api.waitFor('chat.postEphemeral');
    expect(eph!.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0OWNER' });
    expect(JSON.stringify(eph!.args)).toContain('Nothing overdue');
    expect(stub.events[0]).toMatchObject({ type: 'command', text: 'overdue', channelId: 'C0GENERAL', actor: { platform: 'slack', userId: 'U0OWNER' } });
  });

  it('a view_submission with errors carries response_action errors in the ack; a duplicate is acked empty', async () => {
    await adapter.start();
    stub.results = [answer.fieldErrors({ ...form, errors: { overdueDays: 'must be ≥ 0' } })];
    const submission = viewSubmission(form.formId, { overdueDays: { overdueDays: { type: 'number_input', value: '-3' } } });
    const id = fake.send('interactive', submission);
    expect(await fake.waitForAck(id)).toEqual({ envelope_id: id, payload: { response_action: 'errors', errors: { overdueDays: 'must be ≥ 0' } } });
    expect(stub.events[0]).toMatchObject({ type: 'formSubmitted', formId: form.formId, values: { overdueDays: '-3' } });
    // The same trigger_id again (a double delivery) is not processed twice.
    const again = fake.send('interactive', submission);
    expect(await fake.waitForAck(again)).toEqual({ envelope_id: again, payload: {} });
    expect(stub.events).toHaveLength(1);
  });

  it('malformed envelopes are acked and dropped without reaching the router or breaking the connection', async () => {
    await adapter.start();
    fake.sendRaw('not json');
    const nullPayload = fake.send('interactive', null);
    const noEventId = fake.send('events_api', { type: 'event_callback', event: { type: 'app_mention', user: 'U1', text: 'x', ts: '1.1', channel: 'C1' } });
    const badUser = fake.send('interactive', { type: 'view_submission', user: null, view: {} });
    for (const id of [nullPayload, noEventId, badUser]) expect(await fake.waitForAck(id)).toEqual({ envelope_id: id, payload: {} });
    expect(stub.events).toEqual([]);
    // Still connected and working.
    stub.results = [answer.toast('yes', 'info')];
    const ok = fake.send('slash_commands', slashCommand('still there?'));
    await fake.waitForAck(ok);
    await fake.api.waitFor('chat.postEphemeral');
    expect(stub.events).toHaveLength(1);
    expect(fake.strays).toEqual([]);
  });

  it('stop() closes the socket normally (1000) and does not reconnect; start() again connects anew', async () => {
    await adapter.start();
    await adapter.stop();
    await fake.waitForNoConnection();
    expect(fake.closeCodes).toEqual([1000]);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.connections).toBe(1);
    expect(fake.api.callsTo('apps.connections.open')).toHaveLength(1);
    expect(logs.text()).toContain('slack socket disconnected');

    await adapter.start();
    expect(fake.connections).toBe(2);
    stub.results = [answer.toast('back', 'info')];
    const id = fake.send('slash_commands', slashCommand('back?'));
    await fake.waitForAck(id);
    await fake.api.waitFor('chat.postEphemeral');
  });

  it('a refused app token fails start() with the platform error and no reconnect loop', async () => {
    fake.api.fail('apps.connections.open', { kind: 'error', error: 'invalid_auth' });
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(fake.connections).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.api.callsTo('apps.connections.open')).toHaveLength(1);
  });
});

describe('SlackSocketReceiver', () => {
  let receiver: SlackSocketReceiver | null = null;
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await fake.close();
  });

  it("after Slack's disconnect message, survives a failed apps.connections.open and reconnects (no unhandled rejection)", async () => {
    fake = await startFakeSlackSocket();
    logs = captureLogger();
    const bodies: unknown[] = [];
    receiver = new SlackSocketReceiver({
      appToken: APP_TOKEN,
      apiUrl: fake.api.url,
      inbound: memoryInbound(),
      logger: logs.logger,
      connectRetries: 0,
      clientPingTimeoutMs: 150,
    });
    const app = {
      processEvent: async (event: { body: unknown; ack: (r?: unknown) => Promise<void> }) => {
        bodies.push(event.body);
        await event.ack();
      },
    };
    receiver.init(app as unknown as App);
    await receiver.start();
    fake.api.fail('apps.connections.open', { kind: 'error', error: 'invalid_auth' });
    fake.requestReconnect();
    await fake.waitForConnections(2, 5000);
    expect(fake.api.callsTo('apps.connections.open')).toHaveLength(3);
    expect(fake.closeCodes).toEqual([1000]);
    expect(logs.text()).toContain('slack socket reconnect failed; will retry');

    const id = fake.send('slash_commands', slashCommand('after reconnect'));
    expect(await fake.waitForAck(id)).toEqual({ envelope_id: id, payload: {} });
    expect(bodies).toHaveLength(1);
    expect(logs.text()).not.toContain(APP_TOKEN);
  });

  it('acks empty when no listener answers in time, and sends no ack when the listener fails first', async () => {
    fake = await startFakeSlackSocket();
    logs = captureLogger();
    receiver = new SlackSocketReceiver({ appToken: APP_TOKEN, apiUrl: fake.api.url, inbound: memoryInbound(), logger: logs.logger, connectRetries: 0, ackDeadlineMs: 150 });
    let release: () => void = () => undefined;
    const app = {
      processEvent: async (event: { body: Record<string, unknown> }) => {
        if (event.body.text === 'boom') throw new Error('listener exploded');
        await new Promise<void>((r) => (release = r));
      },
    };
    receiver.init(app as unknown as App);
    await receiver.start();
    const t0 = Date.now();
    const slow = fake.send('slash_commands', slashCommand('slow'));
    expect(await fake.waitForAck(slow)).toEqual({ envelope_id: slow, payload: {} });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    release();
    const boom = fake.send('slash_commands', slashCommand('boom'));
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.acks.map((a) => a.envelope_id)).toEqual([slow]);
    expect(boom).not.toBe(slow);
    expect(logs.text()).toContain('slack listener failed before ack');
    expect(logs.text()).toContain('listener exploded');
  });
});
