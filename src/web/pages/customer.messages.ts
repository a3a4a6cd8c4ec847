// The customer strings, in zh and en.
import { text } from '../../core/i18n.js';

export const customerPageText = {
  notFlagged: text('未预警', 'not flagged'),
  keyAccount: text('重点客户', 'Key account'),
  normal: text('普通客户', 'Normal'),
  industry: text('行业', 'Industry'),
  weeksInRed: (weeksInRed: number) => text(` · 连续 ${weeksInRed} 周预警`, ` · ${weeksInRed} weeks in red`),
  nothingElevated: text('各项指标正常。', 'Nothing elevated.'),
  dimension: text('维度', 'Dimension'),
  score: text('分数', 'Score'),
  numbers: text('依据', 'Numbers'),
  reportHistory: text('周报记录', 'Report history'),
  noReportsYet: text('还没有周报。', 'No reports yet.'),
  followUps: text('跟进任务', 'Follow-ups'),
  noFollowUps: text('没有跟进任务。', 'No follow-ups.'),
  escalated: text(' · 已升级', ' · escalated'),
} as const;
