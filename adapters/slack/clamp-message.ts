// The one last word on size for every message Vendorwatch sends to Slack. Renderers already cut their lists
// sensibly ("…and N more"); this makes sure that whatever a renderer (or a future one) builds, Slack never
// refuses it: past any Block Kit limit Slack rejects the whole message (`invalid_blocks`, `msg_too_long`,
// `msg_blocks_too_long`), which for an alert means the alert is lost.
//
// Limits, from Slack's Block Kit reference: 50 blocks a message; section text 3,000 characters, at most 10 fields
// of 2,000; context at most 10 elements; header text 150; actions at most 25 elements; button text 75, value
// 2,000, action_id and block_id 255; confirm dialog title 100, text 300, buttons 30. Slack also refuses a message
// whose blocks hold too much text altogether (`msg_blocks_too_long`). That limit is not documented: Slack's SDK
// maintainers put it at about 12,000 characters of text with a buffer for the block containers
// (slackapi/bolt-js#2509, #2867), so Vendorwatch keeps the text of a message's blocks within 10,000.

import type { ActionsBlock, Block, ButtonElement, ContextBlock, MrkdwnText, SlackMessage } from './block-kit.js';
import { cutMrkdwn, LIMITS } from './escape-mrkdwn.js';

export const MESSAGE_LIMITS = {
  ...LIMITS,
  actionsElements: 25,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** The text of all blocks together (see above). */
  blocksText: 10_000,
} as const;

/**
 * The message with every Block Kit limit kept: over-long texts cut (never inside an entity or a link), surplus
 * fields and elements dropped, surplus blocks replaced by one "…N more not shown" line (the last `keepLast`
 * blocks, e.g. the buttons and footer, always kept), and the longest texts shortened first when the blocks hold
 * too much text altogether. A message already within the limits comes back equal.
 */
export function clampMessage<T extends SlackMessage>(message: T, keepLast = 0): T {
  const blocks = capBlockCount(
    message.blocks.map(clampBlock).filter((block): block is Block => block !== null),
    keepLast,
  );
  fitBlocksText(blocks);
  return { ...message, text: cutMrkdwn(message.text, MESSAGE_LIMITS.fallbackText), blocks };
}

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

/**
 * The arguments of a Web API call, with the message they carry clamped: the net under every message posted,
 * edited or shown ephemerally, whichever code built it. Other methods pass unchanged.
 */
export function clampOutgoing(method: string, args: Record<string, unknown>): Record<string, unknown> {
  if (!MESSAGE_METHODS.has(method) || typeof args.text !== 'string') return args;
  const hasBlocks = Array.isArray(args.blocks);
  const clamped = clampMessage({ text: args.text, blocks: hasBlocks ? (args.blocks as Block[]) : [] });
  return hasBlocks ? { ...args, text: clamped.text, blocks: clamped.blocks } : { ...args, text: clamped.text };
}

/** Every text in the blocks, as Slack counts them against the message (labels and dialogs included). */
export function blocksTextLength(blocks: Block[]): number {
  return blocks.flatMap(textsOf).reduce((total, slot) => total + slot.text.length, 0);
}

function clampBlock(block: Block): Block | null {
  const blockId = 'block_id' in block && block.block_id !== undefined ? { block_id: block.block_id.slice(0, MESSAGE_LIMITS.blockId) } : {};
  switch (block.type) {
    case 'header':
      if (block.text.text.trim().length === 0) return null;
      return { ...block, text: { ...block.text, text: cutMrkdwn(block.text.text, MESSAGE_LIMITS.headerText) } };
    case 'section': {
      const text = block.text ? clampText(block.text, MESSAGE_LIMITS.sectionText) : undefined;
      const fields = block.fields
        ?.slice(0, MESSAGE_LIMITS.fieldsPerSection)
        .map((field) => clampText(field, MESSAGE_LIMITS.fieldText))
        .filter((field): field is MrkdwnText => field !== null);
      // Slack refuses a section with neither text nor fields (and a text of zero characters).
      if (!text && (!fields || fields.length === 0)) return null;
      return { type: 'section', ...blockId, ...(text ? { text } : {}), ...(fields && fields.length > 0 ? { fields } : {}) };
    }
    case 'context': {
      const elements = block.elements
        .slice(0, MESSAGE_LIMITS.contextElements)
        .map((element) => clampText(element, MESSAGE_LIMITS.sectionText))
        .filter((element): element is MrkdwnText => element !== null);
      return elements.length > 0 ? ({ type: 'context', elements } satisfies ContextBlock) : null;
    }
    case 'actions': {
      const elements = block.elements.slice(0, MESSAGE_LIMITS.actionsElements).map(clampButton);
      return elements.length > 0 ? ({ ...block, ...blockId, elements } satisfies ActionsBlock) : null;
    }
    case 'divider':
      return block;
    default:
      return block;
  }
}

// Always a copy: fitBlocksText shortens these in place, and the caller's message must stay as it was.
function clampText(text: MrkdwnText, max: number): MrkdwnText | null {
  if (text.text.trim().length === 0) return null;
  return { ...text, text: cutMrkdwn(text.text, max) };
}

function clampButton(button: ButtonElement): ButtonElement {
  const cut = (text: { type: 'plain_text'; text: string; emoji?: boolean }, max: number) => ({ ...text, text: cutMrkdwn(text.text, max) });
  const clamped: ButtonElement = {
    ...button,
    action_id: button.action_id.slice(0, MESSAGE_LIMITS.actionId),
    text: cut(button.text, MESSAGE_LIMITS.buttonText),
    value: button.value.slice(0, MESSAGE_LIMITS.buttonValue),
  };
  if (button.confirm) {
    clamped.confirm = {
      title: cut(button.confirm.title, MESSAGE_LIMITS.confirmTitle),
      text: cut(button.confirm.text, MESSAGE_LIMITS.confirmText),
      confirm: cut(button.confirm.confirm, MESSAGE_LIMITS.confirmButton),
      deny: cut(button.confirm.deny, MESSAGE_LIMITS.confirmButton),
    };
  }
  return clamped;
}

function notShown(count: number): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: `…${count} more not shown.`, verbatim: true }] };
}

function capBlockCount(blocks: Block[], keepLast: number): Block[] {
  if (blocks.length <= MESSAGE_LIMITS.blocksPerMessage) return blocks;
  const tail = keepLast > 0 ? blocks.slice(-keepLast) : [];
  const head = blocks.slice(0, blocks.length - tail.length);
  const room = MESSAGE_LIMITS.blocksPerMessage - tail.length - 1;
  return [...head.slice(0, room), notShown(head.length - room), ...tail];
}

/** The text objects of a block: what Slack counts, and what fitBlocksText may shorten. */
function textsOf(block: Block): { text: string }[] {
  switch (block.type) {
    case 'header':
      return [block.text];
    case 'section':
      return [...(block.text ? [block.text] : []), ...(block.fields ?? [])];
    case 'context':
      return block.elements;
    case 'actions':
      return block.elements.flatMap((button) => [
        button.text,
        ...(button.confirm ? [button.confirm.title, button.confirm.text, button.confirm.confirm, button.confirm.deny] : []),
      ]);
    default:
      return [];
  }
}

/**
 * Shortens the longest texts first until the blocks hold at most `blocksText` characters: every text longer than
 * one common cap is cut to it, the cap chosen as high as the budget allows, so short texts (labels) stay whole.
 * Works on the copies clampBlock made.
 */
function fitBlocksText(blocks: Block[]): void {
  if (blocksTextLength(blocks) <= MESSAGE_LIMITS.blocksText) return;
  const slots = blocks.flatMap(textsOf);
  const lengths = slots.map((slot) => slot.text.length);
  const within = (cap: number) => lengths.reduce((sum, length) => sum + Math.min(length, cap), 0) <= MESSAGE_LIMITS.blocksText;
  let low = 1;
  let high = Math.max(...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (within(mid)) low = mid;
    else high = mid - 1;
  }
  for (const slot of slots) if (slot.text.length > low) slot.text = cutMrkdwn(slot.text, Math.max(low, 2));
}
