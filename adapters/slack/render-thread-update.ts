// A later development of an alerted incident, as a reply in the alert's thread. Pure.

import type { ThreadUpdateView } from '../../src/core/chat.js';
import { confirmingSourceNoun, groupList, threadUpdateParts } from '../../src/sources/provenance.js';
import { type Block, context, type SlackMessage, section } from './block-kit.js';
import { clampMessage } from './clamp-message.js';
import { cutMrkdwn, escapeMrkdwn, fitLines, LIMITS } from './escape-mrkdwn.js';
import { deliveryMetadata, type MessageMetadata, plural, renderFactFields, renderSourceLine, renderStatusLine } from './render-alert.js';

// Shares of Slack's text budget for one message (see render-alert.ts): whole lines, then "…and N more".
const SOURCES_MAX = 2500;
const FACTS_BUDGET = 2500;

export interface ThreadUpdateMessage extends SlackMessage {
  unfurl_links: false;
  unfurl_media: false;
  metadata?: MessageMetadata;
}

export function renderThreadUpdate(update: ThreadUpdateView, deliveryId?: string): ThreadUpdateMessage {
  const { alert, newFacts } = update;
  // A source that revised its record (HHS OCR's count) and a source that confirmed a leak-site claim say so first.
  const { revised, added, confirmation } = threadUpdateParts(update);
  const vendor = escapeMrkdwn(alert.vendor.name, true);
  const blocks: Block[] = [];
  const notes: string[] = [];
  if (confirmation) {
    notes.push(
      `confirmed by ${confirmingSourceNoun(confirmation.provenance)} (${cutMrkdwn(escapeMrkdwn(confirmation.outlet, true), 100)}), after the leak-site claim by ${cutMrkdwn(escapeMrkdwn(groupList(confirmation.groups), true), 200)}`,
    );
  }
  for (const { message } of revised.slice(0, 3)) notes.push(cutMrkdwn(escapeMrkdwn(message, true), 200));
  const what: string[] = [];
  if (added.length > 0 && !(confirmation && added.length === 1)) what.push(plural(added.length, 'new report'));
  if (newFacts.length > 0) what.push(plural(newFacts.length, 'new fact'));
  if (what.length > 0) notes.push(what.join(' and '));
  const summary = notes.length > 0 ? notes.join('; ') : 'an update';
  const sources = [...revised.map((entry) => entry.source), ...added];
  if (sources.length > 0) {
    const lines = sources.map((source) => `• ${renderSourceLine(source)}`);
    blocks.push(section(fitLines([`*Update on ${vendor}: ${summary}*`, ...lines], SOURCES_MAX, (left) => `…and ${left} more.`)));
  } else {
    blocks.push(section(`*Update on ${vendor}: ${summary}*`));
  }
  blocks.push(...renderFactFields(newFacts, FACTS_BUDGET));
  const status = renderStatusLine(alert) ?? 'Not acknowledged yet.';
  blocks.push(context(`${plural(alert.sources.length, 'source')} in total · ${status}`));
  const message: ThreadUpdateMessage = clampMessage(
    { text: cutMrkdwn(`Update on ${vendor}: ${summary}`, LIMITS.fallbackText), blocks, unfurl_links: false, unfurl_media: false },
    1,
  );
  if (deliveryId !== undefined) message.metadata = deliveryMetadata(deliveryId, alert.incidentId);
  return message;
}
