// The storage subsystem's error base (see src/core/errors.ts for the hierarchy).
import { RadarError } from '../core/errors.js';

/** The base of errors raised by the database layer (src/storage). */
export class StorageError extends RadarError {}
