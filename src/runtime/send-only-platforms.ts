// Chat ports without inbound listeners, for one-shot sends from the CLI (`radar cycle …`).
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env.js';
import type { PlatformBinding } from '../app/radar-app.js';
import { SlackChatPort } from '../../adapters/slack/transport/chat-port.js';
import { chatChartPng } from '../chart-render/chat-png.js';
import { FeishuChatPort } from '../../adapters/feishu/transport/chat-port.js';
import { createLarkClient } from '../../adapters/feishu/transport/open-api.js';

const API_TIMEOUT_MS = 15_000;

export function sendOnlyPlatforms(config: AppConfig, logger: Logger): PlatformBinding[] {
  const out: PlatformBinding[] = [];
  if (config.slack) {
    out.push({
      platform: 'slack',
      chat: new SlackChatPort({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, logger, timeoutMs: API_TIMEOUT_MS, renderChartPng: chatChartPng }),
      managerChannel: config.slack.managerChannel,
    });
  }
  if (config.feishu) {
    const client = createLarkClient({ appId: config.feishu.appId, appSecret: config.feishu.appSecret, domain: config.feishu.domain, timeoutMs: API_TIMEOUT_MS, logger });
    out.push({ platform: 'feishu', chat: new FeishuChatPort(client, logger, undefined, chatChartPng), managerChannel: config.feishu.managerChatId });
  }
  return out;
}
