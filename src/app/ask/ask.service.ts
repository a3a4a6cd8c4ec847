// Ad-hoc questions from chat or the CLI: load what the ask engine reads, answer, render as a card.
import { askQuestion } from '../../core/ask/answer.js';
import type { Answer, AskData, LatestEntry } from '../../core/ask/answer.types.js';
import { buildCustomerIndex, type CustomerIndex } from '../../core/ask/match-customer.js';
import { customTagVocabulary, type AskVocabulary } from '../../core/ask/vocabulary.js';
import type { CustomerScore, Grade } from '../../core/customer-risk/types.js';
import type { Locale } from '../../core/i18n.js';
import type { Customer, Member, Team } from '../../core/team.js';
import { forTeam, teamSettings } from '../settings/team-settings.js';
import { addWeeks, compareWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { CardSpec } from '../../ui/card.js';
import { askAnswerCard } from './ask-answer.view.js';
import { teamNow, type AppContext } from '../context.js';
import { ensureScored, latestReportWeek } from '../scoring/scoring.service.js';
import { missingRepIds } from '../weekly-report/missing-reps.js';
import { teamTagLabels } from '../shared/view-text.js';
import type { StoredEntry } from '../ports/repositories.port.js';

const TREND_WEEKS = 8;
const LATEST_ENTRY_LOOKBACK_WEEKS = 26;

// Building the pinyin index is the slow part of a question; rebuild only when customers change. Kept per
// storage (the one object every context of a process shares) and team.
const indexCache = new WeakMap<object, Map<number, { signature: string; index: CustomerIndex<Customer> }>>();

function customerIndex(ctx: AppContext, teamId: number, customers: readonly Customer[]): CustomerIndex<Customer> {
  const signature = `${customers.length}:${customers.reduce((h, c) => (h * 31 + c.id + c.name.length + c.aliases.length) % 1_000_000_007, 7)}`;
  let byTeam = indexCache.get(ctx.repos);
  if (!byTeam) indexCache.set(ctx.repos, (byTeam = new Map()));
  const cached = byTeam.get(teamId);
  if (cached && cached.signature === signature) return cached.index;
  const index = buildCustomerIndex(customers);
  byTeam.set(teamId, { signature, index });
  return index;
}

const vocabularyCache = new WeakMap<object, AskVocabulary>();

/** The team's custom tags as ask words, rebuilt only when the settings' custom tags change. */
function teamVocabulary(ctx: AppContext, teamId: number): AskVocabulary | undefined {
  const tags = teamSettings(ctx, teamId).scoring.customTags;
  if (!tags || Object.keys(tags).length === 0) return undefined;
  let hit = vocabularyCache.get(tags);
  if (!hit) vocabularyCache.set(tags, (hit = customTagVocabulary(tags)));
  return hit;
}

/** What the ask engine keeps of an entry: its week, values and custom field values. */
function latestEntry(e: StoredEntry): LatestEntry {
  return { week: e.week, values: e.values, ...(e.custom && Object.keys(e.custom).length > 0 ? { custom: e.custom } : {}) };
}

export function askData(ctx: AppContext, teamId: number): AskData {
  const { repos } = ctx;
  const customers = repos.customers.listCustomers(teamId);
  const week = latestReportWeek(ctx, teamId) ?? '1970-W01';
  const scores = ensureScored(ctx, teamId, week);
  const entriesLatest = new Map<number, LatestEntry>(
    repos.reports.latestEntries(teamId, addWeeks(week, -LATEST_ENTRY_LOOKBACK_WEEKS), week).map((e) => [e.customerId, latestEntry(e)]),
  );
  const history = new Map<number, Array<{ week: WeekId; index: number; grade: Grade | null }>>();
  for (const row of repos.scores.indexHistory(teamId, addWeeks(week, -(2 * TREND_WEEKS - 1)), week)) {
    let list = history.get(row.customerId);
    if (!list) history.set(row.customerId, (list = []));
    list.push({ week: row.week, index: row.index, grade: row.grade });
  }
  // Earlier weeks are read only when a question is about them ("上周", "since W40"), once each.
  const scoresCache = new Map<WeekId, CustomerScore[]>();
  const scoresAt = (w: WeekId): CustomerScore[] => {
    if (compareWeeks(w, week) > 0) return [];
    let s = scoresCache.get(w);
    if (!s) scoresCache.set(w, (s = w === week ? scores : ensureScored(ctx, teamId, w)));
    return s;
  };
  const entriesAt = (w: WeekId): Map<number, LatestEntry> => new Map(
    repos.reports.latestEntries(teamId, addWeeks(w, -LATEST_ENTRY_LOOKBACK_WEEKS), w).map((e) => [e.customerId, latestEntry(e)]),
  );
  const team = repos.teams.getTeam(teamId);
  const vocabulary = teamVocabulary(ctx, teamId);
  return {
    ...(vocabulary ? { vocabulary } : {}),
    customers,
    members: repos.teams.listMembers(teamId),
    scoresAt,
    entriesAt,
    missingAt: (w: WeekId) => missingRepIds(ctx, teamId, w),
    today: teamNow(ctx, team?.timezone ?? 'UTC').today,
    scores,
    entriesLatest,
    tasks: repos.tasks.listTasks(teamId),
    missingReps: missingRepIds(ctx, teamId, week),
    week,
    history,
    index: customerIndex(ctx, teamId, customers),
  };
}

export interface AskResult {
  answer: Answer;
  locale: Locale;
  card: CardSpec;
}

/** Answer a question for a member (null: an unknown chat user, who gets a polite refusal). */
export function ask(ctx: AppContext, teamId: number, asker: Member | null, text: string, locale?: Locale): AskResult {
  const data = askData(ctx, teamId);
  const result = askQuestion(text, data, { memberId: asker?.id ?? null, role: asker?.role ?? null }, locale);
  const card = askAnswerCard(result.answer, result.locale, { customFields: teamSettings(ctx, teamId).template.custom ?? [], tagLabels: teamTagLabels(teamSettings(ctx, teamId)) });
  return { answer: result.answer, locale: result.locale, card };
}

/** A team named in the question ("East: top 5 risks", "华东组 哪些客户逾期"): that team, and the question without its name. */
function namedTeam(teams: readonly Team[], text: string): { team: Team; rest: string } | null {
  const lower = text.toLowerCase();
  // Longest names first: "East China" before "East".
  for (const team of [...teams].sort((a, b) => b.name.length - a.name.length)) {
    const name = team.name.toLowerCase();
    const at = lower.indexOf(name);
    if (at < 0) continue;
    // A Latin name must stand as a word ("east" is not in "northeast").
    const before = lower[at - 1] ?? ' ';
    const after = lower[at + name.length] ?? ' ';
    if (/[a-z0-9]/i.test(name) && (/[a-z0-9]/i.test(before) || /[a-z0-9]/i.test(after))) continue;
    const rest = `${text.slice(0, at)} ${text.slice(at + name.length)}`.replace(/^[\s:：,，的]+|\s+$/g, '').replace(/\s+/g, ' ');
    if (rest) return { team, rest };
  }
  return null;
}

const inTeam = (result: AskResult, team: Team): AskResult => ({ ...result, card: { ...result.card, title: `${result.card.title} · ${team.name}` } });

/**
 * A question from someone who looks across teams (`teams`: their own first). A team named in it answers
 * it; else their own team does, and a customer not found there is looked for in the others (the first
 * team that knows the name answers, its name on the card).
 */
export function askAcrossTeams(ctx: AppContext, teams: readonly Team[], asker: Member, text: string, locale?: Locale): AskResult {
  const own = teams[0]!;
  const named = teams.length > 1 ? namedTeam(teams, text) : null;
  if (named) return inTeam(ask(forTeam(ctx, named.team.id), named.team.id, asker, named.rest, locale), named.team);
  const first = ask(forTeam(ctx, own.id), own.id, asker, text, locale);
  if (teams.length < 2 || first.answer.kind !== 'help' || first.answer.reason !== 'not_found') return first;
  for (const team of teams.slice(1)) {
    const other = ask(forTeam(ctx, team.id), team.id, asker, text, locale);
    if (other.answer.kind === 'customer' || other.answer.kind === 'candidates') return inTeam(other, team);
  }
  return first;
}
