// An app over in-memory SQLite (real migrations) with a recording ChatPort: for router and job tests.
import { testRepositories } from '../../support/test-storage.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { createRouter } from '../../../src/app/router.js';
import type { RadarApp } from '../../../src/app/radar-app.js';
import type { ChatPort, Destination, MessageRef, SendOptions, UserProfile } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { Member, Role } from '../../../src/core/team.js';
import type { Actor, InboundEvent } from '../../../src/app/inbound.js';
import { identityOn } from '../../../src/core/team.js';

export class RecordingChatPort implements ChatPort {
  readonly platform = 'slack' as const;
  readonly sent: Array<{ to: Destination; card: CardSpec; options: SendOptions }> = [];
  readonly updated: Array<{ ref: MessageRef; card: CardSpec }> = [];
  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    this.sent.push({ to, card, options });
    return { platform: 'slack', channel: to.kind === 'user' ? `D-${to.userId}` : to.channelId, messageId: `ts-${this.sent.length}` };
  }
  async update(ref: MessageRef, card: CardSpec): Promise<void> {
    this.updated.push({ ref, card });
  }
  async lookupUserByEmail(email: string): Promise<string | null> {
    return email.endsWith('@nowhere.example') ? null : `U-${email.split('@')[0]}`;
  }
  /** Profiles the "platform" knows, by user id. */
  readonly profiles = new Map<string, UserProfile>();
  async userProfile(userId: string): Promise<UserProfile | null> {
    return this.profiles.get(userId) ?? null;
  }
}

const entry = (week: string, rep: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep, repName: rep.split('@')[0], customer, region: 'East', industry: 'software', tier: 'normal',
  contacts: 2, lastContact: '2026-11-01', revenue: 10000, receivable: 20000, overdueDays: 0, complaints: 0,
  complaintType: null, requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null,
  health: 'green', notes: '', ...over,
});

export const WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'] as const;
/** Friday of 2026-W48, 16:00 in Shanghai. */
export const NOW = new Date('2026-11-27T08:00:00Z');

export interface Harness {
  app: RadarApp;
  chat: RecordingChatPort;
  teamId: number;
  members: Record<'rep1' | 'rep2' | 'manager' | 'director' | 'owner' | 'finance' | 'service', Member>;
  customers: Record<'huaxing' | 'acme' | 'greatwall', number>;
  route: ReturnType<typeof createRouter>;
  actor(m: Member): Actor;
  send(event: InboundEvent): ReturnType<ReturnType<typeof createRouter>>;
  setNow(d: Date): void;
}

export function createHarness(): Harness {
  let now = NOW;
  const repos = testRepositories({ closeWithTest: false });
  const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' });
  const lines = WEEKS.flatMap((w, i) => [
    entry(w, 'rep1@example.com', '华星科技', { overdueDays: 80 + i * 7, receivable: 50000, contacts: 1 }),
    entry(w, 'rep1@example.com', 'Acme Corp', { stage: 'renewal' }),
    entry(w, 'rep2@example.com', '长城物流'),
  ]);
  importRecords(repos, { name: 'seed.jsonl', text: lines.join('\n') }, { teamId: team.id, now: NOW.toISOString() });
  const person = (email: string, name: string, role: Role) => repos.teams.upsertMember({ teamId: team.id, email, name, role });
  person('manager@example.com', 'Manager Zhang', 'manager');
  person('director@example.com', 'Director Chen', 'director');
  person('owner@example.com', 'Owner Liu', 'owner');
  person('finance@example.com', 'Finance Wang', 'finance');
  person('service@example.com', 'Service Zhao', 'customer_service');
  for (const m of repos.teams.listMembers(team.id)) repos.teams.setPlatformId(m.id, 'slack', `U-${m.email.split('@')[0]}`);
  const byEmail = (e: string) => repos.teams.memberByEmail(team.id, e)!;
  const chat = new RecordingChatPort();
  const app: RadarApp = {
    ctx: { repos, settings: DEFAULT_SETTINGS, clock: () => now, logger: silentLogger() },
    platforms: [{ platform: 'slack', chat, managerChannel: 'CMGR' }],
    notifyOutbox: () => undefined,
  };
  const route = createRouter(app);
  const customerId = (name: string) => repos.customers.customerByName(team.id, name)!.id;
  return {
    app, chat, teamId: team.id, route,
    members: {
      rep1: byEmail('rep1@example.com'), rep2: byEmail('rep2@example.com'), manager: byEmail('manager@example.com'),
      director: byEmail('director@example.com'), owner: byEmail('owner@example.com'), finance: byEmail('finance@example.com'),
      service: byEmail('service@example.com'),
    },
    customers: { huaxing: customerId('华星科技'), acme: customerId('Acme Corp'), greatwall: customerId('长城物流') },
    actor: (m) => ({ platform: 'slack', userId: identityOn(m, 'slack')! }),
    send: (event) => route(event),
    setNow: (d) => {
      now = d;
    },
  };
}
