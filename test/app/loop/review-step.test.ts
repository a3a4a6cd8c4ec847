// The monthly review step: when it is due (first working day, 10:00 team time, caught up later in the
// month, once), and what it queues (the card in the manager channel; the ranking by DM when so set).
import { describe, expect, it } from 'vitest';
import { dueSteps } from '../../../src/app/schedule/due-steps.js';
import { DEFAULT_SCHEDULE } from '../../../src/app/schedule/index.js';
import { firstWorkingDay } from '../../../src/app/schedule/month-plan.js';
import { runReviewStep } from '../../../src/app/review/review.job.js';
import type { RadarApp } from '../../../src/app/radar-app.js';
import { RecordingChatPort } from '../support/app-harness.js';
import { buildBook } from './seeded-book.js';
import type { CardSpec } from '../../../src/ui/card.js';
import { cardTexts } from '../../support/cards.js';

const reviews = (now: string, hasRun: (w: string, k: string) => boolean = () => false, holidays: string[] = []) =>
  dueSteps({ settings: { ...DEFAULT_SCHEDULE, holidays }, now: new Date(now), hasRun, monthlyReview: true }).filter((s) => s.step === 'review');

describe('review schedule', () => {
  it('is due on the first working day at 10:00 team time, about the month before', () => {
    expect(firstWorkingDay('2026-11', [])).toBe('2026-11-02'); // 1 November 2026 is a Sunday
    expect(firstWorkingDay('2026-12', ['2026-12-01'])).toBe('2026-12-02');
    expect(reviews('2026-12-01T01:59:00Z')).toEqual([]); // 09:59 in Shanghai
    const [due] = reviews('2026-12-01T02:00:30Z');
    expect(due).toMatchObject({ runKey: 'review@2026-11', week: '2026-W49', date: '2026-12-01', catchUp: false });
    expect(reviews('2026-12-01T02:30:00Z', () => false, ['2026-12-01'])).toEqual([]); // moved to the 2nd
  });

  it('is caught up later in the month, runs once, and not before the team started', () => {
    const [late] = reviews('2026-12-15T08:00:00Z');
    expect(late).toMatchObject({ runKey: 'review@2026-11', catchUp: true });
    expect(reviews('2026-12-15T08:00:00Z', (_w, k) => k === 'review@2026-11')).toEqual([]);
    const notBefore = new Date('2026-12-10T00:00:00Z');
    expect(dueSteps({ settings: DEFAULT_SCHEDULE, now: new Date('2026-12-15T08:00:00Z'), hasRun: () => false, monthlyReview: true, notBefore })
      .filter((s) => s.step === 'review')).toEqual([]);
    // Planning only the weekly cycle leaves it out.
    expect(dueSteps({ settings: DEFAULT_SCHEDULE, now: new Date('2026-12-01T03:00:00Z'), hasRun: () => false }).some((s) => s.step === 'review')).toBe(false);
  });
});

describe('review step', () => {
  const appOf = () => {
    const book = buildBook();
    for (const m of book.ctx.repos.teams.listMembers(book.teamId)) book.ctx.repos.teams.setPlatformId(m.id, 'slack', `U-${m.email.split('@')[0]}`);
    const app: RadarApp = { ctx: book.ctx, platforms: [{ platform: 'slack', chat: new RecordingChatPort(), managerChannel: 'CMGR' }], notifyOutbox: () => undefined };
    return { book, app };
  };
  const hasRanking = (card: CardSpec) => card.blocks.some((b) => b.type === 'table' && b.columns.some((c) => c.key === 'revenue'));

  it('posts the month\'s review with the ranking to the manager channel, once', () => {
    const { book, app } = appOf();
    expect(runReviewStep(app, book.teamId, '2026-11')).toMatchObject({ cardsQueued: 1, rankingDms: 0 });
    const row = app.ctx.repos.outbox.byKey(`review:${book.teamId}:2026-11:slack`)!;
    expect(row.destination).toEqual({ kind: 'channel', channelId: 'CMGR' });
    const card = row.card;
    expect(card.title).toContain('2026-11');
    expect(cardTexts(card)).toContain('Payless Ltd');
    expect(hasRanking(card)).toBe(true);
    expect(runReviewStep(app, book.teamId, '2026-11').cardsQueued).toBe(0);
  });

  it('with ranking.audience managers, keeps the ranking out of the channel and DMs it to managers', () => {
    const { book, app } = appOf();
    app.ctx.settings = { ...app.ctx.settings, ranking: { columns: ['onTime', 'streak'], audience: 'managers' } };
    const r = runReviewStep(app, book.teamId, '2026-11');
    expect(r.rankingDms).toBe(2); // the manager and the director
    const row = app.ctx.repos.outbox.byKey(`review:${book.teamId}:2026-11:slack`)!;
    const card = row.card;
    expect(card.blocks.some((b) => b.type === 'heading' && b.text === 'Ranking')).toBe(false);
    const dm = app.ctx.repos.outbox.byKey(`ranking:${book.teamId}:2026-11:${book.member('manager@example.com')}:slack`)!;
    const dmCard = dm.card;
    const table = dmCard.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' ? table.columns.map((c) => c.key) : []).toEqual(['rank', 'name', 'onTime', 'streak']);
  });
});
