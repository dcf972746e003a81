// Every card Vendorwatch sends travels inside an activity, and Teams' size limit is on the whole activity: the
// card is rendered for exactly the room its envelope (conversation reference, ids, summary) leaves.

import type { Activity } from 'botbuilder';
import { ACTIVITY_BYTE_LIMIT, ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, type CardRenderer, payloadBytes } from './adaptive-card.js';

/** The envelope with the card rendered to fit beside it. A ready card (small, fixed ones) is used as it is. */
export function withCard(envelope: Partial<Activity>, card: AdaptiveCard | CardRenderer): Partial<Activity> {
  const content = typeof card === 'function' ? card(roomForCard(envelope)) : card;
  return { ...envelope, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }] };
}

/** Bytes left for the card. Sizes add up at most (payloadBytes takes the larger of two counts), so card + envelope fit. */
function roomForCard(envelope: Partial<Activity>): number {
  const withEmptyCard = payloadBytes({ ...envelope, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: {} }] });
  return ACTIVITY_BYTE_LIMIT - withEmptyCard + payloadBytes({});
}
