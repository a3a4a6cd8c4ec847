// The padding-oracle attack on HTTP mode, replayed: a captured callback re-encrypted with tampered
// padding, a wrong signature, no signature, bodies that are not JSON — every one gets the same answer,
// and an unsigned body is never decrypted unless it is the size of a url_verification challenge.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeishuAdapter, type FeishuAdapter } from '../../../adapters/feishu/index.js';
import type { InboundEvent } from '../../../src/app/inbound.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { startFakeFeishuApi, type FakeFeishuApi } from '../../fakes/feishu-api.fake.js';
import { cardActionEvent, encryptPayload, envelope, signBody, signRequest, urlVerification } from '../../fakes/feishu-signing.js';
import { answer, type Answer } from '../../../src/app/answer.js';

const ENCRYPT_KEY = 'enc-key-for-auth-tests';
const TOKEN = 'verification-token-for-auth-tests';
const NOW = new Date('2026-11-30T04:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

let api: FakeFeishuApi;
let adapter: FeishuAdapter;
let server: Server;
let base: string;
const events: InboundEvent[] = [];

async function router(event: InboundEvent): Promise<Answer> {
  events.push(event);
  return answer.toast('ok', 'info');
}

beforeAll(async () => {
  api = await startFakeFeishuApi();
  const seen = new Set<string>();
  adapter = createFeishuAdapter(
    { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'app-secret', domain: api.url, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, managerChatId: 'oc_managers', mode: 'http', apiTimeoutMs: 2000 },
    { router, inbound: { firstSeen: (key) => (seen.has(key) ? false : (seen.add(key), true)) }, logger: silentLogger(), now: () => NOW },
  );
  await adapter.start();
  server = createServer((req, res) => adapter.http!.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${adapter.http!.path}`;
});
afterAll(async () => {
  await adapter.stop();
  await new Promise((r) => server.close(r));
  await api.close();
});

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(base, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text() };
}

const JSON_ONLY = { 'content-type': 'application/json' };

/** Sign an exact body as Feishu would. */
function signHeaders(body: string, key = ENCRYPT_KEY): Record<string, string> {
  const nonce = randomBytes(8).toString('hex');
  return { ...JSON_ONLY, 'x-lark-request-timestamp': String(nowSec), 'x-lark-request-nonce': nonce, 'x-lark-signature': signBody(String(nowSec), nonce, key, body) };
}

/** Ciphertext of `plain` whose last block decrypts to a zero pad byte: always a padding error. */
function withBadPadding(plain: string): string {
  const buf = Buffer.from(encryptPayload(ENCRYPT_KEY, plain), 'base64');
  const pad = 16 - (Buffer.byteLength(plain) % 16);
  buf[buf.length - 17]! ^= pad; // flips the last plaintext byte (the pad) to 0 through CBC
  return buf.toString('base64');
}

const capturedCallback = () => JSON.stringify(envelope({
  eventType: 'card.action.trigger', token: TOKEN, createTime: NOW.getTime(),
  event: cardActionEvent({ operator: 'ou_victim', value: { a: 'digest.refresh|week=2026-W48' }, messageId: 'om_captured', chatId: 'oc_managers' }),
}));

describe('Feishu HTTP authentication', () => {
  it('answers tampered padding, wrong or missing signatures and non-JSON bodies identically', async () => {
    const plain = capturedCallback();
    const good = JSON.stringify({ encrypt: encryptPayload(ENCRYPT_KEY, plain) });
    const goodHeaders = signHeaders(good);
    const badPadding = JSON.stringify({ encrypt: withBadPadding(plain) });
    const notJsonInside = JSON.stringify({ encrypt: encryptPayload(ENCRYPT_KEY, 'this is not json') });
    const variants: Array<[string, string, Record<string, string>]> = [
      ['tampered padding, unsigned', badPadding, JSON_ONLY],
      ['tampered padding, the captured signature', badPadding, goodHeaders],
      ['tampered padding, signed (only Feishu could)', badPadding, signHeaders(badPadding)],
      ['valid ciphertext, wrong signature', good, { ...goodHeaders, 'x-lark-signature': 'a'.repeat(64) }],
      ['valid ciphertext, signed with another key', good, signHeaders(good, 'another-key')],
      ['valid ciphertext, unsigned', good, JSON_ONLY],
      ['valid ciphertext, stale signature', good, { ...signHeaders(good), 'x-lark-request-timestamp': String(nowSec - 3600) }],
      ['not JSON inside, unsigned', notJsonInside, JSON_ONLY],
      ['not JSON inside, signed', notJsonInside, signHeaders(notJsonInside)],
      ['not JSON at all, unsigned', 'not json', JSON_ONLY],
      ['not JSON at all, signed', 'not json', signHeaders('not json')],
      ['not base64, unsigned', '{"encrypt":"!!!"}', JSON_ONLY],
      ['short ciphertext, unsigned', '{"encrypt":"bm9wZQ=="}', JSON_ONLY],
      ['two-block probe, unsigned', JSON.stringify({ encrypt: Buffer.from(withBadPadding('{"a":1}'), 'base64').subarray(-32).toString('base64') }), JSON_ONLY],
      ['empty body', '', JSON_ONLY],
      ['JSON null, unsigned', 'null', JSON_ONLY],
    ];
    const answers = new Map<string, string[]>();
    for (const [label, body, headers] of variants) {
      const r = await post(body, headers);
      const key = `${r.status} ${r.text}`;
      answers.set(key, [...(answers.get(key) ?? []), label]);
    }
    expect([...answers.keys()]).toEqual(['401 {"error":"request rejected"}']);
    expect(events).toHaveLength(0);
    // The untampered, correctly signed callback goes through.
    expect((await post(good, goodHeaders)).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('never decrypts an unsigned body larger than a challenge, and only a few challenge-sized ones', async () => {
    const stats = adapter.http!.stats;
    const before = stats.decryptAttempts;
    const captured = JSON.stringify({ encrypt: encryptPayload(ENCRYPT_KEY, capturedCallback()) });
    const padded = JSON.stringify({ encrypt: withBadPadding(capturedCallback()) });
    for (let i = 0; i < 50; i += 1) {
      expect((await post(i % 2 ? captured : padded, JSON_ONLY)).status).toBe(401);
    }
    expect(stats.decryptAttempts).toBe(before);

    // The two-block probes of a padding-oracle attack are challenge-sized: decrypted within a small
    // budget, then not at all — and answered the same way throughout.
    const probe = (i: number) => {
      const buf = Buffer.from(encryptPayload(ENCRYPT_KEY, '{"challenge":"x"}'), 'base64');
      buf[15]! ^= i & 0xff;
      return JSON.stringify({ encrypt: buf.toString('base64') });
    };
    const texts = new Set<string>();
    for (let i = 1; i <= 60; i += 1) {
      const r = await post(probe(i), JSON_ONLY);
      texts.add(`${r.status} ${r.text}`);
    }
    expect([...texts]).toEqual(['401 {"error":"request rejected"}']);
    expect(stats.decryptAttempts - before).toBeLessThanOrEqual(20);
  });

  it('answers an unsigned, encrypted url_verification only when its token matches', async () => {
    const challenge = '1b6aef1a-401f-406a-be41-f48911eabcef';
    // A fresh adapter: the budget of the test above is spent on purpose.
    const fresh = createFeishuAdapter(
      { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'app-secret', domain: api.url, encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, managerChatId: 'oc_managers', mode: 'http' },
      { router, inbound: { firstSeen: () => true }, logger: silentLogger(), now: () => NOW },
    );
    const srv = createServer((req, res) => fresh.http!.handle(req, res));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/feishu/events`;
    try {
      const unsigned = (payload: unknown) => fetch(url, { method: 'POST', headers: JSON_ONLY, body: JSON.stringify({ encrypt: encryptPayload(ENCRYPT_KEY, JSON.stringify(payload)) }) });
      const ok = await unsigned(urlVerification(challenge, TOKEN));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ challenge });
      const wrong = await unsigned(urlVerification(challenge, 'not-the-token'));
      expect([wrong.status, await wrong.text()]).toEqual([401, '{"error":"request rejected"}']);
      // Plaintext (unencrypted) challenges are not what Feishu sends once an encrypt key is set.
      const plain = await fetch(url, { method: 'POST', headers: JSON_ONLY, body: JSON.stringify(urlVerification(challenge, TOKEN)) });
      expect(plain.status).toBe(401);
      // The signed form works as well.
      const signed = signRequest(urlVerification(challenge, TOKEN), { encryptKey: ENCRYPT_KEY, timestampSec: nowSec });
      expect(await (await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body })).json()).toEqual({ challenge });
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });
});
