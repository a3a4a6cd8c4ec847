// What a Slack user's client does in the full-stack tests: read the blocks the bot posted, press a
// button, fill the modal the bot opened, type `/radar`, mention the bot. Every request is signed
// with the app's signing secret and timestamped by the bot's own clock.
import { decodeAction, type ActionRef } from '../../../src/ui/action.js';
import { signedForm, signedInteraction, signedJson, type SignedSlackRequest } from '../../fakes/slack-signing.js';
import { buttonClick, eventCallback, slashCommand, viewSubmission } from '../../fixtures/slack/payloads.js';

export interface PostedButton {
  actionId: string;
  text: string;
  value: string;
  action: ActionRef | null;
}

export interface HttpAnswer {
  status: number;
  text: string;
  json(): any;
}

type AnyBlock = { type?: string; accessory?: any; elements?: any[]; text?: any; fields?: any[] };

/** Every button in a message's blocks (section accessories and actions blocks), in order. */
export function buttonsIn(blocks: readonly unknown[]): PostedButton[] {
  const out: PostedButton[] = [];
  const take = (el: any) => {
    if (el?.type !== 'button') return;
    out.push({ actionId: String(el.action_id), text: String(el.text?.text ?? ''), value: String(el.value ?? ''), action: decodeAction(String(el.value ?? '')) });
  };
  for (const b of blocks as AnyBlock[]) {
    take(b.accessory);
    for (const el of b.elements ?? []) take(el);
  }
  return out;
}

/** The visible text of a message's blocks (sections, fields, contexts, headers), joined by lines. */
export function textOf(blocks: readonly unknown[]): string {
  const lines: string[] = [];
  const add = (t: any) => {
    if (typeof t?.text === 'string') lines.push(t.text);
  };
  for (const b of blocks as AnyBlock[]) {
    add(b.text);
    for (const f of b.fields ?? []) add(f);
    if (b.type === 'context') for (const el of b.elements ?? []) add(el);
  }
  return lines.join('\n');
}

type ModalInput = { type: 'input'; block_id: string; element: any };

export function inputsOf(view: { blocks: unknown[] }): ModalInput[] {
  return (view.blocks as ModalInput[]).filter((b) => b.type === 'input');
}

/** The value a field shows when the modal opens (what Slack would send back if the user left it). */
export function initialValue(input: ModalInput): string | null {
  const el = input.element;
  return el.initial_value ?? el.initial_date ?? el.initial_option?.value ?? null;
}

/**
 * `view.state.values` as Slack sends it on submit: every input, with what the user typed in `typed`
 * (by action_id) and the pre-filled value everywhere else.
 */
export function submittedState(view: { blocks: unknown[] }, typed: Record<string, string | null>): Record<string, Record<string, Record<string, unknown>>> {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const input of inputsOf(view)) {
    const el = input.element;
    const id = String(el.action_id);
    const v = id in typed ? typed[id] ?? null : initialValue(input);
    let state: Record<string, unknown>;
    switch (el.type) {
      case 'datepicker':
        state = { type: el.type, selected_date: v };
        break;
      case 'static_select':
        state = { type: el.type, selected_option: v === null ? null : { value: v, text: { type: 'plain_text', text: v } } };
        break;
      default:
        state = { type: el.type, value: v };
    }
    values[input.block_id] = { [id]: state };
  }
  return values;
}

/** A signed-request client for the bot's `/slack/events` endpoint. */
export class SlackClientSim {
  constructor(
    readonly url: string,
    private readonly secret: string,
    /** The bot's clock: request timestamps must fall inside its 5-minute window. */
    private readonly clock: () => Date,
  ) {}

  nowSec(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  async post(req: SignedSlackRequest): Promise<HttpAnswer> {
    const res = await fetch(this.url, { method: 'POST', headers: req.headers, body: req.body });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }

  click(user: string, channel: string, messageTs: string, button: PostedButton): Promise<HttpAnswer> {
    const payload = buttonClick(button.value, { user, channel, messageTs, actionId: button.actionId });
    return this.post(signedInteraction(this.secret, payload, { timestampSec: this.nowSec() }));
  }

  submit(user: string, view: { blocks: unknown[]; private_metadata: string }, typed: Record<string, string | null>): Promise<HttpAnswer> {
    const payload = viewSubmission(view.private_metadata, submittedState(view, typed), user);
    return this.post(signedInteraction(this.secret, payload, { timestampSec: this.nowSec() }));
  }

  command(user: string, channel: string, text: string, options: { secret?: string; timestampSec?: number } = {}): Promise<HttpAnswer> {
    return this.post(signedForm(options.secret ?? this.secret, slashCommand(text, user, channel), { timestampSec: options.timestampSec ?? this.nowSec() }));
  }

  event(event: Record<string, unknown>): Promise<HttpAnswer> {
    return this.post(signedJson(this.secret, eventCallback(event), { timestampSec: this.nowSec() }));
  }
}
