// Command dispatch for the `vendorwatch` binary. Each command lives in src/cli/commands/<name>.ts and exports
// `run(args, io): Promise<ExitCode>` (types in command-io.ts); exit codes follow INTERFACES.md: 0 ok, 1 bad
// input/config, 2 runtime failure.

import type { Command, CommandIO, ExitCode } from './command-io.js';

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.js')).run,
  poll: async () => (await import('./commands/poll.js')).run,
  triage: async () => (await import('./commands/triage.js')).run,
  watchlist: async () => (await import('./commands/watchlist.js')).run,
  incidents: async () => (await import('./commands/incidents.js')).run,
  status: async () => (await import('./commands/status.js')).run,
  db: async () => (await import('./commands/db.js')).run,
};

const USAGE = `Usage: vendorwatch <command> [options]

Commands:
  start                                   run the bot: schedule, chat adapters, HTTP server
  poll --once [--backfill]                one full cycle, then exit
  triage --watchlist FILE --input FILE.jsonl [--output FILE.jsonl]
                                          offline detection over a batch of articles
  watchlist check FILE                    validate a watchlist file
  watchlist exclusions [--remove ID]      list (or remove) exclusions taught by "Not this vendor"
  incidents [VENDOR]                      list stored incidents
  status [--json]                         feed health, last cycle, pending deliveries, unacknowledged alerts
  db copy --from FILE.db --to postgres://…
                                          copy a SQLite installation into an empty PostgreSQL database
`;

export async function main(argv: string[], io: Partial<CommandIO> = {}): Promise<ExitCode> {
  const fullIO: CommandIO = {
    env: io.env ?? process.env,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    cwd: io.cwd ?? process.cwd(),
    ...(io.createAdapters ? { createAdapters: io.createAdapters } : {}),
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    fullIO.stdout.write(USAGE);
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    fullIO.stderr.write(`vendorwatch: unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  const command = await load();
  return command(rest, fullIO);
}
