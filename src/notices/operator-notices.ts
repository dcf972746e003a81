import type { Destination, NoticeView } from '../core/chat.js';
import type { Store } from '../store/store.js';

/** Queues a notice (not about one incident) to each destination, in the outbox like every other message. */
export function queueNotice(
  store: Store,
  destinations: readonly Destination[],
  notice: NoticeView,
  at: Date,
  incidentId: number | null = null,
): number {
  const { alert: _alert, ...payloadNotice } = notice;
  for (const destination of destinations) {
    store.deliveries.enqueue({ incidentId, kind: 'notice', destination, payload: { notice: payloadNotice }, at });
  }
  return destinations.length;
}
