// Reading failures: for a few seeds of one generator, every false alarm (healthy customer flagged in any scored
// week) by primary tag (and, for held-out books, segment and rep habit), a sample with reasons, and with
// --misses the planted customers not flagged in the last week with their last six records.
// Usage: npx tsx …/diagnose.ts [--first|--literal] [--misses] [--samples] [--last] 1 2 3
import { scoreHistory } from '../../../../src/core/customer-risk/score-week.js';
import { recordsToScoreArgs } from '../../../../src/core/simulate/to-score-args.js';
import { makeBook, type Generator } from './eval-harness.js';
import { holdoutBook } from './holdout-book.js';

const argv = process.argv.slice(2);
const gen: Generator = argv.includes('--first') ? 'first' : argv.includes('--literal') ? 'literal' : 'holdout';
const showMisses = argv.includes('--misses');
const lastOnly = argv.includes('--last');
const seeds = argv.filter((a) => /^\d+$/.test(a)).map(Number);
const counts = new Map<string, number>();
const samples: string[] = [];
const fmt = (r: (typeof book)['records'][number]) =>
  `${r.week.slice(5)} c${r.contacts} rev${r.revenue} rcv${r.receivable} od${r.overdueDays} cp${r.complaints} rq${r.requirementChanges} f${r.faults} u:${r.usage} ${r.stage} ${r.expectedClose ?? ''} lc${r.lastContact ?? '-'} ${r.health}`;
let book = makeBook(gen, 0);
for (const seed of seeds) {
  book = makeBook(gen, seed);
  const about = gen === 'holdout' ? holdoutBook({ seed }).about : new Map<string, unknown>();
  const args = recordsToScoreArgs(book.records);
  const scores = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[8]!, to: book.endWeek });
  const planted = new Map(book.truth.map((t) => [t.customer, t]));
  const byName = new Map<string, typeof book.records>();
  for (const r of book.records) (byName.get(r.customer) ?? byName.set(r.customer, []).get(r.customer)!).push(r);
  for (const [week, list] of scores) {
    if (lastOnly && week !== book.endWeek) continue;
    for (const s of list) {
      const name = args.nameOf.get(s.customerId)!;
      const a = about.get(name) as { segment: string; habit: string } | undefined;
      if (!s.grade || planted.has(name)) continue;
      const key = `${s.tags[0]}${a ? ` | ${a.segment} | ${a.habit}` : ''}${week === book.endWeek ? ' | LAST' : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (samples.length < 400) {
        const recs = byName.get(name)!.filter((r) => r.week <= week).slice(-8).map(fmt);
        samples.push(`${seed} ${week} ${name} ${s.index} ${s.grade} ${s.tags.join(',')}: ${s.reasons.map((r) => r.en).join(' | ')}\n    ${recs.join('\n    ')}`);
      }
    }
  }
  if (showMisses) {
    const last = scores.get(book.endWeek)!;
    for (const t of book.truth) {
      const id = args.idOf.get(t.customer)!;
      const s = last.find((x) => x.customerId === id);
      if (s?.grade) continue;
      const recs = byName.get(t.customer)!.slice(-8).map(fmt);
      console.log(`MISS ${seed} ${t.tag} onset ${t.onsetWeek} ${t.customer} idx ${s?.index} ${s?.tags.join(',')} : ${s?.reasons.map((r) => r.en).join(' | ')}\n    ${recs.join('\n    ')}`);
    }
  }
}
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(5)}  ${k}`).join('\n'));
if (argv.includes('--samples')) console.log(samples.join('\n'));
