// A test-only InteractionCore: just enough state (alerts, acknowledgements, mutes, conversations, posted
// messages) to drive the Teams adapter. Conversations go through JSON like a database row would.

import { distance } from 'fastest-levenshtein';
import type {
  AcknowledgeOutcome,
  Actor,
  AlertView,
  ConversationRecord,
  IncidentListing,
  InteractionCore,
  MuteOutcome,
  Permission,
  Platform,
  VendorLookup,
} from '../../../src/core/chat.js';

export class MemoryCore implements InteractionCore {
  readonly alerts = new Map<number, AlertView>();
  /** Rows as JSON text, so a reference that does not survive serialisation fails the tests. */
  private readonly conversationRows = new Map<string, string>();
  private readonly posted = new Map<string, number>();
  readonly deactivations: { conversationId: string; reason: string }[] = [];
  readonly acknowledgeCalls: { incidentId: number; actor: Actor; comment: string | null }[] = [];
  readonly muteCalls: { vendor: string; actor: Actor; days: number }[] = [];
  /** User ids that are refused every permission. */
  readonly forbiddenUsers = new Set<string>();
  vendors: string[] = [];

  constructor(private readonly now: () => Date = () => new Date('2026-03-28T10:00:00Z')) {}

  addAlert(alert: AlertView): void {
    this.alerts.set(alert.incidentId, structuredClone(alert));
    if (!this.vendors.includes(alert.vendor.name)) this.vendors.push(alert.vendor.name);
  }

  /** What the delivery worker does after postAlert: remember which message is which incident's alert. */
  recordPosted(platform: Platform, address: string, messageId: string, incidentId: number): void {
    this.posted.set(`${platform}|${address}|${messageId}`, incidentId);
  }

  async acknowledge(input: { incidentId: number; actor: Actor; comment?: string | null }): Promise<AcknowledgeOutcome> {
    this.acknowledgeCalls.push({ incidentId: input.incidentId, actor: input.actor, comment: input.comment ?? null });
    const alert = this.alerts.get(input.incidentId);
    if (!alert) return { kind: 'not_found' };
    if (!this.permits(input.actor, 'acknowledge')) return { kind: 'forbidden', reason: 'only the security team may acknowledge' };
    if (alert.acknowledgement) return { kind: 'already', alert: structuredClone(alert) };
    alert.acknowledgement = {
      platform: input.actor.platform,
      userId: input.actor.userId,
      userName: input.actor.userName,
      at: this.now().toISOString(),
      comment: input.comment ?? null,
    };
    return { kind: 'acknowledged', alert: structuredClone(alert) };
  }

  async incidentForMessage(platform: Platform, address: string, messageId: string): Promise<number | null> {
    return this.posted.get(`${platform}|${address}|${messageId}`) ?? null;
  }

  async muteVendor(input: { vendor: string; actor: Actor; days: number }): Promise<MuteOutcome> {
    this.muteCalls.push(input);
    if (!this.permits(input.actor, 'mute')) return { kind: 'forbidden', reason: 'only admins may mute' };
    if (!this.vendors.includes(input.vendor)) return { kind: 'unknown_vendor', suggestions: [] };
    const until = new Date(this.now().getTime() + input.days * 86_400_000).toISOString();
    for (const alert of this.alerts.values()) if (alert.vendor.name === input.vendor) alert.mutedUntil = until;
    return { kind: 'muted', vendor: input.vendor, until };
  }

  async unmuteVendor(input: { vendor: string; actor: Actor }): Promise<MuteOutcome> {
    for (const alert of this.alerts.values()) if (alert.vendor.name === input.vendor) alert.mutedUntil = null;
    return { kind: 'unmuted', vendor: input.vendor };
  }

  async lookupVendor(query: string): Promise<VendorLookup> {
    const q = query.trim().toLowerCase();
    const vendor = this.vendors.find((v) => v.toLowerCase() === q);
    if (!vendor) {
      const suggestions = [...this.vendors].sort((a, b) => distance(a.toLowerCase(), q) - distance(b.toLowerCase(), q)).slice(0, 3);
      return { kind: 'unknown', query, suggestions };
    }
    return { kind: 'found', vendor, incidents: this.listings().filter((l) => l.vendor === vendor) };
  }

  async recentIncidents(_days: number): Promise<IncidentListing[]> {
    return this.listings();
  }

  async alertView(incidentId: number): Promise<AlertView | null> {
    const alert = this.alerts.get(incidentId);
    return alert ? structuredClone(alert) : null;
  }

  permits(actor: Actor, _permission: Permission): boolean {
    return !this.forbiddenUsers.has(actor.userId);
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    this.conversationRows.set(`${record.platform}|${record.conversationId}`, JSON.stringify(record));
  }

  async deactivateConversation(platform: Platform, conversationId: string, reason: string): Promise<void> {
    this.deactivations.push({ conversationId, reason });
    const key = `${platform}|${conversationId}`;
    const row = this.conversationRows.get(key);
    if (row) this.conversationRows.set(key, JSON.stringify({ ...(JSON.parse(row) as ConversationRecord), active: false }));
  }

  async conversations(platform: Platform): Promise<ConversationRecord[]> {
    return [...this.conversationRows.values()].map((row) => JSON.parse(row) as ConversationRecord).filter((r) => r.platform === platform);
  }

  private listings(): IncidentListing[] {
    return [...this.alerts.values()].map((a) => ({
      incidentId: a.incidentId,
      incidentKey: a.incidentKey,
      vendor: a.vendor.name,
      title: a.title,
      date: a.sources[0]?.published ?? a.firstSeenAt.slice(0, 10),
      status: a.acknowledgement ? 'acknowledged' : a.mutedUntil ? 'muted' : 'open',
      acknowledgedBy: a.acknowledgement?.userName ?? null,
      sourceCount: a.sources.length,
      alertLinks: [],
      firstSourceUrl: a.sources[0]?.url ?? null,
    }));
  }
}
