// A replayed slash command runs once; debug/trace logs (ours, Bolt's, the Web API client's and the
// Socket Mode client's) carry ids, types and sizes, never customer names, notes or answers.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { renderModal } from '../../../adapters/slack/render/modal.render.js';
import { encodeAction } from '../../../src/ui/action.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../fakes/slack-socket.fake.js';
import { signedForm, signedInteraction, signedJson } from '../../fakes/slack-signing.js';
import { eventCallback, slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';
import { SECRET, startHarness, stubRouter, type Harness } from './e2e-support.js';
import { answer } from '../../../src/app/answer.js';

// What must never reach a log line.
const ASKED = '华星科技 overdue?';
const CUSTOMER = '蓝海物流';
const NOTE = 'CFO promised payment Friday';
const ANSWER = 'receivable 987,654';

const answerCard: CardSpec = {
  title: `Customer: ${CUSTOMER}`,
  tone: 'orange',
  summary: `${CUSTOMER} · ${ANSWER}`,
  blocks: [{ type: 'text', text: [{ bold: CUSTOMER }, ` ${ANSWER}`] }, { type: 'note', text: [NOTE] }],
};

const form: FormSpec = {
  formId: encodeAction({ kind: 'report.save', args: { week: '2026-W48', customerId: '17' } }),
  title: `${CUSTOMER} — 2026-W48`,
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  fields: [{ id: 'notes', label: 'Notes', kind: 'textarea', required: false }],
  values: { notes: NOTE },
};

function capture(level: 'trace' | 'debug'): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  return { logger: pino({ level }, new Writable({ write: (c, _e, cb) => void (lines.push(String(c)), cb()) })), text: () => lines.join('') };
}

function expectNoCustomerData(log: string): void {
  for (const s of [ASKED, '华星科技', CUSTOMER, NOTE, ANSWER]) expect(log, `log carries "${s}"`).not.toContain(s);
}

let h: Harness | null = null;
let socket: FakeSlackSocket | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  await socket?.close();
  socket = null;
});

describe('slash command replay', () => {
  it('an exact replay of a signed slash command within 5 minutes runs once', async () => {
    h = await startHarness();
    h.stub.results = [answer.toast('done', 'info')];
    const req = signedForm(SECRET, slashCommand('remind'));
    expect((await h.post(req)).status).toBe(200);
    await h.api.waitFor('chat.postEphemeral');
    h.now.ms += 4 * 60_000;
    const replay = await h.post(req);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe('');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.stub.events).toHaveLength(1);
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(1);
    // A new invocation (its own trigger_id) still runs.
    await h.post(signedForm(SECRET, slashCommand('remind')));
    await h.api.waitFor('chat.postEphemeral', 2);
    expect(h.stub.events).toHaveLength(2);
  });
});

describe('view submission replay', () => {
  it('a duplicate of a rejected submission gets the same inline errors (the modal stays open), and runs once', async () => {
    h = await startHarness();
    h.stub.results = [answer.fieldErrors({ ...form, errors: { notes: 'Too long: at most 10 characters' } })];
    const sub = viewSubmission(form.formId, { notes: { notes: { type: 'plain_text_input', value: NOTE } } });
    (sub.view as Record<string, unknown>).blocks = renderModal(form).blocks;
    const req = signedInteraction(SECRET, sub);
    const [first, second] = await Promise.all([h.post(req), h.post(req)]);
    const third = await h.post(req);
    for (const r of [first, second, third]) {
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toEqual({ response_action: 'errors', errors: { notes: 'Too long: at most 10 characters' } });
    }
    expect(h.stub.events).toHaveLength(1);
  });
});

describe('debug and trace logs carry no customer data', () => {
  it('HTTP mode at trace: command, mention, submission and the answers sent', async () => {
    const logs = capture('trace');
    h = await startHarness({ logger: logs.logger });
    h.stub.results = [answer.reply(answerCard)];
    await h.post(signedForm(SECRET, slashCommand(ASKED)));
    await h.api.waitFor('chat.postEphemeral');
    await h.post(signedJson(SECRET, eventCallback({ type: 'app_mention', user: 'U0OWNER', text: `<@${h.api.botUserId}> ${ASKED}`, ts: '1700000000.000100', channel: 'C0MANAGERS' })));
    await h.api.waitFor('chat.postMessage');
    h.stub.results = [answer.formDone(`Saved ${CUSTOMER}`, answerCard)];
    const sub = viewSubmission(form.formId, { notes: { notes: { type: 'plain_text_input', value: NOTE } } });
    (sub.view as Record<string, unknown>).blocks = renderModal(form).blocks;
    await h.post(signedInteraction(SECRET, sub));
    await h.api.waitFor('chat.postMessage', 2);
    const log = logs.text();
    // The SDKs did log at debug (request bodies, results): as sizes and ids only.
    expect(log).toContain("apiCall('chat.postEphemeral')");
    expect(log).toMatch(/http request body: <[^>]*\d+ bytes>/);
    expect(log).toMatch(/http request result: <ok=true[^>]*bytes>/);
    expectNoCustomerData(log);
  });

  it('Socket Mode at debug: envelopes and acks as ids and sizes', async () => {
    socket = await startFakeSlackSocket();
    const logs = capture('debug');
    const stub = stubRouter();
    stub.results = [answer.reply(answerCard)];
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-socket', signingSecret: 'unused', appToken: 'xapp-1-A-1-x', apiUrl: socket.api.url, managerChannel: 'C1', socketMode: true, botUserId: socket.api.botUserId, botId: socket.api.botId, requestTimeoutMs: 2000 },
      { router: (e) => stub.router(e), inbound: { firstSeen: () => true }, logger: logs.logger },
    );
    try {
      await adapter.start();
      const id = socket.send('slash_commands', slashCommand(ASKED));
      await socket.waitForAck(id);
      await socket.api.waitFor('chat.postEphemeral');
      stub.results = [answer.fieldErrors({ ...form, errors: { notes: `${CUSTOMER}: too long` } })];
      const sub = viewSubmission(form.formId, { notes: { notes: { type: 'plain_text_input', value: NOTE } } });
      const sid = socket.send('interactive', sub);
      expect((await socket.waitForAck(sid)).payload).toMatchObject({ response_action: 'errors' });
    } finally {
      await adapter.stop();
    }
    const log = logs.text();
    expect(log).toMatch(/Received a message on the WebSocket: <type=slash_commands envelope_id=/);
    expectNoCustomerData(log);
  });
});
