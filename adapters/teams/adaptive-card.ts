// The small subset of the Adaptive Card schema (1.5, the version Action.Execute and `refresh` need in Teams)
// that Vendorwatch renders. Typed so that a renderer cannot produce an element Teams would reject.

import { escapeCardText } from './card-text.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The most any activity we send may weigh, card and envelope together. Teams answers a bigger bot message with
 * 413 MessageSizeTooBig. Its documentation has put the limit at about 28 KB, later 40 KB and now 100 KB "encoded
 * as UTF-16"; counting both ways (see payloadBytes) under 26,000 keeps every reading of it with a margin.
 */
export const ACTIVITY_BYTE_LIMIT = 26_000;

/** The default room for a card whose envelope is not measured (invoke responses): the envelope's share is kept back. */
export const CARD_BYTE_LIMIT = ACTIVITY_BYTE_LIMIT - 2_000;

/** Size of a JSON payload as the larger of its UTF-8 bytes and its UTF-16 bytes (2 per code unit). */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  return Math.max(Buffer.byteLength(json, 'utf8'), json.length * 2);
}

/** A card rendered to fit the bytes it is given. */
export type CardRenderer = (maxBytes: number) => AdaptiveCard;

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Bolder' | 'Lighter';
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  bleed?: boolean;
}

export type CardElement = TextBlock | FactSet | Container;

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string | number>;
  style?: 'default' | 'positive' | 'destructive';
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  /** Shown by clients that cannot render the card, and read by screen readers. */
  fallbackText?: string;
  refresh?: { action: ExecuteAction; userIds?: string[] };
  body: CardElement[];
  actions?: ExecuteAction[];
  msteams?: { width: 'Full' };
}

export function cardByteSize(card: AdaptiveCard): number {
  return payloadBytes(card);
}

/** The first of `attempts` (richest first) that fits `maxBytes`; the last one when none does. */
export function fitCard(maxBytes: number, attempts: (() => AdaptiveCard)[]): AdaptiveCard {
  let card: AdaptiveCard | null = null;
  for (const attempt of attempts) {
    card = attempt();
    if (cardByteSize(card) <= maxBytes) return card;
  }
  return card!;
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function newCard(
  body: CardElement[],
  extra: Partial<Pick<AdaptiveCard, 'actions' | 'refresh' | 'fallbackText'>> = {},
): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    // fallbackText "may contain markdown" (schema): it is escaped like any untrusted text.
    ...(extra.fallbackText ? { fallbackText: escapeCardText(extra.fallbackText, 300) } : {}),
    ...(extra.refresh ? { refresh: extra.refresh } : {}),
    body,
    ...(extra.actions && extra.actions.length > 0 ? { actions: extra.actions } : {}),
    msteams: { width: 'Full' },
  };
  return card;
}
