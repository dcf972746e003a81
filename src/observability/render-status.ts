import { inertText } from '../core/terminal-text.js';
import type { FeedStatus, StatusReport } from './status-report.js';

/** "5 min ago", "3 h ago", "2 d ago": enough to spot a stale feed at a glance; the timestamp is printed beside it. */
function ago(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return 'at an unknown time';
  if (ms < 0) return 'in the future';
  if (ms < 90_000) return `${Math.round(ms / 1000)} s ago`;
  if (ms < 90 * 60_000) return `${Math.round(ms / 60_000)} min ago`;
  if (ms < 36 * 3_600_000) return `${Math.round(ms / 3_600_000)} h ago`;
  return `${Math.round(ms / 86_400_000)} d ago`;
}

/** Timestamps to the second, in UTC, without the milliseconds nobody reads. */
const stamp = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

const MARK: Record<FeedStatus['health'], string> = { failing: 'FAILING', not_polled: 'new    ', ok: 'ok     ' };

function feedLine(feed: FeedStatus, now: Date, nameWidth: number): string {
  const name = inertText(feed.name).padEnd(nameWidth);
  if (feed.health === 'failing') {
    const since = feed.failingSince ? ` since ${stamp(feed.failingSince)} (${ago(feed.failingSince, now)})` : '';
    const error = inertText(feed.lastError ?? feed.lastErrorCode ?? 'unknown error');
    const status = feed.lastStatus && !error.includes(`HTTP ${feed.lastStatus}`) ? ` HTTP ${feed.lastStatus}` : '';
    const retry = feed.nextAttemptAt && new Date(feed.nextAttemptAt) > now ? `; next try ${stamp(feed.nextAttemptAt)}` : '';
    const failures = `${feed.consecutiveFailures} ${feed.consecutiveFailures === 1 ? 'failure' : 'failures'}`;
    return `  ${MARK.failing}  ${name}  ${failures}${since}:${status} ${error}${retry}`;
  }
  if (feed.health === 'not_polled') return `  ${MARK.not_polled}  ${name}  not polled yet`;
  return `  ${MARK.ok}  ${name}  last success ${ago(feed.lastSuccessAt!, now)}`;
}

/** The human-readable `vendorwatch status`: problems first, every value from untrusted text made inert. */
export function renderStatusText(report: StatusReport): string {
  const now = new Date(report.generatedAt);
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  out(`Vendorwatch status at ${stamp(report.generatedAt)}`);
  out(`Database: ${inertText(report.database)}`);
  if (report.polling) {
    const lease = report.polling;
    out(
      lease.leader
        ? `Polling replica: ${inertText(lease.leader)} (term ${lease.term}, lease until ${stamp(lease.leaseExpiresAt!)})`
        : `Polling replica: none (no replica holds the poll lease${lease.leaseExpiresAt ? `; the last ran out ${ago(lease.leaseExpiresAt, now)}` : ''})`,
    );
  }
  for (const warning of report.warnings) out(`WARNING: ${warning}`);
  out();

  const cycle = report.lastCycle;
  out('Last cycle');
  if (!cycle) {
    out('  none yet (run `vendorwatch poll --once` or `vendorwatch start`)');
  } else {
    const took = cycle.finishedAt
      ? `, took ${Math.max(0, Math.round((new Date(cycle.finishedAt).getTime() - new Date(cycle.startedAt).getTime()) / 1000))} s`
      : '';
    out(
      `  #${cycle.id} started ${stamp(cycle.startedAt)} (${ago(cycle.startedAt, now)})${cycle.finishedAt ? took : ', did not finish (still running, or the process stopped)'}`,
    );
    out(
      `  feeds: ${cycle.feedsOk} ok, ${cycle.feedsNotModified} unchanged, ${cycle.feedsFailed} failed; ` +
        `${cycle.itemsNew} new items, ${cycle.incidentsNew} new incidents, ${cycle.alertsNew} new alerts`,
    );
    const pages = cycle.articlePages;
    if (pages) {
      const n = (key: string) => pages[key] ?? 0;
      out(
        `  article pages: ${n('fetched')} fetched, ${n('cacheHits')} cache hits, ${n('refused')} refused by the address policy, ${n('walls')} ignored as walls` +
          `; ${n('ignored')} without this story, ${n('failed')} failed, ${n('overBudget')} over the cycle's budget`,
      );
    }
    if (cycle.error) out(`  error: ${inertText(cycle.error)}`);
  }
  out();

  const failing = report.feeds.filter((f) => f.health === 'failing').length;
  const fresh = report.feeds.filter((f) => f.health === 'not_polled').length;
  out(`Feeds (${report.feeds.length}): ${report.feeds.length - failing - fresh} ok, ${failing} failing, ${fresh} not polled yet`);
  const nameWidth = Math.min(32, Math.max(0, ...report.feeds.map((f) => inertText(f.name).length)));
  for (const feed of report.feeds) out(feedLine(feed, now, nameWidth));
  out();

  const { deliveries } = report;
  out(`Deliveries: ${deliveries.pending} pending, ${deliveries.failed} failed`);
  if (deliveries.failed > deliveries.latestFailed.length) out(`  latest ${deliveries.latestFailed.length} failed:`);
  for (const d of deliveries.latestFailed) {
    out(
      `  failed  ${d.kind} to ${d.destination.platform}:${inertText(d.destination.address)} after ${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}: ${d.errorCode ?? 'error'} ${inertText(d.lastError ?? '')}`.trimEnd(),
    );
  }
  out(`Unacknowledged alerts: ${report.unacknowledgedAlerts}`);
  out(`Mutes: ${report.mutes.length === 0 ? 'none' : report.mutes.length}`);
  for (const mute of report.mutes)
    out(`  ${inertText(mute.vendor)} until ${stamp(mute.until)} (by ${inertText(mute.by)} on ${mute.platform})`);
  if (report.teamsConversations.length > 0) {
    out(`Teams conversations (${report.teamsConversations.length})`);
    for (const c of report.teamsConversations) {
      out(
        `  ${inertText(c.name ?? c.conversationId)}: ${c.active ? 'active' : `inactive${c.inactiveReason ? ` (${inertText(c.inactiveReason)})` : ''}`}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
