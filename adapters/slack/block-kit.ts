// The few Block Kit shapes Vendorwatch posts, with builders that keep each object within Slack's limits.
// Text given to these builders is already escaped. What a whole message may hold is clampMessage's job.

import { cutMrkdwn, LIMITS } from './escape-mrkdwn.js';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** true: Slack does not auto-link URLs, channel names or mentions in the text (only our `<url|label>`). */
  verbatim?: boolean;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
}

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: MrkdwnText;
  fields?: MrkdwnText[];
}

export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}

export interface DividerBlock {
  type: 'divider';
}

export interface ConfirmDialog {
  title: PlainText;
  text: PlainText;
  confirm: PlainText;
  deny: PlainText;
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: PlainText;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: ButtonElement[];
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

/** What every renderer returns: Block Kit plus the plain-text fallback used in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

function plain(text: string, max: number): PlainText {
  return { type: 'plain_text', text: cutMrkdwn(text, max), emoji: true };
}

function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnText {
  return { type: 'mrkdwn', text: cutMrkdwn(text, max), verbatim: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(text: string, blockId?: string): SectionBlock {
  return blockId ? { type: 'section', block_id: blockId, text: mrkdwn(text) } : { type: 'section', text: mrkdwn(text) };
}

/** One section per ten fields: Slack allows no more in a section. */
export function fieldSections(fields: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    sections.push({
      type: 'section',
      fields: fields.slice(i, i + LIMITS.fieldsPerSection).map((field) => mrkdwn(field, LIMITS.fieldText)),
    });
  }
  return sections;
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((text) => mrkdwn(text)) };
}

export function button(actionId: string, text: string, value: string, extra: Partial<ButtonElement> = {}): ButtonElement {
  return { type: 'button', action_id: actionId, text: plain(text, LIMITS.buttonText), value: value.slice(0, LIMITS.buttonValue), ...extra };
}
