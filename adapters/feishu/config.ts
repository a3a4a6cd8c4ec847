// Typed Feishu/Lark adapter settings. Built by the composition root from src/config (the only env
// reader); adapters never read process.env.

/** Settings for one Feishu/Lark app. */
export interface FeishuConfig {
  /** `cli_…` app id. */
  appId: string;
  /** App secret; never logged. */
  appSecret: string;
  /** Open API base URL, already resolved ('feishu' → https://open.feishu.cn, 'lark' → https://open.larksuite.com, or any URL). */
  domain: string;
  /** Event encryption key (required in HTTP mode): inbound bodies are signed (`X-Lark-Signature`) and encrypted with it. */
  encryptKey?: string;
  /** Verification token compared with the token inside every event/callback (required in HTTP mode). */
  verificationToken?: string;
  /** The managers' group chat (`oc_…`) where digests go. */
  managerChatId: string;
  /** `ws`: long connection (no public URL); `http`: events and card callbacks on POST /feishu/events. */
  mode: 'ws' | 'http';
  /** Open API timeout per call (default 10 s). */
  apiTimeoutMs?: number;
}

/** Problems with a config, each naming the field and what is expected (empty when fine). */
export function checkFeishuConfig(config: FeishuConfig): string[] {
  const problems: string[] = [];
  if (!config.appId) problems.push('appId: required (the cli_… id of the Feishu app)');
  // The SDK's WSClient.start() checks this itself, but only logs and never connects.
  else if (config.mode === 'ws' && !/^cli_[0-9a-fA-F]{16}$/.test(config.appId)) {
    problems.push(`appId: the long connection needs "cli_" followed by 16 hex characters, got "${config.appId}"`);
  }
  if (!config.appSecret) problems.push('appSecret: required');
  if (!/^https?:\/\/[^\s]+$/.test(config.domain)) problems.push(`domain: expected an http(s) URL, got "${config.domain}"`);
  if (config.mode !== 'ws' && config.mode !== 'http') problems.push(`mode: expected "ws" or "http", got "${String(config.mode)}"`);
  // Only the encrypt key makes Feishu sign requests (X-Lark-Signature); the token alone is a static password.
  if (config.mode === 'http' && !config.encryptKey) problems.push('encryptKey: required in HTTP mode (requests are signed and encrypted with it)');
  if (config.mode === 'http' && !config.verificationToken) problems.push('verificationToken: required in HTTP mode (checked inside every request)');
  return problems;
}
