// The organisation digest's strings, in zh and en.
import { text } from '../../core/i18n.js';

export const orgDigestText = {
  title: (week: string, gradeA: number, teams: number) => text(`组织周报 ${week} — ${teams} 个团队，A 级客户 ${gradeA} 个`, `Organisation digest ${week} — ${gradeA} A-grade customers across ${teams} teams`),
  teamName: text('团队名', 'Team name'),
  aAndB: text('A / B 级', 'Grade A / B'),
  teamsAtAGlance: text('各团队概况', 'Teams at a glance'),
  reportsColumn: text('已交/应交', 'Reports in'),
  missingColumn: text('未交', 'Missing'),
  openColumn: text('未结任务', 'Open tasks'),
  overdueColumn: text('已逾期', 'Past due'),
  revenueColumn: text('本周成交额', 'Booked this week'),
  gradeAAcrossTeams: (n: number) => text(`全组织 A 级客户（${n}）`, `A-grade customers across teams (${n})`),
  noGradeA: text('本周各团队都没有 A 级客户', 'No A-grade customer in any team this week'),
  openFollowUps: (n: number) => text(` · 跟进任务 ${n} 个`, ` · ${n} follow-ups open`),
  noFollowUp: text(' · 尚无跟进任务', ' · no follow-up yet'),
  andMore: (n: number) => text(`另有 ${n} 个 A 级客户未列出（radar digest --org --json 可看全部）`, `${n} more A-grade customers not listed (radar digest --org --json lists all)`),
  seeTeamDigest: text('各团队的完整周报在其经理频道。', "Each team's full digest is in its manager channel."),
};
