// A test-only InteractionCore: incidents, messages and vendors in memory, every call recorded. It decides
// the way the real core is meant to (already-acknowledged, forbidden users, fuzzy vendor names) so adapter
// tests can check the Slack side without the store.

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

export interface MemoryVendor {
  name: string;
  aliases?: string[];
}

export class MemoryCore implements InteractionCore {
  readonly alerts = new Map<number, AlertView>();
  readonly messages = new Map<string, number>();
  readonly acknowledgements: { incidentId: number; actor: Actor; comment: string | null }[] = [];
  readonly mutes: { vendor: string; actor: Actor; days: number }[] = [];
  readonly unmutes: { vendor: string; actor: Actor }[] = [];
  /** User ids refused every permission. */
  readonly forbidden = new Set<string>();
  readonly alertLinks = new Map<number, string>();

  constructor(
    readonly vendors: MemoryVendor[],
    private readonly now: () => Date = () => new Date('2026-03-28T09:30:00Z'),
  ) {}

  addAlert(alert: AlertView): void {
    this.alerts.set(alert.incidentId, structuredClone(alert));
  }

  /** Records that the alert of `incidentId` is the Slack message `ts` in `channel` (as the outbox would). */
  linkMessage(channel: string, ts: string, incidentId: number): void {
    this.messages.set(`${channel}:${ts}`, incidentId);
  }

  async acknowledge(input: { incidentId: number; actor: Actor; comment?: string | null }): Promise<AcknowledgeOutcome> {
    if (this.forbidden.has(input.actor.userId)) return { kind: 'forbidden', reason: 'only the security responders group may acknowledge alerts' };
    const alert = this.alerts.get(input.incidentId);
    if (!alert) return { kind: 'not_found' };
    if (alert.acknowledgement) return { kind: 'already', alert: structuredClone(alert) };
    alert.acknowledgement = {
      platform: input.actor.platform,
      userId: input.actor.userId,
      userName: input.actor.userName,
      at: this.now().toISOString(),
      comment: input.comment ?? null,
    };
    this.acknowledgements.push({ incidentId: input.incidentId, actor: input.actor, comment: input.comment ?? null });
    return { kind: 'acknowledged', alert: structuredClone(alert) };
  }

  async incidentForMessage(platform: Platform, address: string, messageId: string): Promise<number | null> {
    return platform === 'slack' ? (this.messages.get(`${address}:${messageId}`) ?? null) : null;
  }

  async muteVendor(input: { vendor: string; actor: Actor; days: number }): Promise<MuteOutcome> {
    if (this.forbidden.has(input.actor.userId)) return { kind: 'forbidden', reason: 'only admins may mute vendors' };
    const vendor = this.findVendor(input.vendor);
    if (!vendor) return { kind: 'unknown_vendor', suggestions: this.suggest(input.vendor) };
    this.mutes.push({ vendor: vendor.name, actor: input.actor, days: input.days });
    const until = new Date(this.now().getTime() + input.days * 86_400_000).toISOString();
    for (const alert of this.alerts.values()) if (alert.vendor.name === vendor.name) alert.mutedUntil = until;
    return { kind: 'muted', vendor: vendor.name, until };
  }

  async unmuteVendor(input: { vendor: string; actor: Actor }): Promise<MuteOutcome> {
    if (this.forbidden.has(input.actor.userId)) return { kind: 'forbidden', reason: 'only admins may unmute vendors' };
    const vendor = this.findVendor(input.vendor);
    if (!vendor) return { kind: 'unknown_vendor', suggestions: this.suggest(input.vendor) };
    this.unmutes.push({ vendor: vendor.name, actor: input.actor });
    return { kind: 'unmuted', vendor: vendor.name };
  }

  async lookupVendor(query: string): Promise<VendorLookup> {
    const vendor = this.findVendor(query);
    if (!vendor) return { kind: 'unknown', query, suggestions: this.suggest(query) };
    const incidents = [...this.alerts.values()].filter((alert) => alert.vendor.name === vendor.name).map((alert) => this.listing(alert));
    return { kind: 'found', vendor: vendor.name, incidents };
  }

  async recentIncidents(days: number): Promise<IncidentListing[]> {
    const since = this.now().getTime() - days * 86_400_000;
    return [...this.alerts.values()].filter((alert) => new Date(alert.firstSeenAt).getTime() >= since).map((alert) => this.listing(alert));
  }

  async alertView(incidentId: number): Promise<AlertView | null> {
    const alert = this.alerts.get(incidentId);
    return alert ? structuredClone(alert) : null;
  }

  permits(actor: Actor, _permission: Permission): boolean {
    return !this.forbidden.has(actor.userId);
  }

  async saveConversation(_record: ConversationRecord): Promise<void> {}
  async deactivateConversation(_platform: Platform, _conversationId: string, _reason: string): Promise<void> {}
  async conversations(_platform: Platform): Promise<ConversationRecord[]> {
    return [];
  }

  private listing(alert: AlertView): IncidentListing {
    const link = this.alertLinks.get(alert.incidentId);
    return {
      incidentId: alert.incidentId,
      incidentKey: alert.incidentKey,
      vendor: alert.vendor.name,
      title: alert.title,
      date: alert.sources.map((s) => s.published).filter((d): d is string => d !== null).sort()[0] ?? alert.firstSeenAt.slice(0, 10),
      status: alert.acknowledgement ? 'acknowledged' : alert.mutedUntil ? 'muted' : 'open',
      acknowledgedBy: alert.acknowledgement?.userName ?? null,
      sourceCount: alert.sources.length,
      alertLinks: link ? [{ platform: 'slack', url: link }] : [],
      firstSourceUrl: alert.sources[0]?.url ?? null,
    };
  }

  private findVendor(query: string): MemoryVendor | undefined {
    const wanted = normalise(query);
    return this.vendors.find((vendor) => [vendor.name, ...(vendor.aliases ?? [])].some((name) => normalise(name) === wanted));
  }

  private suggest(query: string): string[] {
    const wanted = normalise(query);
    return this.vendors
      .map((vendor) => ({ name: vendor.name, score: Math.min(...[vendor.name, ...(vendor.aliases ?? [])].map((name) => distance(normalise(name), wanted))) }))
      .filter((candidate) => candidate.score <= 4)
      .sort((a, b) => a.score - b.score)
      .map((candidate) => candidate.name);
  }
}

const normalise = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
