// Reading an Answer in tests: each helper asserts the part is there and returns it, so a test fails
// (naming what the answer held instead) rather than skipping its checks.
import { expect } from 'vitest';
import type { Answer, Toast } from '../../src/app/answer.js';
import type { CardSpec } from '../../src/ui/card.js';
import type { FormSpec } from '../../src/ui/form.js';

export type AnswerKind = 'fieldErrors' | 'openForm' | 'reply' | 'update' | 'formDone' | 'toast' | 'none';

/** What an answer mainly is: its form, card or notice. */
export function kindOf(a: Answer): AnswerKind {
  if (a.fieldErrors) return 'fieldErrors';
  if (a.openForm) return 'openForm';
  if (a.formDone) return 'formDone';
  if (a.reply) return 'reply';
  if (a.update) return 'update';
  return a.toast ? 'toast' : 'none';
}

function part<T>(a: Answer, value: T | undefined, name: string): T {
  expect(value, `expected the answer to have ${name}, got ${kindOf(a)}${a.toast ? ` ("${a.toast.text}")` : ''}`).toBeDefined();
  return value!;
}

/** The form the answer opens. */
export const opened = (a: Answer): FormSpec => part(a, a.openForm, 'a form to open');
/** The submitted form shown again with its errors. */
export const rejected = (a: Answer): FormSpec => part(a, a.fieldErrors, 'field errors');
/** The card only the person sees. */
export const replied = (a: Answer): CardSpec => part(a, a.reply, 'a reply card');
/** What the source message shows now. */
export const updated = (a: Answer): CardSpec => part(a, a.update, 'an update of the source message');
/** The notice. */
export const toasted = (a: Answer): Toast => part(a, a.toast, 'a toast');
/** A saved form: its notice, and the card that replaces where it came from (if any). */
export function done(a: Answer): { toast: string; card: CardSpec | undefined } {
  part(a, a.formDone, 'a closed form');
  return { toast: toasted(a).text, card: a.update };
}
