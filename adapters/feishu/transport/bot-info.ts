// The bot's own open_id, needed to tell whether a group message @mentions us.
// @see https://open.feishu.cn/document/client-docs/bot-v3/obtain-bot-info
import type * as lark from '@larksuiteoapi/node-sdk';

export async function fetchBotOpenId(client: lark.Client): Promise<string> {
  const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as { bot?: { open_id?: unknown } };
  const id = res?.bot?.open_id;
  if (typeof id !== 'string' || id.length === 0) throw new Error('bot/v3/info answered without bot.open_id');
  return id;
}
