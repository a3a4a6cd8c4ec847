// `radar settings show | set KEY VALUE | undo | history`: the rules a manager changes without code.
import {
  changeSetting, coerceSettingValue, getPath, settingsHistory, settingsView, SettingsChangeError, storedOverrides, undoLastChange,
} from '../../app/settings/settings.service.js';
import { CliError } from '../cli-error.js';
import { withCliContext } from '../context.js';
import { renderTable } from '../table.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

const show = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Every leaf key of a nested settings object, with its value. */
function leaves(obj: unknown, prefix = ''): Array<[string, unknown]> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [[prefix, obj]];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

export const settingsCommand: Command = {
  name: 'settings',
  usage: [
    'radar settings show [KEY] [--json] [--db PATH]',
    'radar settings set KEY VALUE [--by WHO] [--db PATH]     e.g. set scoring.grades.A 95, set routing.routes.overdue finance,rep',
    'radar settings undo [--by WHO] [--db PATH]',
    'radar settings history [--json] [--db PATH]',
  ].join('\n'),
  options: { json: { type: 'boolean' }, by: { type: 'string' } },
  async run(input) {
    const [sub = 'show', ...args] = input.positionals;
    const actor = stringOpt(input, 'by') ?? 'cli';
    return withCliContext(input, async ({ ctx, team }) => {
      const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
      try {
        if (sub === 'show') {
          const view = settingsView(ctx.settings);
          const stored = storedOverrides(ctx, team.id);
          const key = args[0];
          const value = key ? getPath(view, key) : view;
          if (value === undefined) throw new CliError(`${key}: unknown setting`);
          if (input.values.json) {
            out(key ? { key, value, stored: getPath(stored, key) !== undefined } : { settings: view, stored });
            return 0;
          }
          const storedKeys = new Set(leaves(stored).map(([k]) => k));
          const rows = leaves(value, key ?? '').map(([k, v]) => [k, show(v), [...storedKeys].some((s) => k === s || k.startsWith(`${s}.`)) ? 'stored' : '']);
          process.stdout.write(`${renderTable([{ header: 'key', max: 48 }, { header: 'value', max: 60 }, { header: 'source' }], rows)}\n`);
          return 0;
        }
        if (sub === 'set') {
          const [key, ...rest] = args;
          if (!key || rest.length === 0) throw new CliError('usage: radar settings set KEY VALUE');
          const current = getPath(settingsView(ctx.settings), key);
          const r = changeSetting(ctx, team.id, { key, value: coerceSettingValue(current, rest.join(' ')), actor });
          if (input.values.json) out(r.change);
          else process.stdout.write(`${key}: ${show(current)} → ${show(getPath(settingsView(r.settings), key))}${r.rescored ? ` (re-scored ${r.rescored})` : ''}\n`);
          return 0;
        }
        if (sub === 'undo') {
          const r = undoLastChange(ctx, team.id, actor);
          if (!r) throw new CliError('nothing to undo', 1);
          if (input.values.json) out(r.change);
          else process.stdout.write(`undid #${r.change.undoOf}: ${r.change.key} → ${show(getPath(settingsView(r.settings), r.change.key))}\n`);
          return 0;
        }
        if (sub === 'history') {
          const log = settingsHistory(ctx, team.id);
          if (input.values.json) {
            out(log);
            return 0;
          }
          if (log.length === 0) process.stdout.write('no changes\n');
          else {
            process.stdout.write(`${renderTable(
              [{ header: 'id', align: 'right' }, { header: 'at' }, { header: 'by', max: 24 }, { header: 'key', max: 40 }, { header: 'old', max: 30 }, { header: 'new', max: 30 }, { header: 'undo of' }],
              log.map((c) => [String(c.id), c.at, c.actor, c.key, show(c.oldValue), show(c.newValue), c.undoOf === null ? '' : `#${c.undoOf}`]),
            )}\n`);
          }
          return 0;
        }
        throw new CliError(`settings: unknown subcommand "${sub}" (expected show, set, undo, history)`);
      } catch (err) {
        if (err instanceof SettingsChangeError) throw new CliError(err.message);
        throw err;
      }
    });
  },
};
