// Resolves names left in a question: a customer among those the asker may see (so a rep asking about
// someone else's customer gets exactly what an unknown name gets), or a team member by name, email,
// pinyin or initials (李伟 ↔ Li Wei, lw).
import type { Customer, Member } from '../team.js';
import { buildCustomerIndex, matchCustomer, type CustomerIndex, type MatchResult, type NamedRecord } from './match-customer.js';
import { compactName } from './name-folding.js';

/**
 * The customer meant by the first query that names one (fuller forms first), within `index`, which
 * must hold only customers the asker may see. Exact names win; then a lone fuzzy match; then candidates.
 */
export function findCustomer(queries: readonly string[], index: CustomerIndex<Customer>): MatchResult<Customer> {
  const tries = [...new Set(queries.map((q) => q.trim()).filter(Boolean))];
  const results = tries.map((q) => matchCustomer(q, index));
  for (const r of results) if (r.kind === 'one') return r;
  for (const r of results) if (r.kind === 'many') return r;
  return results[0] ?? { kind: 'none', suggestions: [] };
}

const visibleIndexCache = new WeakMap<readonly Customer[], CustomerIndex<Customer>>();

/** The matching index over what the asker sees: the prebuilt one for the whole book, else a small one. */
export function visibleIndex(visible: readonly Customer[], all: boolean, prebuilt: CustomerIndex<Customer> | undefined): CustomerIndex<Customer> {
  if (all && prebuilt) return prebuilt;
  let idx = visibleIndexCache.get(visible);
  if (!idx) visibleIndexCache.set(visible, (idx = buildCustomerIndex(visible)));
  return idx;
}

/** Initials of a Latin name's words: "Zhang Min" → "zm"; empty for one word. */
function latinInitials(name: string): string {
  const words = name.normalize('NFKC').toLowerCase().match(/[a-z]+/g) ?? [];
  return words.length >= 2 ? words.map((w) => w[0]).join('') : '';
}

/** Members named by `who`: one, a few look-alikes (Wang Fang the rep and 财务 王芳 Wang Fang), or none. */
export function findMembers(who: string, members: readonly Member[]): Member[] {
  if (!compactName(who)) return [];
  const people: NamedRecord[] = members.map((m) => ({
    id: m.id, name: m.name, aliases: [m.email.split('@')[0] ?? '', latinInitials(m.name)].filter((a) => a.length >= 2),
  }));
  const found = matchCustomer(who, people);
  const byId = new Map(members.map((m) => [m.id, m] as const));
  const ids = found.kind === 'one' ? [found.customer.id] : found.kind === 'many' && found.candidates.length <= 4 ? found.candidates.map((p) => p.id) : [];
  return ids.map((id) => byId.get(id)).filter((m): m is Member => m !== undefined);
}
