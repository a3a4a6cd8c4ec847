// Typed Slack settings. The composition root fills this from env (src/config is the only env reader).

export interface SlackConfig {
  /** Bot token `xoxb-…` (SLACK_BOT_TOKEN). Never logged. */
  botToken: string;
  /** Signing secret (SLACK_SIGNING_SECRET): verifies every HTTP request. Never logged. */
  signingSecret: string;
  /** App-level token `xapp-…` (SLACK_APP_TOKEN); when set, Socket Mode is used. */
  appToken?: string;
  /** Web API base (SLACK_API_URL), default `https://slack.com/api/`; tests point it at a fake. */
  apiUrl: string;
  /** Channel id of the manager channel (SLACK_MANAGER_CHANNEL). */
  managerChannel: string;
  /** The bot's user id and bot id (SLACK_BOT_USER_ID, SLACK_BOT_ID); when both are given no `auth.test` is made. */
  botUserId?: string;
  botId?: string;
  /** Attempts of `auth.test` at start (default 5); after that it is retried in the background. */
  identityRetries?: number;
  /** First delay between those attempts, doubled each time (default 500 ms). */
  identityRetryDelayMs?: number;
  /** Socket Mode (true when an app token is configured). */
  socketMode: boolean;
  /** Web API request timeout in ms (default 10 000). */
  requestTimeoutMs?: number;
  /** Web API retries inside one call (default 0: the outbox retries). Tests keep 0. */
  apiRetries?: number;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** How long a view submission may wait for the router before the modal is closed anyway (ms). */
  viewSubmissionBudgetMs?: number;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_VIEW_SUBMISSION_BUDGET_MS = 2500;
