import { randomUUID } from 'node:crypto';
import type { Destination, Platform } from '../core/chat.js';
import type { Db } from './open-database.js';

export type DeliveryKind = 'alert' | 'thread_update' | 'refresh' | 'notice';

export interface DeliveryRecord {
  id: string;
  incidentId: number | null;
  kind: DeliveryKind;
  destination: Destination;
  payload: Record<string, unknown>;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  messageId: string | null;
  errorCode: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Set while the platform may have received this delivery without our knowing (see migration 2). */
  attemptStartedAt: string | null;
}

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

export interface PostedAlert {
  incidentId: number;
  destination: Destination;
  messageId: string;
}

/** The outbox. Rows are written in the transaction that changed the incident, then sent by the delivery worker. */
export class DeliveryRepository {
  constructor(private readonly db: Db) {}

  enqueue(input: {
    incidentId: number | null;
    kind: DeliveryKind;
    destination: Destination;
    payload?: Record<string, unknown>;
    at: Date;
  }): string {
    const id = randomUUID();
    const at = input.at.toISOString();
    this.db
      .prepare(
        `INSERT INTO deliveries (id, incident_id, kind, platform, address, payload, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.incidentId,
        input.kind,
        input.destination.platform,
        input.destination.address,
        JSON.stringify(input.payload ?? {}),
        at,
        at,
      );
    return id;
  }

  /**
   * Pending deliveries due now, oldest first (so an alert goes before its thread updates). A delivery waits while
   * an older one to the same destination is still backing off: messages reach a channel in the order they were queued.
   */
  due(now: Date, limit = 500): DeliveryRecord[] {
    return (
      this.db
        .prepare(
          `SELECT d.* FROM deliveries d WHERE d.status = 'pending' AND d.next_attempt_at <= @now
             AND NOT EXISTS (
               SELECT 1 FROM deliveries e WHERE e.status = 'pending' AND e.platform = d.platform AND e.address = d.address
                 AND e.next_attempt_at > @now AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.rowid < d.rowid)))
           ORDER BY d.created_at, d.rowid LIMIT @limit`,
        )
        .all({ now: now.toISOString(), limit }) as DeliveryRow[]
    ).map(toRecord);
  }

  pendingCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n;
  }

  byStatus(status: DeliveryRecord['status'], limit = 100): DeliveryRecord[] {
    return (
      this.db.prepare('SELECT * FROM deliveries WHERE status = ? ORDER BY created_at DESC LIMIT ?').all(status, limit) as DeliveryRow[]
    ).map(toRecord);
  }

  forIncident(incidentId: number): DeliveryRecord[] {
    return (
      this.db.prepare('SELECT * FROM deliveries WHERE incident_id = ? ORDER BY created_at, rowid').all(incidentId) as DeliveryRow[]
    ).map(toRecord);
  }

  /** Is an alert for this incident and destination still waiting to go out? */
  hasPendingAlert(incidentId: number, destination: Destination): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM deliveries WHERE incident_id = ? AND kind = 'alert' AND platform = ? AND address = ? AND status = 'pending'`,
        )
        .get(incidentId, destination.platform, destination.address) !== undefined
    );
  }

  /** Written (and committed) just before the platform is called. */
  markAttemptStarted(id: string, at: Date): void {
    this.db.prepare('UPDATE deliveries SET attempt_started_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  markSent(id: string, messageId: string | null, at: Date): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'sent', message_id = ?, sent_at = ?, attempts = attempts + 1, error_code = NULL WHERE id = ?`,
      )
      .run(messageId, at.toISOString(), id);
  }

  /**
   * Records a failed attempt; `retryAt` null means give up (a permanent error). `mayHaveArrived` keeps the
   * attempt marker for errors after which the platform may still have posted the message (a timeout).
   */
  markAttemptFailed(id: string, error: { code: string; message: string }, retryAt: Date | null, mayHaveArrived = false): void {
    if (!mayHaveArrived) this.db.prepare('UPDATE deliveries SET attempt_started_at = NULL WHERE id = ?').run(id);
    if (retryAt) {
      this.db
        .prepare('UPDATE deliveries SET attempts = attempts + 1, error_code = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
        .run(error.code, error.message, retryAt.toISOString(), id);
    } else {
      this.db
        .prepare(`UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error_code = ?, last_error = ? WHERE id = ?`)
        .run(error.code, error.message, id);
    }
  }

  /** Puts a delivery back in the queue without counting an attempt (e.g. its parent alert is not posted yet). */
  postpone(id: string, until: Date): void {
    this.db.prepare('UPDATE deliveries SET next_attempt_at = ? WHERE id = ?').run(until.toISOString(), id);
  }

  recordPostedAlert(posted: PostedAlert, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO alert_messages (incident_id, platform, address, message_id, posted_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (incident_id, platform, address) DO UPDATE SET message_id = excluded.message_id`,
      )
      .run(posted.incidentId, posted.destination.platform, posted.destination.address, posted.messageId, at.toISOString());
  }

  postedAlerts(incidentId: number): PostedAlert[] {
    return (
      this.db.prepare('SELECT * FROM alert_messages WHERE incident_id = ? ORDER BY posted_at').all(incidentId) as {
        incident_id: number;
        platform: Platform;
        address: string;
        message_id: string;
      }[]
    ).map((row) => ({
      incidentId: row.incident_id,
      destination: { platform: row.platform, address: row.address },
      messageId: row.message_id,
    }));
  }

  postedAlertAt(incidentId: number, destination: Destination): PostedAlert | null {
    return (
      this.postedAlerts(incidentId).find(
        (p) => p.destination.platform === destination.platform && p.destination.address === destination.address,
      ) ?? null
    );
  }

  incidentForMessage(platform: Platform, address: string, messageId: string): number | null {
    const row = this.db
      .prepare('SELECT incident_id FROM alert_messages WHERE platform = ? AND address = ? AND message_id = ?')
      .get(platform, address, messageId) as { incident_id: number } | undefined;
    return row?.incident_id ?? null;
  }
}
