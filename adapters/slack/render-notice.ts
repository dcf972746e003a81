// Notices that are not incidents (digest, feed health, mute announcements, reminders). Pure.

import type { NoticeView } from '../../src/core/chat.js';
import { type Block, context, type SlackMessage, section } from './block-kit.js';
import { clampMessage, MESSAGE_LIMITS } from './clamp-message.js';
import { cutMrkdwn, escapeMrkdwn, LIMITS, mentionFor } from './escape-mrkdwn.js';
import { deliveryMetadata, type MessageMetadata } from './render-alert.js';

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
  merge: ':link:',
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
  const { sections, linesLeft } = splitIntoSections(first + escaped);
  const blocks: Block[] = sections.map((text) => section(text));
  if (linesLeft > 0) blocks.push(context(`…and ${linesLeft} more line${linesLeft === 1 ? '' : 's'} not shown.`));
  const message: NoticeMessage = clampMessage({
    text: cutMrkdwn(
      `${owner ? `${owner} ` : ''}${escapeMrkdwn(notice.text, true) || `(empty ${notice.kind} notice)`}`,
      LIMITS.fallbackText,
    ),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  // Every notice carries its delivery id, so a digest or reminder is never posted twice after a crash.
  if (options.deliveryId !== undefined) message.metadata = deliveryMetadata(options.deliveryId, notice.alert?.incidentId ?? null);
  return message;
}

// A digest can be longer than one section allows: split at line ends, never inside an entity, for as many
// whole lines as one message holds (its text budget and block count); the lines left over are counted.
const NOTICE_TEXT_BUDGET = MESSAGE_LIMITS.blocksText - 200;
const NOTICE_SECTIONS = MESSAGE_LIMITS.blocksPerMessage - 1;

function splitIntoSections(text: string): { sections: string[]; linesLeft: number } {
  const sections: string[] = [];
  const lines = text.split('\n');
  let current = '';
  let used = 0;
  let taken = 0;
  for (const raw of lines) {
    const line = raw.length <= LIMITS.sectionText ? raw : cutMrkdwn(raw, LIMITS.sectionText);
    if (used + line.length + 1 > NOTICE_TEXT_BUDGET) break;
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length > LIMITS.sectionText) {
      if (sections.length + 1 >= NOTICE_SECTIONS) break;
      sections.push(current);
      current = line;
    } else {
      current = candidate;
    }
    used += line.length + 1;
    taken += 1;
  }
  if (current) sections.push(current);
  return { sections: sections.length > 0 ? sections : [''], linesLeft: lines.length - taken };
}
