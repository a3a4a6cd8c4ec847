import { backupDb, checkDb } from '../../storage/db.js';
import { CliError } from '../cli-error.js';
import { withCliRoot } from '../context.js';
import type { Command } from './command.js';

export const dbCommand: Command = {
  name: 'db',
  usage: 'radar db backup PATH [--db PATH]\nradar db check [--db PATH]',
  options: {},
  async run({ values, positionals }) {
    const [action, target] = positionals;
    if (action !== 'backup' && action !== 'check') throw new CliError('db: expected `backup PATH` or `check`');
    return withCliRoot({ db: values.db as string | undefined }, async (cli) => {
    const db = cli.storage.sqlite;
    if (!db) {
      throw new CliError(`db ${action}: this database is PostgreSQL (${cli.storage.where}); back it up with pg_dump and check it with the server's own tools (amcheck)`);
    }
    if (action === 'backup') {
      if (!target) throw new CliError('db backup: give the destination file, e.g. `radar db backup backups/radar-2026-11-26.sqlite`');
      const result = await backupDb(db, target);
      process.stdout.write(`backup written: ${result.path} (${result.totalPages} pages)\n`);
      return 0;
    }
    const check = checkDb(db);
    process.stdout.write(check.ok
      ? `ok: integrity check passed, no foreign key problems (${db.path})\n`
      : `problems found:\n${[...check.integrity.filter((l) => l !== 'ok'), ...check.foreignKeys.map((f) => `foreign key: ${f.table} row ${f.rowid} → ${f.parent}`)].map((l) => `  ${l}`).join('\n')}\n`);
    return check.ok ? 0 : 1;
    });
  },
};
