// `radar import`: weekly report records from JSON Lines or CSV into the team's book, through the
// Repositories port only. All or nothing: one transaction, any invalid record rolls everything back
// (unless skipInvalid, then the invalid lines are listed and the rest is written).
import { existsSync, statSync } from 'node:fs';
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import { normalizeName, type Customer, type Member, type Team } from '../../core/team.js';
import { DEFAULT_TEMPLATE, type ReportTemplate } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Repositories } from '../ports/repositories.port.js';
import { parseImportRecord, type ImportRecord, type RecordIssue } from './import-record.schema.js';
import { sourceName, sourceSize, type ImportSource } from './line-reader.js';
import { detectFormat, ImportFormatError, rawRecords, type ImportFormat } from './record-reader.js';

export type { ImportSource } from './line-reader.js';
export type { ImportFormat } from './record-reader.js';

/** One problem, located: file:line, the field, what was expected. */
export interface ImportIssue extends RecordIssue {
  file: string;
  line: number;
}

export interface ImportProgress {
  lines: number;
  records: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** The team to import into; default: ensureDefaultTeam(). */
  teamId?: number;
  skipInvalid?: boolean;
  /** Default: from the extension, else from the content. */
  format?: ImportFormat;
  template?: ReportTemplate;
  /** Called every `progressEvery` records and once at the end. */
  onProgress?: (p: ImportProgress) => void;
  progressEvery?: number;
  /** At most this many issues are listed (the count covers all). Default 100. */
  maxIssues?: number;
  /** ISO timestamp for updated_at / submitted_at. Default now. */
  now?: string;
}

export interface ImportResult {
  teamId: number;
  format: ImportFormat;
  /** Valid records read. */
  records: number;
  entries: { inserted: number; updated: number; unchanged: number };
  members: { created: number };
  customers: { created: number; updated: number };
  /** Invalid lines skipped (skipInvalid only), capped at maxIssues. */
  skipped: ImportIssue[];
  skippedCount: number;
  /** First and last week in the file, null when empty. */
  weeks: { from: WeekId; to: WeekId } | null;
  /** Scores from this week on were dropped for recomputation; null when nothing changed. */
  invalidatedFrom: WeekId | null;
}

export class ImportError extends Error {
  constructor(
    readonly code: 'invalid_records' | 'unreadable' | 'bad_format' | 'no_team',
    message: string,
    readonly issues: ImportIssue[],
    /** All invalid records, including those beyond the listed issues. */
    readonly invalidCount: number,
    readonly userMessage: LocalizedText,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

export const DEFAULT_TEAM = { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' as Locale };

/** The team imports go to when none is named: the first team, created with defaults if there is none. */
export function ensureDefaultTeam(repos: Repositories, defaults: { name: string; timezone: string; locale: Locale } = DEFAULT_TEAM): Team {
  return repos.teams.listTeams()[0] ?? repos.teams.ensureTeam(defaults);
}

/** `file:line: field: expected … (got …)` in one language. */
export function formatIssue(issue: ImportIssue, locale: Locale = 'en'): string {
  const got = issue.got === undefined ? '' : locale === 'zh' ? `（实际：${issue.got}）` : ` (got ${issue.got})`;
  return `${issue.file}:${issue.line}: ${issue.field}: ${issue.expected[locale]}${got}`;
}

export function importRecords(repos: Repositories, source: ImportSource, options: ImportOptions = {}): ImportResult {
  const file = sourceName(source);
  if (typeof source === 'string' && !existsSync(source)) {
    throw new ImportError('unreadable', `${file}: no such file`, [], 0, text(`找不到文件：${file}`, `File not found: ${file}`));
  }
  if (typeof source === 'string' && !statSync(source).isFile()) {
    throw new ImportError('unreadable', `${file}: not a file (give a .jsonl or .csv file)`, [], 0, text(`不是文件：${file}`, `Not a file: ${file}`));
  }
  const format = options.format ?? detectFormat(source);
  const template = options.template ?? DEFAULT_TEMPLATE;
  const maxIssues = options.maxIssues ?? 100;
  const every = options.progressEvery ?? 10_000;
  const now = options.now ?? new Date().toISOString();
  const totalBytes = options.onProgress ? sourceSize(source) : 0;

  return repos.transaction(() => {
    const team = options.teamId !== undefined ? repos.teams.getTeam(options.teamId) : ensureDefaultTeam(repos);
    if (!team) throw new ImportError('no_team', `team ${options.teamId} does not exist`, [], 0, text('团队不存在', 'No such team'));
    const teamId = team.id;
    const result: ImportResult = {
      teamId, format, records: 0, entries: { inserted: 0, updated: 0, unchanged: 0 }, members: { created: 0 },
      customers: { created: 0, updated: 0 }, skipped: [], skippedCount: 0, weeks: null, invalidatedFrom: null,
    };
    const issues: ImportIssue[] = [];
    let invalid = 0;
    const writer = new BookWriter(repos, teamId, now, result);

    let lines = 0;
    let bytesRead = 0;
    try {
      for (const item of rawRecords(source, format)) {
        lines = item.line;
        bytesRead = item.bytesRead;
        const parsed = 'raw' in item ? parseImportRecord(template, item.raw) : { ok: false as const, issues: item.issues };
        if (!parsed.ok) {
          invalid += 1;
          for (const issue of parsed.issues) if (issues.length < maxIssues) issues.push({ file, line: item.line, ...issue });
          continue;
        }
        result.records += 1;
        const { week } = parsed.record;
        if (!result.weeks) result.weeks = { from: week, to: week };
        else {
          if (week < result.weeks.from) result.weeks.from = week;
          if (week > result.weeks.to) result.weeks.to = week;
        }
        // Once the import is going to be rolled back, only keep validating.
        if (invalid === 0 || options.skipInvalid) writer.write(parsed.record);
        if (options.onProgress && result.records % every === 0) options.onProgress({ lines, records: result.records, bytesRead, totalBytes });
      }
    } catch (err) {
      if (!(err instanceof ImportFormatError)) throw err;
      const issue: ImportIssue = { file, line: err.line, ...err.issue };
      throw new ImportError('bad_format', formatIssue(issue), [issue], 1,
        text(`无法导入 ${file}：${formatIssue(issue, 'zh')}`, `Cannot import ${file}: ${formatIssue(issue)}`));
    }
    options.onProgress?.({ lines, records: result.records, bytesRead: totalBytes || bytesRead, totalBytes });

    if (invalid > 0 && !options.skipInvalid) {
      // One line: callers list `issues` themselves (the CLI prints each on stderr).
      throw new ImportError('invalid_records',
        `${invalid} invalid record(s) in ${file}; nothing was imported (first: ${issues[0] ? formatIssue(issues[0]) : '?'})`,
        issues, invalid,
        text(`${file} 中有 ${invalid} 条无效记录，未导入任何数据`, `${invalid} invalid record(s) in ${file}; nothing was imported`));
    }
    result.skipped = issues;
    result.skippedCount = invalid;
    if (writer.earliestChange) {
      repos.scores.invalidateFrom(teamId, writer.earliestChange);
      result.invalidatedFrom = writer.earliestChange;
    }
    return result;
  });
}

/** Writes valid records: members and customers by key (cached), entries by upsert, reports marked. */
class BookWriter {
  private readonly members = new Map<string, Member>();
  private readonly customers = new Map<string, Customer>();
  private readonly touchedCustomers = new Set<number>();
  /** Per week: existing (rep:customer) entry keys and reps with a report row; loaded once per week. */
  private readonly weeks = new Map<WeekId, { entries: Set<string>; reports: Set<number> }>();
  earliestChange: WeekId | null = null;

  constructor(private readonly repos: Repositories, private readonly teamId: number, private readonly now: string,
    private readonly result: ImportResult) {}

  write(r: ImportRecord): void {
    const rep = this.member(r);
    const customer = this.customer(r, rep.id);
    const week = this.week(r.week);
    const key = `${rep.id}:${customer.id}`;
    const changed = this.repos.reports.upsertEntry(
      { teamId: this.teamId, week: r.week, repId: rep.id, customerId: customer.id, values: r.values, source: 'import' }, this.now);
    if (!week.entries.has(key)) {
      week.entries.add(key);
      this.result.entries.inserted += 1;
    } else if (changed) this.result.entries.updated += 1;
    else this.result.entries.unchanged += 1;
    if (changed && (this.earliestChange === null || r.week < this.earliestChange)) this.earliestChange = r.week;
    if (!week.reports.has(rep.id)) {
      week.reports.add(rep.id);
      this.repos.reports.markSubmitted(this.teamId, r.week, rep.id, this.now, false);
    }
  }

  private member(r: ImportRecord): Member {
    const key = r.rep.toLowerCase();
    let m = this.members.get(key) ?? this.repos.teams.memberByEmail(this.teamId, r.rep);
    if (!m) {
      // New people arrive as reps; existing members keep the name and role they have.
      m = this.repos.teams.upsertMember({ teamId: this.teamId, email: r.rep, name: r.repName, role: 'rep' });
      this.result.members.created += 1;
    }
    this.members.set(key, m);
    return m;
  }

  private customer(r: ImportRecord, repId: number): Customer {
    const key = normalizeName(r.customer);
    let c = this.customers.get(key) ?? this.repos.customers.customerByName(this.teamId, r.customer);
    if (!c) {
      c = this.repos.customers.upsertCustomer({
        teamId: this.teamId, name: r.customer, ownerRepId: repId, industry: r.industry ?? null, region: r.region ?? null,
        tier: r.tier ?? 'normal', since: r.since ?? null,
      });
      this.result.customers.created += 1;
      this.touchedCustomers.add(c.id);
    } else {
      const differs = (r.industry !== undefined && r.industry !== c.industry) || (r.region !== undefined && r.region !== c.region)
        || (r.tier !== undefined && r.tier !== c.tier) || (r.since !== undefined && r.since !== c.since) || c.ownerRepId === null;
      if (differs) {
        c = this.repos.customers.upsertCustomer({
          teamId: this.teamId, name: c.name, industry: r.industry, region: r.region, tier: r.tier, since: r.since,
          ownerRepId: c.ownerRepId ?? repId,
        });
        if (!this.touchedCustomers.has(c.id)) {
          this.touchedCustomers.add(c.id);
          this.result.customers.updated += 1;
        }
      }
    }
    this.customers.set(key, c);
    return c;
  }

  private week(week: WeekId): { entries: Set<string>; reports: Set<number> } {
    let w = this.weeks.get(week);
    if (!w) {
      w = {
        entries: new Set(this.repos.reports.entriesForWeek(this.teamId, week).map((e) => `${e.repId}:${e.customerId}`)),
        reports: new Set(this.repos.reports.reportStatuses(this.teamId, week).filter((s) => s.submittedAt !== null).map((s) => s.repId)),
      };
      this.weeks.set(week, w);
    }
    return w;
  }
}
