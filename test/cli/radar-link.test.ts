// `radar link` and `radar serve` as a user runs them (the public contract): serve the dashboard from a
// database file, print a link (its URL the last line of stdout), sign in with it, and revoke it with
// `radar link --revoke EMAIL` from another process: the link and the session cookie it gave are refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-link-'));
const db = join(dir, 'radar.sqlite');
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };

function radar(...args: string[]) {
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const line = (week: string, rep: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep, repName: rep.split('@')[0], customer, industry: 'software', region: '华东', tier: 'normal',
  contacts: 3, lastContact: '2026-09-30', revenue: 12000, receivable: 50000, overdueDays: 0, complaints: 0, complaintType: null,
  requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null, health: 'green', notes: '', ...over,
});

let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill('SIGTERM');
});

describe('radar link and radar serve', () => {
  it('a printed link signs in; --revoke EMAIL refuses that link and the session it gave, not anyone else\'s', async () => {
    const weeks = ['2026-W42', '2026-W43', '2026-W44'];
    writeFileSync(join(dir, 'h.jsonl'), `${weeks.flatMap((w, i) => [
      line(w, 'li.wei@example.com', '华星科技', { overdueDays: 70 + i * 7 }),
      line(w, 'wang.fang@example.com', '长城物流'),
    ]).join('\n')}\n`);
    expect(radar('import', join(dir, 'h.jsonl'), '--db', db).code).toBe(0);

    const port = await freePort();
    const base = `http://localhost:${port}`;
    const issued = radar('link', '--member', 'li.wei@example.com', '--port', String(port), '--db', db);
    expect(issued.code, issued.stderr).toBe(0);
    const link = issued.stdout.trim().split('\n').at(-1)!;
    expect(link.startsWith(`${base}/dashboard/signin/`)).toBe(true);
    const other = radar('link', '--member', 'wang.fang@example.com', '--port', String(port), '--db', db).stdout.trim().split('\n').at(-1)!;

    server = spawn(TSX, [join(ROOT, 'src/cli/main.ts'), 'serve', '--port', String(port), '--db', db], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((ok, fail) => {
      let err = '';
      const timer = setTimeout(() => fail(new Error(`serve did not start: ${err}`)), 60_000);
      server!.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('dashboard: http://localhost')) { clearTimeout(timer); ok(); }
      });
    });

    expect((await fetch(`${base}/dashboard/`, { redirect: 'manual' })).status).toBe(401);
    const signIn = async (url: string) => {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(303);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const cookie = await signIn(link);
    const otherCookie = await signIn(other);
    const page = await fetch(`${base}/dashboard/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('华星科技');

    const revoked = radar('link', '--revoke', 'li.wei@example.com', '--db', db);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('revoked every dashboard link and session of li.wei@example.com');

    const again = await fetch(`${base}/dashboard/`, { headers: { cookie }, redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(await again.text()).not.toContain('华星科技');
    const relink = await fetch(link, { redirect: 'manual' });
    expect(relink.status).toBe(401);
    expect(relink.headers.get('set-cookie')).toBeNull();
    expect(await relink.text()).toContain('data-notice="revoked"');
    // Someone else's session is untouched.
    expect((await fetch(`${base}/dashboard/`, { headers: { cookie: otherCookie } })).status).toBe(200);

    const unknown = radar('link', '--revoke', 'nobody@example.com', '--db', db);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no member with email "nobody@example.com"');
  }, 240_000);
});
