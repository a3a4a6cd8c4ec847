// A third chat platform needs only its adapter: "Memo" (test/fixtures/memo-adapter) is composed with the
// unchanged app, router, outbox and storage, and gets the whole weekly loop — members matched by email
// into their Memo identity, prompts paced by Memo's own limits, a click answered through the router, the
// digest with Memo's own unreachable list.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../app/support/app-harness.js';
import { createRouter } from '../../src/app/router.js';
import type { RadarApp } from '../../src/app/radar-app.js';
import { syncUsers } from '../../src/app/team/sync-users.job.js';
import { runPromptStep } from '../../src/app/weekly-report/prompt.job.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { createOutboxWorker } from '../../src/runtime/delivery/outbox-worker.js';
import { scopesOf } from '../../src/runtime/delivery/deliver-one.js';
import { limitsOf } from '../../src/runtime/delivery/rate-limiter.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';
import { decodeAction, encodeAction } from '../../src/ui/action.js';
import { identityOn } from '../../src/core/team.js';
import { createMemoAdapter, MEMO, MEMO_DELIVERY, type MemoCall } from '../fixtures/memo-adapter/index.js';

const WEEK = '2026-W48';

function memoBot() {
  const h = createHarness();
  const directory = Object.fromEntries(h.app.ctx.repos.teams.listMembers(h.teamId)
    // Finance has no Memo account: the digest must list them as unreachable on Memo.
    .filter((m) => m.role !== 'finance').map((m) => [m.email, `memo-${m.email.split('@')[0]}`]));
  let adapter: ReturnType<typeof createMemoAdapter> | null = null;
  const app: RadarApp = {
    ...h.app,
    // Memo alone: no Slack binding, so nothing below can fall back on Slack.
    get platforms() { return [{ platform: MEMO, chat: adapter!.chat, managerChannel: 'memo-managers' }]; },
  };
  adapter = createMemoAdapter({ router: createRouter(app), logger: silentLogger(), directory });
  const worker = createOutboxWorker({ outbox: h.app.ctx.repos.outbox, ports: { [MEMO]: adapter.chat }, clock: h.app.ctx.clock, logger: silentLogger() });
  return { h, app, memo: adapter, worker };
}

const posts = (calls: MemoCall[]) => calls.filter((c): c is Extract<MemoCall, { op: 'post' }> => c.op === 'post');

describe('a third platform from its adapter alone', () => {
  it('matches members into Memo identities, prompts every rep there, paced by Memo\'s own limits', async () => {
    const { h, app, memo, worker } = memoBot();
    const synced = await syncUsers(app, h.teamId);
    expect(synced.unmatched.map((u) => [u.member.email, u.platform])).toEqual([['finance@example.com', MEMO]]);
    const rep1 = h.app.ctx.repos.teams.getMember(h.members.rep1.id)!;
    expect(identityOn(rep1, MEMO)).toBe('memo-rep1');
    // Slack's identity from the harness is kept beside it.
    expect(identityOn(rep1, 'slack')).toBe('U-rep1');

    const prompted = await runPromptStep(app, h.teamId, WEEK);
    expect(prompted.queued).toBe(2);
    await worker.drainOnce();
    expect(posts(memo.chat.calls).map((p) => p.room).sort()).toEqual(['dm-memo-rep1', 'dm-memo-rep2']);

    // The outbox counts Memo messages against Memo's scopes and windows, named by its adapter.
    const message = h.app.ctx.repos.outbox.byKey(`prompt:${WEEK}:${h.members.rep1.id}:${MEMO}`)!;
    expect(scopesOf({ [MEMO]: memo.chat })(message)).toEqual(['memo.room:dm-memo-rep1', 'memo.org:all']);
    expect(limitsOf({ [MEMO]: memo.chat })).toEqual(MEMO_DELIVERY.windows);
  });

  it('answers a click and a question through the router, and posts the digest with Memo\'s unreachable list', async () => {
    const { h, app, memo, worker } = memoBot();
    await syncUsers(app, h.teamId);
    await runPromptStep(app, h.teamId, WEEK);
    await worker.drainOnce();
    const prompt = posts(memo.chat.calls).find((p) => p.room === 'dm-memo-rep1')!;

    // "Same as last week" for every customer, pressed on the prompt Memo shows: the prompt is edited in place.
    await memo.receive({ user: 'memo-rep1', room: prompt.room, messageId: prompt.id, button: encodeAction({ kind: 'report.rest', args: { week: WEEK } }) });
    const edit = memo.chat.calls.find((c) => c.op === 'edit');
    expect(edit).toMatchObject({ op: 'edit', id: prompt.id });
    expect(memo.chat.calls.at(-1)).toEqual({ op: 'notice', user: 'memo-rep1', text: 'Marked unchanged: 2 customers' });
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK).filter((e) => e.repId === h.members.rep1.id)).toHaveLength(2);

    // Opening a customer's form goes to Memo's own form call.
    await memo.receive({ user: 'memo-rep1', room: prompt.room, messageId: prompt.id, button: encodeAction({ kind: 'report.open', args: { week: WEEK, customerId: String(h.customers.huaxing) } }) });
    const opened = memo.chat.calls.at(-1)!;
    expect(opened.op).toBe('openForm');
    expect(opened.op === 'openForm' && decodeAction(opened.formId)?.kind).toBe('report.save');

    // A question from the owner in a DM, in Chinese: the answer card, in Chinese, is posted to them.
    await memo.receive({ user: 'memo-owner', room: 'dm-memo-owner', text: '@radar 华星科技' });
    expect(posts(memo.chat.calls).at(-1)).toMatchObject({ room: 'dm-memo-owner', title: '客户：华星科技' });

    // A stranger gets the "not on the team" notice, in the adapter's own call.
    await memo.receive({ user: 'memo-stranger', room: 'dm-memo-stranger', text: 'hi' });
    expect(memo.chat.calls.at(-1)).toMatchObject({ op: 'notice', user: 'memo-stranger' });

    const digest = await runDigestStep(app, h.teamId, '2026-W47');
    expect(digest.digestsQueued).toBe(1);
    await worker.drainOnce();
    const posted = posts(memo.chat.calls).find((p) => p.room === 'memo-managers')!;
    expect(posted.text).toContain('Unreachable (no chat account linked): ');
    expect(posted.text).toContain('Finance Wang');
  });
});
