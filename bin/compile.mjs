// Compiles src/ and adapters/ to plain JavaScript under dist/ (one file per source file, no bundling),
// so the `radar` command starts without a TypeScript loader. Run by `npm ci` (prepare) and again by
// bin/radar.mjs whenever a source file is newer than the last build. No type checking here: that is
// `npm run typecheck`'s job.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const SOURCES = ['src', 'adapters', 'migrations'];
const STAMP = join(DIST, '.built-at');

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** The newest modification time among the sources (ms), to tell whether dist/ is stale. */
export function newestSource() {
  let newest = 0;
  for (const dir of SOURCES) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const file of walk(abs)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

export function isFresh() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();
}

export async function compile() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const entryPoints = ['src', 'adapters'].flatMap((dir) => walk(join(ROOT, dir)).filter((f) => f.endsWith('.ts')));
  // Files are overwritten in place (not removed first), so a radar already running from dist/ keeps working.
  await build({
    entryPoints,
    outdir: DIST,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Files the code reads relative to itself (the migrations) keep their place beside the compiled tree.
  cpSync(join(ROOT, 'migrations'), join(DIST, 'migrations'), { recursive: true });
  mkdirSync(DIST, { recursive: true });
  writeFileSync(join(DIST, 'package.json'), '{"type":"module"}\n');
  writeFileSync(STAMP, new Date(started).toISOString());
  return { files: entryPoints.length, ms: Date.now() - started, out: relative(ROOT, DIST) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await compile();
  process.stderr.write(`compiled ${r.files} files to ${r.out}/ in ${r.ms} ms\n`);
}
