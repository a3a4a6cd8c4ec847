// Modal submissions. Unlike clicks, the ack must carry the outcome (inline errors, an updated view),
// so the router runs first, under a budget: if it is slower, the modal is closed and the outcome
// arrives by DM instead of Slack showing "We had some trouble connecting".
import type { App, ViewOutput } from '@slack/bolt';
import { answer, formOf, type Answer } from '../../../src/app/answer.js';
import type { FormSpec } from '../../../src/ui/form.js';
import { FORM_CALLBACK_ID } from '../render/modal.render.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';
import { LATE, withinBudget } from '../../shared/time-budget.js';
import { publishHome, route, showAnswer, submissionAck, type ListenerDeps, type Where } from './respond.js';
import { decodeFormMeta } from './form-source.js';
import { markSubmissionHandled } from './submission-guard.js';

type StateValue = {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }> | null;
};

/** `view.state.values` → `{ [action_id]: value }` (action_id = field id). Empty inputs become ''. */
export function collectValues(state: ViewOutput['state'] | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const actions of Object.values(state?.values ?? {})) {
    for (const [actionId, raw] of Object.entries(actions as Record<string, StateValue>)) {
      if (raw.selected_options) out[actionId] = raw.selected_options.map((o) => o.value ?? '');
      else if (raw.selected_option !== undefined) out[actionId] = raw.selected_option?.value ?? '';
      else if (raw.selected_date !== undefined) out[actionId] = raw.selected_date ?? '';
      else out[actionId] = raw.value ?? '';
    }
  }
  return out;
}

export function registerViews(app: App, deps: ListenerDeps): void {
  app.view({ callback_id: FORM_CALLBACK_ID, type: 'view_submission' }, async ({ ack, view, body, client }) => {
    const userId = body.user.id;
    const { formId, source, continuation, fromHome } = decodeFormMeta(view.private_metadata);
    const routed = route(deps, {
      type: 'formSubmitted',
      actor: { platform: 'slack', userId },
      formId,
      values: collectValues(view.state),
      message: source,
    });
    const first = await withinBudget(routed, deps.viewSubmissionBudgetMs);
    const where: Where = {
      client,
      log: deps.logger,
      userId,
      channelId: null,
      // A rep saving 30 customers must not get 30 new copies of the report card: the message the form
      // came from is updated in place (not a continuation part: the outbox refresh updates those).
      ...(source ? { source: { ref: source, change: continuation ? 'keep' : 'chat.update' } as const } : {}),
      cardsTo: 'dm',
    };

    // After the modal closed: the rest of the answer, and the App Home again when the form came from it.
    const after = async (result: Answer, late: boolean): Promise<void> => {
      const form = formOf(result);
      if (form && late) {
        // Too late to keep the modal open: say what was wrong so nothing is lost silently.
        await showAnswer(where, answer.toast(notSavedText(form), 'warning'));
      } else if (!form) {
        await showAnswer(where, result);
      }
      if (fromHome && (late || !form)) await publishHome(client, deps, userId);
    };

    // Only a handled submission may close the modal (see submission-guard).
    markSubmissionHandled(body);
    if (first === LATE) {
      deps.logger.warn({ budgetMs: deps.viewSubmissionBudgetMs }, 'router slower than the view budget; closing the modal');
      await ack();
      return deps.lane.run(async () => after(await routed, true));
    }
    const payload = submissionAck(first, body as unknown as Record<string, unknown>);
    if (payload) return ack(payload as never);
    await ack();
    // The modal has closed: notices, the updated source message and the Home tab follow on the work lane.
    return deps.lane.run(() => after(first, false));
  });
}

/** A form that could not be kept open: its title, "not saved", and each field's message. */
function notSavedText(form: FormSpec): string {
  const errors = Object.entries(form.errors ?? {}).map(([id, m]) => `• ${form.fields.find((f) => f.id === id)?.label ?? id}: ${m}`);
  return [fixedText(FIXED_TEXT.formNotSaved(form.title)), ...errors].join('\n');
}
