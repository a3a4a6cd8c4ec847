// Neutral inbound events. Adapters translate platform payloads into these and call the router;
// the router answers with an Answer (./answer.ts), which each adapter shows its platform's way.
import type { Locale } from '../core/i18n.js';
import type { Answer } from './answer.js';
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

export type Router = (event: InboundEvent) => Promise<Answer>;
