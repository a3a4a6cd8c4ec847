// The dashboard's public base URL for a CLI command: RADAR_PUBLIC_URL, else http://localhost:<--port or PORT>.
import type { AppConfig } from '../../config/env.js';
import { CliError } from '../cli-error.js';

export function portOpt(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError(`--port: expected a port number 0–65535, got "${raw}"`);
  return n;
}

export const publicUrlFor = (config: AppConfig, port: number): string => config.web?.publicUrl ?? `http://localhost:${port}`;
