// Helpers for view tests: collect buttons, flatten rich text, round-trip actions.
import type { Block, Button, CardSpec } from '../../../src/ui/card.js';
import { decodeAction, encodeAction } from '../../../src/ui/action.js';
import type { ActionRef } from '../../../src/ui/action.js';
import { inlineText } from '../../support/cards.js';

export { inlineText };

export function buttonsOf(card: CardSpec): Button[] {
  return card.blocks.flatMap((b: Block) => (b.type === 'actions' ? [...b.buttons] : b.type === 'text' && b.button ? [b.button] : []));
}

/** Every button's action, encoded and decoded again (what the platform carries back). */
export function actionsOf(card: CardSpec): ActionRef[] {
  return buttonsOf(card).map((b) => {
    const decoded = decodeAction(encodeAction(b.action));
    if (!decoded) throw new Error(`undecodable action ${JSON.stringify(b.action)}`);
    return decoded;
  });
}

/** All visible text of a card, for language checks. */
export function cardText(card: CardSpec): string {
  const out: string[] = [card.title];
  for (const b of card.blocks) {
    if (b.type === 'text' || b.type === 'note') out.push(inlineText(b.text), b.type === 'text' && b.button ? b.button.label : '');
    else if (b.type === 'fields') for (const f of b.fields) out.push(f.label, inlineText(f.value));
    else if (b.type === 'actions') out.push(...b.buttons.map((x) => x.label));
    else if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'table') out.push(...b.columns.map((c) => c.label), ...b.rows.flatMap((r) => Object.values(r)));
    else if (b.type === 'chart') out.push(b.title, ...b.series.map((s) => s.name));
  }
  return out.join('\n');
}

export const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
