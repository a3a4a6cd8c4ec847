// First working day of the month: the month before's review (复盘) goes to each manager channel through
// the outbox. With `ranking.audience: managers` the ranking is left out of the channel card and sent to
// managers, directors and owners by DM instead (some teams do not want public revenue rankings).
import { DEFAULT_RANKING_SETTINGS } from '../../core/review/ranking.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { monthlyReview } from './review.service.js';
import { rankingBlocks, reviewCard } from './review.view.js';
import { memberLocale } from '../locale.js';
import { tr } from '../shared/view-text.js';
import { canSeeAllCustomers } from '../../core/team.js';

export interface ReviewStepResult {
  month: string;
  cardsQueued: number;
  rankingDms: number;
}

export function runReviewStep(app: RadarApp, teamId: number, month: string): ReviewStepResult {
  const { repos } = app.ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new Error(`team ${teamId} not found`);
  const review = monthlyReview(app.ctx, teamId, month);
  const ranking = app.ctx.settings.ranking ?? DEFAULT_RANKING_SETTINGS;
  const inChannel = ranking.audience === 'channel';
  const result: ReviewStepResult = { month, cardsQueued: 0, rankingDms: 0 };
  repos.transaction(() => {
    for (const { platform, managerChannel } of app.platforms) {
      const card = reviewCard(review, team.locale, { ranking: inChannel ? ranking.columns : false });
      if (enqueueSend(app, { teamId, key: outboxKeys.review(teamId, month, platform), platform, destination: { kind: 'channel', channelId: managerChannel }, card })) result.cardsQueued += 1;
    }
    if (inChannel || review.ranking.length === 0) return;
    for (const m of repos.teams.listMembers(teamId).filter((x) => canSeeAllCustomers(x.role))) {
      const locale = memberLocale(m, team);
      const card = {
        title: tr(locale, `🏆 ${month} 排行榜`, `🏆 Ranking ${month}`), tone: 'blue' as const,
        blocks: rankingBlocks(review.ranking, locale, ranking.columns), summary: tr(locale, `${month} 排行榜`, `Ranking ${month}`),
      };
      for (const { platform } of app.platforms) {
        const userId = userIdOn(platform, m);
        if (userId && enqueueSend(app, { teamId, key: outboxKeys.ranking(teamId, month, m.id, platform), platform, destination: { kind: 'user', userId }, card })) result.rankingDms += 1;
      }
    }
  });
  app.ctx.logger.info({ teamId, ...result }, 'review queued');
  return result;
}
