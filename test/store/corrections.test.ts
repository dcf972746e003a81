import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';

const dbPath = () => join(mkdtempSync(join(tmpdir(), 'vw-corrections-')), 'vendorwatch.db');

function alertedIncident(store: Store, key: string, at: Date) {
  const incident = store.incidents.create({
    key,
    vendor: 'Epic Systems',
    organisation: 'Epic Games',
    title: 't',
    summary: 's',
    healthcare: false,
    signature: {},
    at,
  });
  store.incidents.setAlertState(incident.id, 'alerted', at);
  return incident;
}

const by = { platform: 'slack' as const, userId: 'U1', userName: 'Ann', at: '2026-03-30T10:00:00.000Z' };

describe('corrections repository', () => {
  it('records one dismissal per incident and keeps the first', () => {
    const store = Store.open(dbPath());
    const incident = alertedIncident(store, 'k-1', new Date('2026-03-30T09:00:00Z'));
    expect(store.corrections.dismissal(incident.id)).toBeNull();
    expect(store.corrections.dismiss({ incidentId: incident.id, vendor: 'Epic Systems', ...by })).toBe(true);
    expect(store.corrections.dismiss({ incidentId: incident.id, vendor: 'Epic Systems', ...by, userId: 'U2', userName: 'Bob' })).toBe(
      false,
    );
    expect(store.corrections.dismissal(incident.id)).toEqual({ incidentId: incident.id, vendor: 'Epic Systems', ...by });
    store.close();
  });

  it('matches an exclusion on the normalised organisation name, lists it, and removes it by id', () => {
    const store = Store.open(dbPath());
    const incident = alertedIncident(store, 'k-1', new Date('2026-03-30T09:00:00Z'));
    const first = store.corrections.addExclusion({ vendor: 'Epic Systems', organisation: 'Epic Games', incidentId: incident.id, ...by });
    expect(first).toMatchObject({ vendor: 'Epic Systems', organisation: 'Epic Games', incidentId: incident.id, userName: 'Ann' });
    // The same pair again keeps the first record.
    expect(
      store.corrections.addExclusion({ vendor: 'Epic Systems', organisation: 'EPIC GAMES', incidentId: null, ...by, userName: 'Bob' }),
    ).toEqual(first);
    expect(store.corrections.exclusionFor('Epic Systems', 'epic games, inc.')?.id).toBe(first.id);
    expect(store.corrections.exclusionFor('Epic Systems', 'Epic Records')).toBeNull();
    expect(store.corrections.exclusionFor('Okta', 'Epic Games')).toBeNull();
    expect(store.corrections.exclusions()).toEqual([first]);
    expect(store.corrections.removeExclusion(first.id + 1)).toBe(false);
    expect(store.corrections.removeExclusion(first.id)).toBe(true);
    expect(store.corrections.exclusions()).toEqual([]);
    expect(store.corrections.exclusionFor('Epic Systems', 'Epic Games')).toBeNull();
    store.close();
  });

  it('leaves dismissed alerts out of reminders, the open alerts and the unacknowledged count', () => {
    const store = Store.open(dbPath());
    const alertedAt = new Date('2026-03-30T00:00:00Z');
    const kept = alertedIncident(store, 'k-kept', alertedAt);
    const dismissed = alertedIncident(store, 'k-dismissed', alertedAt);
    store.corrections.dismiss({ incidentId: dismissed.id, vendor: 'Epic Systems', ...by });
    const later = new Date('2026-03-31T00:00:00Z');
    expect(store.incidents.dueForReminder(later, later).map((i) => i.id)).toEqual([kept.id]);
    expect(store.incidents.openAlerted().map((i) => i.id)).toEqual([kept.id]);
    expect(store.interactions.unacknowledgedAlertedCount()).toBe(1);
    store.close();
  });

  it('merges one incident into another: sources, facts, vendor roles and detections move, reports follow, reminders stop', () => {
    const store = Store.open(dbPath());
    const at = new Date('2026-03-30T09:00:00Z');
    const [feed] = store.feeds.sync([{ name: 'A', url: 'http://127.0.0.1/a.xml', tags: [] }]);
    const items = store.items.insertNew(
      feed!.id,
      [1, 2, 3].map((n) => ({
        feedUrl: 'http://127.0.0.1/a.xml',
        guid: `g${n}`,
        canonicalUrl: `https://news.example/${n}`,
        title: `story ${n}`,
        text: `text ${n}`,
        publishedAt: at,
        fingerprint: `fp${n}`,
      })),
      () => ({ eligible: true, reason: null }),
      at,
    );
    const kept = alertedIncident(store, 'k-kept', at);
    const merged = alertedIncident(store, 'k-merged', at);
    store.incidents.addSource(kept.id, items[0]!.id, at);
    store.incidents.addSource(merged.id, items[1]!.id, at);
    store.incidents.addSource(merged.id, items[2]!.id, at);
    store.incidents.addFacts(merged.id, [{ name: 'records_affected', value: '1,000', itemId: items[1]!.id }], at, (v) => v);
    store.incidents.recordVendorRole(kept.id, 'Okta', 'mention');
    store.incidents.recordVendorRole(merged.id, 'Okta', 'related');
    store.corrections.merge({ fromId: merged.id, intoId: kept.id, ...by });

    expect(store.incidents.sourceItemIds(kept.id).sort()).toEqual(items.map((i) => i.id).sort());
    expect(store.incidents.sourceItemIds(merged.id)).toEqual([]);
    expect(store.incidents.facts(kept.id).map((f) => f.value)).toEqual(['1,000']);
    expect(store.incidents.vendorRoles(kept.id)).toEqual([{ vendor: 'Okta', role: 'related' }]);
    expect(store.corrections.mergedFrom(merged.id)).toEqual({ fromId: merged.id, intoId: kept.id, ...by });
    expect(store.corrections.survivorOf(merged.id)).toBe(kept.id);
    expect(store.corrections.survivorOf(kept.id)).toBe(kept.id);
    const later = new Date('2026-04-30T00:00:00Z');
    expect(store.incidents.dueForReminder(later, later).map((i) => i.id)).toEqual([kept.id]);
    expect(store.interactions.unacknowledgedAlertedCount()).toBe(1);
    store.close();
  });
});
