// The bot's own open_id, needed to tell whether a group message @mentions us.
// @see https://open.feishu.cn/document/client-docs/bot-v3/obtain-bot-info
import type * as lark from '@larksuiteoapi/node-sdk';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { text } from '../../../src/core/i18n.js';

export async function fetchBotOpenId(client: lark.Client): Promise<string> {
  const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { bot?: { open_id?: unknown } };
  const id = res?.bot?.open_id;
  if (typeof id !== 'string' || id.length === 0) throw new PlatformError('feishu_bot_info_missing', 'bot/v3/info answered without bot.open_id', {
    userMessage: text('飞书没有返回机器人信息：请确认应用已启用机器人能力', 'Feishu did not return the bot\'s identity: check that the app has the bot capability enabled'),
  });
  return id;
}
