// `radar import`: weekly report records from JSON Lines, CSV or xlsx into the team's book, through the
// Repositories port only. All or nothing, without blocking the bot: the file is read and validated in
// full first, valid records parked in a private staging database (no lock on the book, bounded memory);
// any invalid record → nothing written (unless skipInvalid, then the invalid lines are listed). Only
// then are they written, in short write transactions (see finish()).
import { existsSync, statSync } from 'node:fs';
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';
import { normalizeName, type Customer, type Member, type Team } from '../../core/team.js';
import { DEFAULT_TEMPLATE, type ReportTemplate } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { ImportStaging, NewCustomer, Repositories, StagedEntry } from '../ports/repositories.port.js';
import { parseImportRecord, type ImportRecord, type RecordIssue } from './import-record.schema.js';
import { importText } from './import.messages.js';
import { resolveEncoding, sourceName, sourceSize, type EncodingOption, type ImportSource, type SourceEncoding } from './line-reader.js';
import { ColumnResolver, detectFormat, ImportFormatError, rawRecords, type ImportFormat, type RawRecord } from './record-reader.js';

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
  /** The team of records without a `team` column (or with it empty); default: ensureDefaultTeam(). */
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
  /** Text encoding of a CSV/JSONL file. Default auto: UTF-8 when valid, else GB18030. */
  encoding?: EncodingOption;
  /** Valid records staged per batch. Default 5000. */
  batchSize?: number;
  /** Staged records written per write transaction. Default 10,000. */
  swapBatch?: number;
}

export interface ImportResult {
  /** The team of records that name none. */
  teamId: number;
  /** Every team the records went to (teamId first when it got any), by id. */
  teamIds: number[];
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
  /** Scores from this week on were dropped for recomputation (the earliest of any team); null when nothing changed. */
  invalidatedFrom: WeekId | null;
  /** The same per team (teams where nothing changed are absent). */
  invalidated: Array<{ teamId: number; from: WeekId }>;
  /** How a text file was decoded (null for xlsx). */
  encoding: SourceEncoding | null;
  /** Columns (or JSON keys) the import does not know, each once, in order of first sight: ignored. */
  unknownColumns: string[];
  /** For xlsx: the sheet read. */
  sheet?: string;
}

export class ImportError extends AppError {
  declare readonly code: 'invalid_records' | 'unreadable' | 'bad_format' | 'no_team';
  constructor(
    code: 'invalid_records' | 'unreadable' | 'bad_format' | 'no_team',
    message: string,
    readonly issues: ImportIssue[],
    /** All invalid records, including those beyond the listed issues. */
    readonly invalidCount: number,
    userMessage: LocalizedText,
    options?: { cause?: unknown },
  ) {
    super(code, message, { ...options, userMessage });
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

/** The file must exist and be a file; the team must exist. Throws ImportError. */
export function checkSource(source: ImportSource): void {
  const file = sourceName(source);
  if (typeof source === 'string' && !existsSync(source)) {
    throw new ImportError('unreadable', `${file}: no such file`, [], 0, text(`找不到文件：${file}`, `File not found: ${file}`));
  }
  if (typeof source === 'string' && !statSync(source).isFile()) {
    throw new ImportError('unreadable', `${file}: not a file (give a .jsonl, .csv or .xlsx file)`, [], 0, text(`不是文件：${file}`, `Not a file: ${file}`));
  }
}

/** Import JSON Lines or CSV (synchronous). For .xlsx use importFile / importWorkbook. */
export function importRecords(repos: Repositories, source: ImportSource, options: ImportOptions = {}): ImportResult {
  checkSource(source);
  const file = sourceName(source);
  const format = options.format ?? detectFormat(source, { encoding: options.encoding });
  if (format === 'xlsx') {
    throw new ImportError('bad_format', `${file}: an xlsx workbook is read by importFile`, [], 0, text(`${file}：xlsx 请用 importFile 导入`, `${file}: import xlsx with importFile`));
  }
  const encoding = resolveEncoding(source, options.encoding);
  const run = new ImportRun(repos, file, format, encoding, options, sourceSize(source));
  try {
    try {
      const detected = options.encoding === undefined || options.encoding === 'auto';
      for (const item of rawRecords(source, format, run.columns, { encoding, detected })) run.add(item);
    } catch (err) {
      run.fail(err);
    }
    return run.finish();
  } finally {
    run.close();
  }
}

interface StagedRep { ref: number; teamId: number; email: string; name: string }
interface StagedCustomer {
  ref: number; teamId: number; name: string; rep: number;
  industry?: string; region?: string; tier?: ImportRecord['tier']; since?: string;
}

/**
 * One import, fed record by record (from any reader, sync or async): validates, stages the valid
 * records in batches, and at the end writes everything in one short transaction (or nothing).
 */
export class ImportRun {
  readonly columns: ColumnResolver;
  private readonly template: ReportTemplate;
  private readonly maxIssues: number;
  private readonly every: number;
  private readonly batchSize: number;
  private readonly now: string;
  private staging: ImportStaging;
  private batch: StagedEntry[] = [];
  private issues: ImportIssue[] = [];
  private invalid = 0;
  private records = 0;
  private lines = 0;
  private bytesRead = 0;
  private weeks: { from: WeekId; to: WeekId } | null = null;
  /**
   * Per (team, rep) key: the number the staged rows use, the team, the email and name of its first record.
   * Team 0 is "the default team", made in the first write transaction when the database has none.
   */
  private reps = new Map<string, StagedRep>();
  /** Per (team, customer) key: its number, the first record's name and rep, and the attributes given (the last one wins). */
  private customers = new Map<string, StagedCustomer>();
  /** Teams named in the file, by folded name: the team's id, or null when there is none of that name. */
  private teamsByName = new Map<string, number | null>();
  /** The team of records that name none (0: the default team, to be made). */
  private readonly defaultTeamId: number;
  /** Per team: the reps and customers by the email and name as written. */
  private seen = new Map<number, { reps: Map<string, StagedRep>; customers: Map<string, StagedCustomer> }>();
  /** Some staged record has custom columns. */
  private anyCustom = false;
  sheet?: string;

  constructor(private readonly repos: Repositories, readonly file: string, readonly format: ImportFormat,
    private readonly encoding: SourceEncoding | null, private readonly options: ImportOptions, private readonly totalBytes: number) {
    this.template = options.template ?? DEFAULT_TEMPLATE;
    this.columns = new ColumnResolver(this.template);
    this.maxIssues = options.maxIssues ?? 100;
    this.every = options.progressEvery ?? 10_000;
    this.batchSize = options.batchSize ?? 5000;
    this.now = options.now ?? new Date().toISOString();
    if (options.teamId !== undefined && !repos.teams.getTeam(options.teamId)) {
      throw new ImportError('no_team', `team ${options.teamId} does not exist`, [], 0, text('团队不存在', 'No such team'));
    }
    this.defaultTeamId = options.teamId ?? repos.teams.listTeams()[0]?.id ?? 0;
    this.staging = repos.importStaging();
  }

  /** The id of the team a record names (trimmed, case-insensitive), or an issue naming the teams there are. */
  private teamOf(name: string): number | RecordIssue {
    const key = name.trim().toLowerCase();
    let id = this.teamsByName.get(key);
    if (id === undefined) {
      id = this.repos.teams.teamByName(name)?.id ?? null;
      this.teamsByName.set(key, id);
    }
    if (id !== null) return id;
    const names = this.repos.teams.listTeams().map((t) => t.name).join(', ');
    return { field: 'team', expected: importText.noTeamNamed(name.trim(), names) };
  }

  add(item: RawRecord): void {
    this.lines = item.line;
    this.bytesRead = item.bytesRead;
    const parsed = 'raw' in item ? parseImportRecord(this.template, item.raw) : { ok: false as const, issues: item.issues };
    const team = parsed.ok ? (parsed.record.team === undefined ? this.defaultTeamId : this.teamOf(parsed.record.team)) : 0;
    if (!parsed.ok || typeof team !== 'number') {
      this.invalid += 1;
      const issues = parsed.ok ? [team as RecordIssue] : parsed.issues;
      for (const issue of issues) if (this.issues.length < this.maxIssues) this.issues.push({ file: this.file, line: item.line, ...issue });
      return;
    }
    this.records += 1;
    const r = parsed.record;
    if (!this.weeks) this.weeks = { from: r.week, to: r.week };
    else {
      if (r.week < this.weeks.from) this.weeks.from = r.week;
      if (r.week > this.weeks.to) this.weeks.to = r.week;
    }
    // Once the import is going to be refused, only keep validating.
    if (this.invalid === 0 || this.options.skipInvalid) this.stage(r, team);
    if (this.options.onProgress && this.records % this.every === 0) {
      this.options.onProgress({ lines: this.lines, records: this.records, bytesRead: this.bytesRead, totalBytes: this.totalBytes });
    }
  }

  private stage(r: ImportRecord, teamId: number): void {
    let seen = this.seen.get(teamId);
    if (!seen) this.seen.set(teamId, (seen = { reps: new Map(), customers: new Map() }));
    const rep = seen.reps.get(r.rep) ?? this.rep(r, teamId, seen.reps);
    const c = seen.customers.get(r.customer) ?? this.customer(r, teamId, rep, seen.customers);
    if (r.industry !== undefined) c.industry = r.industry;
    if (r.region !== undefined) c.region = r.region;
    if (r.tier !== undefined) c.tier = r.tier;
    if (r.since !== undefined) c.since = r.since;
    if (r.custom) this.anyCustom = true;
    this.batch.push({ week: r.week, rep: rep.ref, customer: c.ref, values: r.values, custom: r.custom, carried: r.carried });
    if (this.batch.length >= this.batchSize) this.flush();
  }

  // Members are one per team and email (any case), customers one per team and name (folded): keyed so.
  // The names as written are remembered per team, so the same spelling week after week is one lookup.

  private rep(r: ImportRecord, teamId: number, seen: Map<string, StagedRep>): StagedRep {
    const key = `${teamId}\u0000${r.rep.toLowerCase()}`;
    let rep = this.reps.get(key);
    if (!rep) this.reps.set(key, (rep = { ref: this.reps.size + 1, teamId, email: r.rep, name: r.repName }));
    if (seen.size >= 100_000) seen.clear();
    seen.set(r.rep, rep);
    return rep;
  }

  private customer(r: ImportRecord, teamId: number, rep: StagedRep, seen: Map<string, StagedCustomer>): StagedCustomer {
    const key = `${teamId}\u0000${normalizeName(r.customer)}`;
    let c = this.customers.get(key);
    if (!c) this.customers.set(key, (c = { ref: this.customers.size + 1, teamId, name: r.customer, rep: rep.ref }));
    if (seen.size >= 100_000) seen.clear();
    seen.set(r.customer, c);
    return c;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    this.staging.add(this.batch);
    this.batch = [];
  }

  /** Start over (an xlsx reader that found the id sheet after reading another one). */
  reset(): void {
    this.staging.clear();
    this.batch = [];
    this.issues = [];
    this.invalid = 0;
    this.records = 0;
    this.weeks = null;
    this.reps.clear();
    this.customers.clear();
    this.seen.clear();
    this.anyCustom = false;
  }

  /** A reader error: a format problem of the whole file becomes an ImportError naming file:line. */
  fail(err: unknown): never {
    if (!(err instanceof ImportFormatError)) throw err;
    const issue: ImportIssue = { file: this.file, line: err.line, ...err.issue };
    throw new ImportError('bad_format', formatIssue(issue), [issue], 1,
      text(`无法导入 ${this.file}：${formatIssue(issue, 'zh')}`, `Cannot import ${this.file}: ${formatIssue(issue)}`));
  }

  finish(): ImportResult {
    this.options.onProgress?.({ lines: this.lines, records: this.records, bytesRead: this.totalBytes || this.bytesRead, totalBytes: this.totalBytes });
    if (this.invalid > 0 && !this.options.skipInvalid) {
      // One line: callers list `issues` themselves (the CLI prints each on stderr).
      throw new ImportError('invalid_records',
        `${this.invalid} invalid record(s) in ${this.file}; nothing was imported (first: ${this.issues[0] ? formatIssue(this.issues[0]) : '?'})`,
        this.issues, this.invalid,
        text(`${this.file} 中有 ${this.invalid} 条无效记录，未导入任何数据`, `${this.invalid} invalid record(s) in ${this.file}; nothing was imported`));
    }
    this.flush();
    const { repos } = this;
    // Short write transactions, each a bounded slice of the staged rows, so another connection's write
    // (the bot saving a form) waits for one slice at most, never for the whole file. The first also creates
    // the reps and customers, the last marks the reports. An import of up to `swapBatch` records is one
    // transaction; a larger one is written slice after slice: a crash in between leaves part of a validated
    // file written, and importing the same file again completes it (imports are idempotent).
    const range = this.staging.seqRange();
    const slice = Math.max(1, this.options.swapBatch ?? 10_000);
    const slices: Array<{ from: number; to: number }> = [];
    if (range) for (let from = range.from; from <= range.to; from += slice) slices.push({ from, to: Math.min(range.to, from + slice - 1) });
    let result: ImportResult | null = null;
    for (let i = 0; i < Math.max(1, slices.length); i++) {
      repos.transaction(() => {
        if (!result) result = this.setup();
        const r = result;
        const seq = slices[i];
        if (seq) {
          const applied = this.staging.apply(this.now, seq, this.anyCustom);
          r.entries.inserted += applied.inserted;
          r.entries.updated += applied.updated;
          r.entries.unchanged += applied.unchanged;
          for (const [teamId, from] of applied.changedFrom) {
            repos.scores.invalidateFrom(teamId, from);
            const seen = r.invalidated.find((x) => x.teamId === teamId);
            if (!seen) r.invalidated.push({ teamId, from });
            else if (from < seen.from) seen.from = from;
            if (r.invalidatedFrom === null || from < r.invalidatedFrom) r.invalidatedFrom = from;
          }
        }
        if (i >= slices.length - 1) this.staging.markSubmitted(this.now);
      });
    }
    return result!;
  }

  /** In the first write transaction: the default team, new reps, new and changed customers; their ids to the staging. */
  private setup(): ImportResult {
    const { repos } = this;
    const team = this.options.teamId !== undefined ? repos.teams.getTeam(this.options.teamId) : ensureDefaultTeam(repos);
    if (!team) throw new ImportError('no_team', `team ${this.options.teamId} does not exist`, [], 0, text('团队不存在', 'No such team'));
    const teamOf = (id: number) => (id === 0 ? team.id : id);
    const teamIds = [...new Set([...this.reps.values()].map((r) => teamOf(r.teamId)))].sort((a, b) => (a === team.id ? -1 : b === team.id ? 1 : a - b));
    const result: ImportResult = {
      teamId: team.id, teamIds, format: this.format, records: this.records, entries: { inserted: 0, updated: 0, unchanged: 0 },
      members: { created: 0 }, customers: { created: 0, updated: 0 }, skipped: this.issues, skippedCount: this.invalid,
      weeks: this.weeks, invalidatedFrom: null, invalidated: [], encoding: this.encoding, unknownColumns: [...this.columns.unknown],
      ...(this.sheet !== undefined ? { sheet: this.sheet } : {}),
    };
    const repIds = new Map<number, { id: number; teamId: number }>();
    for (const r of this.reps.values()) {
      const teamId = teamOf(r.teamId);
      repIds.set(r.ref, { id: this.member(teamId, r, result).id, teamId });
    }
    // Existing customers by key in one read per team; new ones inserted in one pass.
    const existing = new Map<string, Customer>();
    for (const teamId of teamIds) for (const c of repos.customers.listCustomers(teamId)) existing.set(`${teamId}\u0000${normalizeName(c.name)}`, c);
    const customerIds = new Map<number, number>();
    const fresh: NewCustomer[] = [];
    for (const [key, c] of this.customers) {
      const teamId = teamOf(c.teamId);
      const repId = repIds.get(c.rep)!.id;
      const found = existing.get(`${teamId}${key.slice(key.indexOf('\u0000'))}`);
      if (found) customerIds.set(c.ref, this.updateCustomer(teamId, found, c, repId, result).id);
      else fresh.push({ ref: c.ref, teamId, name: c.name, ownerRepId: repId, industry: c.industry ?? null, region: c.region ?? null, tier: c.tier ?? 'normal', since: c.since ?? null });
    }
    for (const [ref, id] of this.staging.insertCustomers(fresh)) customerIds.set(ref, id);
    result.customers.created += fresh.length;
    this.staging.setIds(repIds, customerIds);
    return result;
  }

  close(): void {
    this.staging.close();
  }

  private member(teamId: number, r: StagedRep, result: ImportResult): Member {
    const m = this.repos.teams.memberByEmail(teamId, r.email);
    if (m) return m;
    // New people arrive as reps; existing members keep the name and role they have.
    result.members.created += 1;
    return this.repos.teams.upsertMember({ teamId, email: r.email, name: r.name, role: 'rep' });
  }

  private updateCustomer(teamId: number, c: Customer, r: StagedCustomer,
    repId: number, result: ImportResult): Customer {
    const differs = (r.industry !== undefined && r.industry !== c.industry) || (r.region !== undefined && r.region !== c.region)
      || (r.tier !== undefined && r.tier !== c.tier) || (r.since !== undefined && r.since !== c.since) || c.ownerRepId === null;
    if (!differs) return c;
    result.customers.updated += 1;
    return this.repos.customers.upsertCustomer({
      teamId, name: c.name, industry: r.industry, region: r.region, tier: r.tier, since: r.since, ownerRepId: c.ownerRepId ?? repId,
    });
  }
}
