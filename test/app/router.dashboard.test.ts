// "Open dashboard / 打开看板", `/radar dashboard` and "看板" through the router: a personal sign-in link,
// DMed to the person through the outbox, that signs in as them and nobody else.
import { beforeEach, describe, expect, it } from 'vitest';
import { createWebAuth, type WebAuth } from '../../src/web/auth/web-auth.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { identityOn } from '../../src/core/team.js';

let h: Harness;
let auth: WebAuth;

beforeEach(() => {
  h = createHarness();
  auth = createWebAuth({ repos: h.app.ctx.repos, secret: null, publicUrl: 'https://radar.example.com', clock: h.app.ctx.clock });
  (h.app as { dashboard?: WebAuth }).dashboard = auth;
});

const queuedLinks = () => h.app.ctx.repos.outbox.due('9999-01-01T00:00:00Z', 1000).filter((m) => m.key.startsWith('dashboard:'));
const linkIn = (card: unknown): string => {
  const m = /https:\/\/radar\.example\.com\/dashboard\/signin\/[A-Za-z0-9._-]+/.exec(JSON.stringify(card));
  expect(m).not.toBeNull();
  return m![0];
};
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('dashboard links from chat', () => {
  it('the digest button DMs the clicker their own link and answers with a private notice', async () => {
    const result = await h.send({ type: 'action', actor: h.actor(h.members.manager), action: { kind: 'dashboard.open', args: {} }, message: { platform: 'slack', channel: 'CMGR', messageId: 'ts-1' } });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'success' } });
    const [msg] = queuedLinks();
    expect(msg?.destination).toEqual({ kind: 'user', userId: identityOn(h.members.manager, 'slack') });
    const check = auth.checkLink(tokenOf(linkIn(msg!.card)));
    expect(check.ok && check.member.id).toBe(h.members.manager.id);
  });

  it('typed "看板", "dashboard" or `/radar dashboard`: a new link each time, for whoever asked (a rep too)', async () => {
    await h.send({ type: 'message', actor: h.actor(h.members.rep1), text: '看板', channelId: 'D1', isDirect: true });
    await h.send({ type: 'command', actor: h.actor(h.members.rep1), text: 'dashboard', channelId: null });
    await h.send({ type: 'message', actor: h.actor(h.members.finance), text: 'Dashboard', channelId: 'C9', isDirect: false });
    const links = queuedLinks();
    expect(links.map((m) => m.destination)).toEqual([
      { kind: 'user', userId: identityOn(h.members.rep1, 'slack') }, { kind: 'user', userId: identityOn(h.members.rep1, 'slack') }, { kind: 'user', userId: identityOn(h.members.finance, 'slack') },
    ]);
    const members = links.map((m) => { const c = auth.checkLink(tokenOf(linkIn(m.card))); return c.ok ? c.member.email : c.reason; });
    expect(members).toEqual(['rep1@example.com', 'rep1@example.com', 'finance@example.com']);
  });

  it('after a revoke the link in the DM no longer signs in', async () => {
    await h.send({ type: 'command', actor: h.actor(h.members.owner), text: '看板', channelId: null });
    const token = tokenOf(linkIn(queuedLinks()[0]!.card));
    auth.revoke(h.members.owner);
    expect(auth.checkLink(token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('without a dashboard running, says so and queues nothing', async () => {
    delete (h.app as { dashboard?: WebAuth }).dashboard;
    const result = await h.send({ type: 'command', actor: h.actor(h.members.manager), text: 'dashboard', channelId: null });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'info' } });
    expect(queuedLinks()).toEqual([]);
  });

  it('a stranger gets no link', async () => {
    const result = await h.send({ type: 'command', actor: { platform: 'slack', userId: 'U-STRANGER' }, text: '看板', channelId: null });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(queuedLinks()).toEqual([]);
  });
});
