// The Dockerfile and compose file cannot be built here (no container engine): keep them honest by
// checking what they name — every path copied into the image exists, the command it starts is the
// entry point `npm ci` compiles, and compose publishes the port the image exposes.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');

describe('deploy files', () => {
  it('copies only paths that exist, and starts the compiled entry point as a non-root user', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'adapters', 'migrations', 'bin']));
    for (const path of copied) expect(existsSync(join(ROOT, path)), path).toBe(true);
    const cmd = /^CMD \[(.+)\]$/m.exec(dockerfile)?.[1];
    expect(cmd).toBe('"node", "dist/src/main.js"');
    // bin/compile.mjs (npm's prepare step) writes dist/ from src/: the entry point's source is src/main.ts.
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    expect(readFileSync(join(ROOT, 'bin/compile.mjs'), 'utf8')).toMatch(/SOURCES = \['src', 'adapters', 'migrations'\]/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
  });

  it('compose publishes the exposed port and keeps the database in a volume', () => {
    const exposed = /^EXPOSE (\d+)$/m.exec(dockerfile)?.[1];
    expect(compose).toContain(`"${exposed}:${exposed}"`);
    expect(compose).toMatch(/RADAR_DB: \/data\/radar\.sqlite/);
    expect(compose).toMatch(/- radar-data:\/data/);
  });
});
