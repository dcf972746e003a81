// The core that Slack and Teams adapter tests run against: the real InteractionService over a real SQLite store
// (in memory), wired as createApp wires it. Tests put alerts into the store the way the pipeline stores them
// (incident, one item per source, facts, related vendors) and link posted messages the way the delivery worker
// does, so every decision an adapter gets back (not found, already acknowledged, forbidden, unknown vendor, the
// lookups and listings) is the real one. Besides the store, the only test-only part is a record of what the
// adapters asked for (acknowledge, mute, unmute: input and outcome), for the details the store does not keep,
// such as the Slack user groups an actor was sent with.

import type { AcknowledgementView, AcknowledgeOutcome, Actor, AlertView, MuteOutcome, Platform, SourceView } from '../../src/core/chat.js';
import type { FactName, Vendor } from '../../src/core/types.js';
import { createVendorLookup } from '../../src/detection/matching/vendor-lookup.js';
import { InteractionService, type InteractionServiceDeps } from '../../src/interaction/interaction-service.js';
import type { Roles } from '../../src/interaction/roles.js';
import { type Logger, silentLogger } from '../../src/log.js';
import type { MuteRecord } from '../../src/store/interaction-repository.js';
import { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';
import { Store } from '../../src/store/store.js';

/** A watchlist entry as tests write it: a name, and whatever else matters to the test. */
export type TestVendor = Pick<Vendor, 'name'> & Partial<Vendor>;

export interface ChatCoreOptions {
  vendors?: TestVendor[];
  /** Who may acknowledge and mute; nobody is restricted by default (the no-roles row of roles.ts). */
  roles?: Roles;
  /** The core's clock (acknowledgement times, mute ends, the "recent" window). */
  now?: () => Date;
  logger?: Logger;
}

export interface CoreCall<Input, Outcome> {
  input: Input;
  outcome: Outcome;
}

/** A fixed default clock, so rendered times ("muted until 2026-04-04 09:30 UTC") are the same on every run. */
const CHAT_CORE_NOW = new Date('2026-03-28T09:30:00.000Z');

export class TestChatCore extends InteractionService {
  /** What adapters asked of the core, in order, with the answer they got (refusals included). */
  readonly acknowledgeCalls: CoreCall<Parameters<InteractionService['acknowledge']>[0], AcknowledgeOutcome>[] = [];
  readonly muteCalls: CoreCall<Parameters<InteractionService['muteVendor']>[0], MuteOutcome>[] = [];
  readonly unmuteCalls: CoreCall<Parameters<InteractionService['unmuteVendor']>[0], MuteOutcome>[] = [];

  private readonly sourceItems = new Map<string, number>();

  constructor(
    readonly store: Store,
    private readonly watchlist: Map<string, Vendor>,
    private readonly finder: { current: ReturnType<typeof createVendorLookup> },
    private readonly roles: Roles,
    private readonly clock: () => Date,
    deps: InteractionServiceDeps,
  ) {
    super(deps);
  }

  override async acknowledge(input: Parameters<InteractionService['acknowledge']>[0]): Promise<AcknowledgeOutcome> {
    const outcome = await super.acknowledge(input);
    this.acknowledgeCalls.push({ input, outcome });
    return outcome;
  }

  override async muteVendor(input: Parameters<InteractionService['muteVendor']>[0]): Promise<MuteOutcome> {
    const outcome = await super.muteVendor(input);
    this.muteCalls.push({ input, outcome });
    return outcome;
  }

  override async unmuteVendor(input: Parameters<InteractionService['unmuteVendor']>[0]): Promise<MuteOutcome> {
    const outcome = await super.unmuteVendor(input);
    this.unmuteCalls.push({ input, outcome });
    return outcome;
  }

  /** Replaces the roles, as an operator editing the config file and restarting would. */
  setRoles(roles: Roles): void {
    this.roles.admins.splice(0, Infinity, ...roles.admins);
    this.roles.responders.splice(0, Infinity, ...roles.responders);
  }

  /** Adds (or updates) a watchlist vendor; lookups see it at once, as after a watchlist reload. */
  addVendor(vendor: TestVendor): void {
    const known = this.watchlist.get(vendor.name);
    this.watchlist.set(vendor.name, { aliases: [], products: [], domains: [], criticality: 'medium', ...known, ...vendor });
    this.finder.current = createVendorLookup([...this.watchlist.values()]);
  }

  /**
   * Stores `view` as the pipeline would have: its vendor on the watchlist, the incident (alerted), one feed item
   * per source (the outlet is the feed's name), each fact value once per outlet stating it, the related vendors,
   * and the acknowledgement or mute it shows. Returns the incident id, which is the view's: the store numbers
   * incidents 1, 2, … so add alerts in the order of their incidentId. The core's view of it then equals `view`
   * except that facts come in the core's order with the core's labels.
   */
  addAlert(view: AlertView): number {
    const { store } = this;
    const vendor = view.vendor.name;
    this.addVendor({
      name: vendor,
      criticality: view.vendor.criticality,
      ...(view.vendor.category ? { category: view.vendor.category } : {}),
      ...(view.vendor.owner ? { owner: view.vendor.owner } : {}),
    });
    const firstSeen = new Date(view.firstSeenAt);
    return store.transaction(() => {
      const incident = store.incidents.create({
        key: view.incidentKey,
        vendor,
        organisation: vendor,
        title: view.title,
        summary: view.summary,
        healthcare: true,
        signature: {},
        at: firstSeen,
      });
      if (incident.id !== view.incidentId) {
        throw new Error(
          `addAlert: the store numbered "${view.incidentKey}" ${incident.id}, the view says ${view.incidentId}; add alerts in the order of their incidentId`,
        );
      }
      store.incidents.recordVendorRole(incident.id, vendor, 'primary');
      const itemOfOutlet = new Map<string, number>();
      for (const source of view.sources) {
        const itemId = this.storeSource(source, firstSeen);
        store.incidents.addSource(incident.id, itemId, firstSeen);
        if (!itemOfOutlet.has(source.outlet)) itemOfOutlet.set(source.outlet, itemId);
      }
      const facts: { name: FactName; value: string; itemId: number }[] = [];
      for (const fact of view.facts) {
        for (const { value, sources } of fact.values) {
          if (sources.length === 0)
            throw new Error(`addAlert: ${fact.name} "${value}" names no outlet; the core only knows facts some source states`);
          for (const outlet of sources) {
            const itemId = itemOfOutlet.get(outlet);
            if (itemId === undefined)
              throw new Error(`addAlert: ${fact.name} "${value}" comes from "${outlet}", which is none of the alert's sources`);
            facts.push({ name: fact.name, value, itemId });
          }
        }
      }
      store.incidents.addFacts(incident.id, facts, firstSeen);
      for (const related of view.related) store.incidents.recordVendorRole(incident.id, related, 'related');
      store.incidents.setAlertState(incident.id, 'alerted', firstSeen);
      store.incidents.touch(incident.id, {}, new Date(view.updatedAt));
      if (view.acknowledgement) store.interactions.acknowledge(incident.id, view.acknowledgement);
      if (view.mutedUntil) {
        store.interactions.mute({
          vendor,
          until: view.mutedUntil,
          platform: 'console',
          userId: 'seeded',
          userName: 'seeded',
          at: firstSeen.toISOString(),
        });
      }
      return incident.id;
    });
  }

  /** A bare alerted incident of `vendor` (no sources or facts): for tests that need many alerts and no content. */
  newIncident(vendor: string): number {
    if (!this.watchlist.has(vendor)) this.addVendor({ name: vendor });
    const at = this.clock();
    const count = this.store.incidents.all().length + 1;
    const incident = this.store.incidents.create({
      key: `${vendor.toLowerCase()}-test-${count}`,
      vendor,
      organisation: vendor,
      title: `${vendor} reports an intruder in its EHR environment (${count})`,
      summary: `${vendor} says an unauthorised party reached one of its EHR environments.`,
      healthcare: true,
      signature: {},
      at,
    });
    this.store.incidents.setAlertState(incident.id, 'alerted', at);
    return incident.id;
  }

  /** Records that `messageId` at `address` is the alert of `incidentId`, as the delivery worker does after posting. */
  linkMessage(incidentId: number, platform: Platform, address: string, messageId: string): void {
    this.store.deliveries.recordPostedAlert({ incidentId, destination: { platform, address }, messageId }, this.clock());
  }

  /** The acknowledgement the store holds for the incident. */
  acknowledgement(incidentId: number): AcknowledgementView | null {
    return this.store.interactions.acknowledgement(incidentId);
  }

  /** The vendor's mute in force now, as the store holds it. */
  activeMute(vendor: string): MuteRecord | null {
    return this.store.interactions.activeMute(vendor, this.clock());
  }

  /** Mutes `vendor` for a week in the store directly (setting a scene, not an action under test). */
  muteDirectly(vendor: string, by: Actor): void {
    const at = this.clock();
    this.store.interactions.mute({
      vendor,
      until: new Date(at.getTime() + 7 * 86_400_000).toISOString(),
      platform: by.platform,
      userId: by.userId,
      userName: by.userName,
      at: at.toISOString(),
    });
  }

  unmuteDirectly(vendor: string): void {
    this.store.interactions.unmute(vendor);
  }

  /** Conversations the store marks inactive, with the reason given. */
  inactiveConversations(platform: Platform): { conversationId: string; reason: string | null }[] {
    return this.store.interactions
      .conversations(platform)
      .filter((c) => !c.active)
      .map((c) => ({ conversationId: c.conversationId, reason: c.inactiveReason }));
  }

  close(): void {
    this.store.close();
  }

  /** One feed item per distinct source; the same source in two alerts is one item, as in the store of a real run. */
  private storeSource(source: SourceView, at: Date): number {
    const key = JSON.stringify([source.outlet, source.url, source.title, source.published]);
    const known = this.sourceItems.get(key);
    if (known !== undefined) return known;
    const [feed] = this.store.feeds.sync([
      { name: source.outlet, url: `https://feeds.test/${encodeURIComponent(source.outlet)}`, tags: [] },
    ]);
    const id = `source-${this.sourceItems.size + 1}`;
    const [item] = this.store.items.insertNew(
      feed!.id,
      [
        {
          feedUrl: feed!.url,
          guid: id,
          canonicalUrl: source.url,
          title: source.title,
          text: source.title,
          publishedAt: source.published ? new Date(`${source.published}T00:00:00.000Z`) : null,
          fingerprint: id,
        },
      ],
      () => ({ eligible: true, reason: null }),
      at,
    );
    if (!item) throw new Error(`addAlert: the source URL ${source.url} is already another source's; give each source its own URL`);
    this.sourceItems.set(key, item.id);
    return item.id;
  }
}

export function createChatCore(options: ChatCoreOptions = {}): TestChatCore {
  const store = Store.open(':memory:');
  const watchlist = new Map<string, Vendor>();
  const finder = { current: createVendorLookup([]) };
  // A copy the core holds by reference, so setRoles changes what it decides without touching the caller's object.
  const roles: Roles = { admins: [...(options.roles?.admins ?? [])], responders: [...(options.roles?.responders ?? [])] };
  const now = options.now ?? (() => CHAT_CORE_NOW);
  const core = new TestChatCore(store, watchlist, finder, roles, now, {
    // The service sees the store as the app does (AsyncStore); the helpers above set scenes on it synchronously.
    store: SqliteAsyncStore.wrap(store),
    vendors: watchlist,
    finder: { find: (query) => finder.current.find(query) },
    roles,
    logger: options.logger ?? silentLogger,
    now,
    onChange: () => {},
    announce: async () => {},
  });
  for (const vendor of options.vendors ?? []) core.addVendor(vendor);
  return core;
}
