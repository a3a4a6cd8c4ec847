// Neutral inbound events. Adapters translate platform payloads into these and call the router;
// the router answers with an InteractionResult, which adapters turn into the platform's reply.
import type { Locale } from '../core/i18n.js';
import type { CardSpec } from '../ui/card.js';
import type { FormSpec } from '../ui/form.js';
import type { ActionRef } from '../ui/action.js';
import type { MessageRef, Platform } from './ports/chat.port.js';

export interface Actor {
  platform: Platform;
  /** Slack user id / Feishu open_id. */
  userId: string;
  /** The locale the platform reports for the user, if any. */
  locale?: Locale;
}

export type InboundEvent =
  | { type: 'command'; actor: Actor; text: string; channelId: string | null }
  /** `isDirect`: a DM with the bot. Otherwise a mention in a channel (the manager channel, or any other). */
  | { type: 'message'; actor: Actor; text: string; channelId: string; isDirect: boolean }
  | { type: 'action'; actor: Actor; action: ActionRef; message: MessageRef | null }
  | { type: 'formSubmitted'; actor: Actor; formId: string; values: Record<string, string | string[]>; message: MessageRef | null }
  /** The form was closed without saving; on Feishu the form had replaced the message, which must be restored. */
  | { type: 'formCancelled'; actor: Actor; formId: string; message: MessageRef | null }
  | { type: 'homeOpened'; actor: Actor };

/**
 * Where an answer to a message may be shown. Set by the router for a message in a shared channel
 * other than the manager channel: the answer was filtered for the asker's role, so only the asker
 * sees it (Slack ephemeral, Feishu ephemeral card, else a DM) and the channel sees `publicNote` at most.
 */
export interface AnswerAudience {
  privately?: { publicNote: string };
}

export type InteractionResult = (
  /** Nothing to show (the change, if any, arrives through message updates). */
  | { type: 'none' }
  /** A short notice: Slack ephemeral text / Feishu toast. */
  | { type: 'toast'; text: string; tone: 'info' | 'success' | 'warning' | 'error' }
  /** A card shown only to the actor (Slack ephemeral / Feishu reply card in callback or DM). */
  | { type: 'card'; card: CardSpec }
  /** Open a form (Slack modal / Feishu form card returned in the callback). */
  | { type: 'openForm'; form: FormSpec }
  /** The submitted form had errors: show it again with values and messages kept. */
  | { type: 'formErrors'; form: FormSpec }
  /** The form was accepted: close it, optionally with a notice and a card replacing the form. */
  | { type: 'formDone'; toast: string; card?: CardSpec }
  /** Replace the clicked message with this card (the message everybody sees). */
  | { type: 'replaceMessage'; card: CardSpec; toast?: string }
) & AnswerAudience;

export type Router = (event: InboundEvent) => Promise<InteractionResult>;
