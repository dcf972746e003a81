// `vendorwatch db copy --from FILE.db --to postgres://…`: moves a SQLite installation into an empty PostgreSQL
// database. This file parses the arguments and prints; the copy is src/store/copy-sqlite-to-postgres.ts. Progress
// goes to stderr (a line per table, and every 10,000 rows of a big one), the final row counts to stdout.

import { resolve } from 'node:path';
import { CopyRefused, copyInstallation, openCopySource } from '../../store/copy-sqlite-to-postgres.js';
import type { Db } from '../../store/open-database.js';
import { databasePasswords, isPostgresUrl, maskDatabaseUrl } from '../../store/postgres/database-url.js';
import type { CommandIO, ExitCode } from '../command-io.js';

const USAGE = `Usage: vendorwatch db copy --from FILE.db --to postgres://USER:PASSWORD@HOST:PORT/DATABASE
  Copies a SQLite installation (incidents, threads, acknowledgements, mutes, deliveries, feeds, corrections, …) into
  an empty PostgreSQL database, in one transaction, keeping every id; then checks the row counts table by table.
  The SQLite file is only read, and must be at this version's schema (run this version's \`vendorwatch start\` or
  \`vendorwatch poll --once\` on it first). A target that holds any row is refused and left as it was.
  Stop the bot before copying.
`;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(USAGE);
    return sub ? 0 : 1;
  }
  if (sub !== 'copy') {
    io.stderr.write(`vendorwatch db: unknown subcommand "${sub}"\n${USAGE}`);
    return 1;
  }
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if ((arg === '--from' || arg === '--to') && i + 1 < rest.length) {
      if (arg === '--from') from = rest[++i];
      else to = rest[++i];
    } else {
      const shown = isPostgresUrl(arg) ? maskDatabaseUrl(arg) : arg;
      io.stderr.write(`vendorwatch db copy: unexpected argument "${shown}"\n${USAGE}`);
      return 1;
    }
  }
  if (!from || !to) {
    io.stderr.write(`vendorwatch db copy: both --from and --to are needed\n${USAGE}`);
    return 1;
  }
  if (!isPostgresUrl(to)) {
    io.stderr.write('vendorwatch db copy: --to must be a postgres:// or postgresql:// URL\n');
    return 1;
  }
  const source = resolve(io.cwd, from);
  const target = maskDatabaseUrl(to);
  const secrets = databasePasswords(to);
  const masked = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  let db: Db | undefined;
  try {
    db = openCopySource(source);
    const counts = await copyInstallation(db, to.trim(), { progress: (line) => io.stderr.write(masked(line)) });
    for (const [table, n] of counts) io.stdout.write(`${table.padEnd(20)} ${n}\n`);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    io.stdout.write(`Copied ${total} rows in ${counts.length} tables from ${source} to ${target}; row counts match.\n`);
    return 0;
  } catch (error) {
    const message = masked(error instanceof Error ? error.message : String(error));
    if (error instanceof CopyRefused) {
      io.stderr.write(`vendorwatch db copy: ${message}\n`);
      return error.status;
    }
    io.stderr.write(`vendorwatch db copy: the copy to ${target} failed, nothing was committed: ${message}\n`);
    return 2;
  } finally {
    db?.close();
  }
}
