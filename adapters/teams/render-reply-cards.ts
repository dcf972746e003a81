// Cards other than the alert: thread updates, notices, command answers. Pure, like the alert card.

import type { IncidentListing, NoticeView, ThreadUpdateView } from '../../src/core/chat.js';
import { confirmingSourceNoun, groupList, threadUpdateParts } from '../../src/sources/provenance.js';
import { type AdaptiveCard, CARD_BYTE_LIMIT, type CardElement, fitCard, newCard, textBlock } from './adaptive-card.js';
import { escapeCardText, markdownLink } from './card-text.js';
import { sourceLine } from './render-alert-card.js';

const MAX_LISTED = 15;

export function renderThreadUpdateCard(update: ThreadUpdateView, maxBytes = CARD_BYTE_LIMIT): AdaptiveCard {
  const vendor = escapeCardText(update.alert.vendor.name, 100);
  // A source that revised its record (HHS OCR's count) and a source that confirmed a leak-site claim say so first.
  const { revised, added, confirmation } = threadUpdateParts(update);
  const sources = [...revised.map((entry) => entry.source), ...added];
  const n = sources.length;
  const notes: string[] = [];
  if (confirmation) {
    notes.push(
      `confirmed by ${confirmingSourceNoun(confirmation.provenance)} (${escapeCardText(confirmation.outlet, 100)}), after the leak-site claim by ${escapeCardText(groupList(confirmation.groups), 200)}`,
    );
  }
  for (const { message } of revised.slice(0, 3)) notes.push(escapeCardText(message, 200));
  const plain = added.length > 0 ? `${added.length} new source${added.length === 1 ? '' : 's'}` : 'new facts';
  const heading =
    notes.length > 0
      ? `Update for **${vendor}**: ${notes.join('; ')}`
      : n > 0
        ? `Update for **${vendor}**: ${plain}`
        : `Update for **${vendor}**: new facts`;
  const fallback =
    notes.length > 0 ? `: ${[confirmation ? 'confirmed' : null, ...revised.map((entry) => entry.message)].filter(Boolean).join('; ')}` : '';
  const build = (maxItems: number, valueChars: number, urlChars: number): AdaptiveCard => {
    const body: CardElement[] = [textBlock(heading, { weight: 'Bolder' })];
    for (const source of sources.slice(0, maxItems))
      body.push(textBlock(sourceLine(source, Math.min(160, valueChars), urlChars), { spacing: 'Small' }));
    if (n > maxItems) body.push(textBlock(`… and ${n - maxItems} more`, { isSubtle: true }));
    const facts = update.newFacts.filter((f) => f.values.length > 0).slice(0, maxItems);
    if (facts.length > 0) {
      body.push({
        type: 'FactSet',
        facts: facts.map((fact) => ({
          title: escapeCardText(fact.label, 40),
          value: fact.values
            .slice(0, 4)
            .map(
              (v) =>
                `${escapeCardText(v.value, valueChars)}${
                  v.sources.length
                    ? ` (${v.sources
                        .slice(0, 3)
                        .map((s) => escapeCardText(s, 40))
                        .join(', ')})`
                    : ''
                }`,
            )
            .join('; '),
        })),
      });
    }
    body.push(textBlock(`Sources now: ${update.alert.sources.length} · the alert above is updated`, { isSubtle: true, size: 'Small' }));
    return newCard(body, { fallbackText: `Vendorwatch: update for ${update.alert.vendor.name.slice(0, 100)}${fallback.slice(0, 300)}` });
  };
  return fitCard(maxBytes, [() => build(10, 200, 2048), () => build(5, 100, 500), () => build(2, 60, 200), () => build(0, 40, 0)]);
}

const NOTICE_TITLES: Record<NoticeView['kind'], string> = {
  reminder: '⏰ Reminder',
  mute: '🔕 Vendor muted',
  digest: '📋 Digest',
  'feed-health': '📡 Feed health',
  info: 'ℹ️ Vendorwatch',
  merge: '🔗 Incidents merged',
};

export function renderNoticeCard(notice: NoticeView, maxBytes = CARD_BYTE_LIMIT): AdaptiveCard {
  const build = (maxLines: number, lineChars: number): AdaptiveCard => {
    const lines = notice.text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    const body: CardElement[] = [textBlock(NOTICE_TITLES[notice.kind], { weight: 'Bolder' })];
    if (notice.alert)
      body.push(
        textBlock(`${escapeCardText(notice.alert.vendor.name, 100)}: ${escapeCardText(notice.alert.title, 160)}`, {
          isSubtle: true,
          spacing: 'None',
        }),
      );
    for (const line of lines.slice(0, maxLines)) body.push(textBlock(escapeCardText(line, lineChars), { spacing: 'Small' }));
    if (lines.length > maxLines) body.push(textBlock(`… and ${lines.length - maxLines} more lines`, { isSubtle: true }));
    return newCard(body, { fallbackText: `Vendorwatch: ${NOTICE_TITLES[notice.kind]}` });
  };
  return fitCard(maxBytes, [() => build(40, 500), () => build(20, 200), () => build(8, 100), () => build(3, 60)]);
}

/** How many incidents a list shows, and how long their titles and links may be: richest first. */
const LIST_BUDGETS = [
  { items: MAX_LISTED, title: 140, url: 2048 },
  { items: 10, title: 100, url: 500 },
  { items: 5, title: 80, url: 200 },
  { items: 3, title: 60, url: 0 },
];

/** `total` is how many exist when `incidents` holds only the newest of them. */
function renderIncidentListCard(
  heading: string,
  incidents: IncidentListing[],
  emptyText: string,
  maxBytes = CARD_BYTE_LIMIT,
  total = incidents.length,
): AdaptiveCard {
  return fitCard(
    maxBytes,
    LIST_BUDGETS.map((budget) => () => buildIncidentList(heading, incidents, emptyText, budget, total)),
  );
}

function buildIncidentList(
  heading: string,
  incidents: IncidentListing[],
  emptyText: string,
  budget: (typeof LIST_BUDGETS)[number],
  total: number,
): AdaptiveCard {
  const body: CardElement[] = [textBlock(heading, { weight: 'Bolder', size: 'Medium' })];
  if (incidents.length === 0) body.push(textBlock(emptyText, { isSubtle: true }));
  for (const incident of incidents.slice(0, budget.items)) {
    const status =
      incident.status === 'merged' && incident.mergedInto
        ? `merged into ${escapeCardText(incident.mergedInto.incidentKey, 80)} by ${escapeCardText(incident.mergedInto.userName, 60)}`
        : incident.status === 'dismissed'
          ? `dismissed (not this vendor)${incident.dismissal ? ` by ${escapeCardText(incident.dismissal.userName, 60)}` : ''}`
          : incident.status === 'acknowledged'
            ? `acknowledged${incident.acknowledgedBy ? ` by ${escapeCardText(incident.acknowledgedBy, 60)}` : ''}`
            : incident.status;
    body.push(
      textBlock(
        `**${escapeCardText(incident.date, 10)}** · ${escapeCardText(incident.vendor, 80)} · ${markdownLink(incident.title, incident.firstSourceUrl, budget.title, budget.url)}`,
        {
          spacing: 'Small',
        },
      ),
      textBlock(
        `${status} · ${incident.sourceCount} source${incident.sourceCount === 1 ? '' : 's'} · ${escapeCardText(incident.incidentKey, 60)}`,
        {
          isSubtle: true,
          spacing: 'None',
          size: 'Small',
        },
      ),
    );
  }
  const shown = Math.min(incidents.length, budget.items);
  if (total > shown) body.push(textBlock(`… and ${total - shown} more (see \`vendorwatch incidents\`)`, { isSubtle: true }));
  return newCard(body, { fallbackText: 'Vendorwatch: incidents' });
}

export function renderVendorIncidentsCard(
  vendor: string,
  incidents: IncidentListing[],
  maxBytes = CARD_BYTE_LIMIT,
  total = incidents.length,
): AdaptiveCard {
  const name = escapeCardText(vendor, 100);
  return renderIncidentListCard(
    `Incidents for **${name}** (${total})`,
    incidents,
    'No incidents recorded for this vendor.',
    maxBytes,
    total,
  );
}

export function renderRecentIncidentsCard(days: number, incidents: IncidentListing[], maxBytes = CARD_BYTE_LIMIT): AdaptiveCard {
  return renderIncidentListCard(
    `Incidents of the last ${days} days (${incidents.length})`,
    incidents,
    'No incidents in this period.',
    maxBytes,
  );
}

export function renderUnknownVendorCard(query: string, suggestions: string[]): AdaptiveCard {
  const body: CardElement[] = [textBlock(`No vendor on the watchlist matches “${escapeCardText(query, 100)}”.`, { weight: 'Bolder' })];
  if (suggestions.length > 0) {
    body.push(textBlock('Did you mean:', { spacing: 'Small' }));
    for (const name of suggestions.slice(0, 5)) body.push(textBlock(`• incidents ${escapeCardText(name, 100)}`, { spacing: 'None' }));
  } else {
    body.push(textBlock('Check the spelling, or ask an admin to add the vendor to the watchlist.', { isSubtle: true }));
  }
  return newCard(body, { fallbackText: 'Vendorwatch: unknown vendor' });
}

export function renderHelpCard(options: { channelId?: string } = {}): AdaptiveCard {
  const channel = options.channelId
    ? [textBlock(`This channel's id for teams\\_channel: ${escapeCardText(options.channelId, 300)}`, { isSubtle: true, size: 'Small' })]
    : [];
  return newCard(
    [
      textBlock('**Vendorwatch** tells you when a vendor on your watchlist is reported breached.', { wrap: true }),
      {
        type: 'FactSet',
        facts: [
          { title: 'incidents VENDOR', value: 'incidents recorded for a vendor, e.g. incidents CareCloud' },
          { title: 'recent', value: 'incidents of the last 7 days' },
          { title: 'ack \\[comment\\]', value: 'in an alert’s thread: acknowledge that alert' },
          { title: 'merge ID ID', value: 'the second incident joins the first (admins)' },
          { title: 'help', value: 'this message' },
        ],
      },
      textBlock('In a channel, mention the bot first (@Vendorwatch recent). Alerts have Acknowledge and Mute buttons.', { isSubtle: true }),
      ...channel,
    ],
    { fallbackText: 'Vendorwatch help' },
  );
}

/** A one-line answer (confirmations, refusals), escaped: it can quote user input. */
export function renderMessageCard(text: string, options: { color?: 'Good' | 'Warning' | 'Attention' } = {}): AdaptiveCard {
  return newCard([textBlock(escapeCardText(text, 1000), options.color ? { color: options.color } : {})], {
    fallbackText: text.slice(0, 200),
  });
}
