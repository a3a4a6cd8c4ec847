// Every Feishu/Lark limit we clamp to, in one place. Renderers and the chat port import these;
import type { DeliveryLimits } from '../../src/app/ports/chat.port.js';
// nothing else hard-codes a Feishu number.

/**
 * A card may hold at most 200 components (nested ones included).
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 */
export const MAX_CARD_ELEMENTS = 200;
/** We stop a bit below the hard limit so headers and continuation notes always fit. */
export const CARD_ELEMENT_BUDGET = 180;

/**
 * A card's JSON may be at most 30 KB.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-structure
 */
export const MAX_CARD_BYTES = 30 * 1024;
/** Budget for body elements: leaves room for header/config and the continuation note. */
export const CARD_BYTE_BUDGET = 28 * 1024;

/**
 * At most five `table` components per card, only at the root.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/table
 */
export const MAX_TABLES_PER_CARD = 5;
/** Table `page_size` is an integer in [1, 10]. Same page as above. */
export const MAX_TABLE_PAGE_SIZE = 10;
/** At most 50 columns per table. Same page as above. */
export const MAX_TABLE_COLUMNS = 50;

/**
 * Recommended at most five charts per card; chart specs may not contain JavaScript.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/chart
 */
export const MAX_CHARTS_PER_CARD = 5;
/**
 * A native chart's JSON we send at most; a larger one goes as a PNG (image_key) instead. Two charts
 * (a customer's trend and radar) plus the card's text stay far below MAX_CARD_BYTES.
 */
export const MAX_NATIVE_CHART_BYTES = 10 * 1024;

/**
 * `input.max_length` is in [1, 1000] (default 1000); placeholder ≤ 100 chars.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/input
 */
export const MAX_INPUT_LENGTH = 1000;
export const MAX_PLACEHOLDER_LENGTH = 100;

/**
 * Button text ≤ 100 characters.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/interactive-components/button
 */
export const MAX_BUTTON_TEXT = 100;

/**
 * Header title shows up to 4 lines, subtitle 1 line; we cut long titles ourselves.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/content-components/title
 */
export const MAX_TITLE_CHARS = 120;
export const MAX_SUBTITLE_CHARS = 60;

/** One markdown element's text we keep before cutting (keeps single elements well under 30 KB). */
export const MAX_MARKDOWN_CHARS = 6000;

/**
 * `uuid` on message create/reply: ≤ 50 characters, dedupes the same send for one hour.
 * @see https://open.feishu.cn/document/server-docs/im-v1/message/create
 */
export const MAX_UUID_LENGTH = 50;

/**
 * Card callbacks must be answered within 3 s; the url_verification challenge within 1 s.
 * We answer router results that take longer than this with a toast and patch afterwards.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
export const CALLBACK_DEADLINE_MS = 3000;
export const ROUTER_SOFT_DEADLINE_MS = 2500;

/**
 * Signed requests older or newer than 5 minutes are rejected (replay window).
 * @see https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * `message.patch` works only within 14 days of sending; later it answers HTTP 400 with this code
 * ("Message can only be updated within fourteen days"). A later change is posted as a new message.
 * @see https://open.feishu.cn/document/server-docs/im-v1/message-card/patch
 */
export const MESSAGE_UPDATE_WINDOW_DAYS = 14;
export const MESSAGE_UPDATE_EXPIRED_CODE = 230031;

/** Our cap on inbound request bodies. Feishu events and callbacks are a few KB. */
export const MAX_INBOUND_BODY_BYTES = 256 * 1024;

/**
 * Rate limits: 50/s and 1000/min per app; 5 QPS per user and per group; `message.patch` 5 QPS
 * per message within 14 days. Exceeding answers HTTP 429 / code 99991400 (app) or 230020
 * (user/chat) with `x-ogw-ratelimit-reset` seconds.
 * @see https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([99991400, 230020]);
/** The per-chat limit's code: only that chat waits. */
export const CHAT_RATE_LIMIT_CODE = 230020;
/** Fallback wait when a rate limit answer carries no reset header. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;

/**
 * `contact/v3/users/batch_get_id` takes at most 50 emails per call.
 * @see https://open.feishu.cn/document/server-docs/contact-v3/user/batch_get_id
 */
export const MAX_EMAILS_PER_LOOKUP = 50;

/** Our HTTP timeout for Open API calls (the SDK has none by default). */
export const OPEN_API_TIMEOUT_MS = 10_000;

/**
 * Long connection: how long start() waits for the first connection before going on without it (the
 * SDK keeps retrying in the background), the WebSocket handshake cap, and how long after a ping
 * without any inbound frame the connection counts as dead and is replaced (the SDK default is never).
 * The SDK re-arms that watchdog on every ping, so it must stay below the gateway's PingInterval
 * (120 s by default, sent in ClientConfig).
 */
export const WS_CONNECT_WAIT_MS = 30_000;
export const WS_HANDSHAKE_TIMEOUT_MS = 15_000;
export const WS_PING_TIMEOUT_SEC = 30;

/**
 * Alt text / title of an `img` component: we keep them short so a card with two charts stays far
 * below the 30 KB card limit (the full numbers also go in the card's text elsewhere).
 */
export const MAX_IMG_ALT_CHARS = 500;

/**
 * Sending: 50 messages per second and 1,000 per minute per app, 5 per second per chat or user.
 * RADAR_RATE_LIMITS overrides these for tenants with other quotas.
 * @see https://open.feishu.cn/document/server-docs/im-v1/message/create
 */
export const FEISHU_DELIVERY: DeliveryLimits = {
  windows: {
    'feishu.chat': [{ limit: 5, perMs: 1_000 }],
    'feishu.app': [{ limit: 50, perMs: 1_000 }, { limit: 1_000, perMs: 60_000 }],
  },
  scopes: (conversation) => ({ conversation: `feishu.chat:${conversation}`, app: 'feishu.app:all' }),
};
