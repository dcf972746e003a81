import type { CommandIO, ExitCode } from '../main.js';

// Placeholder until this command is built; see the open issues.
export async function run(_args: string[], io: CommandIO): Promise<ExitCode> {
  io.stderr.write('vendorwatch start: not built yet\n');
  return 2;
}
