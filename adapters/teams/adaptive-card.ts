// The small subset of the Adaptive Card schema (1.5, the version Action.Execute and `refresh` need in Teams)
// that Vendorwatch renders. Typed so that a renderer cannot produce an element Teams would reject.

import { escapeCardText } from './card-text.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams rejects messages over about 28 KB; the card is kept below this so the activity envelope still fits. */
export const CARD_BYTE_LIMIT = 26_000;

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
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function newCard(body: CardElement[], extra: Partial<Pick<AdaptiveCard, 'actions' | 'refresh' | 'fallbackText'>> = {}): AdaptiveCard {
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
