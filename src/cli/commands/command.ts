import type { ParseArgsConfig } from 'node:util';

export interface CommandInput {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: CommandInput): Promise<number>;
}

export const stringOpt = (input: CommandInput, key: string): string | undefined => {
  const v = input.values[key];
  return typeof v === 'string' ? v : undefined;
};

/** `--lang zh|en`, else the fallback (the team's language). */
export const localeOpt = (input: CommandInput, fallback: 'zh' | 'en'): 'zh' | 'en' => {
  const lang = stringOpt(input, 'lang');
  return lang === 'zh' || lang === 'en' ? lang : fallback;
};
