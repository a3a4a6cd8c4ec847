// The team ranking, weekly with the digest and monthly with the review. With the default
// `ranking.audience: channel` it ends the digest / review card in the manager channel; with `managers`
// it is left out of the channel and DM'd to managers, directors and owners instead (some teams do not
// want public revenue rankings). Called inside the step's transaction; sends go through the outbox.
import { teamSettings } from '../settings/team-settings.js';
import { DEFAULT_RANKING_SETTINGS, type RankingColumn, type RankingRow, type RankingSettings } from '../../core/review/ranking.js';
import { canSeeAllCustomers } from '../../core/team.js';
import type { Locale } from '../../core/i18n.js';
import type { CardSpec } from '../../ui/card.js';
import type { AppContext } from '../context.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { rankingBlocks } from './review.view.js';
import { say } from '../../core/i18n.js';
import { reviewText } from './review.messages.js';

export const rankingSettingsOf = (ctx: AppContext, teamId: number): RankingSettings => teamSettings(ctx, teamId).ranking ?? DEFAULT_RANKING_SETTINGS;

export function rankingCard(rows: readonly RankingRow[], period: string, locale: Locale, columns: readonly RankingColumn[] = DEFAULT_RANKING_SETTINGS.columns): CardSpec {
  return {
    title: say(locale, reviewText.ranking(period)), tone: 'blue',
    blocks: rankingBlocks(rows, locale, columns), summary: say(locale, reviewText.ranking2(period)),
  };
}

/**
 * With `ranking.audience: managers`, queues the ranking of `period` (a week `2026-W48` or a month
 * `2026-11`, also its outbox key) to every manager, director and owner; returns how many were queued.
 */
export function queueRankingDms(app: RadarApp, teamId: number, period: string, rows: () => readonly RankingRow[]): number {
  const settings = rankingSettingsOf(app.ctx, teamId);
  const team = app.ctx.repos.teams.getTeam(teamId);
  if (!team || settings.audience !== 'managers') return 0;
  const ranking = rows();
  if (ranking.length === 0) return 0;
  let queued = 0;
  for (const m of app.ctx.repos.teams.listMembers(teamId).filter((x) => canSeeAllCustomers(x.role))) {
    const card = rankingCard(ranking, period, memberLocale(m, team), settings.columns);
    for (const { platform } of app.platforms) {
      const userId = userIdOn(platform, m);
      if (userId && enqueueSend(app, { teamId, key: outboxKeys.ranking(teamId, period, m.id, platform), platform, destination: { kind: 'user', userId }, card })) queued += 1;
    }
  }
  return queued;
}
