// Calling the router from a listener: it never throws into the platform SDK, and a card's charts are
// uploaded before it is shown (a chart that cannot be uploaded is shown as its numbers instead).
import type { Logger } from 'pino';
import type { InboundEvent, Router } from '../../src/app/inbound.js';
import type { Answer } from '../../src/app/answer.js';
import type { CardSpec } from '../../src/ui/card.js';
import { answer } from '../../src/app/answer.js';
import { FIXED_TEXT, fixedText } from './fixed-text.js';
import { errSummary } from './err-summary.js';

export interface RouteDeps {
  router: Router;
  logger: Logger;
  /** Uploads a card's chart images; unset: charts go as their numbers. */
  prepareCharts?: (card: CardSpec) => Promise<CardSpec>;
}

export async function routeSafely(deps: RouteDeps, event: InboundEvent): Promise<Answer> {
  let result: Answer;
  try {
    result = await deps.router(event);
  } catch (err) {
    deps.logger.error({ err: errSummary(err), event: event.type }, 'router failed');
    return answer.toast(fixedText(FIXED_TEXT.failed, event.actor.locale), 'error');
  }
  return withCharts(deps, result);
}

async function withCharts(deps: RouteDeps, result: Answer): Promise<Answer> {
  const key = result.update ? 'update' : result.reply ? 'reply' : null;
  const card = key ? result[key] : undefined;
  if (!key || !card || !deps.prepareCharts || !card.blocks.some((b) => b.type === 'image')) return result;
  try {
    return { ...result, [key]: await deps.prepareCharts(card) };
  } catch (err) {
    deps.logger.warn({ err: errSummary(err) }, 'chart upload failed; answering with the numbers');
    return result;
  }
}


