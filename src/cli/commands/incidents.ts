import { inertText } from '../../core/terminal-text.js';
import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args[0] === '--help' || args[0] === '-h') {
    io.stdout.write(
      "Usage: vendorwatch incidents [VENDOR]\n  Lists stored incidents, newest first; with VENDOR (fuzzy: name, alias or product), only that vendor's.\n",
    );
    return 0;
  }
  const query = args.join(' ').trim();
  return withApp(io, async (app) => {
    const listings = query
      ? await app.interactions.lookupVendor(query)
      : {
          kind: 'found' as const,
          vendor: null,
          incidents: await app.interactions.listings(await app.store.incidents.all(200)),
        };
    if (listings.kind === 'unknown') {
      io.stderr.write(
        `No vendor on the watchlist matches "${query}".${listings.suggestions.length > 0 ? ` Did you mean: ${listings.suggestions.join(', ')}?` : ''}\n`,
      );
      return 1;
    }
    if (listings.incidents.length === 0) {
      io.stdout.write(listings.vendor ? `No incidents stored for ${listings.vendor}.\n` : 'No incidents stored yet.\n');
      return 0;
    }
    for (const incident of listings.incidents) {
      const dismissal = incident.dismissal
        ? ` by ${inertText(incident.dismissal.userName)} at ${incident.dismissal.at.slice(0, 16).replace('T', ' ')} UTC: not ${inertText(incident.dismissal.vendor)}`
        : '';
      const merged = incident.mergedInto
        ? ` into ${inertText(incident.mergedInto.incidentKey)} by ${inertText(incident.mergedInto.userName)} at ${incident.mergedInto.at.slice(0, 16).replace('T', ' ')} UTC`
        : '';
      const ack = incident.acknowledgedBy ? `${dismissal ? ',' : ''} acknowledged by ${inertText(incident.acknowledgedBy)}` : '';
      io.stdout.write(
        `${incident.date}  ${inertText(incident.vendor)}  [${incident.status}${merged}${dismissal}${ack}]  ${inertText(incident.title)}\n` +
          `            ${incident.incidentKey}, ${incident.sourceCount} source${incident.sourceCount === 1 ? '' : 's'}${incident.firstSourceUrl ? `, ${incident.firstSourceUrl}` : ''}\n`,
      );
    }
    return 0;
  });
}
