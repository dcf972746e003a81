import { inertText } from '../../core/terminal-text.js';
import type { ExclusionRecord } from '../../store/correction-repository.js';
import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';

// `vendorwatch watchlist exclusions [--remove ID]`: the exclusions people taught from chat with "Not this vendor"
// (this vendor is never the breached party when the organisation is that one), and a way to undo one.

export const EXCLUSIONS_USAGE = `Usage: vendorwatch watchlist exclusions [--remove ID]

Lists the exclusions that "Not this vendor" in chat has taught: each says a vendor is never alerted
for breaches at an organisation. --remove ID deletes one, so that organisation's breaches alert
that vendor again.
`;

/** Ids are SQLite row ids: a positive integer, nothing else. */
const ID = /^[1-9][0-9]{0,15}$/;

function parseRemove(args: string[]): { remove: number | null } | { error: string } {
  if (args.length === 0) return { remove: null };
  const [flag, value, ...extra] = args;
  const inline = flag?.startsWith('--remove=') ? flag.slice('--remove='.length) : null;
  if (flag !== '--remove' && inline === null) return { error: `unknown option "${inertText((flag ?? '').slice(0, 40))}"` };
  const id = inline ?? value;
  if ((inline !== null && value !== undefined) || extra.length > 0) return { error: 'too many arguments' };
  if (!id) return { error: '--remove needs the ID of an exclusion (the first column of `vendorwatch watchlist exclusions`)' };
  if (!ID.test(id)) return { error: `"${inertText(id.slice(0, 40))}" is not an exclusion ID: IDs are whole numbers` };
  return { remove: Number(id) };
}

function describe(exclusion: ExclusionRecord): string {
  const when = `${exclusion.at.slice(0, 16).replace('T', ' ')} UTC`;
  return `${exclusion.id}  ${inertText(exclusion.vendor)}  not for "${inertText(exclusion.organisation)}"  by ${inertText(exclusion.userName)} (${exclusion.platform}) at ${when}\n`;
}

export async function runExclusions(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args[0] === '--help' || args[0] === '-h') {
    io.stdout.write(EXCLUSIONS_USAGE);
    return 0;
  }
  const parsed = parseRemove(args);
  if ('error' in parsed) {
    io.stderr.write(`vendorwatch watchlist exclusions: ${parsed.error}\n\n${EXCLUSIONS_USAGE}`);
    return 1;
  }
  return withApp(io, async (app) => {
    const { corrections } = app.store;
    if (parsed.remove !== null) {
      const existing = (await corrections.exclusions()).find((e) => e.id === parsed.remove);
      if (!existing || !(await corrections.removeExclusion(parsed.remove))) {
        io.stderr.write(`No exclusion has ID ${parsed.remove}. \`vendorwatch watchlist exclusions\` lists them with their IDs.\n`);
        return 1;
      }
      io.stdout.write(
        `Removed exclusion ${existing.id}: ${inertText(existing.organisation)} may alert ${inertText(existing.vendor)} again.\n`,
      );
      return 0;
    }
    const all = await corrections.exclusions();
    if (all.length === 0) {
      io.stdout.write('No exclusions learned yet ("Not this vendor" on an alert adds one).\n');
      return 0;
    }
    io.stdout.write('ID  vendor  organisation  who  when\n');
    for (const exclusion of all) io.stdout.write(describe(exclusion));
    return 0;
  });
}
