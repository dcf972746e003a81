// A later development of an alerted incident, as a reply in the alert's thread. Pure.

import type { ThreadUpdateView } from '../../src/core/chat.js';
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
  const { alert, newSources, newFacts } = update;
  const vendor = escapeMrkdwn(alert.vendor.name, true);
  const blocks: Block[] = [];
  const what: string[] = [];
  if (newSources.length > 0) what.push(plural(newSources.length, 'new report'));
  if (newFacts.length > 0) what.push(plural(newFacts.length, 'new fact'));
  const summary = what.length > 0 ? what.join(' and ') : 'an update';
  if (newSources.length > 0) {
    const lines = newSources.map((source) => `• ${renderSourceLine(source)}`);
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
