import type { ParseArgsConfig } from 'node:util';
import { CliError } from '../cli-error.js';

export interface CommandInput {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<number>;
}

export const stringOpt = (input: CommandInput, key: string): string | undefined => {
  const v = input.values[key];
  return typeof v === 'string' ? v : undefined;
};

/** `--lang zh|en` when given; anything else is a usage error. */
export const langOpt = (input: CommandInput): 'zh' | 'en' | undefined => {
  const lang = stringOpt(input, 'lang');
  if (lang === undefined || lang === 'zh' || lang === 'en') return lang;
  throw new CliError(`--lang: unknown language "${lang}" (expected zh or en)`);
};

/** `--lang zh|en`, else the fallback (the team's language). */
export const localeOpt = (input: CommandInput, fallback: 'zh' | 'en'): 'zh' | 'en' => langOpt(input) ?? fallback;
