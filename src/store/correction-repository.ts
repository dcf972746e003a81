import type { Platform } from '../core/chat.js';
import { normaliseTerm } from '../detection/matching/normalise-text.js';
import type { Db } from './open-database.js';

// Corrections people made from chat: "Not this vendor" dismissals of an alert, and the exclusions they teach
// (this vendor is never the breached party when the breached organisation is that one), each with who and when.

export interface CorrectionActor {
  platform: Platform;
  userId: string;
  userName: string;
  /** ISO 8601. */
  at: string;
}

export interface DismissalRecord extends CorrectionActor {
  incidentId: number;
  vendor: string;
}

export interface MergeRecord extends CorrectionActor {
  /** The incident merged away: its thread gets a pointer, its reports go to `intoId`. */
  fromId: number;
  intoId: number;
}

export interface ExclusionRecord extends CorrectionActor {
  id: number;
  vendor: string;
  /** The breached organisation as detection extracted it. */
  organisation: string;
  /** The incident whose dismissal taught it, when it still exists. */
  incidentId: number | null;
}

interface ExclusionRow {
  id: number;
  vendor: string;
  organisation: string;
  incident_id: number | null;
  platform: Platform;
  user_id: string;
  user_name: string;
  at: string;
}

const toExclusion = (row: ExclusionRow): ExclusionRecord => ({
  id: row.id,
  vendor: row.vendor,
  organisation: row.organisation,
  incidentId: row.incident_id,
  platform: row.platform,
  userId: row.user_id,
  userName: row.user_name,
  at: row.at,
});

/** "Acme Health, Inc." and "ACME HEALTH" are one organisation: exclusions are matched on the normalised name. */
export function organisationKey(organisation: string): string {
  return normaliseTerm(organisation);
}

export class CorrectionRepository {
  constructor(private readonly db: Db) {}

  /** Records the first dismissal of an incident's alert; returns false (and changes nothing) when one exists. */
  dismiss(record: DismissalRecord): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO dismissals (incident_id, vendor, platform, user_id, user_name, at)
         VALUES (@incidentId, @vendor, @platform, @userId, @userName, @at)`,
      )
      .run(record);
    return result.changes > 0;
  }

  dismissal(incidentId: number): DismissalRecord | null {
    const row = this.db.prepare('SELECT * FROM dismissals WHERE incident_id = ?').get(incidentId) as
      | { incident_id: number; vendor: string; platform: Platform; user_id: string; user_name: string; at: string }
      | undefined;
    return row
      ? {
          incidentId: row.incident_id,
          vendor: row.vendor,
          platform: row.platform,
          userId: row.user_id,
          userName: row.user_name,
          at: row.at,
        }
      : null;
  }

  /** Stores what a dismissal teaches; an existing exclusion of the same pair is kept as first recorded. */
  addExclusion(record: Omit<ExclusionRecord, 'id'>): ExclusionRecord {
    const key = organisationKey(record.organisation);
    this.db
      .prepare(
        `INSERT OR IGNORE INTO vendor_exclusions (vendor, organisation, organisation_key, incident_id, platform, user_id, user_name, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.vendor, record.organisation, key, record.incidentId, record.platform, record.userId, record.userName, record.at);
    const row = this.db
      .prepare('SELECT * FROM vendor_exclusions WHERE vendor = ? AND organisation_key = ?')
      .get(record.vendor, key) as ExclusionRow;
    return toExclusion(row);
  }

  /** The exclusion that says `vendor` is not the breached party when that party is `organisation`, if any. */
  exclusionFor(vendor: string, organisation: string): ExclusionRecord | null {
    const key = organisationKey(organisation);
    if (key.length === 0) return null;
    const row = this.db.prepare('SELECT * FROM vendor_exclusions WHERE vendor = ? AND organisation_key = ?').get(vendor, key) as
      | ExclusionRow
      | undefined;
    return row ? toExclusion(row) : null;
  }

  exclusions(): ExclusionRecord[] {
    return (this.db.prepare('SELECT * FROM vendor_exclusions ORDER BY id').all() as ExclusionRow[]).map(toExclusion);
  }

  /** Removes one exclusion; false when no exclusion has that id. */
  removeExclusion(id: number): boolean {
    return this.db.prepare('DELETE FROM vendor_exclusions WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Moves everything the second incident holds (sources, facts, vendor roles, detections) to the first and
   * records who merged them. The caller checks both exist, differ and are not merged already.
   */
  merge(record: MergeRecord): void {
    const { fromId, intoId } = record;
    const db = this.db;
    db.prepare(
      'INSERT OR IGNORE INTO incident_sources (incident_id, item_id, added_at) SELECT ?, item_id, added_at FROM incident_sources WHERE incident_id = ?',
    ).run(intoId, fromId);
    db.prepare('DELETE FROM incident_sources WHERE incident_id = ?').run(fromId);
    db.prepare(
      `INSERT OR IGNORE INTO incident_facts (incident_id, name, value, item_id, added_at)
       SELECT ?, name, value, item_id, added_at FROM incident_facts WHERE incident_id = ?`,
    ).run(intoId, fromId);
    db.prepare('DELETE FROM incident_facts WHERE incident_id = ?').run(fromId);
    // A vendor's strongest role in either incident is kept, as recordVendorRole keeps it.
    db.prepare(
      `INSERT INTO incident_vendors (incident_id, vendor, role) SELECT ?, vendor, role FROM incident_vendors WHERE incident_id = ?
       ON CONFLICT (incident_id, vendor) DO UPDATE SET role = CASE
         WHEN 'primary' IN (role, excluded.role) THEN 'primary'
         WHEN 'related' IN (role, excluded.role) THEN 'related'
         ELSE 'mention' END`,
    ).run(intoId, fromId);
    db.prepare('DELETE FROM incident_vendors WHERE incident_id = ?').run(fromId);
    db.prepare('UPDATE detections SET incident_id = ? WHERE incident_id = ?').run(intoId, fromId);
    db.prepare(
      'INSERT INTO merges (from_id, into_id, platform, user_id, user_name, at) VALUES (@fromId, @intoId, @platform, @userId, @userName, @at)',
    ).run(record);
  }

  /** The merge that took this incident into another, if any. */
  mergedFrom(incidentId: number): MergeRecord | null {
    const row = this.db.prepare('SELECT * FROM merges WHERE from_id = ?').get(incidentId) as
      | { from_id: number; into_id: number; platform: Platform; user_id: string; user_name: string; at: string }
      | undefined;
    return row
      ? { fromId: row.from_id, intoId: row.into_id, platform: row.platform, userId: row.user_id, userName: row.user_name, at: row.at }
      : null;
  }

  /** Where an incident's reports go now: itself, or the incident it was merged into (following merges of merges). */
  survivorOf(incidentId: number): number {
    let id = incidentId;
    // Merges never form a cycle (a merged incident cannot take part in another merge); the bound is a guard.
    for (let hops = 0; hops < 100; hops++) {
      const merge = this.mergedFrom(id);
      if (!merge) return id;
      id = merge.intoId;
    }
    return id;
  }
}
