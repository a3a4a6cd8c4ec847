// The text of an inbound message's `content`, by message type. Pure. Users often send `post` (rich
// text) rather than `text`; everything else (image, file, sticker, audio…) has no text we can answer.
// @see https://open.feishu.cn/document/server-docs/im-v1/message-content-description/message_content

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a message says: its text, or that its type carries none (the type is named). */
export type MessageContent = { kind: 'text'; text: string } | { kind: 'unsupported'; messageType: string };

/** Text-bearing inline tags of a post; `at` becomes its mention key so mentions are resolved like text's. */
function inlineText(el: Record<string, unknown>): string {
  switch (el.tag) {
    case 'text':
    case 'a':
    case 'md':
    case 'code_block':
      return typeof el.text === 'string' ? el.text : '';
    case 'at': {
      // Received posts carry the mention key (`@_user_1`) in user_id, like text messages' inline keys.
      const id = typeof el.user_id === 'string' ? el.user_id : '';
      if (id.startsWith('@_')) return id;
      return typeof el.user_name === 'string' && el.user_name ? `@${el.user_name}` : '';
    }
    default:
      return ''; // img, media, emotion, hr: no text
  }
}

/** `{title, content: [[inline…]…]}` → "title\nline\nline". */
function postBody(body: Record<string, unknown>): string | null {
  if (!Array.isArray(body.content)) return null;
  const lines = body.content.map((para) => (Array.isArray(para) ? para.filter(isObject).map(inlineText).join('') : ''));
  const title = typeof body.title === 'string' ? body.title.trim() : '';
  return [title, ...lines].filter((l) => l.trim() !== '').join('\n');
}

/**
 * A post's text. Received posts are `{title, content}`; the send format nests that under a locale key
 * (`{"zh_cn": {...}}`, sometimes inside `post`): take the first locale present.
 */
export function postText(content: unknown): string | null {
  if (!isObject(content)) return null;
  const direct = postBody(content);
  if (direct !== null) return direct;
  const inner = isObject(content.post) ? content.post : content;
  for (const key of ['zh_cn', 'en_us', 'ja_jp', ...Object.keys(inner)]) {
    const body = inner[key];
    if (isObject(body)) {
      const text = postBody(body);
      if (text !== null) return text;
    }
  }
  return null;
}

/** The message's text, or which type it was when it has none; null when `content` is malformed. */
export function messageContent(messageType: unknown, raw: unknown): MessageContent | null {
  if (typeof messageType !== 'string' || messageType === '') return null;
  if (messageType !== 'text' && messageType !== 'post') return { kind: 'unsupported', messageType };
  if (typeof raw !== 'string') return null;
  let content: unknown;
  try {
    content = JSON.parse(raw);
  } catch {
    return null;
  }
  if (messageType === 'text') return isObject(content) && typeof content.text === 'string' ? { kind: 'text', text: content.text } : null;
  const text = postText(content);
  return text === null ? null : { kind: 'text', text };
}
