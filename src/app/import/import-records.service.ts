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
  /** Text encoding of a CSV/JSONL file. Default auto: UTF-8 when valid, else GB18030. */
  encoding?: EncodingOption;
  /** Valid records staged per batch. Default 5000. */
  batchSize?: number;
  /** Staged records written per write transaction. Default 10,000. */
  swapBatch?: number;
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
  /** Per rep key: the email and name of its first record. */
  private reps = new Map<string, { email: string; name: string }>();
  /** Per customer key: the first record's name and rep, and the attributes given (the last one wins). */
  private customers = new Map<string, { name: string; repKey: string; industry?: string; region?: string; tier?: ImportRecord['tier']; since?: string }>();
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
    this.staging = repos.importStaging();
  }

  add(item: RawRecord): void {
    this.lines = item.line;
    this.bytesRead = item.bytesRead;
    const parsed = 'raw' in item ? parseImportRecord(this.template, item.raw) : { ok: false as const, issues: item.issues };
    if (!parsed.ok) {
      this.invalid += 1;
      for (const issue of parsed.issues) if (this.issues.length < this.maxIssues) this.issues.push({ file: this.file, line: item.line, ...issue });
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
    if (this.invalid === 0 || this.options.skipInvalid) this.stage(r);
    if (this.options.onProgress && this.records % this.every === 0) {
      this.options.onProgress({ lines: this.lines, records: this.records, bytesRead: this.bytesRead, totalBytes: this.totalBytes });
    }
  }

  private stage(r: ImportRecord): void {
    const repKey = r.rep.toLowerCase();
    if (!this.reps.has(repKey)) this.reps.set(repKey, { email: r.rep, name: r.repName });
    const customerKey = normalizeName(r.customer);
    let c = this.customers.get(customerKey);
    if (!c) this.customers.set(customerKey, (c = { name: r.customer, repKey }));
    if (r.industry !== undefined) c.industry = r.industry;
    if (r.region !== undefined) c.region = r.region;
    if (r.tier !== undefined) c.tier = r.tier;
    if (r.since !== undefined) c.since = r.since;
    this.batch.push({ week: r.week, repKey, customerKey, values: r.values, ...(r.custom ? { custom: r.custom } : {}), ...(r.carried ? { carried: true } : {}) });
    if (this.batch.length >= this.batchSize) this.flush();
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
          const applied = this.staging.apply(r.teamId, this.now, seq);
          r.entries.inserted += applied.inserted;
          r.entries.updated += applied.updated;
          r.entries.unchanged += applied.unchanged;
          if (applied.earliestChange) {
            repos.scores.invalidateFrom(r.teamId, applied.earliestChange);
            if (r.invalidatedFrom === null || applied.earliestChange < r.invalidatedFrom) r.invalidatedFrom = applied.earliestChange;
          }
        }
        if (i >= slices.length - 1) this.staging.markSubmitted(r.teamId, this.now);
      });
    }
    return result!;
  }

  /** In the first write transaction: the team, new reps, new and changed customers; their ids to the staging. */
  private setup(): ImportResult {
    const { repos } = this;
    const team = this.options.teamId !== undefined ? repos.teams.getTeam(this.options.teamId) : ensureDefaultTeam(repos);
    if (!team) throw new ImportError('no_team', `team ${this.options.teamId} does not exist`, [], 0, text('团队不存在', 'No such team'));
    const result: ImportResult = {
      teamId: team.id, format: this.format, records: this.records, entries: { inserted: 0, updated: 0, unchanged: 0 },
      members: { created: 0 }, customers: { created: 0, updated: 0 }, skipped: this.issues, skippedCount: this.invalid,
      weeks: this.weeks, invalidatedFrom: null, encoding: this.encoding, unknownColumns: [...this.columns.unknown],
      ...(this.sheet !== undefined ? { sheet: this.sheet } : {}),
    };
    const repIds = new Map<string, number>();
    for (const [key, r] of this.reps) repIds.set(key, this.member(team.id, r, result).id);
    // Existing customers by key in one read; new ones inserted in one pass.
    const existing = new Map(repos.customers.listCustomers(team.id).map((c) => [normalizeName(c.name), c]));
    const customerIds = new Map<string, number>();
    const fresh: NewCustomer[] = [];
    for (const [key, c] of this.customers) {
      const repId = repIds.get(c.repKey)!;
      const found = existing.get(key);
      if (found) customerIds.set(key, this.updateCustomer(team.id, found, c, repId, result).id);
      else fresh.push({ key, name: c.name, ownerRepId: repId, industry: c.industry ?? null, region: c.region ?? null, tier: c.tier ?? 'normal', since: c.since ?? null });
    }
    for (const [key, id] of this.staging.insertCustomers(team.id, fresh)) customerIds.set(key, id);
    result.customers.created += fresh.length;
    this.staging.setIds(repIds, customerIds);
    return result;
  }

  close(): void {
    this.staging.close();
  }

  private member(teamId: number, r: { email: string; name: string }, result: ImportResult): Member {
    const m = this.repos.teams.memberByEmail(teamId, r.email);
    if (m) return m;
    // New people arrive as reps; existing members keep the name and role they have.
    result.members.created += 1;
    return this.repos.teams.upsertMember({ teamId, email: r.email, name: r.name, role: 'rep' });
  }

  private updateCustomer(teamId: number, c: Customer, r: { industry?: string; region?: string; tier?: ImportRecord['tier']; since?: string },
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
