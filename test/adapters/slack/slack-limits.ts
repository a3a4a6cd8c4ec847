// Walks rendered Block Kit and lists every Slack limit it breaks (empty list = fine).
import * as L from '../../../adapters/slack/limits.js';

type Any = Record<string, any>;

export function limitViolations(blocks: Any[], surface: 'message' | 'modal' | 'home'): string[] {
  const out: string[] = [];
  const max = surface === 'message' ? L.MESSAGE_MAX_BLOCKS : surface === 'modal' ? L.MODAL_MAX_BLOCKS : L.HOME_MAX_BLOCKS;
  if (blocks.length > max) out.push(`${blocks.length} blocks > ${max}`);
  const actionIds = new Set<string>();
  const len = (s: unknown): number => (typeof s === 'string' ? s.length : 0);
  const check = (cond: boolean, what: string): void => void (cond || out.push(what));
  const element = (el: Any, where: string): void => {
    if (el.action_id) {
      check(len(el.action_id) <= L.ACTION_ID_MAX, `${where}: action_id too long`);
      check(!actionIds.has(el.action_id), `${where}: duplicate action_id ${el.action_id}`);
      actionIds.add(el.action_id);
    }
    if (el.type === 'button') {
      check(len(el.text?.text) <= L.BUTTON_TEXT_MAX, `${where}: button text`);
      check(len(el.value) <= L.BUTTON_VALUE_MAX, `${where}: button value`);
    }
    if (el.placeholder) check(len(el.placeholder.text) <= L.PLACEHOLDER_MAX, `${where}: placeholder`);
    const opts: Any[] = [...(el.options ?? []), ...(el.option_groups ?? []).flatMap((g: Any) => g.options)];
    if (el.options) check(el.options.length <= L.SELECT_MAX_OPTIONS, `${where}: ${el.options.length} options`);
    for (const g of el.option_groups ?? []) {
      check(g.options.length <= L.SELECT_MAX_OPTIONS, `${where}: group options`);
      check(len(g.label.text) <= L.OPTION_GROUP_LABEL_MAX, `${where}: group label`);
    }
    for (const o of opts) {
      check(len(o.text.text) <= L.OPTION_TEXT_MAX, `${where}: option text`);
      check(len(o.value) <= L.OPTION_VALUE_MAX, `${where}: option value`);
    }
  };
  blocks.forEach((b, i) => {
    const where = `block ${i} (${b.type})`;
    if (b.block_id) check(len(b.block_id) <= L.BLOCK_ID_MAX, `${where}: block_id`);
    switch (b.type) {
      case 'header':
        check(len(b.text.text) <= L.HEADER_TEXT_MAX, `${where}: header text ${len(b.text.text)}`);
        break;
      case 'section':
        check(!!b.text || !!b.fields, `${where}: empty section`);
        if (b.text) check(len(b.text.text) <= L.SECTION_TEXT_MAX && len(b.text.text) > 0, `${where}: text ${len(b.text.text)}`);
        if (b.fields) {
          check(b.fields.length <= L.SECTION_MAX_FIELDS, `${where}: ${b.fields.length} fields`);
          for (const f of b.fields) check(len(f.text) <= L.SECTION_FIELD_MAX && len(f.text) > 0, `${where}: field ${len(f.text)}`);
        }
        if (b.accessory) element(b.accessory, where);
        break;
      case 'context':
        check(b.elements.length <= L.CONTEXT_MAX_ELEMENTS, `${where}: ${b.elements.length} elements`);
        for (const e of b.elements) check(len(e.text) <= L.TEXT_OBJECT_MAX, `${where}: element text`);
        break;
      case 'actions':
        check(b.elements.length <= L.ACTIONS_MAX_ELEMENTS, `${where}: ${b.elements.length} elements`);
        for (const e of b.elements) element(e, where);
        break;
      case 'input':
        check(len(b.label.text) <= L.INPUT_LABEL_MAX, `${where}: label`);
        if (b.hint) check(len(b.hint.text) <= L.INPUT_HINT_MAX, `${where}: hint`);
        element(b.element, where);
        break;
    }
  });
  return out;
}
