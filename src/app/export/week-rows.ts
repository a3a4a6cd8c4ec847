// The rows of a week's export: each entry joined with its customer, rep and that week's score.
// Column names are the import format (so an export re-imports cleanly) plus the score columns.
import { say, type Locale } from '../../core/i18n.js';
import { DEFAULT_TEMPLATE, type FieldId, type ReportTemplate } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Repositories } from '../ports/repositories.port.js';
import { columnLabel, IDENTITY_COLUMNS, SCORE_COLUMNS, TIER_OPTIONS } from '../../core/weekly-report/columns.js';
import { tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';

export { SCORE_COLUMNS } from '../../core/weekly-report/columns.js';

export type Cell = string | number | null;

export interface WeekExport {
  week: WeekId;
  locale: Locale;
  columns: string[];
  rows: Cell[][];
}

/**
 * The identity columns, the built-in fields, the team's custom fields (by id), then the score columns. The
 * `team` column only when asked (the database has more than one team): single-team files stay as they were.
 */
export function exportColumns(template: ReportTemplate = DEFAULT_TEMPLATE, withTeam = false): string[] {
  const identity = IDENTITY_COLUMNS.filter((c) => withTeam || c !== 'team');
  return [...identity, ...template.fields.map((f) => f.id), ...(template.custom ?? []).map((f) => f.id), ...SCORE_COLUMNS];
}

/** Highest risk first, then unscored; ties by customer name and rep. Set-based: five queries in all. */
export function weekRows(repos: Repositories, teamId: number, week: WeekId, template: ReportTemplate = DEFAULT_TEMPLATE, lang?: Locale): WeekExport {
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} does not exist`, { userMessage: TEAM_NOT_FOUND });
  const locale = lang ?? team.locale;
  // With several teams in the database a file names its team, so it re-imports there whatever --team says.
  const withTeam = repos.teams.listTeams().length > 1;
  const members = new Map(repos.teams.listMembers(teamId).map((m) => [m.id, m]));
  const customers = new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c]));
  const scores = new Map(repos.scores.scoresForWeek(teamId, week).map((s) => [s.customerId, s]));
  const fieldIds: FieldId[] = template.fields.map((f) => f.id);
  const customIds = (template.custom ?? []).map((f) => f.id);

  const joined = repos.reports.entriesForWeek(teamId, week).map((e) => {
    const customer = customers.get(e.customerId);
    const rep = members.get(e.repId);
    const score = scores.get(e.customerId) ?? null;
    return { e, customer, rep, score };
  });
  joined.sort((a, b) => (b.score?.index ?? -1) - (a.score?.index ?? -1)
    || (a.customer?.name ?? '').localeCompare(b.customer?.name ?? '')
    || (a.rep?.email ?? '').localeCompare(b.rep?.email ?? ''));

  const rows = joined.map(({ e, customer, rep, score }) => {
    const reason = score?.reasons[0];
    return [
      ...(withTeam ? [team.name] : []), e.week, rep?.email ?? null, rep?.name ?? null, customer?.name ?? null, customer?.industry ?? null, customer?.region ?? null,
      customer?.tier ?? null, customer?.since ?? null, e.carried ? 'yes' : null,
      ...fieldIds.map((id) => e.values[id] as Cell),
      ...customIds.map((id) => e.custom?.[id] ?? null),
      score ? Math.round(score.index * 10) / 10 : null, score?.grade ?? null, score ? score.tags.join(';') : null,
      reason ? say(locale, reason) : null,
    ];
  });
  return { week, locale, columns: exportColumns(template, withTeam), rows };
}

/** The same rows for people: headers and choice values in their language (the ids stay in the id sheet). */
export function localizeRows(data: WeekExport, template: ReportTemplate = DEFAULT_TEMPLATE, tags: TagLabels = BUILT_IN_TAG_LABELS): { columns: string[]; rows: Cell[][] } {
  const { locale } = data;
  const valueLabel: Array<((v: string) => string) | null> = data.columns.map((id) => {
    const field = template.fields.find((f) => f.id === id);
    const custom = template.custom?.find((f) => f.id === id);
    const options = field?.kind === 'choice' ? field.options : custom?.kind === 'select' ? custom.options : id === 'tier' ? TIER_OPTIONS : undefined;
    if (options) return (v: string) => options.find((o) => o.value === v)?.label[locale] ?? v;
    if (id === 'carried') return (v: string) => (v === 'yes' && locale === 'zh' ? '是' : v);
    if (id === 'tags') {
      return (v: string) => v.split(';').map((tag) => tagLabel(tag, locale, tags)).join(locale === 'zh' ? '、' : ', ');
    }
    return null;
  });
  return {
    columns: data.columns.map((id) => columnLabel(template, id, locale)),
    rows: data.rows.map((row) => row.map((cell, i) => (typeof cell === 'string' && valueLabel[i] ? valueLabel[i]!(cell) : cell))),
  };
}
