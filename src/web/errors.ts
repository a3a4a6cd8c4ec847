// The dashboard's error base (see src/core/errors.ts for the hierarchy).
import { RadarError } from '../core/errors.js';

/** The base of errors raised by the web dashboard (src/web). */
export class WebError extends RadarError {}
