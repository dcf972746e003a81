import type { Platform } from '../../core/chat.js';
import type { AsyncCorrectionRepository } from '../async-store.js';
import { type DismissalRecord, type ExclusionRecord, type MergeRecord, organisationKey } from '../correction-repository.js';
import type { Queryable } from './connection.js';

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

const EXCLUSION_COLUMNS = 'id, vendor, organisation, incident_id, platform, user_id, user_name, at';

/** src/store/correction-repository.ts on PostgreSQL. */
export class PgCorrectionRepository implements AsyncCorrectionRepository {
  constructor(private readonly q: Queryable) {}

  async dismiss(record: DismissalRecord): Promise<boolean> {
    const changed = await this.q.run(
      `INSERT INTO dismissals (incident_id, vendor, platform, user_id, user_name, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [record.incidentId, record.vendor, record.platform, record.userId, record.userName, record.at],
    );
    return changed > 0;
  }

  async dismissal(incidentId: number): Promise<DismissalRecord | null> {
    const [row] = await this.q.rows<{
      incident_id: number;
      vendor: string;
      platform: Platform;
      user_id: string;
      user_name: string;
      at: string;
    }>('SELECT incident_id, vendor, platform, user_id, user_name, at FROM dismissals WHERE incident_id = $1', [incidentId]);
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

  addExclusion(record: Omit<ExclusionRecord, 'id'>): Promise<ExclusionRecord> {
    const key = organisationKey(record.organisation);
    return this.q.atomic(async (q) => {
      await q.run(
        `INSERT INTO vendor_exclusions (vendor, organisation, organisation_key, incident_id, platform, user_id, user_name, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [record.vendor, record.organisation, key, record.incidentId, record.platform, record.userId, record.userName, record.at],
      );
      const [row] = await q.rows<ExclusionRow>(
        `SELECT ${EXCLUSION_COLUMNS} FROM vendor_exclusions WHERE vendor = $1 AND organisation_key = $2`,
        [record.vendor, key],
      );
      return toExclusion(row!);
    });
  }

  async exclusionFor(vendor: string, organisation: string): Promise<ExclusionRecord | null> {
    const key = organisationKey(organisation);
    if (key.length === 0) return null;
    const [row] = await this.q.rows<ExclusionRow>(
      `SELECT ${EXCLUSION_COLUMNS} FROM vendor_exclusions WHERE vendor = $1 AND organisation_key = $2`,
      [vendor, key],
    );
    return row ? toExclusion(row) : null;
  }

  async exclusions(): Promise<ExclusionRecord[]> {
    return (await this.q.rows<ExclusionRow>(`SELECT ${EXCLUSION_COLUMNS} FROM vendor_exclusions ORDER BY id`)).map(toExclusion);
  }

  async removeExclusion(id: number): Promise<boolean> {
    return (await this.q.run('DELETE FROM vendor_exclusions WHERE id = $1', [id])) > 0;
  }

  /** As on SQLite, and atomic even when called outside a transaction (SQLite's runs its statements one by one). */
  merge(record: MergeRecord): Promise<void> {
    const { fromId, intoId } = record;
    return this.q.atomic(async (q) => {
      await q.run(
        `INSERT INTO incident_sources (incident_id, item_id, added_at) SELECT $1, item_id, added_at FROM incident_sources WHERE incident_id = $2
         ON CONFLICT DO NOTHING`,
        [intoId, fromId],
      );
      await q.run('DELETE FROM incident_sources WHERE incident_id = $1', [fromId]);
      await q.run(
        `INSERT INTO incident_facts (incident_id, name, value, item_id, added_at)
         SELECT $1, name, value, item_id, added_at FROM incident_facts WHERE incident_id = $2 ORDER BY id
         ON CONFLICT DO NOTHING`,
        [intoId, fromId],
      );
      await q.run('DELETE FROM incident_facts WHERE incident_id = $1', [fromId]);
      // A vendor's strongest role in either incident is kept, as recordVendorRole keeps it.
      await q.run(
        `INSERT INTO incident_vendors (incident_id, vendor, role) SELECT $1, vendor, role FROM incident_vendors WHERE incident_id = $2
         ON CONFLICT (incident_id, vendor) DO UPDATE SET role = CASE
           WHEN 'primary' IN (incident_vendors.role, excluded.role) THEN 'primary'
           WHEN 'related' IN (incident_vendors.role, excluded.role) THEN 'related'
           ELSE 'mention' END`,
        [intoId, fromId],
      );
      await q.run('DELETE FROM incident_vendors WHERE incident_id = $1', [fromId]);
      await q.run('UPDATE detections SET incident_id = $1 WHERE incident_id = $2', [intoId, fromId]);
      await q.run('INSERT INTO merges (from_id, into_id, platform, user_id, user_name, at) VALUES ($1, $2, $3, $4, $5, $6)', [
        fromId,
        intoId,
        record.platform,
        record.userId,
        record.userName,
        record.at,
      ]);
    });
  }

  async mergedFrom(incidentId: number): Promise<MergeRecord | null> {
    const [row] = await this.q.rows<{
      from_id: number;
      into_id: number;
      platform: Platform;
      user_id: string;
      user_name: string;
      at: string;
    }>('SELECT from_id, into_id, platform, user_id, user_name, at FROM merges WHERE from_id = $1', [incidentId]);
    return row
      ? { fromId: row.from_id, intoId: row.into_id, platform: row.platform, userId: row.user_id, userName: row.user_name, at: row.at }
      : null;
  }

  async survivorOf(incidentId: number): Promise<number> {
    let id = incidentId;
    // Merges never form a cycle (a merged incident cannot take part in another merge); the bound is a guard.
    for (let hops = 0; hops < 100; hops++) {
      const merge = await this.mergedFrom(id);
      if (!merge) return id;
      id = merge.intoId;
    }
    return id;
  }
}
