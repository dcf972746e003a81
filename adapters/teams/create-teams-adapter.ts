// The Teams side of Vendorwatch: botbuilder's CloudAdapter behind the core's ChatAdapter interface.
// Everything botbuilder-specific stays in this folder (test/boundary.test.ts checks).

import { type Activity, ConfigurationBotFrameworkAuthentication, type ConversationReference, TurnContext } from 'botbuilder';
import {
  type AlertView,
  type ChatAdapter,
  type ConversationRecord,
  DeliveryError,
  type Destination,
  type HttpRoutes,
  type InteractionCore,
  type NoticeView,
  type PostedMessage,
  type ThreadUpdateView,
} from '../../src/core/chat.js';
import type { Logger } from '../../src/log.js';
import type { CardRenderer } from './adaptive-card.js';
import { withCard } from './card-activity.js';
import { foldText, truncateText } from './card-text.js';
import {
  ConnectorCallError,
  DEFAULT_RETRY,
  meansBotRemoved,
  type RetryOptions,
  toDeliveryError,
  withConnectorRetry,
} from './connector-retry.js';
import {
  baseConversationId,
  isChannelConversation,
  type StoredReference,
  StoredReferenceSchema,
  threadConversationId,
} from './conversation-reference.js';
import { createMessagesHandler, DEFAULT_MAX_BODY_BYTES, errorSummary } from './messages-endpoint.js';
import { withSdkConsole } from './quiet-sdk-console.js';
import { createActivityReceiver, ReceivingCloudAdapter } from './receive-activity.js';
import { RefusalLog, type RefusalLogOptions } from './refusal-log.js';
import { renderAlertCard } from './render-alert-card.js';
import { renderNoticeCard, renderThreadUpdateCard } from './render-reply-cards.js';
import { TenantGate, tenantOf } from './tenant-gate.js';
import {
  type CallOptions,
  CONNECTOR_TIMEOUT_MS,
  type ConversationsApi,
  connectorOf,
  disableSdkRetries,
  withDeadline,
} from './turn-connector.js';
import { VendorwatchBot } from './vendorwatch-bot.js';

const MESSAGES_PATH = '/api/messages';

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface TeamsAdapterOptions {
  /** MicrosoftAppId. Null only for local development with `dangerouslyAllowUnauthenticated`. */
  appId: string | null;
  /** MicrosoftAppPassword (the client secret). Never logged. */
  appPassword: string | null;
  appType?: TeamsAppType;
  /** MicrosoftAppTenantId, required by SingleTenant and UserAssignedMSI. */
  tenantId?: string | null;
  /** TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: the endpoint accepts anything from anyone. Local development only. */
  dangerouslyAllowUnauthenticated: boolean;
  logger: Logger;
  now?: () => Date;
  retry?: Partial<RetryOptions>;
  /** Largest accepted /api/messages body. */
  maxBodyBytes?: number;
  /** Deadline of each connector call, connection to last body byte (15 s). A timeout is a transient failure. */
  requestTimeoutMs?: number;
  /**
   * Lower-case Microsoft Entra tenant ids whose activities are accepted and whose conversations get alerts
   * (VENDORWATCH_TEAMS_ALLOWED_TENANTS). Empty or absent: every tenant, with a warning at start-up.
   */
  allowedTenants?: readonly string[];
  /** How many refused requests a minute are logged one by one (tests shorten the window). */
  refusalLog?: RefusalLogOptions;
  /**
   * Where the Bot Framework publishes the keys that sign its tokens; Microsoft's public cloud by default. Tests
   * point it at loopback to sign tokens of their own, genuine and forged.
   */
  openIdMetadataUrl?: string;
}

/** botbuilder's public-cloud settings (AuthenticationConstants), needed in full once any one is overridden. */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

type Operation = 'send' | 'reply' | 'update';

export function createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter {
  return new TeamsChatAdapter(options);
}

class TeamsChatAdapter implements ChatAdapter {
  readonly platform = 'teams' as const;
  private core: InteractionCore | null = null;
  private readonly cloud: ReceivingCloudAdapter;
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly refusals: RefusalLog;
  private readonly tenants: TenantGate;
  private readonly appId: string;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private warnedSdkRetry = false;

  constructor(private readonly options: TeamsAdapterOptions) {
    this.appId = options.appId ?? '';
    this.logger = options.logger.child({ adapter: 'teams' });
    this.now = options.now ?? (() => new Date());
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    const timeoutMs = options.requestTimeoutMs ?? CONNECTOR_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
      throw new Error('Teams adapter configuration is invalid: requestTimeoutMs must be a whole number of ms from 100 to 120000');
    this.timeoutMs = timeoutMs;
    this.auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: options.appPassword ?? '',
      MicrosoftAppType: options.appType ?? 'MultiTenant',
      MicrosoftAppTenantId: options.tenantId ?? '',
      ...(options.openIdMetadataUrl ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl } : {}),
    });
    this.cloud = new ReceivingCloudAdapter(this.auth);
    this.refusals = new RefusalLog(this.logger, { now: this.now, ...options.refusalLog });
    this.tenants = new TenantGate(options.allowedTenants ?? [], this.logger, this.refusals);
    this.cloud.use({
      onTurn: async (ctx, next) => {
        if (!disableSdkRetries(ctx) && !this.warnedSdkRetry) {
          this.warnedSdkRetry = true;
          this.logger.warn("teams: could not turn off botbuilder's own HTTP retries; connector calls may be retried twice");
        }
        await next();
      },
    });
    this.cloud.onTurnError = async (ctx, err) => {
      this.logger.error({ err: errorSummary(err), activityType: ctx.activity?.type ?? null }, 'teams: turn failed');
    };
  }

  async start(core: InteractionCore, routes: HttpRoutes | null): Promise<void> {
    this.core = core;
    if (!routes) return;
    if (!this.options.appId && !this.options.dangerouslyAllowUnauthenticated) {
      // An open endpoint would let anyone register a conversation and receive the alerts.
      this.logger.info('teams: no MicrosoftAppId, so no /api/messages endpoint (alerts still go to stored conversations)');
      return;
    }
    if (!this.options.appId) {
      this.logger.warn(
        '!!! TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED is on: /api/messages accepts unauthenticated requests from anyone. ' +
          'Anyone who can reach this port can register a conversation and read alerts. Local development only; set MicrosoftAppId in production. !!!',
      );
    }
    if (!this.tenants.restricted) {
      this.logger.warn(
        { setting: 'VENDORWATCH_TEAMS_ALLOWED_TENANTS' },
        'teams: no tenant allow-list: any Microsoft 365 tenant that installs the app receives your alerts. ' +
          'Set VENDORWATCH_TEAMS_ALLOWED_TENANTS to your tenant id(s), comma-separated (Entra admin centre → Overview → Tenant ID), or set MicrosoftAppTenantId',
      );
    }
    const bot = new VendorwatchBot({
      core,
      logger: this.logger,
      retry: this.retry,
      now: this.now,
      requireHttpsServiceUrl: Boolean(this.options.appId),
    });
    const receive = createActivityReceiver(
      { cloud: this.cloud, auth: this.auth, tenants: this.tenants, refusals: this.refusals, logger: this.logger },
      (ctx) => bot.run(ctx),
    );
    routes.mount(
      MESSAGES_PATH,
      createMessagesHandler(receive, this.logger, {
        maxBodyBytes: this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
        requireAuthorization: Boolean(this.options.appId),
        refusals: this.refusals,
      }),
    );
    this.logger.info(
      { path: MESSAGES_PATH, authenticated: Boolean(this.options.appId), allowedTenants: this.options.allowedTenants?.length ?? 0 },
      'teams: endpoint mounted',
    );
  }

  async stop(): Promise<void> {
    this.refusals.flush();
    this.core = null;
  }

  async destinationsFor(vendor: { name: string; slackChannel?: string; teamsChannel?: string }): Promise<Destination[]> {
    const active = (await this.requireCore().conversations('teams')).filter(
      (c) => c.active && this.tenants.admitsStored(c.conversationId, c.reference),
    );
    const wanted = vendor.teamsChannel?.trim();
    if (wanted) {
      // By conversation id only: a display name is chosen by whoever creates a team, so anyone could claim one.
      const id = baseConversationId(wanted);
      const match = active.filter((c) => c.conversationId === id);
      if (match.length > 0) return match.map((c) => ({ platform: 'teams', address: c.conversationId }));
      this.logger.warn(
        { vendor: vendor.name, teamsChannel: wanted },
        'teams: teams_channel matches no conversation id the bot is installed in; using the default channels ' +
          '(teams_channel must be a conversation id such as 19:…@thread.tacv2: mention the bot with "help" in that channel to see it)',
      );
    }
    return active
      .filter((c) => {
        const ref = StoredReferenceSchema.safeParse(c.reference);
        return ref.success && isChannelConversation(ref.data);
      })
      .map((c) => ({ platform: 'teams', address: c.conversationId }));
  }

  async postAlert(destination: Destination, alert: AlertView, deliveryId: string): Promise<PostedMessage> {
    const card: CardRenderer = (maxBytes) => renderAlertCard(alert, { deliveryId, maxBytes });
    const id = await this.send(destination.address, 'send', `alert for incident ${alert.incidentId}`, (api, ref, options) =>
      api.sendToConversation(destination.address, withCard(envelopeOf(ref, destination.address, summaryOf(alert)), card), options),
    );
    return { destination, messageId: id };
  }

  async postThreadUpdate(parent: PostedMessage, update: ThreadUpdateView, _deliveryId: string): Promise<PostedMessage> {
    const card: CardRenderer = (maxBytes) => renderThreadUpdateCard(update, maxBytes);
    const id = await this.replyInThread(
      parent,
      card,
      `Update: ${update.alert.vendor.name}`,
      `thread update for incident ${update.alert.incidentId}`,
    );
    return { destination: parent.destination, messageId: id };
  }

  async refreshAlert(message: PostedMessage, alert: AlertView): Promise<void> {
    const card: CardRenderer = (maxBytes) => renderAlertCard(alert, { maxBytes });
    const address = message.destination.address;
    await this.send(address, 'update', `card update for incident ${alert.incidentId}`, (api, ref, options) =>
      api.updateActivity(
        address,
        message.messageId,
        withCard({ ...envelopeOf(ref, address, summaryOf(alert)), id: message.messageId }, card),
        options,
      ),
    );
  }

  async postNotice(
    destination: Destination,
    notice: NoticeView,
    parent: PostedMessage | null,
    _deliveryId: string,
  ): Promise<PostedMessage> {
    const card: CardRenderer = (maxBytes) => renderNoticeCard(notice, maxBytes);
    const summary = `Vendorwatch ${notice.kind}`;
    if (parent) {
      const id = await this.replyInThread(parent, card, summary, `${notice.kind} notice`);
      return { destination: parent.destination, messageId: id };
    }
    const id = await this.send(destination.address, 'send', `${notice.kind} notice`, (api, ref, options) =>
      api.sendToConversation(destination.address, withCard(envelopeOf(ref, destination.address, summary), card), options),
    );
    return { destination, messageId: id };
  }

  // ---------------------------------------------------------------------------------------------------

  private replyInThread(parent: PostedMessage, card: CardRenderer, summary: string, what: string): Promise<string> {
    const address = parent.destination.address;
    return this.send(address, 'reply', what, (api, ref, options) => {
      // In a channel the `;messageid=` conversation id is what puts the reply in the alert's thread; chats have
      // no threads, so there it is a plain reply to the alert message.
      const conversationId = isChannelConversation(ref) ? threadConversationId(address, parent.messageId) : address;
      const activity = withCard({ ...envelopeOf(ref, conversationId, summary), replyToId: parent.messageId }, card);
      return api.replyToActivity(conversationId, parent.messageId, activity, options);
    });
  }

  /**
   * One proactive connector call into a stored conversation, with retries. A 403/404 means the bot was removed:
   * the conversation is marked inactive so no more deliveries are tried there.
   */
  private async send(
    conversationId: string,
    operation: Operation,
    what: string,
    call: (api: ConversationsApi, ref: StoredReference, options: CallOptions) => Promise<{ id?: string }>,
  ): Promise<string> {
    const core = this.requireCore();
    const record = (await core.conversations('teams')).find((c) => c.conversationId === conversationId);
    const ref = referenceOf(record);
    if (!record?.active || !ref) {
      throw new DeliveryError(
        'permanent',
        'conversation_not_found',
        `Teams conversation ${conversationId} is not one the bot is installed in (or it was removed); add the bot to it again`,
      );
    }
    // A delivery queued, or a conversation stored, before the allow-list was set.
    if (!this.tenants.admitsStored(conversationId, ref)) {
      throw new DeliveryError(
        'permanent',
        'tenant_not_allowed',
        `Teams conversation ${conversationId} belongs to tenant ${tenantOf(ref) ?? '(none)'}, which is not in VENDORWATCH_TEAMS_ALLOWED_TENANTS`,
      );
    }

    let outcome: { ok: true; id: string | undefined } | { ok: false; error: unknown } = {
      ok: false,
      error: new Error('the turn did not run'),
    };
    try {
      const sdkOutput = (method: string, line: string) =>
        this.logger.debug({ sdkConsole: method, line }, 'teams: botbuilder console output');
      await withSdkConsole(sdkOutput, () =>
        this.cloud.continueConversationAsync(this.appId, ref as unknown as Partial<ConversationReference>, async (ctx) => {
          // Errors are caught here: thrown out of the turn they would only reach onTurnError, not the caller.
          try {
            const api = connectorOf(ctx);
            const response = await withConnectorRetry(
              () => withDeadline(this.timeoutMs, (options) => call(api, ref, options)),
              this.retry,
              (failure, attempt, waitMs) =>
                this.logger.warn(
                  { conversationId, status: failure.status, error: failure.message, attempt, waitMs, what },
                  'teams: connector call failed, retrying',
                ),
              this.now,
              operation === 'update',
            );
            outcome = { ok: true, id: response?.id };
          } catch (error) {
            outcome = { ok: false, error };
          }
        }),
      );
    } catch (error) {
      // Failing before the call (e.g. the token request to Microsoft's login host): worth retrying later.
      this.logger.warn({ err: errorSummary(error), conversationId }, 'teams: could not open the conversation');
      throw new DeliveryError(
        'transient',
        'connector_unavailable',
        `Could not reach the Teams connector for ${what}: ${errorSummary(error).message}`,
      );
    }

    const result = outcome as { ok: true; id: string | undefined } | { ok: false; error: unknown };
    if (result.ok) {
      if (operation !== 'update' && !result.id)
        throw new DeliveryError('permanent', 'missing_activity_id', `Teams accepted the ${what} but returned no activity id`);
      return result.id ?? '';
    }
    throw await this.mapFailure(result.error, conversationId, operation, what);
  }

  private async mapFailure(error: unknown, conversationId: string, operation: Operation, what: string): Promise<DeliveryError> {
    if (error instanceof DeliveryError) return error;
    if (!(error instanceof ConnectorCallError)) {
      return new DeliveryError('transient', 'teams_error', `Teams ${what} failed: ${errorSummary(error).message}`);
    }
    const { failure } = error;
    if (meansBotRemoved(failure, operation)) {
      const reason = `HTTP ${failure.status}${failure.errorCode ? ` ${failure.errorCode}` : ''} from the Teams connector: the bot was removed from this conversation`;
      this.logger.warn(
        { conversationId, status: failure.status, errorCode: failure.errorCode },
        'teams: bot is no longer in the conversation; marking it inactive (add the app to the team again to resume alerts there)',
      );
      try {
        await this.requireCore().deactivateConversation('teams', conversationId, reason);
      } catch (err) {
        this.logger.error({ err: errorSummary(err), conversationId }, 'teams: could not mark the conversation inactive');
      }
      return new DeliveryError('permanent', `http_${failure.status}`, `${reason} (${what})`);
    }
    return toDeliveryError(failure, what);
  }

  private requireCore(): InteractionCore {
    if (!this.core) throw new Error('teams adapter used before start()');
    return this.core;
  }
}

function referenceOf(record: ConversationRecord | undefined): StoredReference | null {
  if (!record) return null;
  const parsed = StoredReferenceSchema.safeParse(record.reference);
  return parsed.success ? parsed.data : null;
}

/** A message activity into the stored conversation, still without its card. */
function envelopeOf(ref: StoredReference, conversationId: string, summary: string): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: 'message',
    // The notification preview text: plain, short.
    summary: truncateText(foldText(summary), 120),
  };
  TurnContext.applyConversationReference(activity, {
    ...(ref as unknown as Partial<ConversationReference>),
    conversation: { ...ref.conversation, id: conversationId } as ConversationReference['conversation'],
  });
  delete activity.replyToId;
  return activity;
}

function summaryOf(alert: AlertView): string {
  return `Vendor breach reported: ${alert.vendor.name}`;
}
