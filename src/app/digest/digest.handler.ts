// The digest from chat: its Refresh button in the manager channel, typed `digest` / 摘要, and for those
// who look across teams `org digest` / 组织周报.
import type { ActionRef } from '../../ui/action.js';
import type { MessageRef } from '../ports/chat.port.js';
import { answer, type Answer } from '../answer.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { digestWeekArg, isManagerial, notAllowed, staleButton } from '../interaction/interaction-context.js';
import { currentDigestCard, digestWeek } from '../interaction/source-card.js';
import { teamsInScope } from '../team/team-scope.js';
import { orgDigestModel, orgTagLabels } from './org-digest.service.js';
import { orgDigestCard } from './org-digest.view.js';
import { say } from '../../core/i18n.js';
import { commonText } from '../shared/common.messages.js';

const DIGEST = /^(digest|摘要|周报摘要|汇总|周报汇总)$/i;
const ORG_DIGEST = /^(org(anisation|anization)?\s+digest|组织周报|全局周报|各团队周报|全公司周报)$/i;

function refreshDigestCard(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  if (!isManagerial(i.member)) return notAllowed(i.locale);
  const card = currentDigestCard(i, message, digestWeekArg(i, ref));
  return card ? answer.update(card) : staleButton(i.locale);
}

function showDigest(i: Interaction): Answer {
  if (!isManagerial(i.member)) return notAllowed(i.locale);
  const card = currentDigestCard(i, null);
  return card ? answer.reply(card) : answer.toast(say(i.locale, commonText.thereAreNoReportsYet), 'info');
}

/** A director's or owner's view across their teams; anyone else is told it is not for them. */
function showOrgDigest(i: Interaction): Answer {
  const teams = teamsInScope(i.repos, i.member);
  if (teams.length < 2) return notAllowed(i.locale);
  const week = digestWeek(i);
  if (!week) return answer.toast(say(i.locale, commonText.thereAreNoReportsYet), 'info');
  return answer.reply(orgDigestCard(orgDigestModel(i, teams, week), i.locale, orgTagLabels(i)));
}

export const digestHandlers: FeatureHandlers = {
  actions: {
    'digest.refresh': refreshDigestCard,
  },
  commands: [{ matches: (t) => DIGEST.test(t), handle: showDigest }, { matches: (t) => ORG_DIGEST.test(t), handle: showOrgDigest }],
};
