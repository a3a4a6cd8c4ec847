// What a button or form means, encoded into the small string platforms carry back to us
// (Slack button value ≤ 2000 chars and private_metadata ≤ 3000; Feishu action value).

export type ActionKind =
  | 'report.open' // open the form for one customer: {week, customerId}
  | 'report.add' // add a new customer to this week's report: {week}
  | 'report.submit' // close the week's report: {week, empty?: '1' when confirmed with no customer filled}
  | 'report.same' // "no change" for one customer: {week, customerId}
  | 'report.rest' // "all others unchanged": {week}
  | 'report.save' // form submit for one customer: {week, customerId}
  | 'report.new' // form submit for a new customer: {week}
  | 'task.claim' // {taskId}
  | 'task.resolve' // open the resolve form: {taskId}
  | 'task.resolved' // resolve form submit: {taskId}
  | 'task.snooze' // open the snooze form: {taskId}
  | 'task.snoozed' // snooze form submit: {taskId}
  | 'task.progress' // open this week's progress form: {taskId}
  | 'task.progressed' // progress form submit: {taskId, week}
  | 'customer.details' // {customerId}
  | 'rep.remind' // {memberId, week}
  | 'digest.refresh' // {week}
  | 'dashboard.open' // DM the clicker a personal sign-in link to the web dashboard: {}
  | 'settings.show' // the settings overview (managers, directors, owners): {}
  | 'settings.open' // open one section's settings form: {section}
  | 'settings.save' // settings form submit: {section}
  | 'settings.undo'; // undo the changes of one settings submit: {ids: '12,13'}

export interface ActionRef {
  kind: ActionKind;
  args: Readonly<Record<string, string>>;
}

const SEP = '|';

/** `kind|k=v|k=v`, values URI-encoded. Short and readable in platform logs. */
export function encodeAction(ref: ActionRef): string {
  const parts = Object.entries(ref.args)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return [ref.kind, ...parts].join(SEP);
}

export function decodeAction(encoded: string): ActionRef | null {
  if (typeof encoded !== 'string' || encoded.length === 0 || encoded.length > 2000) return null;
  const [kind, ...parts] = encoded.split(SEP);
  if (!kind || !/^[a-z]+\.[a-z]+$/.test(kind)) return null;
  const args: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    try {
      args[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
    } catch {
      return null;
    }
  }
  return { kind: kind as ActionKind, args };
}
