import type { Criticality, Vendor } from '../core/types.js';
import type { AsyncStore } from '../store/async-store.js';
import { queueNotice } from './operator-notices.js';

export interface ReminderSettings {
  /** First reminder this long after the alert (default 4 h). */
  firstAfterMs: number;
  /** Then one every this long (default daily). */
  repeatEveryMs: number;
  /** Which alerts get reminders. */
  criticalities: readonly Criticality[];
}

const hoursAgo = (from: string, now: Date) => Math.max(1, Math.round((now.getTime() - new Date(from).getTime()) / 3_600_000));

/**
 * Queues a reminder in the thread of every high or critical alert still unacknowledged after the delay, then
 * once a day. An acknowledgement stops them (the query skips acknowledged incidents); so does a mute.
 */
export async function queueDueReminders(
  store: AsyncStore,
  vendors: ReadonlyMap<string, Vendor>,
  settings: ReminderSettings,
  now: Date,
): Promise<number> {
  let queued = 0;
  const firstBefore = new Date(now.getTime() - settings.firstAfterMs);
  const repeatBefore = new Date(now.getTime() - settings.repeatEveryMs);
  await store.transaction(async (tx) => {
    for (const incident of await tx.incidents.dueForReminder(firstBefore, repeatBefore)) {
      const vendor = incident.vendor ? vendors.get(incident.vendor) : undefined;
      if (!vendor || !settings.criticalities.includes(vendor.criticality)) continue;
      if (await tx.interactions.activeMute(vendor.name, now)) continue;
      const posted = await tx.deliveries.postedAlerts(incident.id);
      if (posted.length === 0) continue;
      const text =
        `Reminder: this ${vendor.criticality} alert for ${vendor.name} has not been acknowledged ` +
        `(alerted ${hoursAgo(incident.alertedAt ?? incident.firstSeenAt, now)} h ago).` +
        (vendor.owner ? ` Owner: ${vendor.owner}.` : '') +
        ' Acknowledge it to stop reminders.';
      await queueNotice(
        tx,
        posted.map((p) => p.destination),
        { kind: 'reminder', text },
        now,
        incident.id,
      );
      await tx.incidents.markReminded(incident.id, now);
      queued += posted.length;
    }
  });
  return queued;
}
