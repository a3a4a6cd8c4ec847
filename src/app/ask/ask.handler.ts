// Any typed text that is not a command is a question for the ask engine, answered for the asker's role.
import { answer, type Answer } from '../answer.js';
import type { Interaction } from '../interaction/interaction-context.js';
import { askAcrossTeams } from './ask.service.js';
import { teamsInScope } from '../team/team-scope.js';

/** Directors and owners who look across teams ask across them (see askAcrossTeams). */
export function answerQuestion(i: Interaction, text: string): Answer {
  return answer.reply(askAcrossTeams(i, teamsInScope(i.repos, i.member), i.member, text).card);
}
