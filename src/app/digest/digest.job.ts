// Monday's deadline: score the week, sync follow-ups, post the digest to each manager channel and
// DM every new task to whoever it is routed to.
import { teamSettings } from '../settings/team-settings.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { digestCard } from './digest.view.js';
import { taskCard } from '../follow-up/task.view.js';
import { reopenedBecause } from '../follow-up/task-history.view.js';
import { digestModel, prepareDigestWeek } from './digest.service.js';
import type { DigestModel, TeamDigest } from '../../core/digest/digest.types.js';
import { reachableOn, withUnreachable } from '../../core/digest/build-digest.js';
import { escalationRecipients, taskCardModel, taskRecipients } from '../follow-up/task-card.service.js';
import type { Member } from '../../core/team.js';
import type { CardSpec } from '../../ui/card.js';
import type { Platform } from '../ports/chat.port.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueRefresh, enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { syncUsers } from '../team/sync-users.job.js';
import { queueRankingDms, rankingSettingsOf } from '../review/ranking-post.js';
import { teamRanking } from '../review/ranking.service.js';
import { rankingBlocks } from '../review/review.view.js';
import { ChartError, createChartsService } from '../charts/charts.service.js';
import type { Locale } from '../../core/i18n.js';
import type { RankingRow } from '../../core/review/ranking.js';
import { teamTagLabels } from '../shared/view-text.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';
import { say } from '../../core/i18n.js';
import { digestText } from './digest.messages.js';
import { managerChannels } from '../team/manager-channel.js';
import { queueOrgDigests } from './org-digest.job.js';

/**
 * The digest as posted: the model's card and the weekly ranking (the 8 weeks to this one) at the end,
 * unless the team sends the ranking to managers only (continuations go in the digest's thread).
 */
function postedDigestCard(app: RadarApp, locale: Locale, model: DigestModel, rankingRows: () => readonly RankingRow[]): CardSpec {
  const card = digestCard(model, locale, teamTagLabels(teamSettings(app.ctx, model.teamId)));
  const ranking = rankingSettingsOf(app.ctx, model.teamId);
  if (ranking.audience !== 'channel') return card;
  return { ...card, blocks: [...card.blocks, ...rankingBlocks(rankingRows(), locale, ranking.columns)] };
}

/** The digest's charts — team heat map and red flags by rep — posted in its thread; null for a week without reports. */
function digestChartsCard(app: RadarApp, teamId: number, week: WeekId, locale: Locale): CardSpec | null {
  const charts = createChartsService(app.ctx, teamId);
  try {
    const title = say(locale, digestText.charts(week));
    return { title, tone: 'blue', summary: title, blocks: [{ type: 'image', chart: charts.heatmap(week, locale) }, { type: 'image', chart: charts.byRep(week, locale) }] };
  } catch (err) {
    if (err instanceof ChartError) return null; // a week without reports has nothing to chart
    throw err;
  }
}

/** The week's ranking, read at most once however many platforms' cards and DMs use it. */
function weekRanking(app: RadarApp, teamId: number, week: WeekId): () => readonly RankingRow[] {
  let rows: readonly RankingRow[] | undefined;
  return () => (rows ??= teamRanking(app.ctx, teamId, { week }).rows);
}

export interface DigestStepResult {
  flagged: number;
  digestsQueued: number;
  taskMessagesQueued: number;
  /** Ranking DMs queued (with `ranking.audience: managers`; else the ranking ends the digest). */
  rankingQueued: number;
  /** Organisation digests DMed to directors and owners whose teams have all had this week's digest. */
  orgDigestsQueued: number;
}

export async function runDigestStep(app: RadarApp, teamId: number, week: WeekId): Promise<DigestStepResult> {
  const { repos } = app.ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} not found`, { userMessage: TEAM_NOT_FOUND });
  await syncUsers(app, teamId);
  const result: DigestStepResult = { flagged: 0, digestsQueued: 0, taskMessagesQueued: 0, rankingQueued: 0, orgDigestsQueued: 0 };
  // Follow-up changes and the messages announcing them are stored together.
  const ranking = weekRanking(app, teamId, week);
  repos.transaction(() => {
    // The step's writes (scores, follow-up tasks), then one read of the team's digest for every platform.
    prepareDigestWeek(app.ctx, teamId, week, { syncTasks: true });
    const digest = digestModel(app.ctx, teamId, week);
    result.flagged = digest.counts.flagged;
    for (const { platform, channelId } of managerChannels(app, teamId)) {
      const model = withUnreachable(digest, reachableOn(platform));
      const destination = { kind: 'channel' as const, channelId };
      const key = outboxKeys.digest(teamId, week, platform);
      const queued = enqueueSend(app, { teamId, key, platform, destination, card: postedDigestCard(app, team.locale, model, ranking) });
      if (queued) result.digestsQueued += 1;
      const charts = digestChartsCard(app, teamId, week, team.locale);
      if (charts) enqueueSend(app, { teamId, key: outboxKeys.digestCharts(teamId, week, platform), platform, destination, card: charts, threadOf: key });
    }
    // The weekly ranking (last 8 weeks to this one): at the end of the digest, or by DM to managers.
    result.rankingQueued = queueRankingDms(app, teamId, week, ranking);
    const dm = (member: Member, card: CardSpec, key: (platform: Platform) => string) => {
      for (const { platform } of app.platforms) {
        const userId = userIdOn(platform, member);
        if (userId && enqueueSend(app, { teamId, key: key(platform), platform, destination: { kind: 'user', userId }, card })) result.taskMessagesQueued += 1;
      }
    };
    for (const task of repos.tasks.listTasks(teamId, { states: ['open', 'claimed'] })) {
      if (task.createdWeek !== week && !task.escalated) continue;
      const model = taskCardModel(app.ctx, task);
      // A dismissed task back this week is sent again, saying why (its first DM went out weeks ago).
      const reopened = task.createdWeek === week && reopenedBecause(model.history ?? []) !== null;
      for (const member of taskRecipients(app.ctx, task)) {
        dm(member, taskCard(model, memberLocale(member, team)),
          (platform) => (reopened ? outboxKeys.taskReopened(task.id, week, member.id, platform) : outboxKeys.task(task.id, member.id, platform)));
      }
      // An escalation is news for the directors, once.
      if (!task.escalated) continue;
      for (const member of escalationRecipients(app.ctx, task)) {
        const locale = memberLocale(member, team);
        const card = taskCard(model, locale);
        dm(member, { ...card, title: `⬆ ${card.title}`, summary: say(locale, digestText.escalated(model.customer.name)) },
          (platform) => outboxKeys.escalation(task.id, member.id, platform));
      }
    }
  });
  // Other teams' digests are read for the organisation digest: outside this team's transaction.
  result.orgDigestsQueued = queueOrgDigests(app, teamId, week);
  app.ctx.logger.info({ teamId, week, ...result }, 'digest queued');
  return result;
}

/**
 * Bring the posted digest up to date (a late report, a task changed). Returns the card drawn for each
 * platform whose digest was posted, so a caller answering a click in it need not draw it again.
 */
export function refreshDigest(app: RadarApp, teamId: number, week: WeekId): Partial<Record<Platform, CardSpec>> {
  const team = app.ctx.repos.teams.getTeam(teamId);
  const cards: Partial<Record<Platform, CardSpec>> = {};
  if (!team) return cards;
  const ranking = weekRanking(app, teamId, week);
  // Prepared and read once, and only when some platform's digest was posted.
  let digest: TeamDigest | undefined;
  for (const { platform } of app.platforms) {
    const key = outboxKeys.digest(teamId, week, platform);
    if (!app.ctx.repos.outbox.byKey(key)) continue;
    if (!digest) {
      prepareDigestWeek(app.ctx, teamId, week);
      digest = digestModel(app.ctx, teamId, week);
    }
    const card = postedDigestCard(app, team.locale, withUnreachable(digest, reachableOn(platform)), ranking);
    enqueueRefresh(app, key, card);
    cards[platform] = card;
    // A late report or a changed task can change the charts too (nothing is refreshed when none were posted).
    const charts = digestChartsCard(app, teamId, week, team.locale);
    if (charts) enqueueRefresh(app, outboxKeys.digestCharts(teamId, week, platform), charts);
  }
  return cards;
}
