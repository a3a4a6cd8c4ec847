// Clicks that do not come from the head of a card: a continuation of a large card in its thread, and
// the App Home tab. The real Bolt app behind our HTTP receiver, against the loopback fake Web API;
// the cards are sent through the adapter's own SlackChatPort so the thread looks as it would on Slack.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeFormMeta } from '../../../adapters/slack/listeners/form-source.js';
import { encodeAction } from '../../../src/ui/action.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { FormSpec } from '../../../src/ui/form.js';
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { signedInteraction } from '../../fakes/slack-signing.js';
import { digestCard } from '../../fixtures/slack/cards.js';
import { buttonClick, homeButtonClick, viewSubmission } from '../../fixtures/slack/payloads.js';
import { captureLogs, type CapturedLog } from '../../e2e/support/log-capture.js';
import { SECRET, startHarness, type Harness } from './e2e-support.js';
import { answer } from '../../../src/app/answer.js';

const claim = encodeAction({ kind: 'task.claim', args: { taskId: '25' } });
const claimedDigest: CardSpec = { ...digestCard(40), title: 'Radar digest — #25 claimed' };
const homeCard: CardSpec = { title: 'My radar / 我的雷达', tone: 'blue', summary: 'home', blocks: [{ type: 'text', text: ['Task #25: claimed by you'] }] };
const form: FormSpec = {
  formId: encodeAction({ kind: 'task.resolved', args: { taskId: '25' } }),
  title: 'Resolve',
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  fields: [{ id: 'note', label: 'Note', kind: 'textarea', required: false }],
  values: {},
};

let h: Harness;
let logs: CapturedLog;
beforeEach(async () => {
  logs = captureLogs('debug');
  h = await startHarness({ logger: logs.logger });
});
afterEach(async () => {
  await h.close();
});

const blocksOf = (ts: string): string => JSON.stringify(h.api.messages.find((m) => m.ts === ts)?.blocks);
const listenerErrors = () => logs.lines().filter((l) => /listener error|respond is not a function/.test(JSON.stringify(l)));

async function postDigest(): Promise<MessageRef & { parts: string[] }> {
  const ref = await h.adapter.chat.send({ kind: 'channel', channelId: 'C0MANAGERS' }, digestCard(40), { idempotencyKey: 'digest:2026-W48' });
  expect(ref.parts).toHaveLength(2); // 40 flags: a head and two continuations in its thread
  h.api.calls.length = 0;
  return ref as MessageRef & { parts: string[] };
}

describe('a click in a continuation of a large card', () => {
  it('leaves the continuation untouched and shows the toast (thread reply)', async () => {
    const ref = await postDigest();
    const [cont] = ref.parts;
    const before = blocksOf(cont!);
    h.stub.results = [answer.update(claimedDigest, 'Claimed #25')];
    const res = await h.post(signedInteraction(SECRET, buttonClick(claim, { user: 'U0MGR', channel: 'C0MANAGERS', messageTs: cont!, threadTs: ref.messageId })));
    expect(res.status).toBe(200);
    const [toast] = await h.api.waitFor('chat.postEphemeral');
    expect(toast!.args).toMatchObject({ channel: 'C0MANAGERS', user: 'U0MGR' });
    expect(toast!.args.text).toContain('Claimed #25');
    expect(h.stub.events[0]).toMatchObject({ type: 'action', message: { channel: 'C0MANAGERS', messageId: cont } });
    expect(h.api.callsTo('chat.update')).toHaveLength(0);
    expect(blocksOf(cont!)).toBe(before);
    expect(blocksOf(cont!)).not.toContain('Radar digest — #25 claimed');

    // The outbox refresh then brings every part up to date through the ChatPort.
    await h.adapter.chat.update(ref, claimedDigest);
    for (const ts of [ref.messageId, ...ref.parts]) expect(blocksOf(ts)).toContain('#25 claimed');
    expect(blocksOf(cont!)).toContain('续 / continued');
  });

  it('trusts our metadata when Slack includes it: part > 0 is left alone, part 0 is replaced', async () => {
    const ref = await postDigest();
    const meta = (part: number) => ({ event_type: 'radar_message', event_payload: { key: 'digest:2026-W48', part } });
    h.stub.results = [answer.update(claimedDigest, 'Claimed #25')];
    await h.post(signedInteraction(SECRET, buttonClick(claim, { user: 'U0MGR', channel: 'C0MANAGERS', messageTs: ref.parts[1]!, metadata: meta(2) })));
    await h.api.waitFor('chat.postEphemeral');
    expect(h.api.callsTo('chat.update')).toHaveLength(0);

    await h.post(signedInteraction(SECRET, buttonClick(claim, { user: 'U0MGR', channel: 'C0MANAGERS', messageTs: ref.messageId, metadata: meta(0) })));
    const [upd] = await h.api.waitFor('chat.update');
    expect(upd!.args).toMatchObject({ channel: 'C0MANAGERS', ts: ref.messageId });
    expect(JSON.stringify(upd!.args.blocks)).toContain('#25 claimed');
  });

  it('a form opened from a continuation does not write the card into it on submit', async () => {
    const ref = await postDigest();
    const [cont] = ref.parts;
    const before = blocksOf(cont!);
    h.stub.results = [answer.openForm(form)];
    await h.post(signedInteraction(SECRET, buttonClick(claim, { user: 'U0MGR', channel: 'C0MANAGERS', messageTs: cont!, threadTs: ref.messageId })));
    const [open] = await h.api.waitFor('views.open');
    const meta = decodeFormMeta(open!.args.view.private_metadata as string);
    expect(meta).toMatchObject({ formId: form.formId, continuation: true, source: { channel: 'C0MANAGERS', messageId: cont } });

    h.stub.results = [answer.formDone('Note saved', claimedDigest)];
    const res = await h.post(signedInteraction(SECRET, viewSubmission(open!.args.view.private_metadata as string, { note: { note: { type: 'plain_text_input', value: 'called' } } }, 'U0MGR')));
    expect(res.status).toBe(200);
    const [toast] = await h.api.waitFor('chat.postEphemeral');
    expect(toast!.args.text).toContain('Note saved');
    expect(h.stub.events[1]).toMatchObject({ type: 'formSubmitted', message: { messageId: cont } });
    expect(h.api.callsTo('chat.update')).toHaveLength(0);
    expect(blocksOf(cont!)).toBe(before);
  });
});

describe('a click in the App Home tab', () => {
  it('routes the action, DMs the toast and publishes the Home again', async () => {
    h.stub.results = [answer.update(claimedDigest, 'Claimed #25'), answer.reply(homeCard)];
    const res = await h.post(signedInteraction(SECRET, homeButtonClick(claim, { user: 'U0REP1' })));
    expect(res.status).toBe(200);
    const [pub] = await h.api.waitFor('views.publish');
    expect(h.stub.events.map((e) => e.type)).toEqual(['action', 'homeOpened']);
    expect(h.stub.events[0]).toMatchObject({ actor: { userId: 'U0REP1' }, message: null });
    expect(h.stub.events[1]).toMatchObject({ actor: { platform: 'slack', userId: 'U0REP1' } });
    expect(pub!.args).toMatchObject({ user_id: 'U0REP1', view: { type: 'home' } });
    expect(JSON.stringify(pub!.args.view)).toContain('Task #25: claimed by you');
    const dm = h.api.callsTo('chat.postMessage');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.args).toMatchObject({ channel: 'U0REP1' });
    expect(dm[0]!.args.text).toContain('Claimed #25');
    expect(h.api.callsTo('chat.update')).toHaveLength(0);
    expect(listenerErrors()).toEqual([]);
  });

  it('a toast-only answer is DMed, and a form from Home re-publishes Home after it is saved', async () => {
    h.stub.results = [answer.toast('Already claimed', 'warning'), answer.reply(homeCard)];
    await h.post(signedInteraction(SECRET, homeButtonClick(claim)));
    await h.api.waitFor('views.publish');
    expect(h.api.callsTo('chat.postMessage')[0]!.args.text).toContain('Already claimed');

    h.stub.results = [answer.openForm(form)];
    await h.post(signedInteraction(SECRET, homeButtonClick(claim)));
    const [open] = await h.api.waitFor('views.open');
    expect(decodeFormMeta(open!.args.view.private_metadata as string)).toMatchObject({ source: null, fromHome: true });
    expect(h.api.callsTo('views.publish')).toHaveLength(1); // nothing changed yet

    h.stub.results = [answer.formDone('Note saved'), answer.reply(homeCard)];
    await h.post(signedInteraction(SECRET, viewSubmission(open!.args.view.private_metadata as string, { note: { note: { type: 'plain_text_input', value: 'x' } } })));
    await h.api.waitFor('views.publish', 2);
    expect(h.stub.events.at(-1)).toMatchObject({ type: 'homeOpened' });
    expect(listenerErrors()).toEqual([]);
  });
});

describe('opening a modal', () => {
  it('views.open is the first Web API call after routing', async () => {
    h.stub.results = [answer.openForm(form)];
    await h.post(signedInteraction(SECRET, buttonClick(claim)));
    await h.api.waitFor('views.open');
    expect(h.api.calls[0]?.method).toBe('views.open');
  });

  it('an expired trigger_id is logged at warn and the user is asked to click again', async () => {
    h.api.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    h.stub.results = [answer.openForm(form)];
    await h.post(signedInteraction(SECRET, buttonClick(claim)));
    const [toast] = await h.api.waitFor('chat.postEphemeral');
    expect(toast!.args.text).toContain('click again');
    const warn = logs.lines().find((l) => typeof l.msg === 'string' && l.msg.includes('trigger_id expired'));
    expect(warn).toMatchObject({ level: 40 });
  });
});
