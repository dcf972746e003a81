// Inbound Teams activities as core calls: installation, commands, thread `ack`, and Adaptive Card actions.

import {
  type Activity,
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  TeamsInfo,
  TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import type { Actor, AlertView, InteractionCore } from '../../src/core/chat.js';
import type { Logger } from '../../src/log.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, type CardRenderer } from './adaptive-card.js';
import { withCard } from './card-activity.js';
import { type RetryOptions, withConnectorRetry } from './connector-retry.js';
import { baseConversationId, StoredReferenceSchema, threadRootId } from './conversation-reference.js';
import { errorSummary } from './messages-endpoint.js';
import { parseCommand, type TeamsCommand } from './parse-command.js';
import { renderAlertCard, VERB_ACK, VERB_MUTE_7D, VERB_NOT_THIS_VENDOR, VERB_REFRESH } from './render-alert-card.js';
import {
  renderHelpCard,
  renderMessageCard,
  renderRecentIncidentsCard,
  renderUnknownVendorCard,
  renderVendorIncidentsCard,
} from './render-reply-cards.js';
import { tenantOf } from './tenant-gate.js';
import { CONNECTOR_TIMEOUT_MS, connectorOf, withDeadline } from './turn-connector.js';

const RECENT_DAYS = 7;
const MUTE_DAYS = 7;
const CHANNEL_LOOKUP_TIMEOUT_MS = 5_000;

export interface BotDependencies {
  core: InteractionCore;
  logger: Logger;
  retry: RetryOptions;
  now: () => Date;
  /** With authentication on, a conversation's serviceUrl must be https (it receives our bearer token). */
  requireHttpsServiceUrl: boolean;
}

const ChannelDataSchema = z
  .object({
    team: z
      .object({ id: z.string().max(512).optional(), name: z.string().max(512).optional() })
      .passthrough()
      .optional(),
    channel: z
      .object({ id: z.string().max(512).optional(), name: z.string().max(512).optional() })
      .passthrough()
      .optional(),
    eventType: z.string().max(64).optional(),
  })
  .passthrough();

const InvokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(50),
    data: z.object({ incidentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).passthrough(),
  }),
  trigger: z.string().max(20).optional(),
});

export class VendorwatchBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onConversationUpdate(async (ctx, next) => {
      await this.handleConversationUpdate(ctx);
      await next();
    });
    this.onInstallationUpdate(async (ctx, next) => {
      await this.handleInstallationUpdate(ctx);
      await next();
    });
    this.onMessage(async (ctx, next) => {
      await this.handleMessage(ctx);
      await next();
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Installation

  private async handleConversationUpdate(ctx: TurnContext): Promise<void> {
    const activity = ctx.activity;
    const botId = activity.recipient?.id;
    if (!botId) return;
    if (activity.membersAdded?.some((m) => m.id === botId)) await this.saveConversation(ctx, 'bot added');
    if (activity.membersRemoved?.some((m) => m.id === botId)) await this.deactivate(activity, 'bot removed from the team or chat');
    await this.followChannelEvents(activity);
  }

  /** Renamed channels keep routing by name; a deleted channel gets no more alerts. */
  private async followChannelEvents(activity: Activity): Promise<void> {
    const parsed = ChannelDataSchema.safeParse(activity.channelData ?? {});
    if (!parsed.success) return;
    const { eventType, channel, team } = parsed.data;
    const targetId = eventType === 'teamRenamed' ? team?.id : channel?.id;
    const newName = eventType === 'teamRenamed' ? team?.name : channel?.name;
    if (!targetId || (eventType !== 'channelRenamed' && eventType !== 'teamRenamed' && eventType !== 'channelDeleted')) return;
    const known = (await this.deps.core.conversations('teams')).find((c) => c.conversationId === targetId);
    if (!known) return;
    if (eventType === 'channelDeleted') {
      await this.deps.core.deactivateConversation('teams', targetId, 'channel deleted');
      this.deps.logger.info({ conversationId: targetId }, 'teams: channel deleted; conversation deactivated');
      return;
    }
    const name = cleanName(newName);
    if (name && name !== known.name) {
      await this.deps.core.saveConversation({ ...known, name });
      this.deps.logger.info({ conversationId: targetId, name }, 'teams: conversation renamed');
    }
  }

  private async handleInstallationUpdate(ctx: TurnContext): Promise<void> {
    const action = String(ctx.activity.action ?? '').toLowerCase();
    if (action === 'add' || action === 'add-upgrade') await this.saveConversation(ctx, `installation ${action}`);
    else if (action === 'remove') await this.deactivate(ctx.activity, 'app uninstalled');
  }

  private async saveConversation(ctx: TurnContext, why: string): Promise<void> {
    const activity = ctx.activity;
    const reference = storedReferenceOf(activity);
    const parsed = StoredReferenceSchema.safeParse(reference);
    if (!parsed.success) {
      this.deps.logger.warn(
        { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'teams: ignoring a conversation with an invalid reference',
      );
      return;
    }
    if (this.deps.requireHttpsServiceUrl && !parsed.data.serviceUrl.toLowerCase().startsWith('https://')) {
      this.deps.logger.warn('teams: ignoring a conversation whose serviceUrl is not https');
      return;
    }
    const conversationId = parsed.data.conversation.id;
    const known = (await this.deps.core.conversations('teams')).find((c) => c.conversationId === conversationId);
    const name = await this.nameOf(ctx, conversationId, known?.name ?? null);
    await this.deps.core.saveConversation({ platform: 'teams', conversationId, name, reference: parsed.data, active: true });
    this.deps.logger.info(
      { conversationId, name, conversationType: parsed.data.conversation.conversationType ?? null, why },
      'teams: conversation saved',
    );
  }

  /**
   * The name a vendor's `teams_channel` can use. Installation events name the team (its General channel);
   * messages in other channels carry no name, so the team's channel list is asked once.
   */
  private async nameOf(ctx: TurnContext, conversationId: string, knownName: string | null): Promise<string | null> {
    const activity = ctx.activity;
    const channelData = ChannelDataSchema.safeParse(activity.channelData ?? {});
    const data = channelData.success ? channelData.data : {};
    if (data.channel?.name) return cleanName(data.channel.name);
    const teamId = data.team?.id;
    if (activity.conversation?.conversationType === 'channel' && teamId && teamId !== conversationId) {
      return (await this.lookupChannelName(ctx, teamId, conversationId)) ?? knownName;
    }
    return cleanName(data.team?.name ?? activity.conversation?.name) ?? knownName;
  }

  private async lookupChannelName(ctx: TurnContext, teamId: string, conversationId: string): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const channels = await Promise.race([
        TeamsInfo.getTeamChannels(ctx, teamId),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), CHANNEL_LOOKUP_TIMEOUT_MS);
        }),
      ]);
      return cleanName(channels.find((c) => c.id === conversationId)?.name);
    } catch (err) {
      this.deps.logger.debug({ err: errorSummary(err) }, "teams: could not read the team's channel names");
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async deactivate(activity: Activity, reason: string): Promise<void> {
    const conversationId = baseConversationId(activity.conversation?.id ?? '');
    if (!conversationId) return;
    await this.deps.core.deactivateConversation('teams', conversationId, reason);
    this.deps.logger.info({ conversationId, reason }, 'teams: conversation deactivated');
  }

  // ---------------------------------------------------------------------------------------------------
  // Messages: commands and thread replies

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const activity = ctx.activity;
    const conversationId = baseConversationId(activity.conversation?.id ?? '');
    if (!conversationId) return;
    await this.rememberConversation(ctx, conversationId);

    const raw = typeof activity.text === 'string' ? activity.text : '';
    const personal = activity.conversation?.conversationType === 'personal';
    const mentioned = /<at\b/i.test(raw) || (activity.entities ?? []).some((e) => e.type === 'mention');
    const command = parseCommand(raw);
    // In channels the bot only answers when addressed, except for `ack` in an alert's thread.
    if (!personal && !mentioned && command.kind !== 'ack') return;
    try {
      await this.runCommand(ctx, command, conversationId);
    } catch (err) {
      this.deps.logger.error({ err: errorSummary(err), command: command.kind }, 'teams: command failed');
      await this.reply(
        ctx,
        renderMessageCard('Something went wrong on the Vendorwatch side. Try again in a moment.', { color: 'Attention' }),
      ).catch(() => undefined);
    }
  }

  private async rememberConversation(ctx: TurnContext, conversationId: string): Promise<void> {
    try {
      const known = (await this.deps.core.conversations('teams')).find((c) => c.conversationId === conversationId);
      if (!known?.active) await this.saveConversation(ctx, 'first message');
    } catch (err) {
      this.deps.logger.warn({ err: errorSummary(err) }, 'teams: could not save the conversation of a message');
    }
  }

  private async runCommand(ctx: TurnContext, command: TeamsCommand, conversationId: string): Promise<void> {
    const { core } = this.deps;
    switch (command.kind) {
      case 'help':
        // Routing takes a channel's conversation id (teams_channel); this is where people can find it.
        return this.reply(
          ctx,
          renderHelpCard(ctx.activity.conversation?.conversationType === 'channel' ? { channelId: conversationId } : {}),
        );
      case 'recent': {
        const incidents = await core.recentIncidents(RECENT_DAYS);
        return this.reply(ctx, (maxBytes) => renderRecentIncidentsCard(RECENT_DAYS, incidents, maxBytes));
      }
      case 'incidents': {
        const lookup = await core.lookupVendor(command.vendor);
        return this.reply(
          ctx,
          lookup.kind === 'found'
            ? (maxBytes) => renderVendorIncidentsCard(lookup.vendor, lookup.incidents, maxBytes, lookup.total)
            : renderUnknownVendorCard(lookup.query, lookup.suggestions),
        );
      }
      case 'ack':
        return this.acknowledgeFromThread(ctx, conversationId, command.comment);
      case 'merge': {
        const outcome = await core.mergeIncidents({ into: command.into, from: command.from, actor: actorOf(ctx.activity) });
        this.deps.logger.info({ outcome: outcome.kind }, 'teams: merge command');
        switch (outcome.kind) {
          case 'merged':
            return this.reply(
              ctx,
              renderMessageCard(
                `${outcome.from.incidentKey} is merged into ${outcome.into.incidentKey}, which now holds all ${outcome.into.sourceCount} sources; its thread points there, and later reports go there.`,
              ),
            );
          case 'forbidden':
            return this.reply(ctx, renderMessageCard(`You cannot merge incidents: ${outcome.reason}`, { color: 'Attention' }));
          case 'invalid':
            return this.reply(ctx, renderMessageCard(outcome.message, { color: 'Attention' }));
        }
        break;
      }
      case 'merge_usage':
        return this.reply(ctx, renderMessageCard('Name two incidents by id or key, the one to keep first, e.g. merge 12 15.'));
      case 'unknown':
        return this.reply(ctx, renderMessageCard(`I don't know “${command.word}”. Try: incidents VENDOR, recent, help.`));
    }
  }

  private async acknowledgeFromThread(ctx: TurnContext, conversationId: string, comment: string | null): Promise<void> {
    const rootId = threadRootId(ctx.activity.conversation?.id ?? '') ?? ctx.activity.replyToId ?? null;
    const incidentId = rootId ? await this.deps.core.incidentForMessage('teams', conversationId, rootId) : null;
    if (incidentId === null || !rootId) {
      return this.reply(
        ctx,
        renderMessageCard('To acknowledge, reply “ack” in the thread of a Vendorwatch alert, or use its Acknowledge button.'),
      );
    }
    const outcome = await this.deps.core.acknowledge({ incidentId, actor: actorOf(ctx.activity), comment });
    switch (outcome.kind) {
      case 'acknowledged':
        await this.updateCardInPlace(ctx, conversationId, rootId, (maxBytes) => renderAlertCard(outcome.alert, { maxBytes }));
        return this.reply(
          ctx,
          renderMessageCard(
            `Acknowledged by ${outcome.alert.acknowledgement?.userName ?? actorOf(ctx.activity).userName}. Reminders for this alert stop.`,
            { color: 'Good' },
          ),
        );
      case 'already':
        return this.reply(ctx, renderMessageCard(alreadyText(outcome.alert)));
      case 'forbidden':
        return this.reply(ctx, renderMessageCard(`You cannot acknowledge alerts: ${outcome.reason}`, { color: 'Attention' }));
      case 'not_found':
        return this.reply(ctx, renderMessageCard('This alert no longer exists.'));
    }
  }

  /** A reply in the conversation (thread) of the activity; a card renderer is given the room the envelope leaves. */
  private async reply(ctx: TurnContext, card: AdaptiveCard | CardRenderer): Promise<void> {
    // The envelope botbuilder's sendActivity will add, measured before the card is rendered.
    const envelope: Partial<Activity> = { type: 'message' };
    TurnContext.applyConversationReference(envelope, referenceOf(ctx.activity));
    const activity = { type: 'message' as const, attachments: withCard(envelope, card).attachments };
    await withConnectorRetry(
      () => ctx.sendActivity(activity),
      this.deps.retry,
      (failure, attempt, waitMs) => this.deps.logger.warn({ status: failure.status, attempt, waitMs }, 'teams: reply failed, retrying'),
      this.deps.now,
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Adaptive Card Action.Execute (Universal Actions)

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    try {
      return await this.handleCardAction(ctx);
    } catch (err) {
      // Without an answer Teams shows a generic failure; this one says it is worth trying again.
      this.deps.logger.error({ err: errorSummary(err) }, 'teams: card action failed');
      return invokeError(500, 'InternalError', 'Vendorwatch could not process this action. Try again in a moment.');
    }
  }

  private async handleCardAction(ctx: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const parsed = InvokeValueSchema.safeParse(ctx.activity.value);
    if (!parsed.success) return invokeError(400, 'BadRequest', 'This card action is not one Vendorwatch knows.');
    const { verb, data } = parsed.data.action;
    const incidentId = data.incidentId;
    const actor = actorOf(ctx.activity);
    const conversationId = baseConversationId(ctx.activity.conversation?.id ?? '');
    const cardMessageId = typeof ctx.activity.replyToId === 'string' && ctx.activity.replyToId ? ctx.activity.replyToId : null;
    const { core, logger } = this.deps;
    // The action's data comes back from the client, so it proves nothing by itself: the action must come from a
    // message we posted as this incident's alert (replyToId is the id of the message that holds the card).
    const cardIncident = cardMessageId && conversationId ? await core.incidentForMessage('teams', conversationId, cardMessageId) : null;
    if (cardIncident === null || cardIncident !== incidentId) {
      logger.warn(
        { incidentId, cardIncident, conversationId, replyToId: cardMessageId?.slice(0, 128) ?? null, verb },
        cardIncident === null
          ? 'teams: card action from a message that is no Vendorwatch alert; refused'
          : 'teams: card action names another incident than its card; refused',
      );
      return invokeError(400, 'BadRequest', 'This card action does not belong to a Vendorwatch alert.');
    }

    switch (verb) {
      case VERB_REFRESH: {
        const alert = await core.alertView(incidentId);
        return alert ? cardResponse(renderAlertCard(alert)) : messageResponse('This alert no longer exists.');
      }
      case VERB_ACK: {
        const outcome = await core.acknowledge({ incidentId, actor });
        logger.info({ incidentId, outcome: outcome.kind }, 'teams: acknowledge from card');
        switch (outcome.kind) {
          case 'acknowledged': {
            const card = renderAlertCard(outcome.alert);
            if (cardMessageId && conversationId)
              await this.updateCardInPlace(ctx, conversationId, cardMessageId, (maxBytes) => renderAlertCard(outcome.alert, { maxBytes }));
            return cardResponse(card);
          }
          case 'already':
            return cardResponse(renderAlertCard(outcome.alert, { notice: alreadyText(outcome.alert) }));
          case 'forbidden':
            return messageResponse(`You cannot acknowledge alerts: ${outcome.reason}`);
          case 'not_found':
            return messageResponse('This alert no longer exists.');
        }
        break;
      }
      case VERB_NOT_THIS_VENDOR: {
        const outcome = await core.dismissAlert({ incidentId, actor });
        logger.info({ incidentId, outcome: outcome.kind }, 'teams: not this vendor from card');
        switch (outcome.kind) {
          case 'dismissed': {
            const learned = outcome.exclusion;
            const notice = learned
              ? `Dismissed. Later reports of a breach at ${learned.organisation} will not alert ${learned.vendor} again (an operator can undo this with "vendorwatch watchlist exclusions --remove ${learned.id}").`
              : 'Dismissed. Nothing was learned: the report named the vendor itself. Mute the vendor if its alerts are unwanted.';
            if (cardMessageId && conversationId)
              await this.updateCardInPlace(ctx, conversationId, cardMessageId, (maxBytes) => renderAlertCard(outcome.alert, { maxBytes }));
            return cardResponse(renderAlertCard(outcome.alert, { notice }));
          }
          case 'already':
            return cardResponse(renderAlertCard(outcome.alert, { notice: 'This alert was already dismissed. Nothing changed.' }));
          case 'forbidden':
            return messageResponse(`You cannot dismiss this alert: ${outcome.reason}`);
          case 'not_found':
            return messageResponse('This alert no longer exists.');
        }
        break;
      }
      case VERB_MUTE_7D: {
        const alert = await core.alertView(incidentId);
        if (!alert) return messageResponse('This alert no longer exists.');
        const outcome = await core.muteVendor({ vendor: alert.vendor.name, actor, days: MUTE_DAYS });
        logger.info({ incidentId, outcome: outcome.kind }, 'teams: mute from card');
        if (outcome.kind === 'forbidden') return messageResponse(`You cannot mute vendors: ${outcome.reason}`);
        if (outcome.kind === 'unknown_vendor') return messageResponse('This vendor is no longer on the watchlist.');
        const refreshed = (await core.alertView(incidentId)) ?? alert;
        const card = renderAlertCard(
          refreshed,
          outcome.kind === 'muted' ? { notice: `Muted by ${actor.userName} until ${outcome.until.slice(0, 10)}` } : {},
        );
        if (cardMessageId && conversationId)
          await this.updateCardInPlace(ctx, conversationId, cardMessageId, (maxBytes) => renderAlertCard(refreshed, { maxBytes }));
        return cardResponse(card);
      }
    }
    return invokeError(400, 'BadRequest', 'This card action is not one Vendorwatch knows.');
  }

  /** Everyone, not only the person who clicked, sees the new state: the original message is edited too. */
  private async updateCardInPlace(ctx: TurnContext, conversationId: string, activityId: string, card: CardRenderer): Promise<void> {
    const envelope: Partial<Activity> = { type: 'message', id: activityId };
    TurnContext.applyConversationReference(envelope, {
      ...referenceOf(ctx.activity),
      conversation: { ...ctx.activity.conversation, id: conversationId },
    });
    delete envelope.replyToId;
    const activity = withCard(envelope, card);
    try {
      await withConnectorRetry(
        () =>
          withDeadline(CONNECTOR_TIMEOUT_MS, (options) => connectorOf(ctx).updateActivity(conversationId, activityId, activity, options)),
        this.deps.retry,
        (failure, attempt, waitMs) =>
          this.deps.logger.warn({ status: failure.status, attempt, waitMs }, 'teams: card update failed, retrying'),
        this.deps.now,
      );
    } catch (err) {
      // The clicking user already gets the new card in the invoke response; the shared copy catches up on refresh.
      this.deps.logger.warn({ err: errorSummary(err), conversationId }, 'teams: could not update the alert card in place');
    }
  }
}

// ---------------------------------------------------------------------------------------------------

function alreadyText(alert: AlertView): string {
  const ack = alert.acknowledgement;
  return ack
    ? `Already acknowledged by ${ack.userName} (${ack.platform}) at ${ack.at.slice(0, 16).replace('T', ' ')} UTC.`
    : 'Already acknowledged.';
}

/** The person behind an activity. The AAD object id is stable across Teams clients; the name is for display. */
function actorOf(activity: Activity): Actor {
  const from = activity.from ?? { id: 'unknown', name: 'unknown' };
  const userId = String(from.aadObjectId || from.id || 'unknown').slice(0, 128);
  const userName =
    String(from.name || userId)
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || userId;
  return { platform: 'teams', userId, userName };
}

function referenceOf(activity: Activity): Partial<ConversationReference> {
  return TurnContext.getConversationReference(activity);
}

/** The reference to keep for proactive sends: the conversation itself, not the thread or message it came from. */
function storedReferenceOf(activity: Activity): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  // The tenant is kept on the conversation, where sends check it against the allow-list.
  const tenantId = reference.conversation?.tenantId ?? tenantOf(activity) ?? undefined;
  const conversation = reference.conversation
    ? { ...reference.conversation, id: baseConversationId(reference.conversation.id), ...(tenantId ? { tenantId } : {}) }
    : undefined;
  return JSON.parse(JSON.stringify({ ...reference, conversation })) as Partial<ConversationReference>;
}

function cleanName(name: string | undefined | null): string | null {
  return typeof name === 'string' && name.trim() ? name.replace(/\s+/g, ' ').trim().slice(0, 200) : null;
}

function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card as unknown as Record<string, unknown> };
}

/** Teams shows this text to the user who clicked, and leaves the card as it was. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text.slice(0, 500) as unknown as Record<string, unknown>,
  };
}

function invokeError(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}
