import { parseArgs } from 'node:util';
import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';

const USAGE =
  'Usage: vendorwatch poll --once [--backfill]\n  --once      run one full cycle (fetch, detect, group, deliver), then exit\n  --backfill  alert on every item now in the feeds (no first-run silence, no maximum age)\n';

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  let values: { once?: boolean; backfill?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { once: { type: 'boolean' }, backfill: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!values.once) {
    io.stderr.write(`vendorwatch poll needs --once (the schedule is \`vendorwatch start\`).\n${USAGE}`);
    return 1;
  }
  return withApp(io, async (app) => {
    await app.startAdapters(null);
    await app.runCycle({ backfill: Boolean(values.backfill) });
    return 0;
  });
}
