// The dependency rules of DESIGN.md, checked by reading every import specifier.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir: string): string[] {
  const abs = join(ROOT, dir);
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return filesUnder(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
  /** Repo-relative target for relative imports, else the package name. */
  target: string;
}

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const out: Import[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const specifier = m[3]!;
    const target = specifier.startsWith('.')
      ? relative(ROOT, resolve(join(ROOT, dirname(file)), specifier))
      : specifier.startsWith('node:') ? specifier : specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    out.push({ file, specifier, typeOnly: Boolean(m[2]), target });
  }
  return out;
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

function violations(files: string[], allowed: (i: Import) => boolean): string[] {
  return files.flatMap(importsOf).filter((i) => !allowed(i)).map((i) => `${i.file} imports ${i.specifier}`);
}

describe('dependency rules', () => {
  it('finds the imports it checks (the checker itself works)', () => {
    const imports = importsOf('src/app/router.ts');
    expect(imports.some((i) => i.target === 'src/ui/action.js')).toBe(true);
    expect(filesUnder('src/core').length).toBeGreaterThan(20);
  });

  it('src/ui imports only itself', () => {
    expect(violations(filesUnder('src/ui'), (i) => under(i.target, 'src/ui'))).toEqual([]);
  });

  it('src/core imports only itself, zod, and pinyin-pro in the ask matcher', () => {
    expect(violations(filesUnder('src/core'), (i) =>
      under(i.target, 'src/core') || i.target === 'zod' || (i.target === 'pinyin-pro' && under(i.file, 'src/core/ask')))).toEqual([]);
  });

  it('src/app never imports storage, scheduler, config, runtime, adapters or a platform SDK', () => {
    const forbidden = ['src/storage', 'src/config', 'src/runtime', 'src/cli', 'adapters'];
    const sdks = ['@slack/bolt', '@slack/web-api', '@larksuiteoapi/node-sdk', 'better-sqlite3', 'drizzle-orm', 'node-cron'];
    expect(violations(filesUnder('src/app'), (i) => !forbidden.some((d) => under(i.target, d)) && !sdks.includes(i.target))).toEqual([]);
  });

  it('adapter renderers import only src/ui, their own render code and limits, and platform types', () => {
    for (const platform of ['slack', 'feishu']) {
      const dir = `adapters/${platform}/render`;
      expect(violations(filesUnder(dir), (i) =>
        under(i.target, 'src/ui') || under(i.target, dir) || i.target === `adapters/${platform}/limits.js` ||
        i.target === 'adapters/shared/fixed-text.js' || i.target === 'src/core/i18n.js' ||
        (i.typeOnly && (i.target.startsWith('@slack/') || i.target.startsWith('@larksuiteoapi/'))))).toEqual([]);
    }
  });

  it('src/chart-render imports only itself, src/ui, the root error and i18n, echarts, resvg, fontkit, the font and node built-ins', () => {
    expect(violations(filesUnder('src/chart-render'), (i) =>
      under(i.target, 'src/chart-render') || under(i.target, 'src/ui') || i.target.startsWith('node:') ||
      i.target === 'src/core/errors.js' || i.target === 'src/core/i18n.js' ||
      ['echarts', '@resvg/resvg-js', '@embedpdf/fonts-sc', 'fontkit'].includes(i.target))).toEqual([]);
  });

  it('adapters never import the chart renderer (a PNG renderer is injected at composition)', () => {
    expect(violations([...filesUnder('adapters/slack'), ...filesUnder('adapters/feishu')], (i) => !under(i.target, 'src/chart-render'))).toEqual([]);
  });

  it('both adapters have the same tree: transport/, inbound/, listeners/, render/, limits.ts, config.ts, index.ts', () => {
    for (const platform of ['slack', 'feishu']) {
      const top = readdirSync(join(ROOT, `adapters/${platform}`)).filter((n) => n.endsWith('.ts') || statSync(join(ROOT, `adapters/${platform}`, n)).isDirectory()).sort();
      expect(top, platform).toEqual(['config.ts', 'inbound', 'index.ts', 'limits.ts', 'listeners', 'render', 'transport']);
    }
  });

  it('adapters/shared is platform-neutral plumbing: no adapter, no platform SDK, no storage', () => {
    expect(filesUnder('adapters/shared').length).toBeGreaterThan(3);
    expect(violations(filesUnder('adapters/shared'), (i) =>
      !under(i.target, 'adapters/slack') && !under(i.target, 'adapters/feishu') && !under(i.target, 'src/storage') &&
      !i.target.startsWith('@slack/') && !i.target.startsWith('@larksuiteoapi/'))).toEqual([]);
  });

  it('each adapter reads an Answer in one place: only listeners/respond.ts looks at its parts', () => {
    // Listeners hand an Answer over whole (they may ask formOf: a modal opens before anything else).
    const readsParts = /\b(result|first|a|answer)\??\.(reply|update|fieldErrors|openForm|formDone|toast|privately)\b(?!\()/;
    expect(readsParts.test('if (result.update) x()'), 'the pattern finds a read').toBe(true);
    for (const platform of ['slack', 'feishu']) {
      const listeners = filesUnder(`adapters/${platform}/listeners`);
      expect(listeners).toContain(`adapters/${platform}/listeners/respond.ts`);
      const readers = listeners.filter((f) => !f.endsWith('/respond.ts') &&
        readFileSync(join(ROOT, f), 'utf8').split('\n').some((line) => !/^\s*(\/\/|\*)/.test(line) && readsParts.test(line)));
      expect(readers, platform).toEqual([]);
    }
  });

  it('adapters never import storage or each other', () => {
    expect(violations(filesUnder('adapters/slack'), (i) => !under(i.target, 'src/storage') && !under(i.target, 'adapters/feishu'))).toEqual([]);
    expect(violations(filesUnder('adapters/feishu'), (i) => !under(i.target, 'src/storage') && !under(i.target, 'adapters/slack'))).toEqual([]);
  });

  it('src/web (the dashboard) uses the app, core and ui, never storage, config, runtime, the CLI, adapters or a platform SDK', () => {
    const forbidden = ['src/storage', 'src/config', 'src/runtime', 'src/cli', 'adapters'];
    const sdks = ['@slack/bolt', '@slack/web-api', '@larksuiteoapi/node-sdk', 'better-sqlite3', 'drizzle-orm', 'node-cron'];
    expect(filesUnder('src/web').length).toBeGreaterThan(5);
    expect(violations(filesUnder('src/web'), (i) => !forbidden.some((d) => under(i.target, d)) && !sdks.includes(i.target))).toEqual([]);
  });

  it('src/app is organised by feature: no layer folders, only the shared top beside the features', () => {
    const top = readdirSync(join(ROOT, 'src/app'));
    const shared = ['router.ts', 'inbound.ts', 'answer.ts', 'radar-app.ts', 'context.ts', 'locale.ts', 'ports', 'interaction', 'shared'];
    const layerFolders = ['handlers', 'services', 'views', 'jobs', 'delivery'];
    expect(top.filter((name) => layerFolders.includes(name))).toEqual([]);
    const files = top.filter((name) => !statSync(join(ROOT, 'src/app', name)).isDirectory());
    expect(files.filter((name) => !shared.includes(name))).toEqual([]);
    for (const feature of ['weekly-report', 'follow-up', 'digest', 'ask', 'customer', 'schedule']) expect(top).toContain(feature);
  });

  it('handlers never import another handler or a job: the router dispatches, services are shared', () => {
    const handlers = filesUnder('src/app').filter((f) => f.endsWith('.handler.ts'));
    expect(handlers.length).toBeGreaterThanOrEqual(8);
    expect(violations(handlers, (i) => !i.target.endsWith('.handler.js') && !i.target.endsWith('.job.js'))).toEqual([]);
    // Each of the features the issue names holds its own handler.
    for (const feature of ['weekly-report', 'follow-up', 'digest', 'ask', 'customer', 'schedule']) {
      expect(handlers.some((f) => f.startsWith(`src/app/${feature}/`)), feature).toBe(true);
    }
  });

  it('no platform syntax in the app: mentions are stripped by each adapter', () => {
    const mentionSyntax = /<@\[?[A-Z]|@_user_/;
    const users = filesUnder('src/app').filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n')
      .some((line) => !/^\s*(\/\/|\*)/.test(line) && mentionSyntax.test(line)));
    expect(users).toEqual([]);
  });

  it('delivery, the scheduler, the HTTP server and logging live under src/runtime', () => {
    for (const gone of ['src/scheduler', 'src/server', 'src/logging', 'src/app/delivery']) {
      expect(() => statSync(join(ROOT, gone)), gone).toThrow();
    }
    for (const dir of ['delivery', 'scheduler', 'server', 'logging']) expect(filesUnder(`src/runtime/${dir}`).length).toBeGreaterThan(0);
  });

  it('user-facing strings come from message catalogs: no inline tr(locale, zh, en) in src/app, src/web or src/ui', () => {
    const code = (f: string) => readFileSync(join(ROOT, f), 'utf8').split('\n').filter((line) => !/^\s*(\/\/|\*)/.test(line));
    const calls = ['src/app', 'src/web', 'src/ui'].flatMap(filesUnder)
      .flatMap((f) => code(f).filter((line) => /(?<![\w.$])tr\(/.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(calls).toEqual([]);
    // The rule sees a call the way the views wrote them, and not a table row in an HTML template.
    expect(/(?<![\w.$])tr\(/.test("label: tr(locale, '客户', 'Customer')")).toBe(true);
    expect(/(?<![\w.$])tr\(/.test('html`<tr><td>${x}</td></tr>`; str(1); attr(2)')).toBe(false);
  });

  it('one way to read a LocalizedText: say(locale, text) — no t(), pick() or lt() helpers beside it', () => {
    const readers = /(?<![\w.$])(t|pick|lt)\((?!\))/;
    expect(readers.test('${t(L.index, locale)}')).toBe(true);
    expect(readers.test("say(locale, L.index); rng.pick(xs); split('t')")).toBe(false);
    const code = (f: string) => readFileSync(join(ROOT, f), 'utf8').split('\n').filter((line) => !/^\s*(\/\/|\/?\*)/.test(line));
    const calls = ['src', 'adapters'].flatMap(filesUnder)
      // match-customer.ts has its own pick() over ids, not a text reader.
      .filter((f) => f !== 'src/core/ask/match-customer.ts')
      .flatMap((f) => code(f).filter((line) => readers.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(calls).toEqual([]);
  });

  it('no platform is named outside its adapter and the composition (config, runtime start-up, CLI)', () => {
    // A third platform (tested with test/fixtures/memo-adapter) must need only its adapters/<name>/.
    const named = /['"`](slack|feishu)['"`.:]/;
    const places = ['src/core', 'src/app', 'src/ui', 'src/storage', 'src/web', 'src/runtime/delivery'].flatMap(filesUnder)
      .filter((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').some((line) => !/^\s*(\/\/|\/?\*)/.test(line) && named.test(line)));
    expect(places).toEqual([]);
  });

  it('only src/config reads process.env', () => {
    const readers = [...filesUnder('src'), ...filesUnder('adapters')]
      .filter((f) => !under(f, 'src/config') && readFileSync(join(ROOT, f), 'utf8').split('\n')
        .some((line) => !/^\s*(\/\/|\*)/.test(line) && /process\.env\b/.test(line)));
    // The CLI's entry passes the environment to loadConfig and reads RADAR_DEBUG for stack traces.
    expect(readers.filter((f) => f !== 'src/cli/main.ts' && f !== 'src/cli/context.ts')).toEqual([]);
  });
});

/** Source text without comments: block comments removed, comment lines dropped. */
function codeOf(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n');
}

const CLASS_RE = /\bclass\s+([A-Za-z_$][\w$]*)\s+extends\s+([A-Za-z_$][\w$.]*)/g;
const BUILT_IN_ERRORS = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'];

interface ClassDecl { file: string; name: string; base: string }

function classesIn(files: string[]): ClassDecl[] {
  return files.flatMap((file) => [...codeOf(file).matchAll(CLASS_RE)].map((m) => ({ file, name: m[1]!, base: m[2]! })));
}

/** Where each subsystem's errors derive from (src/core/errors.ts describes the hierarchy). */
const SUBSYSTEM_BASES: Record<string, string> = {
  CoreError: 'src/core/errors.ts',
  StorageError: 'src/storage/errors.ts',
  AppError: 'src/app/shared/app-error.ts',
  PlatformError: 'src/app/ports/platform-error.ts',
  ConfigError: 'src/config/env.ts',
  CliError: 'src/cli/cli-error.ts',
  RadarRuntimeError: 'src/runtime/errors.ts',
  ChartRenderError: 'src/chart-render/errors.ts',
  WebError: 'src/web/errors.ts',
};

describe('error rules', () => {
  const sources = () => [...filesUnder('src'), ...filesUnder('adapters')];

  it('never throws (or builds) a bare Error in src/ or adapters/: a subsystem error with a code and a user message instead', () => {
    const bare = sources().flatMap((file) => codeOf(file).split('\n')
      .filter((line) => /\bthrow\s+(new\s+)?Error\s*\(|\bnew\s+Error\s*\(/.test(line)).map((line) => `${file}: ${line.trim()}`));
    expect(bare).toEqual([]);
  });

  it('only RadarError extends Error; every other error class derives from it through its subsystem base', () => {
    const classes = classesIn(sources());
    expect(classes.some((c) => c.name === 'ChatDeliveryError' && c.base === 'PlatformError')).toBe(true);
    const builtIn = classes.filter((c) => BUILT_IN_ERRORS.includes(c.base)).map((c) => `${c.file}: ${c.name} extends ${c.base}`);
    expect(builtIn).toEqual(['src/core/errors.ts: RadarError extends Error']);
    // The direct children of RadarError are exactly the subsystem bases, each in its subsystem.
    const roots = classes.filter((c) => c.base === 'RadarError').map((c) => `${c.file}: ${c.name}`).sort();
    expect(roots).toEqual(Object.entries(SUBSYSTEM_BASES).map(([name, file]) => `${file}: ${name}`).sort());
    // Whatever is named like an error reaches RadarError (a class extending a foreign error would not).
    const baseOf = new Map(classes.map((c) => [c.name, c.base]));
    const reachesRoot = (name: string, seen = new Set<string>()): boolean => {
      if (name === 'RadarError') return true;
      const base = baseOf.get(name);
      if (!base || seen.has(name)) return false;
      seen.add(name);
      return reachesRoot(base, seen);
    };
    const stray = classes.filter((c) => /Error$/.test(c.name) && !reachesRoot(c.name));
    expect(stray.map((c) => `${c.file}: ${c.name} extends ${c.base}`)).toEqual([]);
  });
});
