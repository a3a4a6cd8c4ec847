// Every Slack limit we clamp to, in one place. Renderers never hard-code a number.
import type { DeliveryLimits } from '../../src/app/ports/chat.port.js';
// Where Slack documents a limit, the @see link is the page it came from.

/** @see https://docs.slack.dev/reference/block-kit/blocks — "up to 50 blocks in each message" */
export const MESSAGE_MAX_BLOCKS = 50;
/** @see https://docs.slack.dev/reference/views/modal-views — "Max of 100 blocks" */
export const MODAL_MAX_BLOCKS = 100;
/** @see https://docs.slack.dev/reference/views/home-tab-views — "Max of 100 blocks" */
export const HOME_MAX_BLOCKS = 100;

/**
 * Fallback `text` of chat.postMessage. Slack truncates at 40,000 and recommends ≤ 4,000; we keep
 * notifications short.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#truncating
 */
export const MESSAGE_TEXT_MAX = 3000;

/** @see https://docs.slack.dev/reference/block-kit/blocks/section-block — text ≤ 3000 */
export const SECTION_TEXT_MAX = 3000;
/** @see https://docs.slack.dev/reference/block-kit/blocks/section-block — fields ≤ 10 items */
export const SECTION_MAX_FIELDS = 10;
/** @see https://docs.slack.dev/reference/block-kit/blocks/section-block — each field ≤ 2000 */
export const SECTION_FIELD_MAX = 2000;
/**
 * Our own caps for text tables (a code block inside a section): one cell, and the header line that
 * every chunk repeats, so that a header plus at least one row always fits in SECTION_TEXT_MAX.
 */
export const TABLE_CELL_MAX = 80;
export const TABLE_HEADER_MAX = 1500;
/** @see https://docs.slack.dev/reference/block-kit/blocks/header-block — text ≤ 150 */
export const HEADER_TEXT_MAX = 150;
/** @see https://docs.slack.dev/reference/block-kit/blocks/context-block — elements ≤ 10 */
export const CONTEXT_MAX_ELEMENTS = 10;
/** A context element is a text object. @see https://docs.slack.dev/reference/block-kit/composition-objects/text-object — text ≤ 3000 */
export const TEXT_OBJECT_MAX = 3000;
/** @see https://docs.slack.dev/reference/block-kit/blocks/actions-block — elements ≤ 25 */
export const ACTIONS_MAX_ELEMENTS = 25;

/** @see https://docs.slack.dev/reference/block-kit/block-elements/button-element — text ≤ 75 */
export const BUTTON_TEXT_MAX = 75;
/** @see https://docs.slack.dev/reference/block-kit/block-elements/button-element — value ≤ 2000 */
export const BUTTON_VALUE_MAX = 2000;
/** @see https://docs.slack.dev/reference/block-kit/block-elements/button-element — action_id ≤ 255 */
export const ACTION_ID_MAX = 255;
/** @see https://docs.slack.dev/reference/block-kit/blocks — block_id ≤ 255 */
export const BLOCK_ID_MAX = 255;

/** @see https://docs.slack.dev/reference/block-kit/composition-objects/option-object — text ≤ 75 */
export const OPTION_TEXT_MAX = 75;
/** @see https://docs.slack.dev/reference/block-kit/composition-objects/option-object — value ≤ 150 */
export const OPTION_VALUE_MAX = 150;
/** @see https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element — options ≤ 100 */
export const SELECT_MAX_OPTIONS = 100;
/** @see https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element — option_groups ≤ 100 */
export const SELECT_MAX_OPTION_GROUPS = 100;
/** @see https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object — label ≤ 75 */
export const OPTION_GROUP_LABEL_MAX = 75;
/** Placeholders of inputs and selects. @see https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element */
export const PLACEHOLDER_MAX = 150;

/** @see https://docs.slack.dev/reference/block-kit/blocks/input-block — label ≤ 2000 */
export const INPUT_LABEL_MAX = 2000;
/** @see https://docs.slack.dev/reference/block-kit/blocks/input-block — hint ≤ 2000 */
export const INPUT_HINT_MAX = 2000;
/** @see https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element — max_length ≤ 3000 */
export const PLAIN_TEXT_INPUT_MAX = 3000;

/** @see https://docs.slack.dev/reference/views/modal-views — title ≤ 24 */
export const MODAL_TITLE_MAX = 24;
/** @see https://docs.slack.dev/reference/views/modal-views — submit ≤ 24 */
export const MODAL_SUBMIT_MAX = 24;
/** @see https://docs.slack.dev/reference/views/modal-views — close ≤ 24 */
export const MODAL_CLOSE_MAX = 24;
/** @see https://docs.slack.dev/reference/views/modal-views — private_metadata ≤ 3000 */
export const PRIVATE_METADATA_MAX = 3000;
/** @see https://docs.slack.dev/reference/views/modal-views — callback_id ≤ 255 */
export const CALLBACK_ID_MAX = 255;

/**
 * Slack shows no message for an inline modal error longer than a line or two; not a documented
 * hard limit, our own cap. @see https://docs.slack.dev/surfaces/modals#displaying_errors
 */
export const VIEW_ERROR_MAX = 300;

/** @see https://docs.slack.dev/interactivity/handling-user-interaction — ack within 3 seconds */
export const ACK_DEADLINE_MS = 3000;
/** @see https://docs.slack.dev/authentication/verifying-requests-from-slack — 5-minute replay window */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** @see https://docs.slack.dev/reference/block-kit/blocks/image-block — alt_text ≤ 2000, title ≤ 2000 */
export const IMAGE_ALT_MAX = 2000;
export const IMAGE_TITLE_MAX = 2000;

/**
 * Sending: chat.postMessage allows ~1 message per second per channel, and workspace-wide "several
 * hundred per minute" with bursts (ours: 300/min, at most 20 in one second). RADAR_RATE_LIMITS
 * overrides these for workspaces with other quotas.
 * @see https://api.slack.com/methods/chat.postMessage#rate_limiting
 */
export const SLACK_DELIVERY: DeliveryLimits = {
  windows: {
    'slack.channel': [{ limit: 1, perMs: 1_000 }],
    'slack.workspace': [{ limit: 300, perMs: 60_000 }, { limit: 20, perMs: 1_000 }],
  },
  scopes: (conversation) => ({ conversation: `slack.channel:${conversation}`, app: 'slack.workspace:all' }),
};
