import type { Detection, FactName, VendorRole } from '../core/types.js';
import type { Db } from './open-database.js';

export type AlertState = 'none' | 'muted' | 'alerted';

export interface IncidentRecord {
  id: number;
  key: string;
  vendor: string | null;
  organisation: string | null;
  title: string;
  summary: string;
  healthcare: boolean;
  signature: unknown;
  firstSeenAt: string;
  updatedAt: string;
  alertState: AlertState;
  alertedAt: string | null;
}

export interface IncidentFactRecord {
  id: number;
  name: FactName;
  value: string;
  itemId: number;
}

export type NewIncident = Pick<IncidentRecord, 'key' | 'vendor' | 'organisation' | 'title' | 'summary' | 'healthcare' | 'signature'> & {
  at: Date;
};

interface IncidentRow {
  id: number;
  key: string;
  vendor: string | null;
  organisation: string | null;
  title: string;
  summary: string;
  healthcare: number;
  signature: string;
  first_seen_at: string;
  updated_at: string;
  alert_state: AlertState;
  alerted_at: string | null;
}

const toRecord = (row: IncidentRow): IncidentRecord => ({
  id: row.id,
  key: row.key,
  vendor: row.vendor,
  organisation: row.organisation,
  title: row.title,
  summary: row.summary,
  healthcare: row.healthcare === 1,
  signature: JSON.parse(row.signature) as unknown,
  firstSeenAt: row.first_seen_at,
  updatedAt: row.updated_at,
  alertState: row.alert_state,
  alertedAt: row.alerted_at,
});

const ROLE_RANK: Record<VendorRole, number> = { primary: 3, related: 2, mention: 1 };

export class IncidentRepository {
  constructor(private readonly db: Db) {}

  private select(where: string, ...params: unknown[]): IncidentRecord[] {
    return (this.db.prepare(`SELECT * FROM incidents ${where}`).all(...params) as IncidentRow[]).map(toRecord);
  }

  create(incident: NewIncident): IncidentRecord {
    const at = incident.at.toISOString();
    const row = this.db
      .prepare(
        `INSERT INTO incidents (key, vendor, organisation, title, summary, healthcare, signature, first_seen_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        incident.key,
        incident.vendor,
        incident.organisation,
        incident.title,
        incident.summary,
        incident.healthcare ? 1 : 0,
        JSON.stringify(incident.signature),
        at,
        at,
      ) as IncidentRow;
    return toRecord(row);
  }

  byId(id: number): IncidentRecord | null {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
    return row ? toRecord(row) : null;
  }

  byKey(key: string): IncidentRecord | null {
    const row = this.db.prepare('SELECT * FROM incidents WHERE key = ?').get(key) as IncidentRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** Every incident's grouping signature, to rebuild the grouper's index at start-up. */
  signatures(): { key: string; signature: unknown }[] {
    return (this.db.prepare('SELECT key, signature FROM incidents ORDER BY id').all() as { key: string; signature: string }[]).map(
      (row) => ({ key: row.key, signature: JSON.parse(row.signature) as unknown }),
    );
  }

  touch(id: number, signature: unknown, at: Date, vendor?: string | null): void {
    this.db
      .prepare('UPDATE incidents SET signature = ?, updated_at = ?, vendor = coalesce(vendor, ?) WHERE id = ?')
      .run(JSON.stringify(signature), at.toISOString(), vendor ?? null, id);
  }

  setAlertState(id: number, state: AlertState, at: Date): void {
    this.db
      .prepare(`UPDATE incidents SET alert_state = ?, alerted_at = CASE WHEN ? = 'alerted' THEN ? ELSE alerted_at END WHERE id = ?`)
      .run(state, state, at.toISOString(), id);
  }

  /** Returns true when the item was not yet a source of the incident. */
  addSource(incidentId: number, itemId: number, at: Date): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO incident_sources (incident_id, item_id, added_at) VALUES (?, ?, ?)')
      .run(incidentId, itemId, at.toISOString());
    return result.changes > 0;
  }

  /** The incident's sources with when each joined it (ISO 8601), in the order they joined. */
  sourcesJoined(incidentId: number): { itemId: number; joinedAt: string }[] {
    return (
      this.db
        .prepare('SELECT item_id, added_at FROM incident_sources WHERE incident_id = ? ORDER BY added_at, item_id')
        .all(incidentId) as {
        item_id: number;
        added_at: string;
      }[]
    ).map((row) => ({ itemId: row.item_id, joinedAt: row.added_at }));
  }

  /** The incidents an item is a source of. */
  incidentsOfItem(itemId: number): number[] {
    return (
      this.db.prepare('SELECT incident_id FROM incident_sources WHERE item_id = ? ORDER BY incident_id').all(itemId) as {
        incident_id: number;
      }[]
    ).map((row) => row.incident_id);
  }

  /** Records that the incident changed (a source revised its record) without touching its grouping signature. */
  markUpdated(id: number, at: Date): void {
    this.db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  sourceItemIds(incidentId: number): number[] {
    return (
      this.db.prepare('SELECT item_id FROM incident_sources WHERE incident_id = ? ORDER BY added_at, item_id').all(incidentId) as {
        item_id: number;
      }[]
    ).map((row) => row.item_id);
  }

  /**
   * Stores each source's facts; returns those whose value the incident did not know yet (what a thread update
   * reports). `sameValue` decides when two spellings are one value ("4.5 million" and "4,500,000").
   */
  addFacts(
    incidentId: number,
    facts: { name: FactName; value: string; itemId: number }[],
    at: Date,
    sameValue: (name: FactName, value: string) => string = (_name, value) => value,
  ): IncidentFactRecord[] {
    const known = new Set(this.facts(incidentId).map((fact) => `${fact.name}\u0000${sameValue(fact.name, fact.value)}`));
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO incident_facts (incident_id, name, value, item_id, added_at) VALUES (?, ?, ?, ?, ?) RETURNING id, name, value, item_id',
    );
    const added: IncidentFactRecord[] = [];
    for (const fact of facts) {
      const row = insert.get(incidentId, fact.name, fact.value, fact.itemId, at.toISOString()) as
        | { id: number; name: FactName; value: string; item_id: number }
        | undefined;
      const key = `${fact.name}\u0000${sameValue(fact.name, fact.value)}`;
      if (row && !known.has(key)) added.push({ id: row.id, name: row.name, value: row.value, itemId: row.item_id });
      known.add(key);
    }
    return added;
  }

  facts(incidentId: number): IncidentFactRecord[] {
    return (
      this.db.prepare('SELECT id, name, value, item_id FROM incident_facts WHERE incident_id = ? ORDER BY id').all(incidentId) as {
        id: number;
        name: FactName;
        value: string;
        item_id: number;
      }[]
    ).map((row) => ({ id: row.id, name: row.name, value: row.value, itemId: row.item_id }));
  }

  /** Records a vendor's role; a stronger role (primary > related > mention) replaces a weaker one. */
  recordVendorRole(incidentId: number, vendor: string, role: VendorRole): void {
    const existing = this.db.prepare('SELECT role FROM incident_vendors WHERE incident_id = ? AND vendor = ?').get(incidentId, vendor) as
      | { role: VendorRole }
      | undefined;
    if (existing && ROLE_RANK[existing.role] >= ROLE_RANK[role]) return;
    this.db
      .prepare('INSERT INTO incident_vendors (incident_id, vendor, role) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET role = excluded.role')
      .run(incidentId, vendor, role);
  }

  vendorRoles(incidentId: number): { vendor: string; role: VendorRole }[] {
    return this.db.prepare('SELECT vendor, role FROM incident_vendors WHERE incident_id = ? ORDER BY vendor').all(incidentId) as {
      vendor: string;
      role: VendorRole;
    }[];
  }

  /** What detection said of the incident's alerting items, oldest first: which vendors and organisations it named. */
  alertingDetections(incidentId: number): Pick<Detection, 'vendors' | 'organisations'>[] {
    const rows = this.db
      .prepare('SELECT vendors, organisations FROM detections WHERE incident_id = ? AND alert = 1 ORDER BY detected_at, item_id')
      .all(incidentId) as { vendors: string; organisations: string }[];
    return rows.map((row) => ({
      vendors: JSON.parse(row.vendors) as Detection['vendors'],
      organisations: JSON.parse(row.organisations) as string[],
    }));
  }

  /** Incidents whose primary party is the vendor, newest first. */
  forVendor(vendor: string, limit = 50): IncidentRecord[] {
    return this.select('WHERE vendor = ? ORDER BY first_seen_at DESC, id DESC LIMIT ?', vendor, limit);
  }

  /** How many incidents have the vendor as their primary party (forVendor lists only the newest). */
  countForVendor(vendor: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM incidents WHERE vendor = ?').get(vendor) as { n: number }).n;
  }

  /** Watchlist incidents first seen since the given time, newest first. */
  watchlistSince(since: Date, limit = 100): IncidentRecord[] {
    return this.select(
      'WHERE vendor IS NOT NULL AND first_seen_at >= ? ORDER BY first_seen_at DESC, id DESC LIMIT ?',
      since.toISOString(),
      limit,
    );
  }

  all(limit = 1000): IncidentRecord[] {
    return this.select('ORDER BY first_seen_at DESC, id DESC LIMIT ?', limit);
  }

  /** Alerted, unacknowledged incidents whose first reminder or next daily one is due. */
  dueForReminder(firstBefore: Date, repeatBefore: Date): IncidentRecord[] {
    return this.select(
      `WHERE alert_state = 'alerted' AND vendor IS NOT NULL AND id NOT IN (SELECT incident_id FROM acknowledgements)
         AND id NOT IN (SELECT incident_id FROM dismissals) AND id NOT IN (SELECT from_id FROM merges)
         AND ((reminders_sent = 0 AND alerted_at <= ?) OR (reminders_sent > 0 AND last_reminded_at <= ?))
       ORDER BY alerted_at`,
      firstBefore.toISOString(),
      repeatBefore.toISOString(),
    );
  }

  markReminded(id: number, at: Date): void {
    this.db
      .prepare('UPDATE incidents SET reminders_sent = reminders_sent + 1, last_reminded_at = ? WHERE id = ?')
      .run(at.toISOString(), id);
  }

  /** Healthcare breaches at organisations not on the watchlist, first seen since the given time. */
  offWatchlistHealthcareSince(since: Date, limit = 50): IncidentRecord[] {
    return this.select(
      'WHERE vendor IS NULL AND healthcare = 1 AND first_seen_at >= ? ORDER BY first_seen_at LIMIT ?',
      since.toISOString(),
      limit,
    );
  }

  /**
   * Healthcare breaches off the watchlist new since `since` (the daily digest's section; see src/notices/digest.ts):
   * first seen since then, and whose first source either was stored with the right to alert or is itself dated on or
   * after the window's first day (UTC).
   */
  newOffWatchlistHealthcare(since: Date, limit = 50): IncidentRecord[] {
    const windowDay = `${since.toISOString().slice(0, 10)}T00:00:00.000Z`;
    const rows = this.db
      .prepare(
        `SELECT incidents.id AS id FROM incidents
           JOIN items AS first ON first.id = (SELECT s.item_id FROM incident_sources s WHERE s.incident_id = incidents.id
                                               ORDER BY s.added_at, s.item_id LIMIT 1)
          WHERE incidents.vendor IS NULL AND incidents.healthcare = 1 AND incidents.first_seen_at >= @since
            AND (first.alert_eligible = 1 OR (first.published_at IS NOT NULL AND first.published_at >= @windowDay))
          ORDER BY incidents.first_seen_at, incidents.id LIMIT @limit`,
      )
      .all({ since: since.toISOString(), windowDay, limit }) as { id: number }[];
    return rows.map((row) => this.byId(row.id)).filter((incident): incident is IncidentRecord => incident !== null);
  }

  /** Alerted incidents nobody has acknowledged yet, oldest first. */
  openAlerted(limit = 50): IncidentRecord[] {
    return this.select(
      `WHERE alert_state = 'alerted' AND id NOT IN (SELECT incident_id FROM acknowledgements)
         AND id NOT IN (SELECT incident_id FROM dismissals) AND id NOT IN (SELECT from_id FROM merges) ORDER BY alerted_at LIMIT ?`,
      limit,
    );
  }

  saveDetection(itemId: number, detection: Detection, incidentId: number | null, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO detections (item_id, breach, healthcare, alert, vendors, organisations, facts, summary, why, incident_id, detected_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (item_id) DO UPDATE SET breach = excluded.breach, healthcare = excluded.healthcare, alert = excluded.alert,
           vendors = excluded.vendors, organisations = excluded.organisations, facts = excluded.facts, summary = excluded.summary,
           why = excluded.why, incident_id = excluded.incident_id, detected_at = excluded.detected_at`,
      )
      .run(
        itemId,
        detection.breach ? 1 : 0,
        detection.healthcare ? 1 : 0,
        detection.alert ? 1 : 0,
        JSON.stringify(detection.vendors),
        JSON.stringify(detection.organisations),
        JSON.stringify(detection.facts),
        detection.summary,
        JSON.stringify(detection.why),
        incidentId,
        at.toISOString(),
      );
  }
}
