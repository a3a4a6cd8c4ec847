// Typed text: `/radar …`, an @mention or a DM. A few commands (report, away, digest, help);
// anything else is a question for the ask engine.

import { reportPromptCard } from '../weekly-report/report-prompt.view.js';
import { reportPromptModel } from '../weekly-report/report.service.js';
import { ask } from '../ask/ask.service.js';
import { absenceStartWeek, invalidateScores } from '../scoring/scoring.service.js';
import { teamNow } from '../context.js';
import type { Interaction } from './interaction-context.js';
import { currentReportWeek, isManagerial, notAllowed } from './interaction-context.js';
import { currentDigestCard } from './source-card.js';
import { DASHBOARD_TEXT, handleDashboard } from '../dashboard/dashboard.handler.js';
import { SCHEDULE_RE, TIMEZONE_RE, handleSchedule, handleTimezone } from '../schedule/schedule.command.js';
import { MY_RANKING_RE, RANKING_RE, handleRanking } from '../review/ranking.command.js';
import { SETTINGS_RE, SETTINGS_UNDO_RE, handleSettingsText } from '../settings/settings.handler.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { interactionText } from './interaction.messages.js';
import { commonText } from '../shared/common.messages.js';

const REPORT = /^(report|weekly report|周报|填周报|填写周报|写周报)$/i;
const DIGEST = /^(digest|摘要|周报摘要|汇总|周报汇总)$/i;
const AWAY = /^(?:away|ooo|请假|休假|不在)\s*(?:until|till|to|到|至)?\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})$/i;
const BACK = /^(back|i'?m back|回来了|已返岗|取消请假)$/i;

function normalizeDate(raw: string): string | null {
  const [y, m, d] = raw.split(/[-/]/).map(Number);
  if (!y || !m || !d) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function handleText(i: Interaction, raw: string): Answer {
  const text = raw.replace(/<@[A-Z0-9]+>|@_user_\d+/g, '').trim();
  if (REPORT.test(text)) {
    if (i.member.role !== 'rep') return answer.toast(say(i.locale, interactionText.onlyRepsFillWeeklyReports), 'info');
    const week = currentReportWeek(i.app, i.team);
    return answer.reply(reportPromptCard(reportPromptModel(i.app.ctx, i.member, week), i.locale));
  }
  if (DASHBOARD_TEXT.test(text)) return handleDashboard(i);
  if (DIGEST.test(text)) {
    if (!isManagerial(i.member)) return notAllowed(i.locale);
    const card = currentDigestCard(i, null);
    return card ? answer.reply(card) : answer.toast(say(i.locale, commonText.thereAreNoReportsYet), 'info');
  }
  const away = AWAY.exec(text);
  if (away) {
    const until = normalizeDate(away[1] ?? '');
    if (!until) return answer.toast(say(i.locale, interactionText.useADateAsYyyy), 'warning');
    if (until < teamNow(i.app.ctx, i.team.timezone).today) {
      return answer.toast(say(i.locale, interactionText.thatDateIsInThe), 'warning');
    }
    i.app.ctx.repos.teams.setAway(i.member.id, until);
    invalidateScores(i.app.ctx, i.team.id, absenceStartWeek(until));
    return answer.toast(say(i.locale, interactionText.gotItUntilYouWont(until)), 'success');
  }
  if (SCHEDULE_RE.test(text)) return handleSchedule(i, text);
  if (SETTINGS_RE.test(text) || SETTINGS_UNDO_RE.test(text)) return handleSettingsText(i, text);
  if (MY_RANKING_RE.test(text) || RANKING_RE.test(text)) return handleRanking(i, text);
  const zone = TIMEZONE_RE.exec(text);
  if (zone) return handleTimezone(i, zone[1] ?? '');
  if (BACK.test(text)) {
    if (i.member.awayUntil) invalidateScores(i.app.ctx, i.team.id, absenceStartWeek(i.member.awayUntil));
    i.app.ctx.repos.teams.setAway(i.member.id, null);
    return answer.toast(say(i.locale, interactionText.welcomeBack), 'success');
  }
  return answer.reply(ask(i.app.ctx, i.team.id, i.member, text).card);
}
