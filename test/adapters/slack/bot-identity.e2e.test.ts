// A Slack submission must never vanish: the bot's identity is resolved once at start (auth.test with
// retries, cached) and handed to Bolt, and any failure before a view_submission is handled keeps the
// modal open with a visible error, in HTTP and Socket Mode alike. Real Bolt against the loopback fake.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.js';
import { SlackIdentityError } from '../../../adapters/slack/transport/bot-identity.js';
import { renderModal } from '../../../adapters/slack/render/modal.render.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { encodeAction } from '../../../src/ui/action.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { startFakeSlackApi } from '../../fakes/slack-api.fake.js';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../fakes/slack-socket.fake.js';
import { signedForm, signedInteraction } from '../../fakes/slack-signing.js';
import { slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';
import { SECRET, startHarness, stubRouter, type Harness } from './e2e-support.js';
import { answer, type Answer } from '../../../src/app/answer.js';

const form: FormSpec = {
  formId: encodeAction({ kind: 'report.save', args: { week: '2026-W48', customerId: '17' } }),
  title: '华星科技 — 2026-W48',
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  fields: [
    { id: 'overdueDays', label: 'Overdue days', kind: 'integer', required: true, min: 0 },
    { id: 'notes', label: 'Notes', kind: 'textarea', required: false },
  ],
  values: {},
};

/** A submission as Slack sends it: the modal's own blocks and the typed state. */
function submission(): Record<string, unknown> {
  const body = viewSubmission(form.formId, {
    overdueDays: { overdueDays: { type: 'number_input', value: '45' } },
    notes: { notes: { type: 'plain_text_input', value: 'called twice, no answer' } },
  });
  (body.view as Record<string, unknown>).blocks = renderModal(form).blocks;
  return body;
}

const keptOpen = { response_action: 'errors', errors: { overdueDays: expect.stringContaining('Not saved') } };

let h: Harness | null = null;
let socket: FakeSlackSocket | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  await socket?.close();
  socket = null;
});

describe('Slack bot identity (HTTP mode)', () => {
  it('resolves the identity with one auth.test at start (retrying an outage) and never per request', async () => {
    h = await startHarness({ knowsItself: false, identityRetries: 4, identityRetryDelayMs: 5, beforeStart: (api) => api.fail('auth.test', { kind: 'status', status: 503, times: 2 }) });
    expect(h.api.callsTo('auth.test')).toHaveLength(3);
    h.stub.results = [answer.formDone('Saved')];
    for (let i = 0; i < 3; i++) {
      const res = await h.post(signedInteraction(SECRET, submission()));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    }
    expect(h.stub.events.filter((e) => e.type === 'formSubmitted')).toHaveLength(3);
    expect(h.api.callsTo('auth.test')).toHaveLength(3);
  });

  it('with SLACK_BOT_ID and SLACK_BOT_USER_ID given, makes no auth.test call at all', async () => {
    h = await startHarness({ knowsItself: true });
    h.stub.results = [answer.toast('hi', 'info')];
    await h.post(signedForm(SECRET, slashCommand('hello')));
    await h.api.waitFor('chat.postEphemeral');
    expect(h.api.callsTo('auth.test')).toHaveLength(0);
  });

  it('while auth.test fails, a submission keeps its modal open with an error and reaches nothing; once Slack is back it is saved', async () => {
    h = await startHarness({ knowsItself: false, identityRetries: 2, identityRetryDelayMs: 5, beforeStart: (api) => api.failAuthTest({ kind: 'status', status: 503 }) });
    h.stub.results = [answer.formDone('Saved')];
    const res = await h.post(signedInteraction(SECRET, submission()));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(keptOpen);
    expect(h.stub.events).toHaveLength(0);

    h.api.failAuthTest(null);
    // The failed request nudged a resolution in the background; wait for it, then submit again.
    const before = h.api.callsTo('auth.test').length;
    await h.api.waitFor('auth.test', before + 1);
    await new Promise((r) => setTimeout(r, 50));
    const again = await h.post(signedInteraction(SECRET, submission()));
    expect(again.text).toBe('');
    expect(h.stub.events.map((e) => e.type)).toEqual(['formSubmitted']);
  });

  it('a refused token stops the start with an error naming SLACK_BOT_TOKEN', async () => {
    const api = await startFakeSlackApi();
    api.failAuthTest({ kind: 'error', error: 'invalid_auth' });
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-revoked', signingSecret: SECRET, apiUrl: api.url, managerChannel: 'C1', socketMode: false, identityRetries: 3, identityRetryDelayMs: 5 },
      { router: async () => (answer.nothing()), inbound: { firstSeen: () => true }, logger: silentLogger() },
    );
    try {
      const err = await adapter.start().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(SlackIdentityError);
      expect((err as Error).message).toMatch(/invalid_auth.*SLACK_BOT_TOKEN/);
      expect(api.callsTo('auth.test')).toHaveLength(1); // no retries for a refused token
    } finally {
      await adapter.stop();
      await api.close();
    }
  });

  it('a router that throws or fails (nothing saved) keeps the modal open with the error', async () => {
    h = await startHarness();
    h.stub.results = [async () => { throw new Error('database is locked'); }];
    const thrown = await h.post(signedInteraction(SECRET, submission()));
    expect(thrown.status).toBe(200);
    expect(thrown.json()).toMatchObject({ response_action: 'errors', errors: { overdueDays: expect.stringContaining('went wrong') } });
    h.stub.results = [answer.toast('Sorry, something went wrong. Please try again in a moment.', 'error')];
    const failed = await h.post(signedInteraction(SECRET, submission()));
    expect(failed.json()).toEqual({ response_action: 'errors', errors: { overdueDays: 'Sorry, something went wrong. Please try again in a moment.' } });
    // Nothing was DMed as if the form had been handled.
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a submission without input blocks gets an error view pushed over it', async () => {
    h = await startHarness({ knowsItself: false, identityRetries: 1, beforeStart: (api) => api.failAuthTest({ kind: 'status', status: 500 }) });
    const res = await h.post(signedInteraction(SECRET, viewSubmission(form.formId, {})));
    expect(res.json()).toMatchObject({ response_action: 'push', view: { type: 'modal', blocks: [{ type: 'section', text: { text: expect.stringContaining('Not saved') } }] } });
  });
});

describe('Slack bot identity (Socket Mode)', () => {
  it('while auth.test fails, the submission ack carries an error instead of closing the modal', async () => {
    socket = await startFakeSlackSocket();
    socket.api.failAuthTest({ kind: 'status', status: 503 });
    const stub = stubRouter();
    stub.results = [answer.formDone('Saved')];
    const adapter = createSlackAdapter(
      { botToken: 'xoxb-socket', signingSecret: 'unused', appToken: 'xapp-1-A-1-x', apiUrl: socket.api.url, managerChannel: 'C1', socketMode: true, identityRetries: 1, requestTimeoutMs: 2000 },
      { router: (e) => stub.router(e), inbound: { firstSeen: () => true }, logger: silentLogger() },
    );
    try {
      await adapter.start();
      const id = socket.send('interactive', submission());
      expect(await socket.waitForAck(id)).toEqual({ envelope_id: id, payload: keptOpen });
      expect(stub.events).toHaveLength(0);
    } finally {
      await adapter.stop();
    }
  });
});
