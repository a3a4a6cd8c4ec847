// Matching members to chat accounts: stops at a rate limit instead of hammering the platform.
import { describe, expect, it } from 'vitest';
import { syncUsers } from '../../src/app/team/sync-users.job.js';
import { ChatDeliveryError } from '../../src/app/ports/chat.port.js';
import { createHarness, RecordingChatPort } from './support/app-harness.js';

class LimitedPort extends RecordingChatPort {
  lookups = 0;
  override async lookupUserByEmail(): Promise<string | null> {
    this.lookups += 1;
    throw new ChatDeliveryError('rate_limited', 'ratelimited', 30_000);
  }
}

describe('syncUsers', () => {
  it('leaves the rest for the next sync after a rate limit', async () => {
    const h = createHarness();
    for (const m of h.app.ctx.repos.teams.listMembers(h.teamId)) h.app.ctx.repos.teams.setPlatformId(m.id, 'slack', null);
    const port = new LimitedPort();
    const result = await syncUsers({ ...h.app, platforms: [{ platform: 'slack', chat: port, managerChannel: 'CMGR' }] }, h.teamId);
    expect(port.lookups).toBe(1);
    expect(result.matched).toBe(0);
  });

  it("reads a member's profile while their timezone or language is unknown", async () => {
    const h = createHarness();
    let reads = 0;
    const chat = h.chat;
    const original = chat.userProfile.bind(chat);
    chat.userProfile = async (id: string) => { reads += 1; return original(id); };
    chat.profiles.set('U-rep1', { timezone: 'Asia/Tokyo', locale: 'en' });
    await syncUsers(h.app, h.teamId);
    const first = reads;
    await syncUsers(h.app, h.teamId);
    const rep1 = h.app.ctx.repos.teams.getMember(h.members.rep1.id);
    expect(rep1?.timezone).toBe('Asia/Tokyo');
    expect(rep1?.locale).toBe('en');
    expect(reads).toBe(first + (h.app.ctx.repos.teams.listMembers(h.teamId).length - 1)); // all but rep1 again
  });

  it('a member whose timezone is known still gets their language; a profile rate limit stops profile reads, not matching', async () => {
    const h = createHarness();
    h.app.ctx.repos.teams.setMemberPrefs(h.members.rep1.id, { timezone: 'Europe/Berlin' });
    h.chat.profiles.set('U-rep1', { timezone: 'Asia/Tokyo', locale: 'zh' });
    await syncUsers(h.app, h.teamId);
    expect(h.app.ctx.repos.teams.getMember(h.members.rep1.id)).toMatchObject({ timezone: 'Europe/Berlin', locale: 'zh' });

    const h2 = createHarness();
    for (const m of h2.app.ctx.repos.teams.listMembers(h2.teamId)) h2.app.ctx.repos.teams.setPlatformId(m.id, 'slack', null);
    let reads = 0;
    h2.chat.userProfile = async () => { reads += 1; throw new ChatDeliveryError('rate_limited', 'ratelimited', 30_000); };
    const result = await syncUsers(h2.app, h2.teamId);
    expect(reads).toBe(1);
    expect(result.matched).toBe(h2.app.ctx.repos.teams.listMembers(h2.teamId).length);
  });
});
