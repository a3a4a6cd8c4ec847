// Reading failures: for a few held-out seeds, every false alarm (healthy customer flagged in any scored week)
// by primary tag, segment and rep habit, and a sample of them with their reasons. Usage: npx tsx …/diagnose.ts 1 2 3
import { scoreHistory } from '../../../../src/core/customer-risk/score-week.js';
import { recordsToScoreArgs } from '../../../../src/core/simulate/to-score-args.js';
import { simulateBook } from '../../../../src/core/simulate/simulate-book.js';
import { holdoutBook } from './holdout-book.js';

const argv = process.argv.slice(2);
const gen = argv.includes('--first') ? 'first' : 'holdout';
const showMisses = argv.includes('--misses');
const seeds = argv.filter((a) => /^\d+$/.test(a)).map(Number);
const counts = new Map<string, number>();
const samples: string[] = [];
for (const seed of seeds) {
  const book = gen === 'first' ? { ...simulateBook({ seed }), about: new Map() } : holdoutBook({ seed });
  const args = recordsToScoreArgs(book.records);
  const scores = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[8]!, to: book.endWeek });
  const planted = new Map(book.truth.map((t) => [t.customer, t]));
  for (const [week, list] of scores) {
    for (const s of list) {
      const name = args.nameOf.get(s.customerId)!;
      const a = book.about.get(name) as { segment: string; habit: string } | undefined;
      if (!s.grade || planted.has(name)) continue;
      const key = `${s.tags[0]} | ${a?.segment ?? '?'} | ${a?.habit ?? '?'}${week === book.endWeek ? ' | LAST' : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (samples.length < 400) samples.push(`${seed} ${week} ${name} [${a?.segment}/${a?.habit}] ${s.index} ${s.grade} ${s.tags.join(',')}: ${s.reasons.map((r) => r.en).join(' | ')}`);
    }
  }
  if (showMisses) {
    const last = scores.get(book.endWeek)!;
    for (const t of book.truth) {
      const id = args.idOf.get(t.customer)!;
      const s = last.find((x) => x.customerId === id);
      if (s?.grade) continue;
      const a = book.about.get(t.customer) as { segment: string; habit: string } | undefined;
      const recs = book.records.filter((r) => r.customer === t.customer).slice(-6)
        .map((r) => `${r.week.slice(5)} c${r.contacts} rev${r.revenue} od${r.overdueDays} cp${r.complaints} rq${r.requirementChanges} f${r.faults} u:${r.usage} ${r.stage} ${r.expectedClose ?? ''} lc${r.lastContact ?? '-'}`);
      console.log(`MISS ${seed} ${t.tag} onset ${t.onsetWeek} ${t.customer} [${a?.segment}/${a?.habit}] idx ${s?.index} ${s?.tags.join(',')} : ${s?.reasons.map((r) => r.en).join(' | ')}\n    ${recs.join('\n    ')}`);
    }
  }
}
console.log([...counts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(5)}  ${k}`).join('\n'));
if (argv.includes('--samples')) console.log(samples.join('\n'));
