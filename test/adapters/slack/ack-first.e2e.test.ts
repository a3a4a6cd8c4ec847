// Ack first, then work: a click's HTTP answer does not wait for the router nor for any Web API call; the
// answer, the modal or a failure notice follows through the fake Web API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../src/ui/action.js';
import { signedInteraction } from '../../fakes/slack-signing.js';
import { buttonClick } from '../../fixtures/slack/payloads.js';
import { SECRET, startHarness, type Harness } from './e2e-support.js';
import { answer, type Answer } from '../../../src/app/answer.js';
import type { FormSpec } from '../../../src/ui/form.js';

const form: FormSpec = {
  formId: encodeAction({ kind: 'report.save', args: { week: '2026-W48', customerId: '17' } }),
  title: '华星科技 — 2026-W48',
  submitLabel: 'Save',
  cancelLabel: 'Cancel',
  fields: [{ id: 'overdueDays', label: 'Overdue days', kind: 'integer', required: true, min: 0 }],
  values: {},
};

/** A router answer held back until the test opens the gate. */
function gated(result: Answer | (() => Answer)): { run: () => Promise<Answer>; open: () => void; reached: Promise<void> } {
  let open!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const arrived = new Promise<void>((r) => (reached = r));
  return {
    open,
    reached: arrived,
    run: async () => {
      reached();
      await gate;
      return typeof result === 'function' ? result() : result;
    },
  };
}

const click = () => signedInteraction(SECRET, buttonClick(encodeAction({ kind: 'report.open', args: { customerId: '17' } }), { channel: 'C0SALES' }));

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('Slack: ack first, then work', () => {
  it('the click is answered while the router is still working; the notice arrives at the Web API afterwards', async () => {
    const g = gated(answer.toast('Done', 'success'));
    h.stub.results = [g.run];
    h.api.setChannelMembers('C0SALES', ['U0REP1']);
    const res = await h.post(click());
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await g.reached;
    // The HTTP answer came back with the router held at the gate: nothing has reached the Web API yet.
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
    g.open();
    await h.adapter.idle();
    const notices = h.api.callsTo('chat.postEphemeral');
    expect(notices.map((c) => [c.args.channel, c.args.user, c.args.text])).toEqual([['C0SALES', 'U0REP1', '✅ Done']]);
  });

  it('a form opens with views.open after the ack, with the click\'s trigger_id', async () => {
    const g = gated(answer.openForm(form));
    h.stub.results = [g.run];
    const req = click();
    const triggerId = (JSON.parse(new URLSearchParams(req.body).get('payload')!) as { trigger_id: string }).trigger_id;
    expect((await h.post(req)).status).toBe(200);
    await g.reached;
    expect(h.api.callsTo('views.open')).toHaveLength(0);
    g.open();
    await h.adapter.idle();
    const opened = h.api.callsTo('views.open');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.args.trigger_id).toBe(triggerId);
    expect(opened[0]!.args.view.title.text).toBe('华星科技 — 2026-W48');
  });

  it('a router that fails after the ack: the person still gets an error notice', async () => {
    const g = gated(() => {
      throw new Error('database is gone');
    });
    h.stub.results = [g.run];
    h.api.setChannelMembers('C0SALES', ['U0REP1']);
    expect((await h.post(click())).status).toBe(200);
    g.open();
    await h.adapter.idle();
    const notices = h.api.callsTo('chat.postEphemeral');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.args.user).toBe('U0REP1');
    expect(notices[0]!.args.text).toBe('❌ 出错了，请稍后再试。 / Something went wrong; please try again.');
  });

  it('a burst of clicks is acked before their work runs: every ack arrives, then every notice', async () => {
    const gates = Array.from({ length: 10 }, (_, i) => gated(answer.toast(`Done ${i}`, 'success')));
    h.stub.results = [...gates.map((g) => g.run), answer.nothing()];
    h.api.setChannelMembers('C0SALES', ['U0REP1']);
    const acks = await Promise.all(gates.map(() => h.post(click())));
    expect(acks.map((r) => r.status)).toEqual(Array(10).fill(200));
    await Promise.all(gates.map((g) => g.reached));
    expect(h.api.callsTo('chat.postEphemeral')).toHaveLength(0);
    for (const g of gates) g.open();
    await h.adapter.idle();
    expect(h.api.callsTo('chat.postEphemeral').map((c) => c.args.text).sort()).toEqual(gates.map((_, i) => `✅ Done ${i}`).sort());
  });
});
