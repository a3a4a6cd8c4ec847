// The runtime subsystem's error base (see src/core/errors.ts for the hierarchy). Not "RuntimeError":
// WebAssembly.RuntimeError exists, and a name shared with a platform class only confuses stack traces.
import { RadarError } from '../core/errors.js';

/** The base of errors raised by delivery, the scheduler, the HTTP server and the bot's start (src/runtime). */
export class RadarRuntimeError extends RadarError {}
