// The minimum shape Bolt and our listeners rely on, checked before Bolt sees a body: a signed but
// odd body (`"user": null`, `"actions": {}`) is a 400 with a reason, not a TypeError deep in Bolt.
type Body = Record<string, unknown>;

const isObj = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optObj = (v: unknown): boolean => v === undefined || v === null || isObj(v);

const INTERACTIONS = new Set(['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion', 'interactive_message']);

/** Why a verified body cannot be processed, or null when it looks like something Slack sends. */
export function shapeProblem(body: Body): string | null {
  if (body.type === 'event_callback' || body.event !== undefined) return eventProblem(body);
  if (typeof body.type === 'string' && INTERACTIONS.has(body.type)) return interactionProblem(body);
  if (body.command !== undefined) {
    for (const k of ['command', 'user_id', 'channel_id', 'trigger_id']) if (!isStr(body[k])) return `slash command: ${k} must be a string`;
    if (body.text !== undefined && typeof body.text !== 'string') return 'slash command: text must be a string';
    return null;
  }
  if (body.type === 'app_rate_limited') return null;
  return 'unknown body: expected an event, an interaction payload or a slash command';
}

function eventProblem(body: Body): string | null {
  const ev = body.event;
  if (!isObj(ev) || !isStr(ev.type)) return 'event: must be an object with a type';
  if (!isStr(body.event_id)) return 'event_id must be a string';
  if (body.team_id !== undefined && !isStr(body.team_id)) return 'team_id must be a string';
  if (body.authorizations !== undefined) {
    if (!Array.isArray(body.authorizations) || !body.authorizations.every(isObj)) return 'authorizations must be an array of objects';
  }
  if ('user' in ev && !(isStr(ev.user) || (isObj(ev.user) && isStr(ev.user.id)))) return 'event.user must be a user id';
  if ('channel' in ev && !(isStr(ev.channel) || (isObj(ev.channel) && isStr(ev.channel.id)))) return 'event.channel must be a channel id';
  if ('item' in ev && !isObj(ev.item)) return 'event.item must be an object';
  if ('subteam' in ev && !isObj(ev.subteam)) return 'event.subteam must be an object';
  for (const k of ['text', 'ts', 'thread_ts', 'subtype', 'bot_id', 'channel_type', 'tab']) {
    if (ev[k] !== undefined && ev[k] !== null && typeof ev[k] !== 'string') return `event.${k} must be a string`;
  }
  return null;
}

function interactionProblem(body: Body): string | null {
  const type = body.type as string;
  if (!isObj(body.user) || !isStr(body.user.id)) return `${type}: user.id must be a string`;
  if (!optObj(body.team) || !optObj(body.enterprise) || !optObj(body.channel) || !optObj(body.container)) {
    return `${type}: team, enterprise, channel and container must be objects when present`;
  }
  if (isObj(body.channel) && !isStr(body.channel.id)) return `${type}: channel.id must be a string`;
  if (body.trigger_id !== undefined && !isStr(body.trigger_id)) return `${type}: trigger_id must be a string`;
  if (body.response_url !== undefined && typeof body.response_url !== 'string') return `${type}: response_url must be a string`;
  if (type === 'block_actions') {
    const actions = body.actions;
    if (!Array.isArray(actions) || actions.length === 0) return 'block_actions: actions must be a non-empty array';
    for (const a of actions) {
      if (!isObj(a) || !isStr(a.action_id)) return 'block_actions: every action needs an action_id';
      if (a.value !== undefined && typeof a.value !== 'string') return 'block_actions: action value must be a string';
      if (a.block_id !== undefined && typeof a.block_id !== 'string') return 'block_actions: block_id must be a string';
    }
    if (!optObj(body.view) || !optObj(body.message)) return 'block_actions: view and message must be objects when present';
  }
  if (type === 'view_submission' || type === 'view_closed') {
    const view = body.view;
    if (!isObj(view) || !isStr(view.id)) return `${type}: view must be an object with an id`;
    if (view.callback_id !== undefined && typeof view.callback_id !== 'string') return `${type}: view.callback_id must be a string`;
    if (view.private_metadata !== undefined && typeof view.private_metadata !== 'string') return `${type}: view.private_metadata must be a string`;
    if (type === 'view_submission') {
      const state = view.state;
      if (!isObj(state) || !isObj(state.values)) return 'view_submission: view.state.values must be an object';
      for (const block of Object.values(state.values)) {
        if (!isObj(block) || !Object.values(block).every(isObj)) return 'view_submission: view.state.values must map block ids to actions';
      }
    }
  }
  return null;
}
