// An alert as a Block Kit message. Pure: the same view always gives the same JSON (golden-tested).

import type { AlertView, FactView, SourceView } from '../../src/core/chat.js';
import type { Criticality } from '../../src/core/types.js';
import {
  type ClaimStanding,
  confirmingSourceNoun,
  groupList,
  provenanceLabel,
  revisionNote,
  standingOf,
} from '../../src/sources/provenance.js';
import { type Block, button, context, fieldSections, header, type SlackMessage, section } from './block-kit.js';
import { blocksTextLength, clampMessage, MESSAGE_LIMITS } from './clamp-message.js';
import { cutMrkdwn, escapeMrkdwn, escapePlainText, fitLines, formatTime, LIMITS, linkMrkdwn, mentionFor } from './escape-mrkdwn.js';

export const ACTION_ACKNOWLEDGE = 'vw_ack';
export const ACTION_MUTE_7D = 'vw_mute_7d';
export const ACTION_DETAILS = 'vw_details';
export const ACTION_NOT_THIS_VENDOR = 'vw_not_vendor';
const ALERT_ACTIONS_BLOCK = 'vw_alert_actions';
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

// How the alert shares Slack's text budget for a message (MESSAGE_LIMITS.blocksText, 10,000) among its parts, so
// that hostile feed text (a 1,000-character title, 200 sources, 2,000-character URLs) is cut where a reader
// expects it, with "…and N more", and never by the last-resort clamp.
const ALERT_TITLE_MAX = 300;
const DETAILS_TITLE_MAX = 1000;
const ALERT_SUMMARY_MAX = 1200;
const FACTS_BUDGET = 2500;
const SOURCES_MAX = 2500;
const RELATED_MAX = 500;
const COMMENT_MAX = 500;
const ABOUT_FIELD_MAX = 300;

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
  const ownerMention = options.mentionOwner && !alert.acknowledgement && !alert.dismissal && !alert.merge ? mentionFor(vendor.owner) : null;
  const standing = standingOf(alert);
  const blocks: Block[] = [
    header(
      `${CRITICALITY_EMOJI[vendor.criticality]} ${escapePlainText(vendor.name)}: ${vendor.criticality} vendor ${standing?.state === 'claimed' ? 'claimed breached by a ransomware group' : 'reported breached'}`,
    ),
  ];
  if (standing) blocks.push(section(renderStanding(standing)));
  blocks.push(
    section(
      `*${cutMrkdwn(escapeMrkdwn(alert.title, true), ALERT_TITLE_MAX)}*\n${cutMrkdwn(escapeMrkdwn(alert.summary), ALERT_SUMMARY_MAX)}`,
    ),
  );
  blocks.push(...renderFactFields(alert.facts, FACTS_BUDGET));
  blocks.push(section(renderSourceList(alert.sources, 'Press *Details* for the full list.', SOURCES_MAX)));

  const about: string[] = [];
  if (alert.related.length > 0)
    about.push(
      `*Also involved:* ${fitList(
        alert.related.map((name) => escapeMrkdwn(name, true)),
        RELATED_MAX,
      )}`,
    );
  // Watchlist text, but a 200-character cell must not take the budget the sources' "…and N more" line needs.
  if (vendor.category) about.push(`*Category:* ${cutMrkdwn(escapeMrkdwn(vendor.category, true), ABOUT_FIELD_MAX)}`);
  if (vendor.owner && !ownerMention) about.push(`*Owner:* ${cutMrkdwn(escapeMrkdwn(vendor.owner, true), ABOUT_FIELD_MAX)}`);
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

  // The buttons and the footer (and the status above them) are never what a cut drops.
  const message: AlertMessage = clampMessage(
    { text: renderAlertFallback(alert, ownerMention), blocks, unfurl_links: false, unfurl_media: false },
    status ? 3 : 2,
  );
  if (options.deliveryId !== undefined) message.metadata = deliveryMetadata(options.deliveryId, alert.incidentId);
  return message;
}

/** Everything known about the incident that fits one message, for the *Details* button (posted ephemerally). */
export function renderAlertDetails(alert: AlertView): SlackMessage {
  const blocks: Block[] = [header(`${escapePlainText(alert.vendor.name)}: incident details`)];
  const standing = standingOf(alert);
  if (standing) blocks.push(section(renderStanding(standing)));
  blocks.push(
    section(
      `*${cutMrkdwn(escapeMrkdwn(alert.title, true), DETAILS_TITLE_MAX)}*\n${cutMrkdwn(escapeMrkdwn(alert.summary), ALERT_SUMMARY_MAX)}`,
    ),
  );
  const factBudget = Math.floor(FACTS_BUDGET / Math.max(1, alert.facts.length));
  for (const fact of alert.facts) blocks.push(section(renderFactField(fact, Math.min(LIMITS.sectionText, factBudget))));
  const status = renderStatusLine(alert);
  const statusBlock = status ? context(status) : null;
  // The full list, in sections of at most 3,000 characters, for as many sources as the message's text budget
  // and block count leave room for; the rest are counted, not cut mid-line.
  const sourceLines = [`*Sources (${alert.sources.length})*`, ...alert.sources.map((source) => `• ${renderSourceLine(source)}`)];
  let room = MESSAGE_LIMITS.blocksText - blocksTextLength(blocks) - (statusBlock ? blocksTextLength([statusBlock]) : 0) - 100;
  let blocksLeft = MESSAGE_LIMITS.blocksPerMessage - blocks.length - (statusBlock ? 1 : 0) - 1;
  let chunk: string[] = [];
  let shown = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    blocks.push(section(chunk.join('\n')));
    blocksLeft -= 1;
    chunk = [];
  };
  for (const line of sourceLines) {
    const fitsSection = [...chunk, line].join('\n').length <= LIMITS.sectionText;
    if (!fitsSection) flush();
    if (line.length + 1 > room || (chunk.length === 0 && blocksLeft === 0)) break;
    chunk.push(line);
    room -= line.length + 1;
    shown += 1;
  }
  flush();
  const hidden = alert.sources.length - Math.max(0, shown - 1);
  if (hidden > 0) blocks.push(context(`…and ${plural(hidden, 'more source')} not shown.`));
  if (statusBlock) blocks.push(statusBlock);
  return clampMessage(
    {
      text: cutMrkdwn(`Details of ${escapeMrkdwn(alert.vendor.name, true)}: ${escapeMrkdwn(alert.title, true)}`, LIMITS.fallbackText),
      blocks,
    },
    statusBlock ? 1 : 0,
  );
}

/** The facts as fields, ten to a section, each cut so that all of them together stay within `budget`. */
export function renderFactFields(facts: FactView[], budget: number): Block[] {
  const each = Math.min(LIMITS.fieldText, Math.floor(budget / Math.max(1, facts.length)));
  return fieldSections(facts.map((fact) => renderFactField(fact, each)));
}

function renderAlertActions(alert: AlertView): Block {
  const id = String(alert.incidentId);
  const vendor = escapePlainText(alert.vendor.name);
  const elements = [];
  // A dismissed alert is about the wrong vendor, and a merged one's story goes on in another incident's alert:
  // nothing is left to acknowledge or dismiss on either.
  const closed = Boolean(alert.dismissal || alert.merge);
  if (!alert.acknowledgement && !closed) elements.push(button(ACTION_ACKNOWLEDGE, 'Acknowledge', id, { style: 'primary' }));
  if (!closed) {
    elements.push(
      button(ACTION_NOT_THIS_VENDOR, 'Not this vendor', id, {
        confirm: {
          title: { type: 'plain_text', text: 'Not this vendor?' },
          // Fixed text: the vendor's name is in the alert already, and the message's text budget is shared.
          text: { type: 'plain_text', text: 'Later reports of a breach at the same organisation will not alert this vendor again.' },
          confirm: { type: 'plain_text', text: 'Not this vendor' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      }),
    );
  }
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
function renderFactField(fact: FactView, max: number = LIMITS.fieldText): string {
  const values = fact.values.map((value) => {
    const outlets = value.sources.length > 0 ? ` _(${value.sources.map((s) => escapeMrkdwn(s, true)).join(', ')})_` : '';
    return `${escapeMrkdwn(value.value, true)}${outlets}`;
  });
  const conflict = fact.values.length > 1 ? ' _(sources differ)_' : '';
  return cutMrkdwn(`*${escapeMrkdwn(fact.label, true)}*${conflict}\n${values.join('\n')}`, max);
}

/**
 * `*SEC filing* · <url|Outlet> · 2026-03-12 · Title`: what kind of source it is, then the outlet as link text
 * (plain text when there is no safe link), and the source's revision of its record when it revised it.
 */
export function renderSourceLine(source: SourceView): string {
  const parts = [`*${provenanceLabel(source)}*`, linkMrkdwn(source.url, source.outlet || 'source')];
  if (source.published) parts.push(escapeMrkdwn(source.published, true));
  if (source.title) parts.push(cutMrkdwn(escapeMrkdwn(source.title, true), 300));
  const revised = revisionNote(source);
  if (revised) parts.push(`_${cutMrkdwn(escapeMrkdwn(revised, true), 200)}_`);
  return parts.join(' · ');
}

/** A leak-site claim, said before anything else: who claims it, and whether anyone has confirmed it. */
export function renderStanding(standing: ClaimStanding): string {
  const groups = cutMrkdwn(escapeMrkdwn(groupList(standing.groups), true), 200);
  if (standing.state === 'claimed') {
    return `:warning: *Claimed by ${groups}, not confirmed.* Only a ransomware group's leak-site post names this breach; no news report, filing or regulator list confirms it yet.`;
  }
  return `:white_check_mark: *Confirmed* by ${confirmingSourceNoun(standing.by.provenance)} (${cutMrkdwn(escapeMrkdwn(standing.by.outlet, true), 100)}), after a leak-site claim by ${groups}.`;
}

function renderSourceList(sources: SourceView[], more: string, max: number = LIMITS.sectionText): string {
  const lines = sources.map((source) => `• ${renderSourceLine(source)}`);
  return fitLines([`*Sources (${sources.length})*`, ...lines], max, (left) => `…and ${left} more. ${more}`);
}

/** `a, b, c and 12 more`: whole names while they fit in `max`. */
function fitList(names: string[], max: number): string {
  const all = names.join(', ');
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (const name of names) {
    const candidate = [...kept, name].join(', ');
    if (`${candidate} and ${names.length - kept.length - 1} more`.length > max) break;
    kept.push(name);
  }
  return kept.length > 0 ? `${kept.join(', ')} and ${names.length - kept.length} more` : cutMrkdwn(all, max);
}

export function renderStatusLine(alert: AlertView): string | null {
  const lines: string[] = [];
  const ack = alert.acknowledgement;
  if (ack) {
    const comment = ack.comment ? `: “${cutMrkdwn(escapeMrkdwn(ack.comment, true), COMMENT_MAX)}”` : '';
    lines.push(`:white_check_mark: Acknowledged by *${escapeMrkdwn(ack.userName, true)}* at ${formatTime(ack.at)}${comment}`);
  }
  const dismissal = alert.dismissal;
  if (dismissal) {
    lines.push(
      `:no_entry_sign: Dismissed by *${escapeMrkdwn(dismissal.userName, true)}* at ${formatTime(dismissal.at)}: not ${escapeMrkdwn(dismissal.vendor, true)}`,
    );
  }
  const merge = alert.merge;
  if (merge) {
    lines.push(
      `:twisted_rightwards_arrows: Merged into *${escapeMrkdwn(merge.intoKey, true)}* by *${escapeMrkdwn(merge.userName, true)}* at ${formatTime(merge.at)}; later reports go there.`,
    );
  }
  if (alert.mutedUntil) lines.push(`:mute: ${escapeMrkdwn(alert.vendor.name, true)} muted until ${formatTime(alert.mutedUntil)}`);
  return lines.length > 0 ? lines.join('\n') : null;
}

function renderAlertFallback(alert: AlertView, ownerMention: string | null): string {
  const ack = alert.merge
    ? ` (merged into ${escapeMrkdwn(alert.merge.intoKey, true)} by ${escapeMrkdwn(alert.merge.userName, true)})`
    : alert.dismissal
      ? ` (dismissed by ${escapeMrkdwn(alert.dismissal.userName, true)}: not ${escapeMrkdwn(alert.dismissal.vendor, true)})`
      : alert.acknowledgement
        ? ` (acknowledged by ${escapeMrkdwn(alert.acknowledgement.userName, true)})`
        : '';
  const owner = ownerMention ? ` ${ownerMention}` : '';
  const standing = standingOf(alert);
  const what =
    standing?.state === 'claimed' ? `claimed by ${escapeMrkdwn(groupList(standing.groups), true)}, not confirmed` : 'reported breached';
  const text = `${escapeMrkdwn(alert.vendor.name, true)} (${alert.vendor.criticality}) ${what}: ${escapeMrkdwn(alert.title, true)}${ack}`;
  return cutMrkdwn(text, LIMITS.fallbackText - owner.length) + owner;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
