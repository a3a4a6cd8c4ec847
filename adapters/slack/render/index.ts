// Pure renderers: neutral CardSpec/FormSpec → Block Kit.
export { renderMessage, renderHome, renderHeader, type SlackMessage } from './message.render.js';
export { renderModal, formErrors, FORM_CALLBACK_ID, type ViewErrorsResponse } from './modal.render.js';
export { ACTION_ID_PREFIX } from './blocks.render.js';
export { escapeMrkdwn } from './mrkdwn.js';
