// "my ranking" / "我的排名": a rep's own line of the team ranking ("11 weeks on time in a row");
// "ranking" / "排行榜": the whole table, for managers, directors and owners.

import { teamRanking } from './ranking.service.js';
import { latestReportWeek } from '../scoring/scoring.service.js';
import { ownRankingText } from './review.view.js';
import { rankingCard, rankingSettingsOf } from './ranking-post.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { isManagerial, notAllowed } from '../interaction/interaction-context.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { reviewText } from './review.messages.js';
import { commonText } from '../shared/common.messages.js';

export const MY_RANKING_RE = /^(my ranking|my rank|我的排名|我的排行)$/i;
export const RANKING_RE = /^(ranking|leaderboard|排行榜|排名)$/i;

export function handleRanking(i: Interaction, text: string): Answer {
  const week = latestReportWeek(i, i.team.id);
  if (!week) return answer.toast(say(i.locale, commonText.thereAreNoReportsYet), 'info');
  const ranking = teamRanking(i, i.team.id, { week });
  if (MY_RANKING_RE.test(text)) {
    const mine = ranking.rows.find((r) => r.repId === i.member.id);
    if (!mine) return answer.toast(say(i.locale, commonText.theRankingCoversRepsOnly), 'info');
    return answer.reply({
      title: say(i.locale, reviewText.myRanking), tone: 'blue',
      blocks: [{ type: 'text', text: [ownRankingText(mine, ranking.rows.length, i.locale)] },
        { type: 'note', text: [say(i.locale, reviewText.lastWeeksTo(ranking.period.weeks.length, week))] }],
      summary: ownRankingText(mine, ranking.rows.length, i.locale),
    });
  }
  if (!isManagerial(i.member)) return notAllowed(i.locale);
  return answer.reply(rankingCard(ranking.rows, `${ranking.period.weeks[0]} … ${week}`, i.locale, rankingSettingsOf(i, i.team.id).columns));
}

export const rankingHandlers: FeatureHandlers = {
  commands: [{ matches: (t) => MY_RANKING_RE.test(t) || RANKING_RE.test(t), handle: handleRanking }],
};
