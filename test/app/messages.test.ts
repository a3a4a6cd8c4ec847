// The message catalogs (`*.messages.ts` under src/app, src/web and src/ui): every entry has a zh and an en
// text, the zh one is Chinese, and no text is written twice — a string two features share lives in
// src/app/shared/common.messages.ts (or src/web/pages/pages.messages.ts for the dashboard pages).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIMENSION_NAME, L, ROLE_LABEL, STATE_LABEL, TAG_LABEL } from '../../src/app/shared/view-text.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function catalogFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return catalogFiles(path);
    return name.endsWith('.messages.ts') ? [path] : [];
  });
}

interface Text { zh: string; en: string }

/**
 * A value that stands for any argument of a catalog function: it prints as `‹n›` in a template and has
 * the `zh`/`en` of a LocalizedText argument, so every function can be called without knowing its types.
 */
const placeholder = (n: number) => ({ zh: `‹zh${n}›`, en: `‹en${n}›`, toString: () => `‹${n}›` });

interface Entry { id: string; file: string; text: Text; literal: boolean }

async function loadEntries(): Promise<Entry[]> {
  const files = ['src/app', 'src/web', 'src/ui'].flatMap(catalogFiles);
  const out: Entry[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
    for (const [name, catalog] of Object.entries(mod)) {
      if (typeof catalog !== 'object' || catalog === null) continue; // types compile away; nothing else is exported
      for (const [key, value] of Object.entries(catalog)) {
        const literal = typeof value !== 'function';
        const text = (literal ? value : (value as (...a: unknown[]) => unknown)(...Array.from({ length: value.length }, (_, i) => placeholder(i)))) as Text;
        out.push({ id: `${name}.${key}`, file, text, literal });
      }
    }
  }
  return out;
}

const entries = await loadEntries();

/** zh texts that are rightly empty: a Chinese affix English word order does not need. */
const EMPTY_EN = new Set(['followUpText.claimedSuffix', 'settingsText.invalidPrefix']);
/** zh texts without a Chinese character: the value is the whole zh phrase (the en one adds a word). */
const NO_CJK_ZH = new Set(['askText.onCustomers']);

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

describe('message catalogs', () => {
  it('finds the catalogs of every feature (the loader itself works)', () => {
    const files = new Set(entries.map((e) => relative(ROOT, join(ROOT, e.file))));
    for (const f of ['src/app/digest/digest.messages.ts', 'src/app/ask/ask.messages.ts', 'src/app/settings/settings.messages.ts',
      'src/app/shared/common.messages.ts', 'src/web/pages/pages.messages.ts', 'src/ui/ui.messages.ts']) expect(files).toContain(f);
    expect(entries.length).toBeGreaterThan(400);
    expect(entries.filter((e) => !e.literal).length).toBeGreaterThan(100);
  });

  it('every entry is a zh/en pair of strings, neither empty (except the listed zh-only affixes)', () => {
    const bad = entries.filter((e) => typeof e.text?.zh !== 'string' || typeof e.text?.en !== 'string' ||
      e.text.zh.trim() === '' || (e.text.en.trim() === '' && !EMPTY_EN.has(e.id)));
    expect(bad.map((e) => e.id)).toEqual([]);
    for (const id of EMPTY_EN) expect(entries.find((e) => e.id === id)?.text.en).toBe('');
  });

  it('every zh text is Chinese: a CJK character or full-width punctuation (except the listed values)', () => {
    const bad = entries.filter((e) => !CJK.test(e.text.zh) && !NO_CJK_ZH.has(e.id));
    expect(bad.map((e) => `${e.id}: ${e.text.zh}`)).toEqual([]);
    for (const id of NO_CJK_ZH) expect(entries.some((e) => e.id === id)).toBe(true);
  });

  it('no entry is the same text in both languages (a locale-independent string needs no catalog)', () => {
    expect(entries.filter((e) => e.text.zh === e.text.en).map((e) => e.id)).toEqual([]);
  });

  it('no two keys of one catalog hold the same text', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const e of entries) {
      const catalog = e.id.split('.')[0]!;
      const k = `${catalog}\u0000${e.text.zh}\u0000${e.text.en}`;
      const first = seen.get(k);
      if (first) dupes.push(`${first} = ${e.id}`);
      else seen.set(k, e.id);
    }
    expect(dupes).toEqual([]);
  });

  it('a text lives in one catalog only: strings several features share are in common.messages.ts', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const e of entries) {
      const k = `${e.text.zh}\u0000${e.text.en}`;
      const first = seen.get(k);
      if (first) dupes.push(`${first} = ${e.id}`);
      else seen.set(k, e.id);
    }
    expect(dupes).toEqual([]);
  });

  it("no entry repeats a label of view-text's tables (L, STATE_LABEL, ROLE_LABEL, TAG_LABEL, DIMENSION_NAME): use the table", () => {
    const tables = { L, STATE_LABEL, ROLE_LABEL, TAG_LABEL, DIMENSION_NAME } as Record<string, Record<string, Text>>;
    const labels = new Map(Object.entries(tables).flatMap(([name, table]) =>
      Object.entries(table).map(([key, t]) => [`${t.zh}\u0000${t.en}`, `${name}.${key}`] as const)));
    expect(entries.filter((e) => labels.has(`${e.text.zh}\u0000${e.text.en}`)).map((e) => `${e.id} = ${labels.get(`${e.text.zh}\u0000${e.text.en}`)}`)).toEqual([]);
  });
});
