// The base of errors raised by platform adapters (adapters/<platform>): transport, signatures,
// identities, the platform's answers. ChatDeliveryError (chat.port.ts) is the one delivery reads.
import { RadarError } from '../../core/errors.js';

export class PlatformError extends RadarError {}
