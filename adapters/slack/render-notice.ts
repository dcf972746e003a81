// Notices that are not incidents (digest, feed health, mute announcements, reminders). Pure.

import type { NoticeView } from '../../src/core/chat.js';
import { type Block, type SlackMessage, capBlocks, section } from './block-kit.js';
import { LIMITS, cutMrkdwn, escapeMrkdwn, mentionFor } from './escape-mrkdwn.js';
import { type MessageMetadata, deliveryMetadata } from './render-alert.js';

export interface NoticeMessage extends SlackMessage {
  unfurl_links: false;
  unfurl_media: false;
  metadata?: MessageMetadata;
}

const NOTICE_EMOJI: Record<NoticeView['kind'], string> = {
  reminder: ':alarm_clock:',
  mute: ':mute:',
  digest: ':newspaper:',
  'feed-health': ':satellite_antenna:',
  info: ':information_source:',
};

export interface RenderNoticeOptions {
  deliveryId?: string;
  /** Reminders mention the vendor owner when the owner is a Slack id. */
  mentionOwner?: boolean;
}

export function renderNotice(notice: NoticeView, options: RenderNoticeOptions = {}): NoticeMessage {
  // Slack rejects an empty section text; an empty notice still says what it is.
  const escaped = escapeMrkdwn(notice.text) || `(empty ${notice.kind} notice)`;
  const owner = notice.kind === 'reminder' && options.mentionOwner ? mentionFor(notice.alert?.vendor.owner) : null;
  const first = `${NOTICE_EMOJI[notice.kind]} ${owner ? `${owner} ` : ''}`;
  const blocks: Block[] = splitIntoSections(first + escaped).map((text) => section(text));
  const message: NoticeMessage = {
    text: cutMrkdwn(`${owner ? `${owner} ` : ''}${escapeMrkdwn(notice.text, true) || `(empty ${notice.kind} notice)`}`, LIMITS.fallbackText),
    blocks: capBlocks(blocks),
    unfurl_links: false,
    unfurl_media: false,
  };
  // Every notice carries its delivery id, so a digest or reminder is never posted twice after a crash.
  if (options.deliveryId !== undefined) message.metadata = deliveryMetadata(options.deliveryId, notice.alert?.incidentId ?? null);
  return message;
}

// A digest can be longer than one section allows: split at line ends, never inside an entity.
function splitIntoSections(text: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= LIMITS.sectionText) {
      current = candidate;
      continue;
    }
    if (current) sections.push(current);
    current = line.length <= LIMITS.sectionText ? line : cutMrkdwn(line, LIMITS.sectionText);
  }
  if (current) sections.push(current);
  return sections.length > 0 ? sections : [''];
}
