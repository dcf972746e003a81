import type { Destination, NoticeView } from '../core/chat.js';
import type { AsyncStore } from '../store/async-store.js';

/** Queues a notice (not about one incident) to each destination, in the outbox like every other message. */
export async function queueNotice(
  store: AsyncStore,
  destinations: readonly Destination[],
  notice: NoticeView,
  at: Date,
  incidentId: number | null = null,
): Promise<number> {
  const { alert: _alert, ...payloadNotice } = notice;
  for (const destination of destinations) {
    await store.deliveries.enqueue({ incidentId, kind: 'notice', destination, payload: { notice: payloadNotice }, at });
  }
  return destinations.length;
}
