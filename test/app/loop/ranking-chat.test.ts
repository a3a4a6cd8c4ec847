// Reps see their own ranking line on request; the whole table is for managers.
import { describe, expect, it } from 'vitest';
import { createHarness } from '../support/app-harness.js';
import { kindOf, replied } from '../../support/answer.js';

describe('ranking in chat', () => {
  it('"my ranking" gives a rep their own line; "ranking" gives managers the table', async () => {
    const h = createHarness();
    const msg = (m: typeof h.members.rep1, text: string) => h.send({ type: 'message', actor: h.actor(m), text, channelId: 'D1', isDirect: true });
    // rep1 reported W44–W47, all on time (imported).
    const mine = await msg(h.members.rep1, 'my ranking');
    expect(kindOf(mine)).toBe('reply');
    expect(JSON.stringify(mine)).toContain('4 weeks on time in a row');
    expect(JSON.stringify(mine)).toContain('4/4 weeks submitted');
    const zh = await msg(h.members.rep1, '我的排名');
    expect(kindOf(zh)).toBe('reply');
    const table = await msg(h.members.manager, '排行榜');
    expect(kindOf(table)).toBe('reply');
    expect(JSON.stringify(table)).toContain('rep1');
    expect(JSON.stringify(table)).toContain('rep2');
    expect(await msg(h.members.finance, 'ranking')).toEqual({ toast: { text: expect.any(String), tone: expect.any(String) } });
    expect(JSON.stringify(await msg(h.members.finance, 'my ranking'))).toContain('reps only');
  });

  it('the table shows only the columns the ranking settings choose', async () => {
    const h = createHarness();
    h.app.ctx.settings = { ...h.app.ctx.settings, ranking: { columns: ['submission', 'streak'], audience: 'channel' } };
    const table = await h.send({ type: 'message', actor: h.actor(h.members.manager), text: 'ranking', channelId: 'D1', isDirect: true });
    expect(kindOf(table)).toBe('reply');
    const blocks = replied(table).blocks;
    const grid = blocks.find((b) => b.type === 'table');
    expect(grid?.type === 'table' ? grid.columns.map((c) => c.key) : null).toEqual(['rank', 'name', 'submission', 'streak']);
  });

  it('App Home shows a rep their own line only', async () => {
    const h = createHarness();
    const home = await h.send({ type: 'homeOpened', actor: h.actor(h.members.rep2) });
    expect(kindOf(home)).toBe('reply');
    const text = JSON.stringify(home);
    expect(text).toContain('weeks on time in a row');
    expect(text).not.toContain('rep1');
  });
});
