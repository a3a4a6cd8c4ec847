// First working day of the month: the month before's review (复盘) goes to each manager channel through
// the outbox. With `ranking.audience: managers` the ranking is left out of the channel card and sent to
// managers, directors and owners by DM instead (see ranking-post.ts).
import { teamSettings } from '../settings/team-settings.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys } from '../radar-app.js';
import { monthlyReview } from './review.service.js';
import { reviewCard } from './review.view.js';
import { queueRankingDms, rankingSettingsOf } from './ranking-post.js';
import { teamTagLabels } from '../shared/view-text.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';
import { managerChannels } from '../team/manager-channel.js';

export interface ReviewStepResult {
  month: string;
  cardsQueued: number;
  rankingDms: number;
}

export function runReviewStep(app: RadarApp, teamId: number, month: string): ReviewStepResult {
  const { repos } = app.ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} not found`, { userMessage: TEAM_NOT_FOUND });
  const review = monthlyReview(app.ctx, teamId, month);
  const ranking = rankingSettingsOf(app.ctx, teamId);
  const inChannel = ranking.audience === 'channel';
  const result: ReviewStepResult = { month, cardsQueued: 0, rankingDms: 0 };
  repos.transaction(() => {
    for (const { platform, channelId: managerChannel } of managerChannels(app, teamId)) {
      const card = reviewCard(review, team.locale, { ranking: inChannel ? ranking.columns : false, tagLabels: teamTagLabels(teamSettings(app.ctx, teamId)) });
      if (enqueueSend(app, { teamId, key: outboxKeys.review(teamId, month, platform), platform, destination: { kind: 'channel', channelId: managerChannel }, card })) result.cardsQueued += 1;
    }
    result.rankingDms = queueRankingDms(app, teamId, month, () => review.ranking);
  });
  app.ctx.logger.info({ teamId, ...result }, 'review queued');
  return result;
}
