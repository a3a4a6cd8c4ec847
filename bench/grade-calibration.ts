// How many flags are grade A, and how often the index saturates, on simulated books (issue 11.1).
// Not a timing bench: it prints the A share of flags (last week of each book, and pooled over every week)
// per config variant, so the default can be calibrated to "A ≈ the top fifth of flags".
//   npx tsx bench/grade-calibration.ts [seeds=8] [variant=default|all]
import { simulateBook, recordsToScoreArgs } from '../src/core/simulate/index.js';
import { scoreHistory } from '../src/core/customer-risk/score-week.js';
import { parseScoringConfig, type ScoringConfig } from '../src/core/customer-risk/weights.js';

const seeds = Number(process.argv[2] ?? 8);
const which = process.argv[3] ?? 'default';
const variants: Record<string, unknown> = which === 'all'
  ? {
    'old (A 75, key 60, 6 weeks)': { grades: { A: 75 }, keyAccount: { escalateFrom: 60 }, escalateAfterWeeks: 6 },
    'A 95 key 75 w8': { grades: { A: 95 }, keyAccount: { escalateFrom: 75 }, escalateAfterWeeks: 8 },
    'A 92 key 75 w8': { grades: { A: 92 }, keyAccount: { escalateFrom: 75 }, escalateAfterWeeks: 8 },
    'A 94 key 75 w8': { grades: { A: 94 }, keyAccount: { escalateFrom: 75 }, escalateAfterWeeks: 8 },
    'A 95 key 75 w6': { grades: { A: 95 }, keyAccount: { escalateFrom: 75 } },
    'A 98 key 75 w8': { grades: { A: 98 }, keyAccount: { escalateFrom: 75 }, escalateAfterWeeks: 8 },
    'A 100 key 75 w8': { grades: { A: 100 }, keyAccount: { escalateFrom: 75 }, escalateAfterWeeks: 8 },
    'A 100 key 85 w10': { grades: { A: 100 }, keyAccount: { escalateFrom: 85 }, escalateAfterWeeks: 10 },
  }
  : { default: {} };

for (const [name, raw] of Object.entries(variants)) {
  const cfg: ScoringConfig = parseScoringConfig(raw);
  const why = { index: 0, hard: 0, key: 0, persistent: 0 };
  let lastFlags = 0, lastA = 0, allFlags = 0, allA = 0, at100 = 0, scored = 0, maxTies = 0;
  const perSeed: string[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const book = simulateBook({ seed });
    const args = recordsToScoreArgs(book.records);
    const byWeek = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[0]!, to: book.endWeek, config: cfg });
    for (const [week, scores] of byWeek) {
      const flags = scores.filter((s) => s.grade !== null);
      const a = flags.filter((s) => s.grade === 'A').length;
      allFlags += flags.length;
      allA += a;
      if (week === book.endWeek) {
        lastFlags += flags.length;
        lastA += a;
        const top = scores.filter((s) => s.index >= 100).length;
        at100 += top;
        scored += scores.length;
        maxTies = Math.max(maxTies, top);
        perSeed.push(`${a}/${flags.length}`);
        for (const s of flags) {
          if (s.grade !== 'A') continue;
          const notes = s.reasons.map((r) => r.en).join(' ');
          if (/grade A$|: grade A/.test(notes) && /overdue \(≥/.test(notes)) why.hard++;
          else if (notes.includes('Key account')) why.key++;
          else if (notes.includes('in a row')) why.persistent++;
          else why.index++;
        }
      }
    }
  }
  const pct = (x: number, n: number) => (n ? `${((100 * x) / n).toFixed(1)}%` : '—');
  console.log(`${name.padEnd(28)} A share of flags: last week ${pct(lastA, lastFlags)} (${lastA}/${lastFlags}), all weeks ${pct(allA, allFlags)}; ` +
    `index 100: ${at100}/${scored} customers in the last weeks (max ${maxTies} in one book); per seed ${perSeed.join(' ')}; last-week A by ${JSON.stringify(why)}`);
}
