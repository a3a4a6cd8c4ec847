// The app subsystem's error base (see src/core/errors.ts for the hierarchy); feature errors derive from it.
import { RadarError } from '../../core/errors.js';
import { text } from '../../core/i18n.js';

/** The base of errors raised by the features (src/app). */
export class AppError extends RadarError {}

/** The team a job or service was started for is not in the database (deleted, or another database). */
export const TEAM_NOT_FOUND = text('找不到这个团队：它可能已被删除，或用的是另一个数据库', 'This team was not found: it may have been deleted, or another database is in use');
