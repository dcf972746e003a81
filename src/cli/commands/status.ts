import { renderStatusText } from '../../observability/render-status.js';
import { collectStatus } from '../../observability/status-report.js';
import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';

const USAGE = `Usage: vendorwatch status [--json]
  Feed health, last cycle, pending and failed deliveries, unacknowledged alerts, mutes, chat installations.
  --json   one JSON object instead of text (for scripts and monitoring)
`;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    io.stderr.write(`vendorwatch status: unknown option "${unknown[0]}"\n${USAGE}`);
    return 1;
  }
  const json = args.includes('--json');
  return withApp(io, async (app) => {
    const report = await collectStatus(app.store, app.config, new Date());
    io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report));
    return 0;
  });
}
