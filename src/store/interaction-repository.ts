import type { AcknowledgementView, ConversationRecord, Platform } from '../core/chat.js';
import type { Db } from './open-database.js';

export interface MuteRecord {
  vendor: string;
  until: string;
  platform: Platform;
  userId: string;
  userName: string;
  at: string;
}

/** Acknowledgements, mutes and chat installations: what people did, with who and when. */
export class InteractionRepository {
  constructor(private readonly db: Db) {}

  /** Records the first acknowledgement; returns false (and changes nothing) when one exists. */
  acknowledge(incidentId: number, ack: AcknowledgementView): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO acknowledgements (incident_id, platform, user_id, user_name, comment, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(incidentId, ack.platform, ack.userId, ack.userName, ack.comment, ack.at);
    return result.changes > 0;
  }

  acknowledgement(incidentId: number): AcknowledgementView | null {
    const row = this.db.prepare('SELECT * FROM acknowledgements WHERE incident_id = ?').get(incidentId) as
      | { platform: Platform; user_id: string; user_name: string; comment: string | null; at: string }
      | undefined;
    return row ? { platform: row.platform, userId: row.user_id, userName: row.user_name, comment: row.comment, at: row.at } : null;
  }

  unacknowledgedAlertedCount(): number {
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM incidents WHERE alert_state = 'alerted' AND id NOT IN (SELECT incident_id FROM acknowledgements)
             AND id NOT IN (SELECT incident_id FROM dismissals) AND id NOT IN (SELECT from_id FROM merges)`,
        )
        .get() as { n: number }
    ).n;
  }

  mute(record: MuteRecord): void {
    this.db
      .prepare(
        `INSERT INTO mutes (vendor, until, platform, user_id, user_name, at) VALUES (@vendor, @until, @platform, @userId, @userName, @at)
         ON CONFLICT (vendor) DO UPDATE SET until = excluded.until, platform = excluded.platform, user_id = excluded.user_id,
           user_name = excluded.user_name, at = excluded.at`,
      )
      .run(record);
  }

  unmute(vendor: string): boolean {
    return this.db.prepare('DELETE FROM mutes WHERE vendor = ?').run(vendor).changes > 0;
  }

  activeMute(vendor: string, now: Date): MuteRecord | null {
    const row = this.db.prepare('SELECT * FROM mutes WHERE vendor = ? AND until > ?').get(vendor, now.toISOString()) as
      | { vendor: string; until: string; platform: Platform; user_id: string; user_name: string; at: string }
      | undefined;
    return row
      ? { vendor: row.vendor, until: row.until, platform: row.platform, userId: row.user_id, userName: row.user_name, at: row.at }
      : null;
  }

  activeMutes(now: Date): MuteRecord[] {
    return (
      this.db.prepare('SELECT * FROM mutes WHERE until > ? ORDER BY until').all(now.toISOString()) as {
        vendor: string;
        until: string;
        platform: Platform;
        user_id: string;
        user_name: string;
        at: string;
      }[]
    ).map((row) => ({
      vendor: row.vendor,
      until: row.until,
      platform: row.platform,
      userId: row.user_id,
      userName: row.user_name,
      at: row.at,
    }));
  }

  saveConversation(record: ConversationRecord, at: Date): void {
    this.db
      .prepare(
        `INSERT INTO conversations (platform, conversation_id, name, reference, active, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, conversation_id) DO UPDATE SET name = coalesce(excluded.name, name), reference = excluded.reference,
           active = excluded.active, updated_at = excluded.updated_at, inactive_reason = NULL`,
      )
      .run(record.platform, record.conversationId, record.name, JSON.stringify(record.reference), record.active ? 1 : 0, at.toISOString());
  }

  deactivateConversation(platform: Platform, conversationId: string, reason: string, at: Date): void {
    this.db
      .prepare('UPDATE conversations SET active = 0, inactive_reason = ?, updated_at = ? WHERE platform = ? AND conversation_id = ?')
      .run(reason, at.toISOString(), platform, conversationId);
  }

  conversations(platform: Platform): (ConversationRecord & { inactiveReason: string | null; updatedAt: string })[] {
    return (
      this.db.prepare('SELECT * FROM conversations WHERE platform = ? ORDER BY updated_at').all(platform) as {
        platform: Platform;
        conversation_id: string;
        name: string | null;
        reference: string;
        active: number;
        inactive_reason: string | null;
        updated_at: string;
      }[]
    ).map((row) => ({
      platform: row.platform,
      conversationId: row.conversation_id,
      name: row.name,
      reference: JSON.parse(row.reference) as unknown,
      active: row.active === 1,
      inactiveReason: row.inactive_reason,
      updatedAt: row.updated_at,
    }));
  }
}
