// Any typed text that is not a command is a question for the ask engine, answered for the asker's role.
import { answer, type Answer } from '../answer.js';
import type { Interaction } from '../interaction/interaction-context.js';
import { ask } from './ask.service.js';

export function answerQuestion(i: Interaction, text: string): Answer {
  return answer.reply(ask(i, i.team.id, i.member, text).card);
}
