// What a handler answers an interaction with, said by what each part is, never by how a platform shows
// it. Each adapter reads an Answer in one place (adapters/<platform>/listeners/respond.ts).
import type { CardSpec } from '../ui/card.js';
import type { FormSpec } from '../ui/form.js';

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  text: string;
  tone: Tone;
}

/**
 * At most one of `reply`, `update`, `openForm` and `fieldErrors` is set (the constructors below are the
 * only way handlers build an Answer); `toast` may come with any of them.
 */
export interface Answer {
  /** A short notice for the person (Slack: ephemeral text; Feishu: a toast). */
  toast?: Toast;
  /** A card for the person who asked or clicked, and nobody else. */
  reply?: CardSpec;
  /** What the message the interaction came from shows now, for everybody who sees that message. */
  update?: CardSpec;
  /** A form to fill in (opened from a click, or the next step after a submit). */
  openForm?: FormSpec;
  /** The submitted form again with its values and a message per bad field; nothing was saved. */
  fieldErrors?: FormSpec;
  /** A submitted form was accepted: it closes (where a form replaced a message, `update` or a notice takes its place). */
  formDone?: true;
  /**
   * Set by the router for a question asked in a channel others read: the answer was filtered for the
   * asker's role, so only the asker may see it and the channel sees `publicNote` at most.
   */
  privately?: { publicNote: string };
}

export const answer = {
  nothing: (): Answer => ({}),
  toast: (text: string, tone: Tone = 'info'): Answer => ({ toast: { text, tone } }),
  reply: (card: CardSpec): Answer => ({ reply: card }),
  /** The source message shows `card` now; `toast` tells the person it worked. */
  update: (card: CardSpec, toast?: string): Answer => ({ update: card, ...(toast ? { toast: { text: toast, tone: 'success' as const } } : {}) }),
  openForm: (form: FormSpec): Answer => ({ openForm: form }),
  fieldErrors: (form: FormSpec): Answer => ({ fieldErrors: form }),
  /** The form was saved: close it with a notice; `card` is what the message it came from shows now. */
  formDone: (toast: string, card?: CardSpec | null): Answer => ({ formDone: true, toast: { text: toast, tone: 'success' }, ...(card ? { update: card } : {}) }),
} as const;

/** The form an answer shows, if any (a new one, or the submitted one with errors). */
export const formOf = (a: Answer): FormSpec | undefined => a.fieldErrors ?? a.openForm;

/** The card an answer shows, if any. */
export const cardOf = (a: Answer): CardSpec | undefined => a.update ?? a.reply;

/** Nothing to show at all. */
export const isEmpty = (a: Answer): boolean => !a.toast && !a.reply && !a.update && !a.openForm && !a.fieldErrors && !a.formDone;
