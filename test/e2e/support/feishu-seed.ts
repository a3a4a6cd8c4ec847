// Seeds the Feishu end-to-end team: five members with Feishu accounts at the fake Open API, one
// stranger, and four weeks of history (2026-W44…W47) through the real import service. 华星科技 is
// 90+ days overdue on a 50,000 receivable (a grade-A hard trigger); the other customers are healthy.
import type { RunningBot } from '../../../src/runtime/start-bot.js';
import type { Role } from '../../../src/core/team.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import type { FakeFeishuApi } from '../../fakes/feishu-api.fake.js';

export interface Person {
  email: string;
  name: string;
  role: Role;
  /** The open_id the fake's batch_get_id answers for this email. */
  openId: string;
}

export const PEOPLE = {
  rep1: { email: 'li.lei@example.com', name: '李雷', role: 'rep', openId: 'ou_rep_lilei000000000000000000' },
  rep2: { email: 'han.meimei@example.com', name: '韩梅梅', role: 'rep', openId: 'ou_rep_hanmeimei0000000000000' },
  manager: { email: 'zhang.wei@example.com', name: '张伟', role: 'manager', openId: 'ou_mgr_zhangwei00000000000000' },
  owner: { email: 'boss@example.com', name: '王总', role: 'owner', openId: 'ou_owner_wang000000000000000' },
  finance: { email: 'zhao.min@example.com', name: '赵敏', role: 'finance', openId: 'ou_fin_zhaomin00000000000000' },
} as const satisfies Record<string, Person>;

/** A Feishu user of the same tenant who is not on the team. */
export const STRANGER_OPEN_ID = 'ou_stranger000000000000000000';

export const CUSTOMERS = {
  huaxing: '华星科技',
  lanhai: '蓝海物流',
  tianyu: '天宇软件',
  beichen: '北辰制造',
} as const;

export const HISTORY_WEEKS = ['2026-W44', '2026-W45', '2026-W46', '2026-W47'] as const;

export interface SeededTeam {
  teamId: number;
  memberIds: Record<keyof typeof PEOPLE, number>;
  customerIds: Record<keyof typeof CUSTOMERS, number>;
}

type Row = Record<string, unknown>;

// Week-by-week values per customer: [W44, W45, W46, W47].
function historyRows(): Row[] {
  const rows: Row[] = [];
  const lastContact = ['2026-10-28', '2026-11-03', '2026-11-10', '2026-11-12'];
  HISTORY_WEEKS.forEach((week, i) => {
    rows.push({
      week, rep: PEOPLE.rep1.email, repName: PEOPLE.rep1.name, customer: CUSTOMERS.huaxing, industry: '制造', region: '华东', tier: 'normal',
      contacts: [3, 2, 1, 1][i], lastContact: lastContact[i], revenue: [20000, 0, 0, 0][i], receivable: 50000,
      overdueDays: [71, 78, 85, 92][i], complaints: 0, stage: 'live', usage: 'normal', health: i < 2 ? 'yellow' : 'red',
      notes: i === 3 ? '财务多次催款未回复' : null,
    });
    rows.push({
      week, rep: PEOPLE.rep1.email, repName: PEOPLE.rep1.name, customer: CUSTOMERS.lanhai, industry: '物流', region: '华东', tier: 'normal',
      contacts: 4, lastContact: `2026-${['10-30', '11-06', '11-13', '11-20'][i]}`, revenue: 30000, receivable: 10000,
      overdueDays: 0, complaints: 0, stage: 'live', usage: 'high', health: 'green',
    });
    rows.push({
      week, rep: PEOPLE.rep2.email, repName: PEOPLE.rep2.name, customer: CUSTOMERS.tianyu, industry: '软件', region: '华北', tier: 'key',
      contacts: 5, lastContact: `2026-${['10-29', '11-05', '11-12', '11-19'][i]}`, revenue: 45000, receivable: 0,
      overdueDays: 0, complaints: 0, stage: 'renewal', usage: 'high', health: 'green',
    });
    rows.push({
      week, rep: PEOPLE.rep2.email, repName: PEOPLE.rep2.name, customer: CUSTOMERS.beichen, industry: '制造', region: '华北', tier: 'normal',
      contacts: 3, lastContact: `2026-${['10-27', '11-04', '11-11', '11-18'][i]}`, revenue: 12000, receivable: 5000,
      overdueDays: 0, complaints: 0, stage: 'negotiation', expectedClose: '2026-12-20', usage: 'normal', health: 'green',
    });
  });
  return rows;
}

/**
 * Members first (so import keeps their names and roles), then the history; every member's email is
 * registered at the fake so `contact/v3/users/batch_get_id` matches it.
 */
export function seedFeishuTeam(bot: RunningBot, fake: FakeFeishuApi, at: Date): SeededTeam {
  const { repos } = bot.app.ctx;
  const team = repos.teams.listTeams()[0];
  if (!team) throw new Error('seedFeishuTeam: startBot did not create the team');
  const memberIds = {} as Record<keyof typeof PEOPLE, number>;
  for (const [key, p] of Object.entries(PEOPLE) as Array<[keyof typeof PEOPLE, Person]>) {
    memberIds[key] = repos.teams.upsertMember({ teamId: team.id, email: p.email, name: p.name, role: p.role }).id;
    fake.users.set(p.email, p.openId);
  }
  const text = historyRows().map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)))).join('\n');
  importRecords(repos, { name: 'feishu-e2e-history.jsonl', text }, { teamId: team.id, now: at.toISOString() });
  const customerIds = {} as Record<keyof typeof CUSTOMERS, number>;
  for (const [key, name] of Object.entries(CUSTOMERS) as Array<[keyof typeof CUSTOMERS, string]>) {
    const c = repos.customers.customerByName(team.id, name);
    if (!c) throw new Error(`seedFeishuTeam: customer ${name} was not imported`);
    customerIds[key] = c.id;
  }
  return { teamId: team.id, memberIds, customerIds };
}
