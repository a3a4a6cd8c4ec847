// Modal submissions. Unlike clicks, the ack must carry the outcome (inline errors, an updated view),
// so the router runs first, under a budget: if it is slower, the modal is closed and the outcome
// arrives by DM instead of Slack showing "We had some trouble connecting".
import type { App, ViewOutput } from '@slack/bolt';
import type { InteractionResult } from '../../../src/app/inbound.js';
import { FORM_CALLBACK_ID, formErrors, renderModal } from '../render/modal.render.js';
import { escapeMrkdwn } from '../render/mrkdwn.js';
import { postCard, postText, publishHome, route, showToast, toastText, updateMessage, type ListenerDeps } from './reply.js';
import { decodeFormMeta } from './form-source.js';
import { markSubmissionHandled, submissionErrorResponse } from './submission-guard.js';

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

const TIMED_OUT = Symbol('timed out');

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
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), deps.viewSubmissionBudgetMs)));
    const first = await Promise.race([routed, budget]);
    clearTimeout(timer);

    const dm = async (result: InteractionResult, late: boolean): Promise<void> => {
      switch (result.type) {
        case 'card':
        case 'replaceMessage':
          await postCard(client, userId, result.card, undefined, deps.logger);
          if (result.type === 'replaceMessage' && result.toast) await postText(client, userId, toastText(result.toast, 'success'), undefined, deps.logger);
          return;
        case 'formDone':
          // The card is what the message the form came from should now show: update it in place
          // (a rep saving 30 customers must not get 30 new copies of the report card). Not when that
          // message is a continuation: the head does not belong there, and the outbox refresh updates
          // every part of the card.
          if (result.card && source && !continuation) await updateMessage(client, source, result.card, deps.logger);
          if (source) return showToast(client, { userId, channelId: source.channel }, result.toast, 'success', deps.logger);
          return postText(client, userId, toastText(result.toast, 'success'), undefined, deps.logger);
        case 'toast':
          return postText(client, userId, toastText(result.text, result.tone), undefined, deps.logger);
        case 'formErrors':
        case 'openForm': {
          if (!late) return;
          // Too late to keep the modal open: say what was wrong so nothing is lost silently.
          const errors = Object.entries(result.form.errors ?? {}).map(([id, m]) => `• ${escapeMrkdwn(result.form.fields.find((f) => f.id === id)?.label ?? id)}: ${escapeMrkdwn(m)}`);
          const text = [toastText(`${result.form.title}: not saved, please open the form again. / 未保存，请重新打开表单。`, 'warning'), ...errors].join('\n');
          return postText(client, userId, text, undefined, deps.logger);
        }
        case 'none':
          return;
      }
    };

    // A form opened from the App Home: show the Home again with the change.
    const after = async (result: InteractionResult, late: boolean): Promise<void> => {
      await dm(result, late);
      if (fromHome && (late || (result.type !== 'formErrors' && result.type !== 'openForm'))) await publishHome(client, deps, userId);
    };

    // Only a handled submission may close the modal (see submission-guard).
    markSubmissionHandled(body);
    if (first === TIMED_OUT) {
      deps.logger.warn({ budgetMs: deps.viewSubmissionBudgetMs }, 'router slower than the view budget; closing the modal');
      await ack();
      await after(await routed, true);
      return;
    }
    switch (first.type) {
      case 'formErrors':
        return ack(formErrors(first.form));
      case 'openForm':
        return ack({ response_action: 'update', view: renderModal(first.form) });
      case 'toast':
        // An error means nothing was saved (the router rolled back): keep the form and its values.
        if (first.tone === 'error') return ack(submissionErrorResponse(body as unknown as Record<string, unknown>, first.text) as never);
        await ack();
        return after(first, false);
      default:
        await ack();
        return after(first, false);
    }
  });
}
