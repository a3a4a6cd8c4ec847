// Names are data, not markup: a customer, rep or alias name rendered inline can neither add a line
// ("✅ All customers healthy") nor format the card (* _ ~ `), on Slack; on Feishu it stays on one line.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../adapters/slack/render/message.render.js';
import { renderCard } from '../../../adapters/feishu/render/render-card.js';
import { digestCard } from '../../../src/app/digest/digest.view.js';
import { digestOf } from '../../core/digest/digest-fixture.js';
import { CUSTOMERS, MEMBERS } from '../../core/follow-up/fixtures.js';

const FAKE_LINE = '✅ All customers healthy';
const EVIL_REP = `Bob\n${FAKE_LINE}`;
const MARKUP_REP = '*Boss* _x_ ~y~ `z`';

function evilDigest() {
  const members = MEMBERS.map((m) => {
    // No chat ids: the renderers fall back to the names (mentions, lists).
    if (m.id === 1) return { ...m, name: EVIL_REP, identities: [] };
    if (m.id === 9) return { ...m, name: `Away\r\n${FAKE_LINE}` };
    if (m.id === 5) return { ...m, name: MARKUP_REP, identities: [] };
    return m;
  });
  const customers = CUSTOMERS.map((c) => (c.id === 101 ? { ...c, name: `华星科技\u2028${FAKE_LINE}` } : c));
  return digestCard(digestOf({ members, customers }), 'en');
}

/** Every mrkdwn / plain text of a Slack message, split into its lines. */
function slackLines(blocks: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(...o.text.split(/\n|\r|\u2028|\u2029/));
      for (const x of Object.values(o)) if (typeof x === 'object') walk(x);
    }
  };
  walk(blocks);
  return out;
}

describe('names rendered inline', () => {
  it('Slack: a name with a line break adds no line; markers in a name format nothing', () => {
    const messages = renderMessage(evilDigest());
    const lines = messages.flatMap((m) => [m.text, ...slackLines(m.blocks)]);
    const all = lines.join('\n');
    // The names are there, on the line they belong to …
    expect(all).toContain(`Bob ${FAKE_LINE}`);
    expect(all).toContain(`华星科技 ${FAKE_LINE}`);
    // … and none of them starts a line of its own.
    for (const line of lines) expect(line.replace(/^[`\s]+/, '')).not.toMatch(/^✅ All customers healthy/);
    // `*Boss*`, `_x_`, `~y~`, `` `z` `` shown as typed, with no formatting power.
    expect(all).not.toContain('*Boss*');
    expect(all).not.toMatch(/_x_|~y~|`z`/);
    expect(all).toContain('∗Boss∗ ˍxˍ ∼y∼ ˋzˋ');
  });

  it('Feishu: a name with a line break stays on its line', () => {
    const cards = renderCard(evilDigest());
    const text = JSON.stringify(cards);
    const contents: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'content' && typeof x === 'string' ? contents.push(x) : walk(x));
    };
    walk(cards);
    expect(text).toContain(`Bob ${FAKE_LINE}`);
    for (const c of contents) for (const line of c.split(/\n|\r|\u2028|\u2029/)) expect(line.trim()).not.toMatch(/^✅ All customers healthy/);
  });
});
