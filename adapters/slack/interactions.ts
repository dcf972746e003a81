// Platform input (buttons, thread replies, the slash command) turned into core calls. Every payload is
// validated before use; every answer to a user is escaped; Slack's 3-second ack comes first.

import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { Actor, AlertView, IncidentListing, InteractionCore, MergeOutcome, MuteOutcome } from '../../src/core/chat.js';
import type { Logger } from '../../src/log.js';
import type { SlackMessage } from './block-kit.js';
import { cutMrkdwn, escapeMrkdwn, formatTime } from './escape-mrkdwn.js';
import { ACTION_ACKNOWLEDGE, ACTION_DETAILS, ACTION_MUTE_7D, ACTION_NOT_THIS_VENDOR, renderAlertDetails } from './render-alert.js';
import { COMMAND_NAME, renderIncidentList, renderReply, renderUnknownVendor, renderUsage } from './render-incident-list.js';
import type { SlackSender } from './slack-sender.js';
import { MAX_COMMAND_TEXT, parseSlashCommand } from './slash-command.js';

export interface InteractionDeps {
  core: InteractionCore;
  sender: SlackSender;
  logger: Logger;
  /** The alert as its Slack message (same rendering as when it was posted), for chat.update. */
  renderForUpdate: (alert: AlertView) => SlackMessage;
  /** Resolves opaque `slack:CHANNEL:TS` alert links to permalinks. */
  resolveListingLinks: (listings: IncidentListing[]) => Promise<IncidentListing[]>;
  /** A display name for a user id (users.info), the id itself when Slack will not say. */
  userName: (userId: string) => Promise<string>;
  /** The user groups (S…) a user belongs to, for roles; undefined when Slack will not say. */
  groupsOf: (userId: string) => Promise<string[] | undefined>;
}

async function makeActor(deps: InteractionDeps, userId: string, userName: string): Promise<Actor> {
  const groups = await deps.groupsOf(userId);
  return groups ? { platform: 'slack', userId, userName, groups } : { platform: 'slack', userId, userName };
}

const SLACK_ID = /^[A-Z0-9]{2,40}$/;
const TS = /^\d{1,12}\.\d{1,8}$/;
const slackId = z.string().regex(SLACK_ID);
const ts = z.string().regex(TS);
const shortText = z.string().max(200);

const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId, name: shortText.optional(), username: shortText.optional() }),
  channel: z.object({ id: slackId }),
  message: z.object({ ts, thread_ts: ts.optional() }),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().regex(/^\d{1,12}$/) })).min(1),
});

const commandSchema = z.object({
  text: z.string().max(4000),
  user_id: slackId,
  user_name: shortText.optional(),
  channel_id: slackId.optional(),
});

const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: slackId,
  channel: slackId,
  text: z.string().max(40_000),
  ts,
  thread_ts: ts.optional(),
});

/** `ack`, `ack: looking into it`, `acknowledged`, optionally after a mention of the bot. */
const ACK_REPLY = /^(?:<@[A-Z0-9]+>\s*)?(?:ack|acknowledged?)\b[\s:,.-]*(.*)$/is;
const MAX_COMMENT = 500;

/**
 * A button on an alert. Slack's 3-second ack comes first; the action counts only when the message it sits on is
 * that incident's alert in that channel, otherwise the clicker alone is told and nothing changes.
 */
function onAlertButton(
  app: App,
  deps: InteractionDeps,
  actionId: string,
  label: string,
  handle: (action: ParsedAction) => Promise<void>,
): void {
  app.action(actionId, async ({ ack, body }) => {
    await ack();
    await guarded(
      deps,
      label,
      async () => {
        const action = await parseAction(body, deps);
        if (!action) return;
        if (!(await belongsToMessage(deps, action.incidentId, action.channel, action.messageTs))) {
          return notFound(deps, action.channel, action.actor.userId);
        }
        await handle(action);
      },
      apologyFor(deps, body),
    );
  });
}

export function registerInteractions(app: App, deps: InteractionDeps): void {
  onAlertButton(app, deps, ACTION_ACKNOWLEDGE, 'acknowledge button', async ({ incidentId, actor, channel, messageTs }) => {
    await acknowledge(deps, { incidentId, actor, comment: null, channel, alertTs: messageTs, threadTs: null });
  });

  onAlertButton(app, deps, ACTION_MUTE_7D, 'mute button', async ({ incidentId, actor, channel, messageTs }) => {
    const alert = await deps.core.alertView(incidentId);
    if (!alert) return notFound(deps, channel, actor.userId);
    const outcome = await deps.core.muteVendor({ vendor: alert.vendor.name, actor, days: 7 });
    await ephemeral(deps, channel, actor.userId, renderReply(describeMute(outcome)), null);
    if (outcome.kind === 'muted') {
      const refreshed = await deps.core.alertView(incidentId);
      if (refreshed) await deps.sender.call('chat.update', { channel, ts: messageTs, ...deps.renderForUpdate(refreshed) }, channel);
    }
  });

  onAlertButton(app, deps, ACTION_NOT_THIS_VENDOR, 'not-this-vendor button', async ({ incidentId, actor, channel, messageTs }) => {
    await dismiss(deps, { incidentId, actor, channel, alertTs: messageTs });
  });

  onAlertButton(app, deps, ACTION_DETAILS, 'details button', async ({ incidentId, actor, channel }) => {
    const alert = await deps.core.alertView(incidentId);
    if (!alert) return notFound(deps, channel, actor.userId);
    await ephemeral(deps, channel, actor.userId, renderAlertDetails(alert), null);
  });

  app.event('message', async ({ event }) => {
    await guarded(deps, 'thread reply', async () => {
      const parsed = messageEventSchema.safeParse(event);
      // Edits, joins, bot posts (ours included) and top-level messages are none of our business.
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.subtype !== undefined || message.bot_id !== undefined) return;
      if (!message.thread_ts || message.thread_ts === message.ts) return;
      const match = ACK_REPLY.exec(message.text.trim());
      if (!match) return;
      const incidentId = await deps.core.incidentForMessage('slack', message.channel, message.thread_ts);
      if (incidentId === null) return;
      const comment = cutMrkdwn((match[1] ?? '').replace(/\s+/g, ' ').trim(), MAX_COMMENT) || null;
      const actor = await makeActor(deps, message.user, await deps.userName(message.user));
      await acknowledge(deps, {
        incidentId,
        actor,
        comment,
        channel: message.channel,
        alertTs: message.thread_ts,
        threadTs: message.thread_ts,
      });
    });
  });

  app.command(COMMAND_NAME, async ({ ack, command, respond }) => {
    // Slack gives up after 3 seconds: answer the HTTP request at once, send the real answer after.
    await ack();
    await guarded(
      deps,
      'slash command',
      async () => {
        const parsed = commandSchema.safeParse(command);
        if (!parsed.success) {
          deps.logger.warn({ issues: parsed.error.issues.length }, 'slash command payload did not validate');
          return;
        }
        const answer = await answerCommand(deps, parsed.data);
        await respond({ response_type: 'ephemeral', text: answer.text, blocks: answer.blocks });
      },
      (text) => respond({ response_type: 'ephemeral', text }),
    );
  });
}

async function answerCommand(deps: InteractionDeps, command: z.infer<typeof commandSchema>): Promise<SlackMessage> {
  const actor = await makeActor(deps, command.user_id, command.user_name ?? command.user_id);
  const parsed = parseSlashCommand(command.text);
  switch (parsed.kind) {
    case 'help':
      return renderUsage();
    case 'too_long':
      return renderUsage(`That is ${parsed.length} characters; ${COMMAND_NAME} takes at most ${MAX_COMMAND_TEXT}.`);
    case 'invalid':
      return renderUsage(parsed.message);
    case 'recent': {
      const listings = await deps.resolveListingLinks(await deps.core.recentIncidents(7));
      return renderIncidentList('Incidents of the last 7 days', listings, true);
    }
    case 'mute':
      return renderReply(describeMute(await deps.core.muteVendor({ vendor: parsed.vendor, actor, days: parsed.days })));
    case 'unmute':
      return renderReply(describeMute(await deps.core.unmuteVendor({ vendor: parsed.vendor, actor })));
    case 'merge':
      return renderReply(describeMerge(await deps.core.mergeIncidents({ into: parsed.into, from: parsed.from, actor })));
    case 'lookup': {
      const lookup = await deps.core.lookupVendor(parsed.query);
      if (lookup.kind === 'unknown') return renderUnknownVendor(parsed.query, lookup.suggestions);
      const listings = await deps.resolveListingLinks(lookup.incidents);
      return renderIncidentList(escapeMrkdwn(lookup.vendor, true), listings, false, lookup.total);
    }
  }
}

interface AcknowledgeRequest {
  incidentId: number;
  actor: Actor;
  comment: string | null;
  channel: string;
  /** The alert message to update. */
  alertTs: string;
  /** Where ephemeral answers go (the thread, for thread replies). */
  threadTs: string | null;
}

async function acknowledge(deps: InteractionDeps, request: AcknowledgeRequest): Promise<void> {
  const { incidentId, actor, comment, channel, alertTs, threadTs } = request;
  const outcome = await deps.core.acknowledge({ incidentId, actor, comment });
  switch (outcome.kind) {
    case 'acknowledged':
      await deps.sender.call('chat.update', { channel, ts: alertTs, ...deps.renderForUpdate(outcome.alert) }, channel);
      return;
    case 'already': {
      const ack = outcome.alert.acknowledgement;
      const who = ack ? `by *${escapeMrkdwn(ack.userName, true)}* at ${formatTime(ack.at)}` : 'already';
      await ephemeral(
        deps,
        channel,
        actor.userId,
        renderReply(`Thanks, this alert was already acknowledged ${who}. Nothing changed.`),
        threadTs,
      );
      return;
    }
    case 'forbidden':
      deps.logger.info({ userId: actor.userId, incidentId }, 'acknowledgement refused');
      await ephemeral(
        deps,
        channel,
        actor.userId,
        renderReply(`You cannot acknowledge this alert: ${escapeMrkdwn(outcome.reason, true)}`),
        threadTs,
      );
      return;
    case 'not_found':
      await notFound(deps, channel, actor.userId, threadTs);
      return;
  }
}

/** "Not this vendor": the alert is edited to show who dismissed it; the clicker alone learns what was learned. */
async function dismiss(
  deps: InteractionDeps,
  request: { incidentId: number; actor: Actor; channel: string; alertTs: string },
): Promise<void> {
  const { incidentId, actor, channel, alertTs } = request;
  const outcome = await deps.core.dismissAlert({ incidentId, actor });
  switch (outcome.kind) {
    case 'dismissed': {
      await deps.sender.call('chat.update', { channel, ts: alertTs, ...deps.renderForUpdate(outcome.alert) }, channel);
      const learned = outcome.exclusion;
      const text = learned
        ? `:no_entry_sign: Dismissed. Later reports of a breach at *${escapeMrkdwn(learned.organisation, true)}* will not alert *${escapeMrkdwn(learned.vendor, true)}* again. An operator can undo this with \`vendorwatch watchlist exclusions --remove ${learned.id}\`.`
        : ':no_entry_sign: Dismissed. Nothing was learned: the report named the vendor itself. Mute the vendor if its alerts are unwanted.';
      await ephemeral(deps, channel, actor.userId, renderReply(text), null);
      return;
    }
    case 'already': {
      const dismissal = outcome.alert.dismissal;
      const who = dismissal ? ` by *${escapeMrkdwn(dismissal.userName, true)}* at ${formatTime(dismissal.at)}` : '';
      await ephemeral(deps, channel, actor.userId, renderReply(`This alert was already dismissed${who}. Nothing changed.`), null);
      return;
    }
    case 'forbidden':
      deps.logger.info({ userId: actor.userId, incidentId }, 'dismissal refused');
      await ephemeral(
        deps,
        channel,
        actor.userId,
        renderReply(`You cannot dismiss this alert: ${escapeMrkdwn(outcome.reason, true)}`),
        null,
      );
      return;
    case 'not_found':
      await notFound(deps, channel, actor.userId);
      return;
  }
}

function describeMerge(outcome: MergeOutcome): string {
  switch (outcome.kind) {
    case 'merged':
      return `:link: *${escapeMrkdwn(outcome.from.incidentKey, true)}* is merged into *${escapeMrkdwn(outcome.into.incidentKey, true)}*, which now holds all ${outcome.into.sourceCount} sources; its thread points there, and later reports go there.`;
    case 'forbidden':
      return `You cannot merge incidents: ${escapeMrkdwn(outcome.reason, true)}`;
    case 'invalid':
      return escapeMrkdwn(outcome.message, true);
  }
}

function describeMute(outcome: MuteOutcome): string {
  switch (outcome.kind) {
    case 'muted':
      return `:mute: *${escapeMrkdwn(outcome.vendor, true)}* is muted until ${formatTime(outcome.until)}: new incidents are recorded but not posted. Undo with \`${COMMAND_NAME} unmute ${escapeMrkdwn(outcome.vendor, true)}\`.`;
    case 'unmuted':
      return `:loud_sound: *${escapeMrkdwn(outcome.vendor, true)}* is no longer muted.`;
    case 'forbidden':
      return `You cannot change mutes: ${escapeMrkdwn(outcome.reason, true)}`;
    case 'unknown_vendor': {
      const names = outcome.suggestions.slice(0, 5).map((name) => `*${escapeMrkdwn(name, true)}*`);
      return names.length > 0 ? `No such vendor on the watchlist. Did you mean ${names.join(', ')}?` : 'No such vendor on the watchlist.';
    }
  }
}

interface ParsedAction {
  incidentId: number;
  actor: Actor;
  channel: string;
  messageTs: string;
}

async function parseAction(body: unknown, deps: InteractionDeps): Promise<ParsedAction | null> {
  const parsed = blockActionSchema.safeParse(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: parsed.error.issues.map((issue) => issue.path.join('.')) }, 'button payload did not validate');
    return null;
  }
  const { user, channel, message, actions } = parsed.data;
  return {
    incidentId: Number(actions[0]!.value),
    actor: await makeActor(deps, user.id, user.name ?? user.username ?? user.id),
    channel: channel.id,
    messageTs: message.ts,
  };
}

// A button's value is only a number anyone could forge: it counts only when it names the incident whose
// alert the clicked message is.
async function belongsToMessage(deps: InteractionDeps, incidentId: number, channel: string, messageTs: string): Promise<boolean> {
  return (await deps.core.incidentForMessage('slack', channel, messageTs)) === incidentId;
}

async function notFound(deps: InteractionDeps, channel: string, userId: string, threadTs: string | null = null): Promise<void> {
  await ephemeral(
    deps,
    channel,
    userId,
    renderReply('Vendorwatch does not know this alert (it may belong to another installation or have been removed).'),
    threadTs,
  );
}

async function ephemeral(
  deps: InteractionDeps,
  channel: string,
  user: string,
  message: SlackMessage,
  threadTs: string | null,
): Promise<void> {
  const args: Record<string, unknown> = { channel, user, text: message.text, blocks: message.blocks };
  if (threadTs) args.thread_ts = threadTs;
  await deps.sender.call('chat.postEphemeral', args, channel);
}

// A failing listener must not take Bolt down or leave the user guessing in silence; it is logged with
// what failed, never with the payload (which may hold tokens in response URLs).
async function guarded(
  deps: InteractionDeps,
  what: string,
  work: () => Promise<void>,
  apologise?: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error({ what, err: message }, `Slack ${what} failed`);
    if (!apologise) return;
    await apologise('Sorry, Vendorwatch could not do that just now. Please try again in a minute; the operator log has the details.').catch(
      () => undefined,
    );
  }
}

// For buttons: the apology goes to the clicking user only, when the payload tells us who and where.
function apologyFor(deps: InteractionDeps, body: unknown): (text: string) => Promise<unknown> {
  return async (text) => {
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    await deps.sender.call(
      'chat.postEphemeral',
      { channel: parsed.data.channel.id, user: parsed.data.user.id, text },
      parsed.data.channel.id,
    );
  };
}
