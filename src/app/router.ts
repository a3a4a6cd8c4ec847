// Inbound event → the feature's handler → Answer. The one entry point every adapter calls.
// Never throws: a failure becomes a polite message for the user and a log line for us.
import { decodeAction } from '../ui/action.js';
import type { InboundEvent, Router } from './inbound.js';
import type { RadarApp } from './radar-app.js';
import {
  actionWeek, formClosed, historyWeek, isManagerChannelMessage, notMember, resolveInteraction, staleButton, staleForm,
  type FeatureHandlers, type Interaction,
} from './interaction/interaction-context.js';
import { weeklyReportHandlers } from './weekly-report/report.handler.js';
import { followUpHandlers } from './follow-up/task.handler.js';
import { customerHandlers } from './customer/customer.handler.js';
import { digestHandlers } from './digest/digest.handler.js';
import { dashboardHandlers } from './dashboard/dashboard.handler.js';
import { scheduleHandlers } from './schedule/schedule.handler.js';
import { settingsHandlers } from './settings/settings.handler.js';
import { rankingHandlers } from './review/ranking.handler.js';
import { answerQuestion } from './ask/ask.handler.js';
import { handleHome } from './home/home.handler.js';
import { detectLocale } from '../core/ask/parse-question.js';
import type { Locale } from '../core/i18n.js';
import { INTERNAL_ERROR, RadarError, summarizeError, userMessageOf } from '../core/errors.js';
import { answer, isEmpty, type Answer } from './answer.js';
import { say } from '../core/i18n.js';
import { commonText } from './shared/common.messages.js';

// The first team's language: what a stranger (no member, so no team yet) is answered in.
function teamLocale(app: RadarApp): Locale {
  try {
    return app.ctx.repos.teams.listTeams()[0]?.locale ?? 'zh';
  } catch {
    return 'zh';
  }
}

export function createRouter(app: RadarApp): Router {
  return async (event: InboundEvent): Promise<Answer> => {
    // Strangers and failures get an answer in the platform's locale, the language they typed, or else
    // the team's language (a click carries no text to guess from).
    const guessLocale = (): Locale => event.actor.locale ?? ('text' in event ? detectLocale(event.text) : teamLocale(app));
    let i: Interaction | null = null;
    let result: Answer;
    try {
      i = resolveInteraction(app, event.actor);
      // Strangers learn how to get access; nothing is loaded or computed on their behalf.
      if (!i) result = event.type === 'homeOpened' ? answer.nothing() : notMember(guessLocale());
      // One transaction per interaction: a state change and the messages it causes (outbox intents)
      // are stored together or not at all.
      else result = app.ctx.repos.transaction(() => dispatch(i as Interaction, event));
    } catch (err) {
      app.ctx.logger.error({ err: summarizeError(err), stack: (err as Error).stack, event: event.type }, 'interaction failed');
      // Our own errors say what went wrong in words a person can act on; anything else is a polite sorry.
      const said = err instanceof RadarError && err.userMessage !== INTERNAL_ERROR;
      result = answer.toast(said ? userMessageOf(err, guessLocale())
        : say(guessLocale(), commonText.sorrySomethingWentWrongPlease), 'error');
    }
    return inSharedChannel(app, event) ? answerPrivately(result, i?.locale ?? guessLocale()) : result;
  };
}

/** A mention in a channel everybody reads: not a DM, and not the manager channel of its platform. */
export function inSharedChannel(app: RadarApp, event: InboundEvent): boolean {
  if (event.type !== 'message' || event.isDirect) return false;
  const ref = { platform: event.actor.platform, channel: event.channelId, messageId: '' };
  return !isManagerChannelMessage(app, ref);
}

// Answers are filtered for the asker's role (a rep's customers, the owner's whole book): outside the
// manager channel only the asker sees them, and the channel gets one line without any data.
function answerPrivately(result: Answer, locale: Locale): Answer {
  if (isEmpty(result)) return result;
  return { ...result, privately: { publicNote: say(locale, commonText.answerSentPrivatelyToThe) } };
}

/**
 * Every feature's handlers, by action kind, form kind and typed command. Commands are tried in this
 * order; text that no command matches is a question.
 */
const FEATURES: readonly FeatureHandlers[] = [
  weeklyReportHandlers, followUpHandlers, customerHandlers, dashboardHandlers, digestHandlers,
  scheduleHandlers, settingsHandlers, rankingHandlers,
];

const byKind = <K extends 'actions' | 'forms' | 'cancels'>(part: K) =>
  new Map(FEATURES.flatMap((f) => Object.entries(f[part] ?? {})) as Array<[string, NonNullable<FeatureHandlers[K]>[string]]>);
const ACTIONS = byKind('actions');
const FORMS = byKind('forms');
const CANCELS = byKind('cancels');
const COMMANDS = FEATURES.flatMap((f) => f.commands ?? []);

function dispatch(i: Interaction, event: InboundEvent): Answer {
  switch (event.type) {
    case 'command':
    case 'message': {
      const text = event.text.trim();
      return COMMANDS.find((c) => c.matches(text))?.handle(i, text) ?? answerQuestion(i, text);
    }
    case 'action': {
      const handle = ACTIONS.get(event.action.kind);
      // A week outside the team's history (a forged `2099-W52`) is refused before any handler runs.
      if (!handle || actionWeek(i, event.action) === null) return staleButton(i.locale);
      return handle(i, event.action, event.message);
    }
    case 'formSubmitted': {
      const ref = decodeAction(event.formId);
      if (!ref) return answer.toast(say(i.locale, commonText.thisFormIsNotRecognised), 'warning');
      const handle = FORMS.get(ref.kind);
      // A week outside the team's history (a forged or very old form) stores nothing.
      if (!handle || (ref.args.week !== undefined && !historyWeek(i, ref.args.week))) return staleForm(i.locale);
      return handle(i, ref, event.values, event.message);
    }
    case 'formCancelled': {
      const ref = decodeAction(event.formId);
      if (!ref) return answer.nothing();
      return CANCELS.get(ref.kind)?.(i, ref, event.message) ?? answer.toast(formClosed(i.locale));
    }
    case 'homeOpened':
      return handleHome(i);
  }
}
