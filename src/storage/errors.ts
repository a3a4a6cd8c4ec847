// The storage subsystem's error base (see src/core/errors.ts for the hierarchy).
import { RadarError } from '../core/errors.js';

/** The base of errors raised by the database layer (src/storage). */
export class StorageError extends RadarError {}

/** A unique index refused a row: SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505 (drizzle wraps the driver's error as `cause`). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === '23505') return true;
  }
  return false;
}

/** The customer already has an active task with this tag (one per (customer, tag)). */
export function taskAlreadyActive(customerId: number, tag: string, cause: unknown): StorageError {
  return new StorageError('task_already_active', `customer #${customerId} already has an active ${tag} task`, { cause });
}
