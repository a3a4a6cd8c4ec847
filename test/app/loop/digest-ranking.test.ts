// The weekly ranking goes out with the digest: to the manager channel by default, or only by DM to
// managers, directors and owners when `ranking.audience` is `managers`, once a week.
import { describe, expect, it } from 'vitest';
import { runDigestStep } from '../../../src/app/digest/digest.job.js';
import type { RadarApp } from '../../../src/app/radar-app.js';
import type { Block } from '../../../src/ui/card.js';
import { RecordingChatPort } from '../support/app-harness.js';
import { buildBook } from './seeded-book.js';

const WEEK = '2026-W48';

function appOf() {
  const book = buildBook();
  for (const m of book.ctx.repos.teams.listMembers(book.teamId)) book.ctx.repos.teams.setPlatformId(m.id, 'slack', `U-${m.email.split('@')[0]}`);
  const app: RadarApp = { ctx: book.ctx, platforms: [{ platform: 'slack', chat: new RecordingChatPort(), managerChannel: 'CMGR' }], notifyOutbox: () => undefined };
  return { book, app };
}
const tableOf = (blocks: readonly Block[]) => blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');

describe('weekly ranking with the digest', () => {
  it('ends the digest in the manager channel with the ranking of the 8 weeks to this one, sending no DMs', async () => {
    const { book, app } = appOf();
    const first = await runDigestStep(app, book.teamId, WEEK);
    expect(first.rankingQueued).toBe(0);
    const row = app.ctx.repos.outbox.byKey(`digest:${book.teamId}:${WEEK}:slack`)!;
    expect(row.destination).toEqual({ kind: 'channel', channelId: 'CMGR' });
    const headingAt = row.card.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Ranking');
    expect(headingAt).toBeGreaterThan(0);
    const table = tableOf(row.card.blocks.slice(headingAt))!;
    // One line per rep of the book, each named, with every default column.
    expect(table.rows.map((r) => r.name).sort()).toEqual(['ann', 'bob', 'cat']);
    expect(table.columns.map((c) => c.key)).toEqual(['rank', 'name', 'submission', 'onTime', 'streak', 'followUps', 'recovery', 'revenue', 'revenueChange']);
    expect(app.ctx.repos.outbox.byKey(`ranking:${book.teamId}:${WEEK}:${book.member('manager@example.com')}:slack`)).toBeFalsy();
  });

  it('with ranking.audience managers, DMs it to managers and the director with the chosen columns, not the channel', async () => {
    const { book, app } = appOf();
    app.ctx.settings = { ...app.ctx.settings, ranking: { columns: ['submission', 'streak'], audience: 'managers' } };
    const r = await runDigestStep(app, book.teamId, WEEK);
    expect(r.rankingQueued).toBe(2);
    const digest = app.ctx.repos.outbox.byKey(`digest:${book.teamId}:${WEEK}:slack`)!;
    expect(digest.card.blocks.some((b) => b.type === 'heading' && b.text === 'Ranking')).toBe(false);
    const dm = app.ctx.repos.outbox.byKey(`ranking:${book.teamId}:${WEEK}:${book.member('manager@example.com')}:slack`)!;
    expect(dm.destination).toEqual({ kind: 'user', userId: 'U-manager' });
    expect(tableOf(dm.card.blocks)!.columns.map((c) => c.key)).toEqual(['rank', 'name', 'submission', 'streak']);
    expect((await runDigestStep(app, book.teamId, WEEK)).rankingQueued).toBe(0); // once a week
  });
});
