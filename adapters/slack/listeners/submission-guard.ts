// A view_submission answered with an empty ack closes the modal as if it was saved. Only our view
// listener may do that, after it handled the submission; any other outcome (Bolt's own ack after a
// failed authorization, no listener, a listener that threw, the ack deadline) keeps the modal open
// with a visible error. Both receivers (HTTP and Socket Mode) pass every ack through here.
import { clamp } from '../render/mrkdwn.js';
import { MODAL_CLOSE_MAX, MODAL_TITLE_MAX, VIEW_ERROR_MAX } from '../limits.js';

type Body = Record<string, unknown>;

const handled = new WeakSet<object>();

export const NOT_SAVED = 'Not saved: Slack could not be reached just now. Please submit again. / 未保存：暂时无法连接 Slack，请再提交一次。';

/** The view listener calls this right before it acks a submission it has handled. */
export function markSubmissionHandled(body: object): void {
  handled.add(body);
}

const isSubmission = (body: Body): boolean => body.type === 'view_submission';

/** True when `body` is a submission nobody handled: its ack must carry an error. */
export function needsSubmissionError(body: Body): boolean {
  return isSubmission(body) && !handled.has(body);
}

/**
 * What to answer instead: the message under the form's first input (values stay as typed), or,
 * for a view without inputs, an error view pushed on top (closing it returns to the form).
 */
export function submissionErrorResponse(body: Body, message = NOT_SAVED): Record<string, unknown> {
  const view = body.view as { blocks?: unknown } | undefined;
  const blocks = Array.isArray(view?.blocks) ? (view.blocks as Array<{ type?: unknown; block_id?: unknown }>) : [];
  const input = blocks.find((b) => b?.type === 'input' && typeof b.block_id === 'string');
  if (input) return { response_action: 'errors', errors: { [input.block_id as string]: clamp(message, VIEW_ERROR_MAX) } };
  return {
    response_action: 'push',
    view: {
      type: 'modal',
      title: { type: 'plain_text', text: clamp('Not saved / 未保存', MODAL_TITLE_MAX) },
      close: { type: 'plain_text', text: clamp('Back / 返回', MODAL_CLOSE_MAX) },
      blocks: [{ type: 'section', text: { type: 'plain_text', text: message } }],
    },
  };
}

/** The ack payload to send for `body`: the listener's own, or the error when nobody handled it. */
export function guardedAck(body: Body, response: unknown): unknown {
  return needsSubmissionError(body) ? submissionErrorResponse(body) : response;
}
