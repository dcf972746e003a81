import type { AcknowledgementView, ConversationRecord, Platform } from '../../core/chat.js';
import type { AsyncInteractionRepository } from '../async-store.js';
import type { MuteRecord } from '../interaction-repository.js';
import type { Queryable } from './connection.js';

interface MuteRow {
  vendor: string;
  until: string;
  platform: Platform;
  user_id: string;
  user_name: string;
  at: string;
}

const toMute = (row: MuteRow): MuteRecord => ({
  vendor: row.vendor,
  until: row.until,
  platform: row.platform,
  userId: row.user_id,
  userName: row.user_name,
  at: row.at,
});

/** src/store/interaction-repository.ts on PostgreSQL. */
export class PgInteractionRepository implements AsyncInteractionRepository {
  constructor(private readonly q: Queryable) {}

  async acknowledge(incidentId: number, ack: AcknowledgementView): Promise<boolean> {
    const changed = await this.q.run(
      `INSERT INTO acknowledgements (incident_id, platform, user_id, user_name, comment, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [incidentId, ack.platform, ack.userId, ack.userName, ack.comment, ack.at],
    );
    return changed > 0;
  }

  async acknowledgement(incidentId: number): Promise<AcknowledgementView | null> {
    const [row] = await this.q.rows<{ platform: Platform; user_id: string; user_name: string; comment: string | null; at: string }>(
      'SELECT platform, user_id, user_name, comment, at FROM acknowledgements WHERE incident_id = $1',
      [incidentId],
    );
    return row ? { platform: row.platform, userId: row.user_id, userName: row.user_name, comment: row.comment, at: row.at } : null;
  }

  async unacknowledgedAlertedCount(): Promise<number> {
    const [row] = await this.q.rows<{ n: number }>(
      `SELECT count(*) AS n FROM incidents WHERE alert_state = 'alerted' AND id NOT IN (SELECT incident_id FROM acknowledgements)
         AND id NOT IN (SELECT incident_id FROM dismissals) AND id NOT IN (SELECT from_id FROM merges)`,
    );
    return row!.n;
  }

  async mute(record: MuteRecord): Promise<void> {
    await this.q.run(
      `INSERT INTO mutes (vendor, until, platform, user_id, user_name, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (vendor) DO UPDATE SET until = excluded.until, platform = excluded.platform, user_id = excluded.user_id,
         user_name = excluded.user_name, at = excluded.at`,
      [record.vendor, record.until, record.platform, record.userId, record.userName, record.at],
    );
  }

  async unmute(vendor: string): Promise<boolean> {
    return (await this.q.run('DELETE FROM mutes WHERE vendor = $1', [vendor])) > 0;
  }

  async activeMute(vendor: string, now: Date): Promise<MuteRecord | null> {
    const [row] = await this.q.rows<MuteRow>(
      'SELECT vendor, until, platform, user_id, user_name, at FROM mutes WHERE vendor = $1 AND until > $2',
      [vendor, now.toISOString()],
    );
    return row ? toMute(row) : null;
  }

  async activeMutes(now: Date): Promise<MuteRecord[]> {
    // Equal times in the order the mutes were first set, as SQLite leaves them.
    const rows = await this.q.rows<MuteRow>(
      'SELECT vendor, until, platform, user_id, user_name, at FROM mutes WHERE until > $1 ORDER BY until, seq',
      [now.toISOString()],
    );
    return rows.map(toMute);
  }

  async saveConversation(record: ConversationRecord, at: Date): Promise<void> {
    await this.q.run(
      `INSERT INTO conversations (platform, conversation_id, name, reference, active, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, conversation_id) DO UPDATE SET name = coalesce(excluded.name, conversations.name),
         reference = excluded.reference, active = excluded.active, updated_at = excluded.updated_at, inactive_reason = NULL`,
      [record.platform, record.conversationId, record.name, JSON.stringify(record.reference), Boolean(record.active), at.toISOString()],
    );
  }

  async deactivateConversation(platform: Platform, conversationId: string, reason: string, at: Date): Promise<void> {
    await this.q.run(
      'UPDATE conversations SET active = FALSE, inactive_reason = $1, updated_at = $2 WHERE platform = $3 AND conversation_id = $4',
      [reason, at.toISOString(), platform, conversationId],
    );
  }

  async conversations(platform: Platform): Promise<(ConversationRecord & { inactiveReason: string | null; updatedAt: string })[]> {
    // Equal times in the primary key's order, as SQLite reads them through it.
    const rows = await this.q.rows<{
      platform: Platform;
      conversation_id: string;
      name: string | null;
      reference: string;
      active: boolean;
      inactive_reason: string | null;
      updated_at: string;
    }>(
      `SELECT platform, conversation_id, name, reference, active, inactive_reason, updated_at FROM conversations
       WHERE platform = $1 ORDER BY updated_at, conversation_id`,
      [platform],
    );
    return rows.map((row) => ({
      platform: row.platform,
      conversationId: row.conversation_id,
      name: row.name,
      reference: JSON.parse(row.reference) as unknown,
      active: row.active === true,
      inactiveReason: row.inactive_reason,
      updatedAt: row.updated_at,
    }));
  }
}
