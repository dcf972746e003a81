// The one small interface between the core and the chat platforms (Slack, Teams, console).
// The core hands adapters platform-neutral views and receives platform input back as core calls;
// adapters own rendering, transport, retries of their own SDK and the platform's wire format.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../log.js';
import type { Criticality, FactName } from './types.js';

export type Platform = 'slack' | 'teams' | 'console';

// ---------------------------------------------------------------------------------------------------
// What adapters render

/**
 * What kind of source a line is: a news report, the breached company's own SEC filing, the HHS OCR breach list, a
 * state attorney general's list, or a leak-site claim (ransomware.live). How each is named and ordered on a line is
 * src/sources/provenance.ts's business (strongest first: SEC filing, HHS OCR, state AG, news, leak-site claim).
 */
export type SourceProvenance = 'news' | 'sec-filing' | 'hhs-ocr' | 'state-ag' | 'leak-site';

/** A source's latest revision of its record (HHS OCR revised a count), as its line shows it. */
export interface SourceRevisionView {
  /** `HHS OCR now lists 48,210 individuals, was 31,007`. */
  message: string;
  /** When Vendorwatch saw the revision (ISO 8601). */
  at: string;
  /**
   * True when the source was already part of an incident when it revised the record: a thread update listing it is
   * about the revision. False when it was revised first and joined later: it is then a new source like any other.
   */
  afterJoining: boolean;
}

export interface SourceView {
  title: string;
  /** Always an http(s) URL (the core drops anything else), or null when the source had no link. */
  url: string | null;
  /** The outlet, e.g. "HIPAA Journal"; the URL's host when unknown. */
  outlet: string;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  /**
   * What kind of source it is. Absent: news (a news line is the view it always was, and a view stored or built
   * before the disclosure sources existed reads as news). Renderers read it through provenanceOf().
   */
  provenance?: SourceProvenance;
  /** The source's latest revision of the record, when it ever revised it; absent otherwise. */
  revision?: SourceRevisionView;
}

/** A source line's identity across views: its link, or its title and outlet when it has none. */
export interface SourceKey {
  title: string;
  url: string | null;
  outlet: string;
}

/**
 * A leak-site claim's standing in its incident. `claimed`: only leak-site claims report it ("claimed by <group>, not
 * confirmed"). `confirmed`: the incident began as a claim and a news report, filing or regulator list of it came
 * later (`by`, the first of those).
 */
export type ClaimStanding =
  | { state: 'claimed'; groups: string[] }
  | { state: 'confirmed'; groups: string[]; by: SourceKey & { provenance: SourceProvenance } };

export interface FactValueView {
  value: string;
  /** Outlets that state this value (several when they agree). */
  sources: string[];
}

export interface FactView {
  name: FactName;
  /** Human label, e.g. "Detected". */
  label: string;
  /** More than one value when sources disagree: all are shown, none is invented. */
  values: FactValueView[];
}

export interface AcknowledgementView {
  platform: Platform;
  userId: string;
  userName: string;
  /** ISO 8601. */
  at: string;
  comment: string | null;
}

/** "Not this vendor": someone in chat said the alert's incident is not about its vendor. */
export interface DismissalView {
  platform: Platform;
  userId: string;
  userName: string;
  /** ISO 8601. */
  at: string;
  /** The vendor the alert named, which the incident is not about. */
  vendor: string;
}

/** An incident an admin merged into another: its alert says where its story went, who merged it and when. */
export interface MergeView {
  platform: Platform;
  userId: string;
  userName: string;
  /** ISO 8601. */
  at: string;
  /** The key of the incident it was merged into, where its later reports go. */
  intoKey: string;
}

/**
 * Everything an adapter needs to render an alert. All strings are untrusted feed text: adapters must escape
 * them for their markup (mrkdwn, Adaptive Card markdown) and must not let them create mentions or links.
 */
export interface AlertView {
  incidentId: number;
  incidentKey: string;
  vendor: {
    name: string;
    criticality: Criticality;
    category: string | null;
    owner: string | null;
  };
  title: string;
  summary: string;
  facts: FactView[];
  sources: SourceView[];
  /** Other watchlist vendors involved (affected customers, platforms). */
  related: string[];
  /** ISO 8601. */
  firstSeenAt: string;
  /** ISO 8601. */
  updatedAt: string;
  acknowledgement: AcknowledgementView | null;
  mutedUntil: string | null;
  /** Set once someone chose "Not this vendor": the alert shows who and when, and offers no more actions. */
  dismissal?: DismissalView | null;
  /** Set once an admin merged this incident into another: the alert says so, and no longer offers Acknowledge or "Not this vendor". */
  merge?: MergeView | null;
  /** Set when a leak-site claim is involved and stands alone or was confirmed; absent otherwise. */
  standing?: ClaimStanding;
}

/** A later development of an alerted incident, posted in the alert's thread. */
export interface ThreadUpdateView {
  alert: AlertView;
  newSources: SourceView[];
  newFacts: FactView[];
}

// ---------------------------------------------------------------------------------------------------
// Where and how

/** Where an alert goes. `address` is the Slack channel id, the Teams conversation id, or "console". */
export interface Destination {
  platform: Platform;
  address: string;
}

/** An alert message we posted, so that later updates thread under it and edit it. */
export interface PostedMessage {
  destination: Destination;
  /** Slack `ts`, Teams activity id, or a console sequence number. */
  messageId: string;
}

export type DeliveryErrorKind = 'rate_limited' | 'transient' | 'permanent';

/** Thrown by adapters so the core's delivery worker can decide to wait, retry, or give up and say why. */
export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    /** The platform's error code, e.g. `channel_not_found`, `http_429`. */
    readonly code: string,
    message: string,
    /** For `rate_limited`, how long the platform asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A notice that is not an incident: digest, feed-health notices, mute announcements, reminders. */
export interface NoticeView {
  /** `merge`: the pointer posted in the thread of an incident merged into another. */
  kind: 'reminder' | 'mute' | 'digest' | 'feed-health' | 'info' | 'merge';
  text: string;
  /** For reminders and mute notices: the alert this belongs to (posted in its thread when given). */
  alert?: AlertView;
}

/** A handler for requests under a mounted path prefix, on the one HTTP server (`PORT`) the core runs. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpRoutes {
  /** Sends every request whose path starts with `pathPrefix` (e.g. `/slack/`, `/api/messages`) to `handler`. */
  mount(pathPrefix: string, handler: RequestHandler): void;
}

export interface ChatAdapter {
  readonly platform: Platform;
  /**
   * Connects receivers (HTTP routes on the shared server, sockets). The core is how platform input comes back
   * in. `routes` is null when no HTTP server runs (e.g. `poll --once`): deliver only, receive nothing.
   */
  start(core: InteractionCore, routes: HttpRoutes | null): Promise<void>;
  stop(): Promise<void>;
  /** Where a vendor's alerts go on this platform (routing). Empty when this platform has nowhere to post. */
  destinationsFor(vendor: { name: string; slackChannel?: string; teamsChannel?: string }): Promise<Destination[]>;
  /** Posts a new top-level alert; returns the platform's message id. `deliveryId` is tagged on the message. */
  postAlert(destination: Destination, alert: AlertView, deliveryId: string): Promise<PostedMessage>;
  /** Posts an update as a reply in the alert's thread. */
  postThreadUpdate(parent: PostedMessage, update: ThreadUpdateView, deliveryId: string): Promise<PostedMessage>;
  /** Edits the alert message in place (source count, facts, acknowledgement). */
  refreshAlert(message: PostedMessage, alert: AlertView): Promise<void>;
  /**
   * Looks on the platform for a message this delivery already posted: the process may have died after the
   * platform accepted it and before its id was stored. Messages carry their delivery id (Slack message
   * metadata) for this. Null when none is found; adapters that cannot look return null (the documented window).
   */
  findPosted?(destination: Destination, deliveryId: string, parent: PostedMessage | null, since: Date): Promise<PostedMessage | null>;
  /** Posts a notice, in the alert's thread when `parent` is given. */
  postNotice(destination: Destination, notice: NoticeView, parent: PostedMessage | null, deliveryId: string): Promise<PostedMessage>;
}

/** What the adapters are built from. */
export interface AdapterSettings {
  config: Config;
  logger: Logger;
  /** Where the console adapter prints. */
  stdout: NodeJS.WritableStream;
  now: () => Date;
}

/**
 * Builds the chat adapters the configuration asks for. Implemented outside src/ (adapters/index.ts) and handed in
 * by the entry points, so the core never imports a platform.
 */
export type AdapterFactory = (settings: AdapterSettings) => ChatAdapter[] | Promise<ChatAdapter[]>;

// ---------------------------------------------------------------------------------------------------
// Platform input, as core calls

export interface Actor {
  platform: Platform;
  /** Slack user id, Teams AAD object id. */
  userId: string;
  userName: string;
  /** Slack user group ids the user belongs to, when known (for roles). */
  groups?: string[];
}

/** `dismiss` ("Not this vendor") is allowed to whoever may acknowledge: see src/interaction/roles.ts. */
export type Permission = 'acknowledge' | 'dismiss' | 'mute' | 'admin';

export interface IncidentListing {
  incidentId: number;
  incidentKey: string;
  vendor: string;
  title: string;
  /** YYYY-MM-DD of the first source. */
  date: string;
  status: 'open' | 'acknowledged' | 'muted' | 'dismissed' | 'merged';
  acknowledgedBy: string | null;
  /** "Not this vendor": who dismissed the alert and when (ISO 8601); null when nobody did. */
  dismissal?: { userName: string; at: string; vendor: string } | null;
  /** Set when an admin merged this incident into another: who, when, and the key of the one it joined. */
  mergedInto?: { userName: string; at: string; incidentKey: string } | null;
  sourceCount: number;
  /** Links to the posted alert messages where the platform has them (Slack permalink). */
  alertLinks: { platform: Platform; url: string }[];
  firstSourceUrl: string | null;
}

export type VendorLookup =
  /** `incidents` holds the newest ones only; `total` counts them all, so a reply can say how many it left out. */
  | { kind: 'found'; vendor: string; incidents: IncidentListing[]; total: number }
  | { kind: 'unknown'; query: string; suggestions: string[] };

export type AcknowledgeOutcome =
  | { kind: 'acknowledged'; alert: AlertView }
  | { kind: 'already'; alert: AlertView }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not_found' };

export type DismissOutcome =
  /**
   * `exclusion` is the learned pair: later breaches at `organisation` never alert `vendor` again. Null when the
   * organisation was the vendor's own name: nothing is learned then (muting is the tool for that).
   */
  | { kind: 'dismissed'; alert: AlertView; exclusion: { id: number; vendor: string; organisation: string } | null }
  | { kind: 'already'; alert: AlertView }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'not_found' };

export type MergeOutcome =
  | { kind: 'merged'; into: IncidentListing; from: IncidentListing }
  | { kind: 'forbidden'; reason: string }
  /** A reference that names no incident, the same incident twice, or one already merged: `message` says which. */
  | { kind: 'invalid'; message: string };

export type MuteOutcome =
  | { kind: 'muted'; vendor: string; until: string }
  | { kind: 'unmuted'; vendor: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'unknown_vendor'; suggestions: string[] };

/** A stored Teams conversation (or any platform's installation), the reference kept opaque as JSON. */
export interface ConversationRecord {
  platform: Platform;
  conversationId: string;
  name: string | null;
  /** The platform's own conversation reference, stored as-is (botbuilder's ConversationReference). */
  reference: unknown;
  active: boolean;
}

/** What adapters may ask of the core. Implemented by the core; adapters never touch the store directly. */
export interface InteractionCore {
  acknowledge(input: { incidentId: number; actor: Actor; comment?: string | null }): Promise<AcknowledgeOutcome>;
  /** "Not this vendor" on an alert: dismisses it, stops its reminders and learns the (vendor, organisation) exclusion. */
  dismissAlert(input: { incidentId: number; actor: Actor }): Promise<DismissOutcome>;
  /**
   * Merges the second incident into the first (admins): its sources join the first, its thread gets a pointer,
   * and later reports go to the first. Incidents are named by id or key, as listings show them.
   */
  mergeIncidents(input: { into: string; from: string; actor: Actor }): Promise<MergeOutcome>;
  /** Finds the incident whose alert is the given platform message (for thread replies such as `ack`). */
  incidentForMessage(platform: Platform, address: string, messageId: string): Promise<number | null>;
  muteVendor(input: { vendor: string; actor: Actor; days: number }): Promise<MuteOutcome>;
  unmuteVendor(input: { vendor: string; actor: Actor }): Promise<MuteOutcome>;
  lookupVendor(query: string): Promise<VendorLookup>;
  recentIncidents(days: number): Promise<IncidentListing[]>;
  alertView(incidentId: number): Promise<AlertView | null>;
  permits(actor: Actor, permission: Permission): boolean;
  saveConversation(record: ConversationRecord): Promise<void>;
  deactivateConversation(platform: Platform, conversationId: string, reason: string): Promise<void>;
  conversations(platform: Platform): Promise<ConversationRecord[]>;
}
