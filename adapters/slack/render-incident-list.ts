// Answers of the `/vendor-incidents` slash command. Pure: link resolution happens before rendering.

import type { IncidentListing } from '../../src/core/chat.js';
import { type Block, type SlackMessage, capBlocks, context, section } from './block-kit.js';
import { LIMITS, cutMrkdwn, escapeMrkdwn, linkMrkdwn, safeHttpUrl } from './escape-mrkdwn.js';
import { plural } from './render-alert.js';

export const COMMAND_NAME = '/vendor-incidents';
export const MAX_LISTED = 20;

const STATUS_LABEL: Record<IncidentListing['status'], string> = {
  open: ':red_circle: open',
  acknowledged: ':white_check_mark: acknowledged',
  muted: ':mute: muted',
};

/** One incident a line: date, title (linked to the alert when we have its permalink), status, who acknowledged. */
export function renderIncidentList(heading: string, listings: IncidentListing[], showVendor = false): SlackMessage {
  if (listings.length === 0) {
    return { text: cutMrkdwn(`${heading}: no incidents.`, LIMITS.fallbackText), blocks: [section(`*${heading}*\nNo incidents recorded.`)] };
  }
  const sorted = [...listings].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.incidentId - a.incidentId));
  const shown = sorted.slice(0, MAX_LISTED);
  const blocks: Block[] = [section(`*${heading}*: ${plural(listings.length, 'incident')}, newest first`)];
  for (const listing of shown) blocks.push(section(renderListingLine(listing, showVendor)));
  if (sorted.length > shown.length) {
    blocks.push(context(`…and ${sorted.length - shown.length} older. \`vendorwatch incidents\` on the server lists them all.`));
  }
  return { text: cutMrkdwn(`${heading}: ${plural(listings.length, 'incident')}`, LIMITS.fallbackText), blocks: capBlocks(blocks) };
}

export function renderListingLine(listing: IncidentListing, showVendor: boolean): string {
  const alertLink = listing.alertLinks.find((link) => link.platform === 'slack' && safeHttpUrl(link.url));
  const title = alertLink ? linkMrkdwn(alertLink.url, listing.title) : cutMrkdwn(escapeMrkdwn(listing.title, true), 300);
  const vendor = showVendor ? `${escapeMrkdwn(listing.vendor, true)}: ` : '';
  const parts = [`*${escapeMrkdwn(listing.date, true)}* · ${vendor}${title}`, STATUS_LABEL[listing.status]];
  if (listing.acknowledgedBy) parts.push(`by ${escapeMrkdwn(listing.acknowledgedBy, true)}`);
  parts.push(plural(listing.sourceCount, 'source'));
  if (!alertLink && safeHttpUrl(listing.firstSourceUrl)) parts.push(linkMrkdwn(listing.firstSourceUrl, 'first report'));
  return cutMrkdwn(parts.join(' · '), LIMITS.sectionText);
}

export function renderUnknownVendor(query: string, suggestions: string[]): SlackMessage {
  const asked = cutMrkdwn(escapeMrkdwn(query, true), 100);
  const tail =
    suggestions.length > 0
      ? `Did you mean ${suggestions.slice(0, 5).map((name) => `*${escapeMrkdwn(name, true)}*`).join(', ')}?`
      : 'No watchlist vendor has a similar name.';
  const text = `No vendor on the watchlist matches “${asked}”. ${tail}`;
  return { text: cutMrkdwn(text, LIMITS.fallbackText), blocks: [section(text)] };
}

export function renderUsage(note?: string): SlackMessage {
  const lines = [
    ...(note ? [note, ''] : []),
    `*${COMMAND_NAME}* shows what Vendorwatch knows about a vendor's incidents:`,
    `• \`${COMMAND_NAME} VENDOR\`: that vendor's incidents, newest first (names, aliases and products work, e.g. \`care cloud\`)`,
    `• \`${COMMAND_NAME} recent\`: every incident of the last 7 days`,
    `• \`${COMMAND_NAME} mute VENDOR 7d\` / \`${COMMAND_NAME} unmute VENDOR\`: stop or resume alerts for a vendor`,
    `• \`${COMMAND_NAME} help\`: this text`,
  ];
  return { text: `Usage: ${COMMAND_NAME} VENDOR | recent | mute VENDOR 7d | unmute VENDOR | help`, blocks: [section(lines.join('\n'))] };
}

/** A short answer (a confirmation, a refusal) as a message. `text` is already escaped. */
export function renderReply(text: string): SlackMessage {
  return { text: cutMrkdwn(text, LIMITS.fallbackText), blocks: [section(text)] };
}
