import { decodeFormMeta } from '../../../adapters/slack/listeners/form-source.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../src/ui/action.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { signedForm, signedInteraction, signedJson, signedRaw } from '../../fakes/slack-signing.js';
import { buttonClick, eventCallback, slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';
import { SECRET, startHarness, type Harness } from './e2e-support.js';
import { answer } from '../../../src/app/answer.js';
import { slackText } from '../../support/cards.js';

const answerCard: CardSpec = {
  title: '华星科技',
  tone: 'orange',
  summary: '华星科技: index 64 (B)',
  blocks: [{ type: 'text', text: ['Index ', { bold: '64' }, ' — overdue 45 days'] }],
};

const form: FormSpec = {
  formId: encodeAction({ kind: 'report.save', args: { week: '2026-W48', customerId: '17' } }),
  title: '华星科技 — 2026-W48',
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  intro: 'Last week: 🟠 overdue 30 days',
  fields: [
    { id: 'overdueDays', label: 'Overdue days', kind: 'integer', required: true, min: 0 },
    { id: 'nextStepDate', label: 'Next step', kind: 'date', required: false },
    { id: 'stage', label: 'Stage', kind: 'select', required: true, options: [{ value: 'negotiation', label: 'Negotiation' }, { value: 'won', label: 'Won' }] },
    { id: 'notes', label: 'Notes', kind: 'textarea', required: false },
  ],
  values: { overdueDays: '30', stage: 'negotiation' },
};

const validState = {
  overdueDays: { overdueDays: { type: 'number_input', value: '45' } },
  nextStepDate: { nextStepDate: { type: 'datepicker', selected_date: '2026-12-01' } },
  stage: { stage: { type: 'static_select', selected_option: { value: 'won', text: { type: 'plain_text', text: 'Won' } } } },
  notes: { notes: { type: 'plain_text_input', value: null } },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Slack app end to end (HTTP mode)', () => {
  it('answers /radar with an ephemeral card', async () => {
    h.stub.results = [answer.reply(answerCard)];
    const res = await h.post(signedForm(SECRET, slashCommand('how is 华星科技?')));
    expect(res.status).toBe(200);
    const [call] = await h.api.waitFor('chat.postEphemeral');
    expect(h.stub.events[0]).toMatchObject({ type: 'command', text: 'how is 华星科技?', channelId: 'C0GENERAL', actor: { platform: 'slack', userId: 'U0OWNER' } });
    expect(call!.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0OWNER' });
    expect(slackText(call!.args.blocks)).toContain('*64*');
  });

  it('a button click opens the modal with action_ids = field ids', async () => {
    h.stub.results = [answer.openForm(form)];
    const value = encodeAction({ kind: 'report.open', args: { week: '2026-W48', customerId: '17' } });
    const res = await h.post(signedInteraction(SECRET, buttonClick(value)));
    expect(res.status).toBe(200);
    const [open] = await h.api.waitFor('views.open');
    expect(h.stub.events[0]).toMatchObject({
      type: 'action',
      action: { kind: 'report.open', args: { week: '2026-W48', customerId: '17' } },
      message: { platform: 'slack', channel: 'D0REP1', messageId: '1700000000.000001' },
    });
    const view = open!.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ type: string; block_id?: string; element?: { action_id: string; type: string } }> };
    expect(view.callback_id).toBe('radar_form');
    expect(decodeFormMeta(view.private_metadata)).toEqual({ formId: form.formId, source: expect.objectContaining({ platform: 'slack' }), continuation: false, fromHome: false });
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.element?.action_id, b.element?.type])).toEqual([
      ['overdueDays', 'overdueDays', 'number_input'],
      ['nextStepDate', 'nextStepDate', 'datepicker'],
      ['stage', 'stage', 'static_select'],
      ['notes', 'notes', 'plain_text_input'],
    ]);
    expect(typeof open!.args.trigger_id).toBe('string');
  });

  it('an invalid submission answers response_action errors keyed by field id', async () => {
    h.stub.results = [answer.fieldErrors({ ...form, errors: { overdueDays: 'must be ≥ 0', stage: 'required' } })];
    const res = await h.post(signedInteraction(SECRET, viewSubmission(form.formId, validState)));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ response_action: 'errors', errors: { overdueDays: 'must be ≥ 0', stage: 'required' } });
    expect(h.stub.events[0]).toEqual({
      type: 'formSubmitted',
      actor: { platform: 'slack', userId: 'U0REP1' },
      formId: form.formId,
      values: { overdueDays: '45', nextStepDate: '2026-12-01', stage: 'won', notes: '' },
      message: null,
    });
  });

  it('a valid submission closes the modal and DMs the notice', async () => {
    h.stub.results = [answer.formDone('Saved 华星科技')];
    const res = await h.post(signedInteraction(SECRET, viewSubmission(form.formId, validState)));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [dm] = await h.api.waitFor('chat.postMessage');
    expect(dm!.args).toMatchObject({ channel: 'U0REP1' });
    expect(dm!.args.text).toContain('Saved 华星科技');
  });

  it('a slow router still acks a submission in time, and the outcome arrives by DM', async () => {
    await h.close();
    h = await startHarness({ viewSubmissionBudgetMs: 200 });
    h.stub.results = [async () => new Promise((r) => setTimeout(() => r(answer.formDone('Saved late')), 600))];
    const t0 = Date.now();
    const res = await h.post(signedInteraction(SECRET, viewSubmission(form.formId, validState)));
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(550);
    const [dm] = await h.api.waitFor('chat.postMessage');
    expect(dm!.args.text).toContain('Saved late');
  });

  it('openForm on submit updates the modal', async () => {
    h.stub.results = [answer.openForm({ ...form, title: 'Next' })];
    const res = await h.post(signedInteraction(SECRET, viewSubmission(form.formId, validState)));
    expect(res.json()).toMatchObject({ response_action: 'update', view: { type: 'modal', title: { text: 'Next' } } });
  });

  it('a block action replaces the clicked message', async () => {
    h.stub.results = [answer.update({ ...answerCard, title: 'Claimed by Rep' })];
    await h.post(signedInteraction(SECRET, buttonClick(encodeAction({ kind: 'task.claim', args: { taskId: '5' } }), { channel: 'C0MANAGERS', messageTs: '1700000000.000777' })));
    const [upd] = await h.api.waitFor('chat.update');
    expect(upd!.args).toMatchObject({ channel: 'C0MANAGERS', ts: '1700000000.000777' });
    expect(slackText(upd!.args.blocks)).toContain('Claimed by Rep');
  });

  it('an app_mention is answered in the thread', async () => {
    h.stub.results = [answer.reply(answerCard)];
    const res = await h.post(signedJson(SECRET, eventCallback({ type: 'app_mention', user: 'U0OWNER', text: '<@UBOT0001> how is 华星科技?', ts: '1700000001.000100', channel: 'C0GENERAL' })));
    expect(res.status).toBe(200);
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(h.stub.events[0]).toMatchObject({ type: 'message', text: 'how is 华星科技?', channelId: 'C0GENERAL', isDirect: false });
    expect(post!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: '1700000001.000100' });
  });

  it("another person's mention reaches the app as @name (or not at all), never as Slack syntax", async () => {
    h.stub.results = [answer.reply(answerCard)];
    await h.post(signedJson(SECRET, eventCallback({ type: 'app_mention', user: 'U0OWNER', text: '<@UBOT0001> customers of <@U0REP1|li.wei> and <@U0REP2>', ts: '1700000001.000200', channel: 'C0GENERAL' })));
    await h.api.waitFor('chat.postMessage');
    expect(h.stub.events[0]).toMatchObject({ type: 'message', text: 'customers of @li.wei and' });
  });

  it('a DM is answered; bot messages and edits are ignored', async () => {
    h.stub.results = [answer.toast('Only managers can see all customers', 'warning')];
    await h.post(signedJson(SECRET, eventCallback({ type: 'message', channel_type: 'im', user: 'U0BOT2', bot_id: 'B0OTHER', text: 'hi', ts: '1.1', channel: 'D0REP1' })));
    await h.post(signedJson(SECRET, eventCallback({ type: 'message', subtype: 'message_changed', channel_type: 'im', text: 'x', ts: '1.2', channel: 'D0REP1' })));
    await h.post(signedJson(SECRET, eventCallback({ type: 'message', channel_type: 'im', user: 'U0REP1', text: 'top 5 risks', ts: '1.3', channel: 'D0REP1' })));
    const [post] = await h.api.waitFor('chat.postMessage');
    expect(h.stub.events).toHaveLength(1);
    expect(h.stub.events[0]).toMatchObject({ type: 'message', isDirect: true, text: 'top 5 risks' });
    expect(post!.args).toMatchObject({ channel: 'D0REP1' });
  });

  it('app_home_opened publishes the home view', async () => {
    h.stub.results = [answer.reply(answerCard)];
    await h.post(signedJson(SECRET, eventCallback({ type: 'app_home_opened', user: 'U0REP1', channel: 'D0REP1', tab: 'home' })));
    const [pub] = await h.api.waitFor('views.publish');
    expect(pub!.args).toMatchObject({ user_id: 'U0REP1', view: { type: 'home' } });
  });

  it('an Events API retry with the same event_id reaches the router once', async () => {
    const body = eventCallback({ type: 'app_mention', user: 'U0OWNER', text: '<@UBOT0001> hi', ts: '1700000002.000100', channel: 'C0GENERAL' }, 'Ev0SAME');
    h.stub.results = [answer.toast('hello', 'info')];
    expect((await h.post(signedJson(SECRET, body))).status).toBe(200);
    const retry = await h.post(signedJson(SECRET, body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }));
    expect(retry.status).toBe(200);
    await h.api.waitFor('chat.postMessage');
    await new Promise((r) => setTimeout(r, 100));
    expect(h.stub.events).toHaveLength(1);
  });

  it('a doubled click (same trigger) is processed once', async () => {
    const click = buttonClick(encodeAction({ kind: 'task.claim', args: { taskId: '9' } }));
    h.stub.results = [answer.nothing()];
    await h.post(signedInteraction(SECRET, click));
    await h.post(signedInteraction(SECRET, click));
    expect(h.stub.events).toHaveLength(1);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await h.post(signedJson(SECRET, { type: 'url_verification', challenge: 'abc123', token: 'x' }));
    expect(res.json()).toEqual({ challenge: 'abc123' });
  });

  describe('rejects', () => {
    it('a bad signature with 401', async () => {
      const req = signedForm('wrong-secret', slashCommand('hi'));
      expect((await h.post(req)).status).toBe(401);
      const noSig = signedForm(SECRET, slashCommand('hi'));
      delete noSig.headers['x-slack-signature'];
      expect((await h.post(noSig)).status).toBe(401);
    });

    it('a timestamp 6 minutes old or 6 minutes ahead with 401', async () => {
      const nowSec = Math.floor(h.now.ms / 1000);
      expect((await h.post(signedForm(SECRET, slashCommand('hi'), { timestampSec: nowSec - 360 }))).status).toBe(401);
      expect((await h.post(signedForm(SECRET, slashCommand('hi'), { timestampSec: nowSec + 360 }))).status).toBe(401);
      expect((await h.post(signedForm(SECRET, slashCommand('hi'), { timestampSec: nowSec - 240 }))).status).toBe(200);
      expect(h.stub.events).toHaveLength(1);
    });

    it('malformed bodies with 400, oversize with 413, and stays alive', async () => {
      const cases: Array<[string, string]> = [
        ['null', 'application/json'],
        ['[1,2]', 'application/json'],
        ['"str"', 'application/json'],
        ['{not json', 'application/json'],
        ['payload=null', 'application/x-www-form-urlencoded'],
        ['payload=%5B%5D', 'application/x-www-form-urlencoded'],
        ['payload=%7Bbroken', 'application/x-www-form-urlencoded'],
        ['', 'application/x-www-form-urlencoded'],
        ['\u0000\u0001garbage', 'text/plain'],
      ];
      for (const [body, type] of cases) {
        const res = await h.post(signedRaw(SECRET, body, type));
        expect(res.status, `${type} ${JSON.stringify(body)}`).toBe(400);
        expect(res.text).not.toMatch(/at .*\.(ts|js)/);
      }
      const big = signedRaw(SECRET, JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(1.2 * 1024 * 1024) }), 'application/json');
      expect((await h.post(big)).status).toBe(413);
      // still serving
      h.stub.results = [answer.toast('ok', 'info')];
      expect((await h.post(signedForm(SECRET, slashCommand('still there?')))).status).toBe(200);
      expect(h.stub.events).toHaveLength(1);
    });

    it('a router failure still acks and tells the user', async () => {
      h.stub.results = [async () => Promise.reject(new Error('boom'))];
      const res = await h.post(signedForm(SECRET, slashCommand('x')));
      expect(res.status).toBe(200);
      const [eph] = await h.api.waitFor('chat.postEphemeral');
      expect(eph!.args.text).toContain('出错了');
    });
  });
});
