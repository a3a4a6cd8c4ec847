// What the PostgreSQL bridge's two threads say to each other (see pg-bridge.ts): the app thread asks,
// the storage thread answers each request with one reply, then raises the shared signal. Errors cross
// as plain fields and are rebuilt as StorageErrors on the app thread (a structured clone would lose
// their class, code and userMessage).
import { RadarError, type ErrorSummary } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n.js';
import { StorageError } from '../../errors.js';

export type BridgeRequest =
  | { kind: 'open'; url: string; pool: number }
  /** A repository method: `target` names a repository of PgRepositories. */
  | { kind: 'call'; target: string; method: string; args: unknown[] }
  /** Create an import staging area; the reply is its target name for 'call's (`staging:<n>`). */
  | { kind: 'open-staging' }
  | { kind: 'begin' }
  | { kind: 'commit' }
  | { kind: 'rollback' }
  /** A savepoint of a nested transaction: 'set', 'release' or 'undo' (ROLLBACK TO). */
  | { kind: 'savepoint'; op: 'set' | 'release' | 'undo'; name: string }
  | { kind: 'close' };

export type BridgeReply = { ok: true; value: unknown } | { ok: false; error: BridgeError };

export interface BridgeError {
  name: string;
  code: string;
  message: string;
  userMessage?: LocalizedText;
  /** The database's own error code (SQLSTATE), when the server refused a statement. */
  sqlState?: string;
}

/** The storage thread's side: an error as plain, log-safe fields. */
export function encodeError(err: unknown): BridgeError {
  if (err instanceof RadarError) return { name: err.name, code: err.code, message: err.message, userMessage: err.userMessage };
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  const sqlState = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    code: 'pg_query_failed',
    // The server's message names the statement's problem (a constraint, a type), never a password.
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(sqlState ? { sqlState } : {}),
  };
}

/** A storage error raised on the storage thread, as the app thread sees it. */
export class BridgedStorageError extends StorageError {
  /** The class the storage thread threw (StorageError, DatabaseError, …). */
  readonly origin: string;
  readonly sqlState: string | undefined;

  constructor(e: BridgeError) {
    super(e.code, e.sqlState ? `${e.message} (SQLSTATE ${e.sqlState})` : e.message, e.userMessage ? { userMessage: e.userMessage } : {});
    this.origin = e.name;
    this.sqlState = e.sqlState;
  }

  override toJSON(): ErrorSummary {
    return { ...super.toJSON(), name: `${this.name}(${this.origin})` };
  }
}
