import type {
  AcknowledgeOutcome,
  Actor,
  AlertView,
  ConversationRecord,
  DismissOutcome,
  IncidentListing,
  InteractionCore,
  MergeOutcome,
  MuteOutcome,
  Permission,
  Platform,
  VendorLookup,
} from '../core/chat.js';
import type { Vendor } from '../core/types.js';
import { buildAlertView, safeHttpUrl } from '../incidents/alert-view.js';
import { breachedOrganisation, isVendorsOwnName } from '../incidents/breached-organisation.js';
import type { Logger } from '../log.js';
import { queueNotice } from '../notices/operator-notices.js';
import type { AsyncStore } from '../store/async-store.js';
import type { IncidentRecord } from '../store/incident-repository.js';
import { permits, type Roles, refusalReason } from './roles.js';

export type { Roles } from './roles.js';

export interface VendorFinder {
  find(query: string): { kind: 'found'; vendor: Vendor } | { kind: 'unknown'; suggestions: string[] };
}

export interface InteractionServiceDeps {
  store: AsyncStore;
  vendors: ReadonlyMap<string, Vendor>;
  finder: VendorFinder;
  roles: Roles;
  logger: Logger;
  /** Called after a change that chat messages must show (acknowledged, muted): sends queued refreshes. */
  onChange: () => void;
  /** Announces a mute or unmute in the vendor's alert channels. */
  announce: (vendor: Vendor, text: string) => Promise<void>;
  now?: () => Date;
}

const MAX_QUERY_LENGTH = 200;
const MAX_MUTE_DAYS = 365;
const MAX_USER_NAME = 200;

/** Who did it, as stored with an acknowledgement, mute, dismissal or merge: the display name is capped. */
const recordedActor = (actor: Actor) => ({
  platform: actor.platform,
  userId: actor.userId,
  userName: actor.userName.slice(0, MAX_USER_NAME),
});

/** The core side of every chat interaction. Adapters turn platform input into these calls. */
export class InteractionService implements InteractionCore {
  private readonly now: () => Date;

  constructor(private readonly deps: InteractionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Acknowledging and muting are decided separately: see the table in roles.ts. */
  permits(actor: Actor, permission: Permission): boolean {
    return permits(this.deps.roles, actor, permission);
  }

  async acknowledge(input: { incidentId: number; actor: Actor; comment?: string | null }): Promise<AcknowledgeOutcome> {
    const { store, logger } = this.deps;
    const incident = await store.incidents.byId(input.incidentId);
    if (!incident || incident.alertState === 'none') return { kind: 'not_found' };
    if (!this.permits(input.actor, 'acknowledge')) {
      logger.warn(
        { actor: input.actor.userId, platform: input.actor.platform, incident: incident.key },
        'acknowledge refused: the roles do not allow this user',
      );
      return { kind: 'forbidden', reason: refusalReason(this.deps.roles, 'acknowledge') };
    }
    const at = this.now();
    const recorded = await store.transaction(async (tx) => {
      const created = await tx.interactions.acknowledge(incident.id, {
        ...recordedActor(input.actor),
        comment: input.comment ? input.comment.slice(0, 1000) : null,
        at: at.toISOString(),
      });
      // Every posted copy of the alert (Slack and Teams alike) shows the one acknowledgement.
      if (created) await this.queueRefreshes(tx, incident.id, at);
      return created;
    });
    const alert = (await this.view(incident.id))!;
    if (!recorded) return { kind: 'already', alert };
    logger.info({ incident: incident.key, by: input.actor.userId, platform: input.actor.platform }, 'alert acknowledged');
    this.deps.onChange();
    return { kind: 'acknowledged', alert };
  }

  async dismissAlert(input: { incidentId: number; actor: Actor }): Promise<DismissOutcome> {
    const { store, logger } = this.deps;
    const incident = await store.incidents.byId(input.incidentId);
    if (!incident || incident.alertState === 'none' || !incident.vendor) return { kind: 'not_found' };
    if (!this.permits(input.actor, 'dismiss')) {
      logger.warn(
        { actor: input.actor.userId, platform: input.actor.platform, incident: incident.key },
        'dismiss refused: the roles do not allow this user',
      );
      return { kind: 'forbidden', reason: refusalReason(this.deps.roles, 'dismiss') };
    }
    const vendor = incident.vendor;
    const at = this.now();
    const by = { ...recordedActor(input.actor), at: at.toISOString() };
    // The breached organisation as the alerting item named it ("Epic" read as Epic Systems).
    const [alerting] = await store.incidents.alertingDetections(incident.id);
    const organisation = alerting ? breachedOrganisation(alerting, vendor) : (incident.organisation ?? vendor);
    const outcome = await store.transaction(async (tx) => {
      if (!(await tx.corrections.dismiss({ incidentId: incident.id, vendor, ...by }))) return null;
      // Learning "never <vendor> for <vendor>" would silence the vendor for good: that is a mute, not a correction.
      const learned = isVendorsOwnName(organisation, vendor)
        ? null
        : await tx.corrections.addExclusion({ vendor, organisation, incidentId: incident.id, ...by });
      // Every posted copy of the alert (Slack and Teams alike) shows the dismissal.
      await this.queueRefreshes(tx, incident.id, at);
      return { learned };
    });
    const alert = (await this.view(incident.id))!;
    if (!outcome) return { kind: 'already', alert };
    const { learned } = outcome;
    logger.info(
      {
        incident: incident.key,
        vendor,
        organisation,
        exclusion: learned?.id ?? null,
        by: input.actor.userId,
        platform: input.actor.platform,
      },
      'alert dismissed: not this vendor',
    );
    this.deps.onChange();
    return {
      kind: 'dismissed',
      alert,
      exclusion: learned ? { id: learned.id, vendor: learned.vendor, organisation: learned.organisation } : null,
    };
  }

  async mergeIncidents(input: { into: string; from: string; actor: Actor }): Promise<MergeOutcome> {
    const { store, logger } = this.deps;
    if (!this.permits(input.actor, 'admin')) {
      logger.warn({ actor: input.actor.userId, platform: input.actor.platform }, 'merge refused: the roles do not allow this user');
      return { kind: 'forbidden', reason: refusalReason(this.deps.roles, 'admin') };
    }
    const into = await this.incidentByReference(input.into);
    const from = await this.incidentByReference(input.from);
    if (!into || !from) {
      const missing = (into ? input.from : input.into).slice(0, 80);
      return { kind: 'invalid', message: `No incident is called "${missing}". Incidents are named by the id or key their listing shows.` };
    }
    if (into.id === from.id)
      return { kind: 'invalid', message: `"${input.into.slice(0, 80)}" and "${input.from.slice(0, 80)}" are the same incident.` };
    for (const incident of [into, from]) {
      const merge = await store.corrections.mergedFrom(incident.id);
      if (merge) {
        const survivor = await store.incidents.byId(await store.corrections.survivorOf(incident.id));
        return {
          kind: 'invalid',
          message: `${incident.key} was already merged into ${survivor?.key ?? 'another incident'}: name that one instead.`,
        };
      }
    }
    const at = this.now();
    const by = { ...recordedActor(input.actor), at: at.toISOString() };
    await store.transaction(async (tx) => {
      await tx.corrections.merge({ fromId: from.id, intoId: into.id, ...by });
      // The first alert now counts the second's sources; the second's alert is edited to say where its story went
      // (and loses its buttons), and its thread gets a pointer there.
      await this.queueRefreshes(tx, into.id, at);
      await this.queueRefreshes(tx, from.id, at);
      const text = `${by.userName} merged this incident (${from.key}) into ${into.key}: "${into.title}". Later reports go there.`;
      await queueNotice(
        tx,
        (await tx.deliveries.postedAlerts(from.id)).map((posted) => posted.destination),
        { kind: 'merge', text },
        at,
        from.id,
      );
    });
    logger.info({ into: into.key, from: from.key, by: input.actor.userId, platform: input.actor.platform }, 'incidents merged');
    this.deps.onChange();
    return {
      kind: 'merged',
      into: await this.listing((await store.incidents.byId(into.id))!),
      from: await this.listing((await store.incidents.byId(from.id))!),
    };
  }

  /** An incident by the id or the key a listing shows ("42", "carecloud-2026-03"). */
  private async incidentByReference(reference: string): Promise<IncidentRecord | null> {
    const trimmed = reference.trim().slice(0, 200);
    if (/^[1-9][0-9]{0,15}$/.test(trimmed)) return this.deps.store.incidents.byId(Number(trimmed));
    return (await this.deps.store.incidents.byKey(trimmed)) ?? (await this.deps.store.incidents.byKey(trimmed.toLowerCase()));
  }

  async incidentForMessage(platform: Platform, address: string, messageId: string): Promise<number | null> {
    return this.deps.store.deliveries.incidentForMessage(platform, address, messageId);
  }

  async muteVendor(input: { vendor: string; actor: Actor; days: number }): Promise<MuteOutcome> {
    if (!this.permits(input.actor, 'mute')) {
      this.deps.logger.warn(
        { actor: input.actor.userId, platform: input.actor.platform },
        'mute refused: the roles do not allow this user',
      );
      return { kind: 'forbidden', reason: refusalReason(this.deps.roles, 'mute') };
    }
    const found = this.deps.finder.find(input.vendor.slice(0, MAX_QUERY_LENGTH));
    if (found.kind === 'unknown') return { kind: 'unknown_vendor', suggestions: found.suggestions };
    const days = Math.min(Math.max(1, Math.round(input.days)), MAX_MUTE_DAYS);
    const at = this.now();
    const until = new Date(at.getTime() + days * 86_400_000).toISOString();
    await this.deps.store.interactions.mute({
      vendor: found.vendor.name,
      until,
      ...recordedActor(input.actor),
      at: at.toISOString(),
    });
    this.deps.logger.info({ vendor: found.vendor.name, until, by: input.actor.userId }, 'vendor muted');
    await this.deps.announce(
      found.vendor,
      `${input.actor.userName} muted ${found.vendor.name} until ${until.slice(0, 16).replace('T', ' ')} UTC: its incidents are still recorded and listed, not posted.`,
    );
    return { kind: 'muted', vendor: found.vendor.name, until };
  }

  async unmuteVendor(input: { vendor: string; actor: Actor }): Promise<MuteOutcome> {
    if (!this.permits(input.actor, 'mute')) {
      this.deps.logger.warn(
        { actor: input.actor.userId, platform: input.actor.platform },
        'unmute refused: the roles do not allow this user',
      );
      return { kind: 'forbidden', reason: refusalReason(this.deps.roles, 'mute') };
    }
    const found = this.deps.finder.find(input.vendor.slice(0, MAX_QUERY_LENGTH));
    if (found.kind === 'unknown') return { kind: 'unknown_vendor', suggestions: found.suggestions };
    const wasMuted = await this.deps.store.interactions.unmute(found.vendor.name);
    this.deps.logger.info({ vendor: found.vendor.name, by: input.actor.userId }, 'vendor unmuted');
    if (wasMuted)
      await this.deps.announce(found.vendor, `${input.actor.userName} unmuted ${found.vendor.name}: its new incidents are posted again.`);
    return { kind: 'unmuted', vendor: found.vendor.name };
  }

  async lookupVendor(query: string): Promise<VendorLookup> {
    const trimmed = query.trim().slice(0, MAX_QUERY_LENGTH);
    const found = this.deps.finder.find(trimmed);
    if (found.kind === 'unknown') return { kind: 'unknown', query: trimmed, suggestions: found.suggestions };
    return {
      kind: 'found',
      vendor: found.vendor.name,
      incidents: await this.listings(await this.deps.store.incidents.forVendor(found.vendor.name)),
      total: await this.deps.store.incidents.countForVendor(found.vendor.name),
    };
  }

  async recentIncidents(days: number): Promise<IncidentListing[]> {
    const since = new Date(this.now().getTime() - days * 86_400_000);
    return this.listings(await this.deps.store.incidents.watchlistSince(since));
  }

  async alertView(incidentId: number): Promise<AlertView | null> {
    return this.view(incidentId);
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    await this.deps.store.interactions.saveConversation(record, this.now());
    this.deps.logger.info({ platform: record.platform, conversation: record.conversationId, name: record.name }, 'conversation saved');
  }

  async deactivateConversation(platform: Platform, conversationId: string, reason: string): Promise<void> {
    await this.deps.store.interactions.deactivateConversation(platform, conversationId, reason, this.now());
    this.deps.logger.warn(
      { platform, conversation: conversationId, reason },
      'conversation marked inactive: alerts will no longer go there',
    );
  }

  async conversations(platform: Platform): Promise<ConversationRecord[]> {
    return this.deps.store.interactions.conversations(platform);
  }

  private view(incidentId: number): Promise<AlertView | null> {
    return buildAlertView(this.deps.store, incidentId, this.deps.vendors, this.now());
  }

  /** Queues a refresh of every posted copy of the alert, in the transaction `tx`. */
  private async queueRefreshes(tx: AsyncStore, incidentId: number, at: Date): Promise<void> {
    for (const posted of await tx.deliveries.postedAlerts(incidentId)) {
      await tx.deliveries.enqueue({ incidentId, kind: 'refresh', destination: posted.destination, at });
    }
  }

  /** The listings of these incidents, in order (one at a time: a store call per incident and field). */
  async listings(incidents: readonly IncidentRecord[]): Promise<IncidentListing[]> {
    const listed: IncidentListing[] = [];
    for (const incident of incidents) listed.push(await this.listing(incident));
    return listed;
  }

  async listing(incident: IncidentRecord): Promise<IncidentListing> {
    const { store } = this.deps;
    const itemIds = await store.incidents.sourceItemIds(incident.id);
    const items = await store.items.byIds(itemIds);
    const ack = await store.interactions.acknowledgement(incident.id);
    const dismissal = await store.corrections.dismissal(incident.id);
    const merge = await store.corrections.mergedFrom(incident.id);
    const mergedIntoKey = merge ? ((await store.incidents.byId(merge.intoId))?.key ?? String(merge.intoId)) : null;
    const posted = await store.deliveries.postedAlerts(incident.id);
    const dates = items.map((item) => (item.publishedAt ?? item.firstSeenAt).slice(0, 10)).sort();
    return {
      incidentId: incident.id,
      incidentKey: incident.key,
      vendor: incident.vendor ?? incident.organisation ?? 'unknown',
      title: incident.title,
      date: dates[0] ?? incident.firstSeenAt.slice(0, 10),
      status: merge ? 'merged' : dismissal ? 'dismissed' : ack ? 'acknowledged' : incident.alertState === 'muted' ? 'muted' : 'open',
      acknowledgedBy: ack?.userName ?? null,
      dismissal: dismissal ? { userName: dismissal.userName, at: dismissal.at, vendor: dismissal.vendor } : null,
      mergedInto: merge ? { userName: merge.userName, at: merge.at, incidentKey: mergedIntoKey ?? String(merge.intoId) } : null,
      sourceCount: itemIds.length,
      // Opaque `platform:address:messageId` references; the adapter turns its own into real links (Slack permalinks).
      alertLinks: posted.map((posted) => ({
        platform: posted.destination.platform,
        url: `${posted.destination.platform}:${posted.destination.address}:${posted.messageId}`,
      })),
      firstSourceUrl: safeHttpUrl(items[0]?.canonicalUrl ?? null),
    };
  }
}
