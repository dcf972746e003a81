import type { Detection, FactName, VendorRole } from '../../core/types.js';
import type { AsyncIncidentRepository } from '../async-store.js';
import type { AlertState, IncidentFactRecord, IncidentRecord, NewIncident } from '../incident-repository.js';
import { limitOf, type Queryable } from './connection.js';

interface IncidentRow {
  id: number;
  key: string;
  vendor: string | null;
  organisation: string | null;
  title: string;
  summary: string;
  healthcare: boolean;
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
  healthcare: row.healthcare === true,
  signature: JSON.parse(row.signature) as unknown,
  firstSeenAt: row.first_seen_at,
  updatedAt: row.updated_at,
  alertState: row.alert_state,
  alertedAt: row.alerted_at,
});

const COLUMNS = 'id, key, vendor, organisation, title, summary, healthcare, signature, first_seen_at, updated_at, alert_state, alerted_at';

/** Open alerts: alerted, and nobody acknowledged, dismissed or merged them away. */
const OPEN = `alert_state = 'alerted' AND id NOT IN (SELECT incident_id FROM acknowledgements)
  AND id NOT IN (SELECT incident_id FROM dismissals) AND id NOT IN (SELECT from_id FROM merges)`;

const rank = (column: string) => `(CASE ${column} WHEN 'primary' THEN 3 WHEN 'related' THEN 2 WHEN 'mention' THEN 1 ELSE 0 END)`;

/** src/store/incident-repository.ts on PostgreSQL. Equal times keep SQLite's order: by id. */
export class PgIncidentRepository implements AsyncIncidentRepository {
  constructor(private readonly q: Queryable) {}

  private async select(where: string, params: readonly unknown[]): Promise<IncidentRecord[]> {
    return (await this.q.rows<IncidentRow>(`SELECT ${COLUMNS} FROM incidents ${where}`, params)).map(toRecord);
  }

  async create(incident: NewIncident): Promise<IncidentRecord> {
    const at = incident.at.toISOString();
    const [row] = await this.q.rows<IncidentRow>(
      `INSERT INTO incidents (key, vendor, organisation, title, summary, healthcare, signature, first_seen_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${COLUMNS}`,
      [
        incident.key,
        incident.vendor,
        incident.organisation,
        incident.title,
        incident.summary,
        Boolean(incident.healthcare),
        JSON.stringify(incident.signature),
        at,
      ],
    );
    return toRecord(row!);
  }

  async byId(id: number): Promise<IncidentRecord | null> {
    const [record] = await this.select('WHERE id = $1', [id]);
    return record ?? null;
  }

  async byKey(key: string): Promise<IncidentRecord | null> {
    const [record] = await this.select('WHERE key = $1', [key]);
    return record ?? null;
  }

  async signatures(): Promise<{ key: string; signature: unknown }[]> {
    return (await this.q.rows<{ key: string; signature: string }>('SELECT key, signature FROM incidents ORDER BY id')).map((row) => ({
      key: row.key,
      signature: JSON.parse(row.signature) as unknown,
    }));
  }

  async touch(id: number, signature: unknown, at: Date, vendor?: string | null): Promise<void> {
    await this.q.run('UPDATE incidents SET signature = $1, updated_at = $2, vendor = coalesce(vendor, $3) WHERE id = $4', [
      JSON.stringify(signature),
      at.toISOString(),
      vendor ?? null,
      id,
    ]);
  }

  async setAlertState(id: number, state: AlertState, at: Date): Promise<void> {
    await this.q.run(
      `UPDATE incidents SET alert_state = $1, alerted_at = CASE WHEN $1::text = 'alerted' THEN $2 ELSE alerted_at END WHERE id = $3`,
      [state, at.toISOString(), id],
    );
  }

  async addSource(incidentId: number, itemId: number, at: Date): Promise<boolean> {
    const changed = await this.q.run(
      'INSERT INTO incident_sources (incident_id, item_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [incidentId, itemId, at.toISOString()],
    );
    return changed > 0;
  }

  async sourcesJoined(incidentId: number): Promise<{ itemId: number; joinedAt: string }[]> {
    const rows = await this.q.rows<{ item_id: number; added_at: string }>(
      'SELECT item_id, added_at FROM incident_sources WHERE incident_id = $1 ORDER BY added_at, item_id',
      [incidentId],
    );
    return rows.map((row) => ({ itemId: row.item_id, joinedAt: row.added_at }));
  }

  async incidentsOfItem(itemId: number): Promise<number[]> {
    const rows = await this.q.rows<{ incident_id: number }>(
      'SELECT incident_id FROM incident_sources WHERE item_id = $1 ORDER BY incident_id',
      [itemId],
    );
    return rows.map((row) => row.incident_id);
  }

  async markUpdated(id: number, at: Date): Promise<void> {
    await this.q.run('UPDATE incidents SET updated_at = $1 WHERE id = $2', [at.toISOString(), id]);
  }

  async sourceItemIds(incidentId: number): Promise<number[]> {
    const rows = await this.q.rows<{ item_id: number }>(
      'SELECT item_id FROM incident_sources WHERE incident_id = $1 ORDER BY added_at, item_id',
      [incidentId],
    );
    return rows.map((row) => row.item_id);
  }

  addFacts(
    incidentId: number,
    facts: { name: FactName; value: string; itemId: number }[],
    at: Date,
    sameValue: (name: FactName, value: string) => string = (_name, value) => value,
  ): Promise<IncidentFactRecord[]> {
    return this.q.atomic(async (q) => {
      const known = new Set((await factsOf(q, incidentId)).map((fact) => `${fact.name}\u0000${sameValue(fact.name, fact.value)}`));
      const added: IncidentFactRecord[] = [];
      for (const fact of facts) {
        const [row] = await q.rows<{ id: number; name: FactName; value: string; item_id: number }>(
          `INSERT INTO incident_facts (incident_id, name, value, item_id, added_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING RETURNING id, name, value, item_id`,
          [incidentId, fact.name, fact.value, fact.itemId, at.toISOString()],
        );
        const key = `${fact.name}\u0000${sameValue(fact.name, fact.value)}`;
        if (row && !known.has(key)) added.push({ id: row.id, name: row.name, value: row.value, itemId: row.item_id });
        known.add(key);
      }
      return added;
    });
  }

  facts(incidentId: number): Promise<IncidentFactRecord[]> {
    return factsOf(this.q, incidentId);
  }

  /** One statement: a stronger role replaces a weaker one, even when two replicas record roles at once. */
  async recordVendorRole(incidentId: number, vendor: string, role: VendorRole): Promise<void> {
    await this.q.run(
      `INSERT INTO incident_vendors (incident_id, vendor, role) VALUES ($1, $2, $3)
       ON CONFLICT (incident_id, vendor) DO UPDATE SET role = excluded.role
       WHERE ${rank('incident_vendors.role')} < ${rank('excluded.role')}`,
      [incidentId, vendor, role],
    );
  }

  vendorRoles(incidentId: number): Promise<{ vendor: string; role: VendorRole }[]> {
    return this.q.rows<{ vendor: string; role: VendorRole }>(
      'SELECT vendor, role FROM incident_vendors WHERE incident_id = $1 ORDER BY vendor',
      [incidentId],
    );
  }

  async alertingDetections(incidentId: number): Promise<Pick<Detection, 'vendors' | 'organisations'>[]> {
    const rows = await this.q.rows<{ vendors: string; organisations: string }>(
      'SELECT vendors, organisations FROM detections WHERE incident_id = $1 AND alert ORDER BY detected_at, item_id',
      [incidentId],
    );
    return rows.map((row) => ({
      vendors: JSON.parse(row.vendors) as Detection['vendors'],
      organisations: JSON.parse(row.organisations) as string[],
    }));
  }

  forVendor(vendor: string, limit = 50): Promise<IncidentRecord[]> {
    return this.select('WHERE vendor = $1 ORDER BY first_seen_at DESC, id DESC LIMIT $2', [vendor, limitOf(limit)]);
  }

  async countForVendor(vendor: string): Promise<number> {
    const [row] = await this.q.rows<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE vendor = $1', [vendor]);
    return row!.n;
  }

  watchlistSince(since: Date, limit = 100): Promise<IncidentRecord[]> {
    return this.select('WHERE vendor IS NOT NULL AND first_seen_at >= $1 ORDER BY first_seen_at DESC, id DESC LIMIT $2', [
      since.toISOString(),
      limitOf(limit),
    ]);
  }

  all(limit = 1000): Promise<IncidentRecord[]> {
    return this.select('ORDER BY first_seen_at DESC, id DESC LIMIT $1', [limitOf(limit)]);
  }

  dueForReminder(firstBefore: Date, repeatBefore: Date): Promise<IncidentRecord[]> {
    return this.select(
      `WHERE vendor IS NOT NULL AND ${OPEN}
         AND ((reminders_sent = 0 AND alerted_at <= $1) OR (reminders_sent > 0 AND last_reminded_at <= $2))
       ORDER BY alerted_at, id`,
      [firstBefore.toISOString(), repeatBefore.toISOString()],
    );
  }

  async markReminded(id: number, at: Date): Promise<void> {
    await this.q.run('UPDATE incidents SET reminders_sent = reminders_sent + 1, last_reminded_at = $1 WHERE id = $2', [
      at.toISOString(),
      id,
    ]);
  }

  offWatchlistHealthcareSince(since: Date, limit = 50): Promise<IncidentRecord[]> {
    return this.select('WHERE vendor IS NULL AND healthcare AND first_seen_at >= $1 ORDER BY first_seen_at, id LIMIT $2', [
      since.toISOString(),
      limitOf(limit),
    ]);
  }

  async newOffWatchlistHealthcare(since: Date, limit = 50): Promise<IncidentRecord[]> {
    const windowDay = `${since.toISOString().slice(0, 10)}T00:00:00.000Z`;
    return this.select(
      `WHERE vendor IS NULL AND healthcare AND first_seen_at >= $1
         AND id IN (SELECT incidents.id FROM incidents
                      JOIN items AS first ON first.id = (SELECT s.item_id FROM incident_sources s WHERE s.incident_id = incidents.id
                                                          ORDER BY s.added_at, s.item_id LIMIT 1)
                     WHERE first.alert_eligible OR (first.published_at IS NOT NULL AND first.published_at >= $2))
       ORDER BY first_seen_at, id LIMIT $3`,
      [since.toISOString(), windowDay, limitOf(limit)],
    );
  }

  openAlerted(limit = 50): Promise<IncidentRecord[]> {
    return this.select(`WHERE ${OPEN} ORDER BY alerted_at, id LIMIT $1`, [limitOf(limit)]);
  }

  async saveDetection(itemId: number, detection: Detection, incidentId: number | null, at: Date): Promise<void> {
    await this.q.run(
      `INSERT INTO detections (item_id, breach, healthcare, alert, vendors, organisations, facts, summary, why, incident_id, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (item_id) DO UPDATE SET breach = excluded.breach, healthcare = excluded.healthcare, alert = excluded.alert,
         vendors = excluded.vendors, organisations = excluded.organisations, facts = excluded.facts, summary = excluded.summary,
         why = excluded.why, incident_id = excluded.incident_id, detected_at = excluded.detected_at`,
      [
        itemId,
        Boolean(detection.breach),
        Boolean(detection.healthcare),
        Boolean(detection.alert),
        JSON.stringify(detection.vendors),
        JSON.stringify(detection.organisations),
        JSON.stringify(detection.facts),
        detection.summary,
        JSON.stringify(detection.why),
        incidentId,
        at.toISOString(),
      ],
    );
  }
}

async function factsOf(q: Queryable, incidentId: number): Promise<IncidentFactRecord[]> {
  const rows = await q.rows<{ id: number; name: FactName; value: string; item_id: number }>(
    'SELECT id, name, value, item_id FROM incident_facts WHERE incident_id = $1 ORDER BY id',
    [incidentId],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, value: row.value, itemId: row.item_id }));
}
