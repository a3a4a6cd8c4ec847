// Benchmark `ask`: finding a question's customer among 60,000 names (fuzzy name, alias, pinyin initials,
// typos, no match) through the prebuilt index; the row is the p99 per question. Baseline, same run: a
// linear String.includes scan of all names per question (p99). Also reported: the index build time.
// Target: figure (p99) < 20 ms. Run: npx tsx bench/ask.bench.ts [--customers 60000] [--rounds 30] [--json]
import { performance } from 'node:perf_hooks';
import { buildCustomerIndex, matchCustomer } from '../src/core/ask/match-customer.js';
import type { Customer } from '../src/core/team.js';
import { note, percentile, sizeFlags } from './support/args.js';
import { benchRow, printRows } from './support/rows.js';

const flags = sizeFlags();
const n = flags.int('customers', 60_000, 2_000);
const rounds = flags.int('rounds', 30, 3);
const PREFIX = ['华星', '长城', '东方', '海纳', '瑞丰', '天成', '正源', '恒通', '永信', '蓝海'];
const SUFFIX = ['科技', '物流', '制造', '医疗', '软件', '实业'];
const LATIN = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Soylent', 'Tyrell', 'Wayne', 'Stark', 'Hooli', 'Vandelay'];

const customers: Customer[] = Array.from({ length: n }, (_, i) => ({
  id: i + 1, teamId: 1, ownerRepId: null, industry: null, region: null, tier: 'normal', since: null, aliases: [],
  name: i % 2 === 0 ? `${PREFIX[i % PREFIX.length]}${SUFFIX[(i >> 3) % SUFFIX.length]}${i}号` : `${LATIN[i % LATIN.length]} ${i} Ltd`,
}));
customers.push({ ...customers[0]!, id: n + 1, name: '腾达电子', aliases: ['TD'] });
const questions = ['腾达电子', 'tengda', 'tdz', 'Acme 41 Ltd', 'acme 41', 'acmee 41', '华星科技4号', 'huaxing', '不存在的客户', 'zzzz'];

let t = performance.now();
const index = buildCustomerIndex(customers);
const buildMs = performance.now() - t;
for (const q of questions) matchCustomer(q, index); // warm up

const per: number[] = [];
for (let r = 0; r < rounds; r++) for (const q of questions) {
  t = performance.now();
  matchCustomer(q, index);
  per.push(performance.now() - t);
}
const bare: number[] = [];
let hits = 0;
for (let r = 0; r < rounds; r++) for (const q of questions) {
  t = performance.now();
  for (const c of customers) if (c.name.includes(q)) hits++;
  bare.push(performance.now() - t);
}
note(`ask: index build for ${n} customers ${buildMs.toFixed(0)} ms; baseline hits ${hits}`);
printRows([benchRow('ask p99', percentile(per, 99), percentile(bare, 99), { maxFigure: 20 }, { customers: n, p50: Number(percentile(per, 50).toFixed(2)), indexBuildMs: Math.round(buildMs) })]);
