// The digest from chat: its Refresh button in the manager channel, and typed `digest` / 摘要.
import type { ActionRef } from '../../ui/action.js';
import type { MessageRef } from '../ports/chat.port.js';
import { answer, type Answer } from '../answer.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { digestWeekArg, isManagerial, notAllowed, staleButton } from '../interaction/interaction-context.js';
import { currentDigestCard } from '../interaction/source-card.js';
import { say } from '../../core/i18n.js';
import { commonText } from '../shared/common.messages.js';

const DIGEST = /^(digest|摘要|周报摘要|汇总|周报汇总)$/i;

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

export const digestHandlers: FeatureHandlers = {
  actions: {
    'digest.refresh': refreshDigestCard,
  },
  commands: [{ matches: (t) => DIGEST.test(t), handle: showDigest }],
};
