// Answers of the `/vendor-incidents` slash command. Pure: link resolution happens before rendering.

import type { IncidentListing } from '../../src/core/chat.js';
import { type Block, context, type SlackMessage, section } from './block-kit.js';
import { clampMessage, MESSAGE_LIMITS } from './clamp-message.js';
import { cutMrkdwn, escapeMrkdwn, LIMITS, linkMrkdwn, safeHttpUrl } from './escape-mrkdwn.js';
import { plural } from './render-alert.js';

export const COMMAND_NAME = '/vendor-incidents';
const MAX_LISTED = 20;
/** One incident's line: date, vendor, title, status, who, sources, a link. Feed titles are cut well before this. */
const MAX_LINE = 600;
const MAX_TITLE = 200;
/** A source link longer than this is left out of a listing line: it would crowd out the other incidents. */
const MAX_LISTED_URL = 500;

const STATUS_LABEL: Record<IncidentListing['status'], string> = {
  open: ':red_circle: open',
  acknowledged: ':white_check_mark: acknowledged',
  muted: ':mute: muted',
  dismissed: ':no_entry_sign: dismissed (not this vendor)',
  merged: ':link: merged',
};

/**
 * One incident a line: date, title (linked to the alert when we have its permalink), status, who acknowledged.
 * `total` is how many exist when `listings` holds only the newest of them.
 */
export function renderIncidentList(
  heading: string,
  listings: IncidentListing[],
  showVendor = false,
  total = listings.length,
): SlackMessage {
  if (listings.length === 0) {
    return clampMessage({
      text: cutMrkdwn(`${heading}: no incidents.`, LIMITS.fallbackText),
      blocks: [section(`*${heading}*\nNo incidents recorded.`)],
    });
  }
  const sorted = [...listings].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.incidentId - a.incidentId));
  const blocks: Block[] = [section(`*${cutMrkdwn(heading, MAX_TITLE)}*: ${plural(total, 'incident')}, newest first`)];
  // Newest first, as many whole lines as the message's text budget holds (room kept for the closing note).
  let room = MESSAGE_LIMITS.blocksText - 300 - MAX_TITLE;
  let shown = 0;
  for (const listing of sorted.slice(0, MAX_LISTED)) {
    const line = renderListingLine(listing, showVendor);
    if (line.length > room) break;
    blocks.push(section(line));
    room -= line.length;
    shown += 1;
  }
  if (total > shown) {
    blocks.push(context(`…and ${total - shown} older. \`vendorwatch incidents\` on the server lists them all.`));
  }
  return clampMessage({ text: cutMrkdwn(`${heading}: ${plural(total, 'incident')}`, LIMITS.fallbackText), blocks });
}

function renderListingLine(listing: IncidentListing, showVendor: boolean): string {
  const alertLink = listing.alertLinks.find((link) => link.platform === 'slack' && safeHttpUrl(link.url));
  const title =
    alertLink && alertLink.url.length <= MAX_LISTED_URL
      ? linkMrkdwn(alertLink.url, listing.title)
      : cutMrkdwn(escapeMrkdwn(listing.title, true), MAX_TITLE);
  const vendor = showVendor ? `${cutMrkdwn(escapeMrkdwn(listing.vendor, true), 100)}: ` : '';
  const parts = [`*${cutMrkdwn(escapeMrkdwn(listing.date, true), 20)}* · ${vendor}${title}`, STATUS_LABEL[listing.status]];
  if (listing.mergedInto)
    parts.push(
      `into ${cutMrkdwn(escapeMrkdwn(listing.mergedInto.incidentKey, true), 100)} by ${cutMrkdwn(escapeMrkdwn(listing.mergedInto.userName, true), 100)}`,
    );
  else if (listing.dismissal) parts.push(`by ${cutMrkdwn(escapeMrkdwn(listing.dismissal.userName, true), 100)}`);
  else if (listing.acknowledgedBy) parts.push(`by ${cutMrkdwn(escapeMrkdwn(listing.acknowledgedBy, true), 100)}`);
  parts.push(plural(listing.sourceCount, 'source'));
  const firstReport = safeHttpUrl(listing.firstSourceUrl);
  if (!alertLink && firstReport && firstReport.length <= MAX_LISTED_URL) parts.push(linkMrkdwn(firstReport, 'first report'));
  return cutMrkdwn(parts.join(' · '), MAX_LINE);
}

export function renderUnknownVendor(query: string, suggestions: string[]): SlackMessage {
  const asked = cutMrkdwn(escapeMrkdwn(query, true), 100);
  const tail =
    suggestions.length > 0
      ? `Did you mean ${suggestions
          .slice(0, 5)
          .map((name) => `*${escapeMrkdwn(name, true)}*`)
          .join(', ')}?`
      : 'No watchlist vendor has a similar name.';
  const text = `No vendor on the watchlist matches “${asked}”. ${tail}`;
  return clampMessage({ text: cutMrkdwn(text, LIMITS.fallbackText), blocks: [section(text)] });
}

export function renderUsage(note?: string): SlackMessage {
  const lines = [
    ...(note ? [note, ''] : []),
    `*${COMMAND_NAME}* shows what Vendorwatch knows about a vendor's incidents:`,
    `• \`${COMMAND_NAME} VENDOR\`: that vendor's incidents, newest first (names, aliases and products work, e.g. \`care cloud\`)`,
    `• \`${COMMAND_NAME} recent\`: every incident of the last 7 days`,
    `• \`${COMMAND_NAME} mute VENDOR 7d\` / \`${COMMAND_NAME} unmute VENDOR\`: stop or resume alerts for a vendor`,
    `• \`${COMMAND_NAME} merge ID ID\`: the second incident joins the first (admins)`,
    `• \`${COMMAND_NAME} help\`: this text`,
  ];
  return clampMessage({
    text: `Usage: ${COMMAND_NAME} VENDOR | recent | mute VENDOR 7d | unmute VENDOR | merge ID ID | help`,
    blocks: [section(lines.join('\n'))],
  });
}

/** A short answer (a confirmation, a refusal) as a message. `text` is already escaped. */
export function renderReply(text: string): SlackMessage {
  return clampMessage({ text: cutMrkdwn(text, LIMITS.fallbackText), blocks: [section(text)] });
}
