// The Bot Framework connector client botbuilder puts on each turn, narrowed to the three calls we make.

import type { Activity, TurnContext } from 'botbuilder';

export interface ResourceResponseLike {
  id?: string;
}

export interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<ResourceResponseLike>;
  replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<ResourceResponseLike>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<ResourceResponseLike>;
}

/** Connector calls that hang would stall the delivery worker: every call gets this timeout. */
export const CONNECTOR_TIMEOUT_MS = 15_000;

export function connectorOf(ctx: TurnContext): ConversationsApi {
  const client: unknown = ctx.turnState.get(ctx.adapter.ConnectorClientKey);
  const conversations = (client as { conversations?: unknown } | undefined)?.conversations;
  if (!isConversationsApi(conversations)) throw new Error('teams: the turn has no Bot Framework connector client');
  return conversations;
}

function isConversationsApi(value: unknown): value is ConversationsApi {
  const v = value as Partial<Record<keyof ConversationsApi, unknown>> | undefined;
  return typeof v?.sendToConversation === 'function' && typeof v.replyToActivity === 'function' && typeof v.updateActivity === 'function';
}

/**
 * botbuilder's HTTP pipeline has its own retry policy (3 retries, any Retry-After however long). We retry with
 * our own bounded budget instead, so the pipeline's is removed; otherwise one failing call could block for an
 * hour or be sent many times over. Returns false if the SDK's internals moved (then its policy stays).
 */
export function disableSdkRetries(ctx: TurnContext): boolean {
  const client: unknown = ctx.turnState.get(ctx.adapter.ConnectorClientKey);
  const pipeline = (client as { client?: { pipeline?: { removePolicy?: unknown } } } | undefined)?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  (pipeline.removePolicy as (options: { phase: string }) => unknown).call(pipeline, { phase: 'Retry' });
  return true;
}
