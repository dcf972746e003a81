import { randomUUID } from 'node:crypto';
import type { Destination, Platform } from '../../core/chat.js';
import { type AsyncDeliveryRepository, type ClaimOptions, checkLeaseMs, checkReplicaId, DEFAULT_CLAIM_LEASE_MS } from '../async-store.js';
import type { DeliveryKind, DeliveryRecord, PostedAlert } from '../delivery-repository.js';
import { limitOf, type Queryable } from './connection.js';

interface DeliveryRow {
  id: string;
  incident_id: number | null;
  kind: DeliveryKind;
  platform: Platform;
  address: string;
  payload: string;
  status: DeliveryRecord['status'];
  attempts: number;
  next_attempt_at: string;
  message_id: string | null;
  error_code: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  attempt_started_at: string | null;
}

const toRecord = (row: DeliveryRow): DeliveryRecord => ({
  id: row.id,
  incidentId: row.incident_id,
  kind: row.kind,
  destination: { platform: row.platform, address: row.address },
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  messageId: row.message_id,
  errorCode: row.error_code,
  lastError: row.last_error,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  attemptStartedAt: row.attempt_started_at,
});

const COLUMNS = `id, incident_id, kind, platform, address, payload, status, attempts, next_attempt_at, message_id, error_code,
  last_error, created_at, sent_at, attempt_started_at`;

/** A claim nobody else may take: held by another replica, and not run out. */
const HELD_BY_OTHER = (alias: string) =>
  `(${alias}.claimed_by IS NOT NULL AND ${alias}.claimed_by <> $2 AND ${alias}.claim_expires_at > clock_timestamp())`;

/**
 * What claimDeliveries may take ($1 = now as ISO text, $2 = replica id): what due($1) returns, less what another replica
 * holds, and less whatever waits behind an older delivery to its destination that another replica holds.
 */
const CLAIMABLE = `d.status = 'pending' AND d.next_attempt_at <= $1 AND NOT ${HELD_BY_OTHER('d')}
  AND NOT EXISTS (
    SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.platform = d.platform AND e.address = d.address
      AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.seq < d.seq))
      AND (e.next_attempt_at > $1 OR ${HELD_BY_OTHER('e')}))`;

/**
 * src/store/delivery-repository.ts on PostgreSQL (`seq` is SQLite's rowid: insertion order breaks ties of equal
 * times as it does there), plus claims for several replicas sending from one outbox.
 */
export class PgDeliveryRepository implements AsyncDeliveryRepository {
  constructor(private readonly q: Queryable) {}

  async enqueue(input: {
    incidentId: number | null;
    kind: DeliveryKind;
    destination: Destination;
    payload?: Record<string, unknown>;
    at: Date;
  }): Promise<string> {
    const id = randomUUID();
    const at = input.at.toISOString();
    await this.q.run(
      `INSERT INTO deliveries (id, incident_id, kind, platform, address, payload, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [id, input.incidentId, input.kind, input.destination.platform, input.destination.address, JSON.stringify(input.payload ?? {}), at],
    );
    return id;
  }

  async due(now: Date, limit = 500): Promise<DeliveryRecord[]> {
    const rows = await this.q.rows<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= $1
         AND NOT EXISTS (
           SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.platform = d.platform AND e.address = d.address
             AND e.next_attempt_at > $1 AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.seq < d.seq)))
       ORDER BY d.created_at, d.seq LIMIT $2`,
      [now.toISOString(), limitOf(limit)],
    );
    return rows.map(toRecord);
  }

  async pendingCount(): Promise<number> {
    return this.countByStatus('pending');
  }

  async countByStatus(status: DeliveryRecord['status']): Promise<number> {
    const [row] = await this.q.rows<{ n: number }>('SELECT count(*) AS n FROM deliveries WHERE status = $1', [status]);
    return row!.n;
  }

  async byStatus(status: DeliveryRecord['status'], limit = 100): Promise<DeliveryRecord[]> {
    const rows = await this.q.rows<DeliveryRow>(
      `SELECT ${COLUMNS} FROM deliveries WHERE status = $1 ORDER BY created_at DESC, seq LIMIT $2`,
      [status, limitOf(limit)],
    );
    return rows.map(toRecord);
  }

  async forIncident(incidentId: number): Promise<DeliveryRecord[]> {
    const rows = await this.q.rows<DeliveryRow>(`SELECT ${COLUMNS} FROM deliveries WHERE incident_id = $1 ORDER BY created_at, seq`, [
      incidentId,
    ]);
    return rows.map(toRecord);
  }

  async hasPendingAlert(incidentId: number, destination: Destination): Promise<boolean> {
    const rows = await this.q.rows(
      `SELECT 1 FROM deliveries WHERE incident_id = $1 AND kind = 'alert' AND platform = $2 AND address = $3 AND status = 'pending' LIMIT 1`,
      [incidentId, destination.platform, destination.address],
    );
    return rows.length > 0;
  }

  async markAttemptStarted(id: string, at: Date): Promise<void> {
    await this.q.run('UPDATE deliveries SET attempt_started_at = $1 WHERE id = $2', [at.toISOString(), id]);
  }

  async markSent(id: string, messageId: string | null, at: Date): Promise<void> {
    await this.q.run(
      `UPDATE deliveries SET status = 'sent', message_id = $1, sent_at = $2, attempts = attempts + 1, error_code = NULL,
         claimed_by = NULL, claim_expires_at = NULL
       WHERE id = $3`,
      [messageId, at.toISOString(), id],
    );
  }

  /** SQLite's two updates as one statement: the same columns change the same way. */
  async markAttemptFailed(
    id: string,
    error: { code: string; message: string },
    retryAt: Date | null,
    mayHaveArrived = false,
  ): Promise<void> {
    await this.q.run(
      `UPDATE deliveries SET
         attempt_started_at = CASE WHEN $1::boolean THEN attempt_started_at ELSE NULL END,
         attempts = attempts + 1, error_code = $2, last_error = $3,
         next_attempt_at = coalesce($4, next_attempt_at),
         status = CASE WHEN $4::text IS NULL THEN 'failed' ELSE status END,
         claimed_by = NULL, claim_expires_at = NULL
       WHERE id = $5`,
      [mayHaveArrived, error.code, error.message, retryAt?.toISOString() ?? null, id],
    );
  }

  async postpone(id: string, until: Date): Promise<void> {
    await this.q.run('UPDATE deliveries SET next_attempt_at = $1, claimed_by = NULL, claim_expires_at = NULL WHERE id = $2', [
      until.toISOString(),
      id,
    ]);
  }

  async recordPostedAlert(posted: PostedAlert, at: Date): Promise<void> {
    await this.q.run(
      `INSERT INTO alert_messages (incident_id, platform, address, message_id, posted_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (incident_id, platform, address) DO UPDATE SET message_id = excluded.message_id`,
      [posted.incidentId, posted.destination.platform, posted.destination.address, posted.messageId, at.toISOString()],
    );
  }

  async postedAlerts(incidentId: number): Promise<PostedAlert[]> {
    // Equal times in the primary key's order, as SQLite reads them through it.
    const rows = await this.q.rows<{ incident_id: number; platform: Platform; address: string; message_id: string }>(
      'SELECT incident_id, platform, address, message_id FROM alert_messages WHERE incident_id = $1 ORDER BY posted_at, platform, address',
      [incidentId],
    );
    return rows.map((row) => ({
      incidentId: row.incident_id,
      destination: { platform: row.platform, address: row.address },
      messageId: row.message_id,
    }));
  }

  async postedAlertAt(incidentId: number, destination: Destination): Promise<PostedAlert | null> {
    return (
      (await this.postedAlerts(incidentId)).find(
        (p) => p.destination.platform === destination.platform && p.destination.address === destination.address,
      ) ?? null
    );
  }

  async incidentForMessage(platform: Platform, address: string, messageId: string): Promise<number | null> {
    const [row] = await this.q.rows<{ incident_id: number }>(
      'SELECT incident_id FROM alert_messages WHERE platform = $1 AND address = $2 AND message_id = $3',
      [platform, address, messageId],
    );
    return row?.incident_id ?? null;
  }

  /**
   * Claims in one transaction of three statements:
   * 1. the destinations with something claimable, oldest first;
   * 2. a transaction-scoped advisory lock on each of them, skipping those another claimer holds right now;
   * 3. the claimable deliveries of the locked destinations, locked with FOR UPDATE SKIP LOCKED and marked as ours.
   * Statement 3 reads after the locks of statement 2 are held, so it sees every claim another replica committed on
   * those destinations: one destination's queue is never split, and no row is claimed twice. SKIP LOCKED passes over
   * a row some other statement is changing (a replica marking it sent) instead of waiting for it.
   */
  claimDeliveries(replicaId: string, limit: number, options: ClaimOptions = {}): Promise<DeliveryRecord[]> {
    checkReplicaId(replicaId);
    const leaseMs = checkLeaseMs(options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS, 'a claim lease');
    if (!Number.isInteger(limit) || limit <= 0) return Promise.resolve([]);
    const now = (options.now ?? new Date()).toISOString();
    return this.q.atomic(async (q) => {
      const candidates = await q.rows<{ platform: string; address: string }>(
        `SELECT d.platform, d.address FROM deliveries d WHERE ${CLAIMABLE}
         GROUP BY d.platform, d.address ORDER BY min(d.created_at), min(d.seq) LIMIT $3`,
        [now, replicaId, limit],
      );
      if (candidates.length === 0) return [];
      const locked = await q.rows<{ platform: string; address: string }>(
        `SELECT platform, address FROM unnest($1::text[], $2::text[]) AS t(platform, address)
         WHERE pg_try_advisory_xact_lock(hashtext('vendorwatch:destination:' || current_schema()), hashtext(platform || E'\\n' || address))`,
        [candidates.map((c) => c.platform), candidates.map((c) => c.address)],
      );
      if (locked.length === 0) return [];
      const rows = await q.rows<DeliveryRow>(
        `WITH picked AS (
           SELECT d.id FROM deliveries d
           WHERE ${CLAIMABLE} AND (d.platform, d.address) IN (SELECT * FROM unnest($4::text[], $5::text[]))
           ORDER BY d.created_at, d.seq LIMIT $3
           FOR UPDATE OF d SKIP LOCKED
         ), claimed AS (
           UPDATE deliveries SET claimed_by = $2, claim_expires_at = clock_timestamp() + $6 * interval '1 millisecond'
           FROM picked WHERE deliveries.id = picked.id
           RETURNING deliveries.*
         )
         SELECT ${COLUMNS} FROM claimed ORDER BY created_at, seq`,
        [now, replicaId, limit, locked.map((l) => l.platform), locked.map((l) => l.address), leaseMs],
      );
      return rows.map(toRecord);
    });
  }

  releaseClaims(replicaId: string): Promise<number> {
    return this.q.run('UPDATE deliveries SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = $1', [replicaId]);
  }
}
