// An alert as a Block Kit message. Pure: the same view always gives the same JSON (golden-tested).

import type { AlertView, FactView, SourceView } from '../../src/core/chat.js';
import type { Criticality } from '../../src/core/types.js';
import {
  type Block,
  type SlackMessage,
  button,
  capBlocks,
  context,
  fieldSections,
  header,
  section,
} from './block-kit.js';
import { LIMITS, cutMrkdwn, escapeMrkdwn, escapePlainText, fitLines, formatTime, linkMrkdwn, mentionFor } from './escape-mrkdwn.js';

export const ACTION_ACKNOWLEDGE = 'vw_ack';
export const ACTION_MUTE_7D = 'vw_mute_7d';
export const ACTION_DETAILS = 'vw_details';
export const ALERT_ACTIONS_BLOCK = 'vw_alert_actions';
export const METADATA_EVENT_TYPE = 'vendorwatch_delivery';

export interface MessageMetadata {
  event_type: typeof METADATA_EVENT_TYPE;
  event_payload: { delivery_id: string; incident_id: number | null };
}

export interface AlertMessage extends SlackMessage {
  unfurl_links: false;
  unfurl_media: false;
  metadata?: MessageMetadata;
}

export interface RenderAlertOptions {
  /** Tagged on the message so that a delivery can be found in the channel's history after a crash. */
  deliveryId?: string;
  /** Mention the vendor owner (when the owner is a Slack user or group id). */
  mentionOwner: boolean;
}

const CRITICALITY_EMOJI: Record<Criticality, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
};

export function deliveryMetadata(deliveryId: string, incidentId: number | null): MessageMetadata {
  return { event_type: METADATA_EVENT_TYPE, event_payload: { delivery_id: deliveryId, incident_id: incidentId } };
}

export function renderAlert(alert: AlertView, options: RenderAlertOptions): AlertMessage {
  const vendor = alert.vendor;
  // Once someone has acknowledged, the owner no longer needs calling; the edit drops the mention.
  const ownerMention = options.mentionOwner && !alert.acknowledgement ? mentionFor(vendor.owner) : null;
  const blocks: Block[] = [
    header(`${CRITICALITY_EMOJI[vendor.criticality]} ${escapePlainText(vendor.name)}: ${vendor.criticality} vendor reported breached`),
    section(`*${escapeMrkdwn(alert.title, true)}*\n${escapeMrkdwn(alert.summary)}`),
  ];
  blocks.push(...fieldSections(alert.facts.map(renderFactField)));
  blocks.push(section(renderSourceList(alert.sources, 'Press *Details* for the full list.')));

  const about: string[] = [];
  if (alert.related.length > 0) about.push(`*Also involved:* ${alert.related.map((name) => escapeMrkdwn(name, true)).join(', ')}`);
  if (vendor.category) about.push(`*Category:* ${escapeMrkdwn(vendor.category, true)}`);
  if (vendor.owner && !ownerMention) about.push(`*Owner:* ${escapeMrkdwn(vendor.owner, true)}`);
  if (about.length > 0) blocks.push(context(...about));
  if (ownerMention) blocks.push(section(`*Owner:* ${ownerMention}, please review.`));

  const status = renderStatusLine(alert);
  if (status) blocks.push(context(status));
  blocks.push(renderAlertActions(alert));
  blocks.push(
    context(
      `Vendorwatch · ${escapeMrkdwn(alert.incidentKey, true)} · ${plural(alert.sources.length, 'source')} · first seen ${formatTime(alert.firstSeenAt)} · updated ${formatTime(alert.updatedAt)}`,
    ),
  );

  const message: AlertMessage = {
    text: renderAlertFallback(alert, ownerMention),
    blocks: capBlocks(blocks, 3),
    unfurl_links: false,
    unfurl_media: false,
  };
  if (options.deliveryId !== undefined) message.metadata = deliveryMetadata(options.deliveryId, alert.incidentId);
  return message;
}

/** Everything known about the incident, for the *Details* button (posted ephemerally). */
export function renderAlertDetails(alert: AlertView): SlackMessage {
  const blocks: Block[] = [
    header(`${escapePlainText(alert.vendor.name)}: incident details`),
    section(`*${escapeMrkdwn(alert.title, true)}*\n${escapeMrkdwn(alert.summary)}`),
  ];
  for (const fact of alert.facts) blocks.push(section(renderFactField(fact)));
  const sourceLines = [`*Sources (${alert.sources.length})*`, ...alert.sources.map((source) => `• ${renderSourceLine(source)}`)];
  // Split the full list into sections of at most 3000 characters rather than cutting it.
  let chunk: string[] = [];
  for (const line of sourceLines) {
    if ([...chunk, line].join('\n').length > LIMITS.sectionText && chunk.length > 0) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  const status = renderStatusLine(alert);
  if (status) blocks.push(context(status));
  return {
    text: cutMrkdwn(`Details of ${escapeMrkdwn(alert.vendor.name, true)}: ${escapeMrkdwn(alert.title, true)}`, LIMITS.fallbackText),
    blocks: capBlocks(blocks),
  };
}

export function renderAlertActions(alert: AlertView): Block {
  const id = String(alert.incidentId);
  const vendor = escapePlainText(alert.vendor.name);
  const elements = [];
  if (!alert.acknowledgement) elements.push(button(ACTION_ACKNOWLEDGE, 'Acknowledge', id, { style: 'primary' }));
  elements.push(
    button(ACTION_MUTE_7D, 'Mute vendor 7 days', id, {
      confirm: {
        title: { type: 'plain_text', text: 'Mute this vendor?' },
        text: { type: 'plain_text', text: cutMrkdwn(`New ${vendor} incidents will be recorded but not posted for 7 days.`, 300) },
        confirm: { type: 'plain_text', text: 'Mute 7 days' },
        deny: { type: 'plain_text', text: 'Cancel' },
      },
    }),
  );
  elements.push(button(ACTION_DETAILS, 'Details', id));
  return { type: 'actions', block_id: ALERT_ACTIONS_BLOCK, elements };
}

/** A key fact as a field: its label, then every value sources gave, each with the outlets stating it. */
export function renderFactField(fact: FactView): string {
  const values = fact.values.map((value) => {
    const outlets = value.sources.length > 0 ? ` _(${value.sources.map((s) => escapeMrkdwn(s, true)).join(', ')})_` : '';
    return `${escapeMrkdwn(value.value, true)}${outlets}`;
  });
  const conflict = fact.values.length > 1 ? ' _(sources differ)_' : '';
  return cutMrkdwn(`*${escapeMrkdwn(fact.label, true)}*${conflict}\n${values.join('\n')}`, LIMITS.fieldText);
}

/** `<url|Outlet> · 2026-03-12 · Title`, with the outlet as link text (plain text when there is no safe link). */
export function renderSourceLine(source: SourceView): string {
  const parts = [linkMrkdwn(source.url, source.outlet || 'source')];
  if (source.published) parts.push(escapeMrkdwn(source.published, true));
  if (source.title) parts.push(cutMrkdwn(escapeMrkdwn(source.title, true), 300));
  return parts.join(' · ');
}

export function renderSourceList(sources: SourceView[], more: string): string {
  const lines = sources.map((source) => `• ${renderSourceLine(source)}`);
  return fitLines([`*Sources (${sources.length})*`, ...lines], LIMITS.sectionText, (left) => `…and ${left} more. ${more}`);
}

export function renderStatusLine(alert: AlertView): string | null {
  const lines: string[] = [];
  const ack = alert.acknowledgement;
  if (ack) {
    const comment = ack.comment ? `: “${cutMrkdwn(escapeMrkdwn(ack.comment, true), 500)}”` : '';
    lines.push(`:white_check_mark: Acknowledged by *${escapeMrkdwn(ack.userName, true)}* at ${formatTime(ack.at)}${comment}`);
  }
  if (alert.mutedUntil) lines.push(`:mute: ${escapeMrkdwn(alert.vendor.name, true)} muted until ${formatTime(alert.mutedUntil)}`);
  return lines.length > 0 ? lines.join('\n') : null;
}

function renderAlertFallback(alert: AlertView, ownerMention: string | null): string {
  const ack = alert.acknowledgement ? ` (acknowledged by ${escapeMrkdwn(alert.acknowledgement.userName, true)})` : '';
  const owner = ownerMention ? ` ${ownerMention}` : '';
  const text = `${escapeMrkdwn(alert.vendor.name, true)} (${alert.vendor.criticality}) reported breached: ${escapeMrkdwn(alert.title, true)}${ack}`;
  return cutMrkdwn(text, LIMITS.fallbackText - owner.length) + owner;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
