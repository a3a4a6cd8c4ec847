// Reading Card JSON 2.0 the way a Feishu client would: the buttons with their callback values,
// the form's named fields with their initial values, and the visible text.
import { decodeAction, type ActionRef } from '../../../src/ui/action.js';
import { walk } from '../../support/cards.js';

type Json = any;


export interface CardButton {
  text: string;
  /** The callback value (what Feishu sends back as action.value). */
  value: Record<string, string>;
  /** The decoded ActionRef of value.a, when there is one. */
  action: ActionRef | null;
}

/** Every button with a callback behaviour, in document order. */
export function buttonsOf(card: Json): CardButton[] {
  const out: CardButton[] = [];
  walk(card, (n) => {
    if (n.tag !== 'button') return;
    const cb = (n.behaviors as Json[] | undefined)?.find((b) => b.type === 'callback');
    if (!cb) return;
    const value = cb.value as Record<string, string>;
    out.push({ text: String(n.text?.content ?? ''), value, action: typeof value.a === 'string' ? decodeAction(value.a) : null });
  });
  return out;
}

/** The button whose action kind and args match (args compared as strings). */
export function findButton(card: Json, kind: string, args: Record<string, string | number> = {}): CardButton | undefined {
  return buttonsOf(card).find((b) => b.action?.kind === kind
    && Object.entries(args).every(([k, v]) => b.action?.args[k] === String(v)));
}

export interface FormField {
  tag: string;
  name: string;
  /** default_value / initial_date / initial_option, whichever the control uses. */
  initial: string | undefined;
}

/** The root `form` container's named controls (buttons excluded), keyed by name. */
export function formFieldsOf(card: Json): Map<string, FormField> {
  const form = (card.body?.elements as Json[] | undefined)?.find((e) => e.tag === 'form');
  const fields = new Map<string, FormField>();
  if (!form) return fields;
  walk(form.elements, (n) => {
    if (typeof n.name !== 'string' || n.tag === 'button' || n.tag === 'form') return;
    fields.set(n.name, { tag: n.tag, name: n.name, initial: n.default_value ?? n.initial_date ?? n.initial_option });
  });
  return fields;
}

/** All visible strings of a card (title, markdown, table cells, button texts), joined by newlines. */
export function cardText(card: Json): string {
  const parts: string[] = [];
  walk(card, (n) => {
    if (typeof n.content === 'string') parts.push(n.content);
    if (n.tag === 'table' && Array.isArray(n.rows)) for (const r of n.rows) parts.push(...Object.values(r as Record<string, string>).map(String));
  });
  return parts.join('\n');
}

/** The header title text. */
export const titleOf = (card: Json): string => String(card?.header?.title?.content ?? '');

/** The red error text rendered right under the form control named `name`, if any. */
export function errorUnder(card: Json, name: string): string | null {
  const form = (card.body?.elements as Json[] | undefined)?.find((e) => e.tag === 'form');
  const elements = (form?.elements ?? []) as Json[];
  const at = elements.findIndex((e) => e.name === name);
  const next = at >= 0 ? elements[at + 1] : undefined;
  return next?.tag === 'markdown' && String(next.content).includes("color='red'") ? String(next.content) : null;
}

/** Every native table of a card: its column titles and each row's cells by column title. */
export function tablesOf(card: Json): Array<{ titles: string[]; rows: Array<Record<string, string>> }> {
  const out: Array<{ titles: string[]; rows: Array<Record<string, string>> }> = [];
  walk(card, (n) => {
    if (n.tag !== 'table' || !Array.isArray(n.columns) || !Array.isArray(n.rows)) return;
    const columns = n.columns as Array<{ name: string; display_name: string }>;
    out.push({
      titles: columns.map((c) => c.display_name),
      rows: (n.rows as Array<Record<string, string>>).map((r) => Object.fromEntries(columns.map((c) => [c.display_name, String(r[c.name] ?? '')]))),
    });
  });
  return out;
}
