// How tests assert, checked by reading every test source: no expect() that an `if` can skip, and no
// substring search in a stringified card or payload (it also matches action ids, values, urls and keys)
// unless the line says why the whole payload is the point (`// whole-payload: …`, e.g. a secret or
// another person's data must appear nowhere).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = 'test/test-hygiene.test.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** `if (…) expect(` or `if (…) { expect(` on one line: the assertion runs only when the condition holds. */
const GUARDED_EXPECT = /\bif\s*\(.*\)\s*\{?\s*expect(\.soft)?\(/;
/** `JSON.stringify(…)` searched with toContain / toMatch (or their negations) on one line. */
const STRINGIFY_SEARCH = /JSON\.stringify\(.*\)\s*(\.not)?\.to(Contain|Match)\(/;
const WHOLE_PAYLOAD = '// whole-payload:';

/** Every offending line of `source`, as `file:line: text`. */
function hygieneViolations(file: string, source: string): string[] {
  const lines = source.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}: ${line.trim()}`;
    if (GUARDED_EXPECT.test(line)) out.push(`${at}  (assert the condition, then narrow: test/support/expect-kind.ts)`);
    if (STRINGIFY_SEARCH.test(line) && !line.includes(WHOLE_PAYLOAD) && !(lines[i - 1] ?? '').includes(WHOLE_PAYLOAD)) {
      out.push(`${at}  (find the block or element that holds the text: test/support/cards.ts; or say why with ${WHOLE_PAYLOAD})`);
    }
  });
  return out;
}

const checked = () => filesUnder('test').filter((f) => f !== SELF);

describe('test hygiene', () => {
  it('the checker finds what it is meant to find, and only that', () => {
    const bad = [
      "    if (d.kind === 'fail') expect(d.reason).toContain('x');",
      '    if (r.ok) { expect(r.value).toBe(1); }',
      "    expect(JSON.stringify(card)).toContain('华星科技');",
      "    expect(JSON.stringify(card.blocks)).not.toMatch(/secret/);",
    ].join('\n');
    expect(hygieneViolations('bad.ts', bad)).toHaveLength(4);
    const good = [
      "    expect(expectKind(d, 'fail').reason).toContain('x');",
      '    if (!decoded) throw new Error(`undecodable ${JSON.stringify(b)}`);',
      "    expect(cardTexts(card)).toContain('华星科技');",
      '    // whole-payload: the token must appear nowhere in what was sent',
      '    expect(JSON.stringify(sent)).not.toContain(TOKEN);',
      "    expect(JSON.stringify(note)).not.toContain(NAME); // whole-payload: nothing about the customer",
    ].join('\n');
    expect(hygieneViolations('good.ts', good)).toEqual([]);
    expect(checked().length).toBeGreaterThan(150);
  });

  it('no test guards an expect() with an if, or searches a stringified payload without saying why', () => {
    const violations = checked().flatMap((f) => hygieneViolations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(violations).toEqual([]);
  });
});
