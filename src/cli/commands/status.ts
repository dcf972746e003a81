import { withApp } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../main.js';
import { inertText } from '../../core/terminal-text.js';

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args.length > 0) {
    io.stdout.write('Usage: vendorwatch status\n  Feed health, last cycle, pending and failed deliveries, unacknowledged alerts, mutes, chat installations.\n');
    return args[0] === '--help' ? 0 : 1;
  }
  return withApp(io, async (app) => {
    const { store } = app;
    const now = new Date();
    const out = (line = '') => io.stdout.write(`${line}\n`);
    const cycle = store.lastCycle();
    out('Last cycle');
    out(
      cycle
        ? `  #${cycle.id} started ${cycle.startedAt}, ${cycle.finishedAt ? `finished ${cycle.finishedAt}` : 'did not finish'}: ` +
            `${cycle.feedsOk} ok, ${cycle.feedsNotModified} unchanged, ${cycle.feedsFailed} failed, ${cycle.itemsNew} new items, ${cycle.alertsNew} new alerts`
        : '  none yet',
    );
    out();
    const configured = new Set(app.config.feeds.map((feed) => feed.url));
    const feeds = store.feeds.all().filter((feed) => configured.has(feed.url));
    out(`Feeds (${feeds.length})`);
    for (const feed of feeds) {
      const health =
        feed.consecutiveFailures > 0
          ? `FAILING x${feed.consecutiveFailures} since ${feed.failingSince}: ${inertText(feed.lastError ?? '')}`
          : feed.lastSuccessAt
            ? `ok, last success ${feed.lastSuccessAt}`
            : 'not polled yet';
      out(`  ${inertText(feed.name)}: ${health}${feed.lastStatus ? ` (HTTP ${feed.lastStatus})` : ''}`);
    }
    out();
    const pending = store.deliveries.pendingCount();
    const failed = store.deliveries.byStatus('failed', 20);
    out(`Deliveries: ${pending} pending, ${failed.length} failed${failed.length === 20 ? ' (latest 20)' : ''}`);
    for (const delivery of failed) {
      out(`  ${delivery.kind} to ${delivery.destination.platform}:${delivery.destination.address}: ${delivery.errorCode} ${inertText(delivery.lastError ?? '')}`);
    }
    out(`Unacknowledged alerts: ${store.interactions.unacknowledgedAlertedCount()}`);
    const mutes = store.interactions.activeMutes(now);
    out(`Mutes: ${mutes.length === 0 ? 'none' : ''}`);
    for (const mute of mutes) out(`  ${inertText(mute.vendor)} until ${mute.until} (by ${inertText(mute.userName)})`);
    const teams = store.interactions.conversations('teams');
    if (teams.length > 0) {
      out(`Teams conversations (${teams.length})`);
      for (const conversation of teams) {
        out(`  ${inertText(conversation.name ?? conversation.conversationId)}: ${conversation.active ? 'active' : `inactive (${conversation.inactiveReason ?? ''})`}`);
      }
    }
    return 0;
  });
}
