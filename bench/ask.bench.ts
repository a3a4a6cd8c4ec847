// Benchmark: matching a question's customer among 20,000 (fuzzy name, alias, pinyin, typos) through the
// prebuilt index. Prints the index build and per-question times, a bare baseline measured in the same run
// (a linear scan testing each name with String.includes), and the ratio. Run: npx tsx bench/ask.bench.ts
import { performance } from 'node:perf_hooks';
import { buildCustomerIndex, matchCustomer } from '../src/core/ask/match-customer.js';
import type { Customer } from '../src/core/team.js';

const N = Number(process.env.CUSTOMERS ?? 20_000);
const ROUNDS = 20;
const PREFIX = ['华星', '长城', '东方', '海纳', '瑞丰', '天成', '正源', '恒通', '永信', '蓝海'];
const SUFFIX = ['科技', '物流', '制造', '医疗', '软件', '实业'];
const LATIN = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Soylent', 'Tyrell', 'Wayne', 'Stark', 'Hooli', 'Vandelay'];

const customers: Customer[] = Array.from({ length: N }, (_, i) => ({
  id: i + 1, teamId: 1, ownerRepId: null, industry: null, region: null, tier: 'normal', since: null, aliases: [],
  name: i % 2 === 0 ? `${PREFIX[i % PREFIX.length]}${SUFFIX[(i >> 3) % SUFFIX.length]}${i}号` : `${LATIN[i % LATIN.length]} ${i} Ltd`,
}));
customers.push({ ...customers[0]!, id: N + 1, name: '腾达电子', aliases: ['TD'] });
const questions = ['腾达电子', 'tengda', 'tdz', 'Acme 4241 Ltd', 'acme 4241', 'acmee 4241', '华星科技4号', 'huaxing', '不存在的客户', 'zzzz'];

let t = performance.now();
const index = buildCustomerIndex(customers);
const buildMs = performance.now() - t;
for (const q of questions) matchCustomer(q, index); // warm up

t = performance.now();
for (let r = 0; r < ROUNDS; r++) for (const q of questions) matchCustomer(q, index);
const perQuestion = (performance.now() - t) / (ROUNDS * questions.length);

t = performance.now();
let hits = 0;
for (let r = 0; r < ROUNDS; r++) for (const q of questions) for (const c of customers) if (c.name.includes(q)) hits++;
const baseline = (performance.now() - t) / (ROUNDS * questions.length);

console.log(`index build for ${N} customers: ${buildMs.toFixed(0)} ms (once per change of the customer list)`);
console.log(`match per question: ${perQuestion.toFixed(2)} ms`);
console.log(`baseline (linear String.includes scan of all names): ${baseline.toFixed(2)} ms per question (${hits} hits)`);
console.log(`ratio: ${(perQuestion / baseline).toFixed(2)}x`);
