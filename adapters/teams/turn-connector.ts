// The Bot Framework connector client botbuilder puts on each turn, narrowed to the three calls we make.

import type { Activity, TurnContext } from 'botbuilder';

export interface ResourceResponseLike {
  id?: string;
}

/** What the connector client takes per call: `timeout` bounds only the wait for the headers, `abortSignal` all of it. */
export interface CallOptions {
  timeout?: number;
  abortSignal?: AbortSignal;
}

export interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: CallOptions): Promise<ResourceResponseLike>;
  replyToActivity(
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
    options?: CallOptions,
  ): Promise<ResourceResponseLike>;
  updateActivity(
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
    options?: CallOptions,
  ): Promise<ResourceResponseLike>;
}

/** Connector calls that hang would stall the delivery worker: every call gets this deadline by default. */
export const CONNECTOR_TIMEOUT_MS = 15_000;

/** A connector call that did not finish within its deadline. The connector may still have taken it. */
export class ConnectorTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the Teams connector did not answer within ${timeoutMs} ms`);
    this.name = 'ConnectorTimeoutError';
  }
}

/**
 * Runs one connector call under a deadline that covers the connection, the headers and the body. botbuilder's own
 * `timeout` stops counting once the headers arrive, so a connector that sends headers and then nothing would hold
 * the call (and the delivery worker) forever. The signal aborts the request; the race returns even if it did not.
 */
export async function withDeadline<T>(timeoutMs: number, call: (options: CallOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ConnectorTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  const running = call({ timeout: timeoutMs, abortSignal: controller.signal });
  // Whichever loses must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } catch (error) {
    // The SDK's own abort error when our signal fired first (or its `timeout` did): one kind of failure for callers.
    if (controller.signal.aborted || isAbortError(error)) throw new ConnectorTimeoutError(timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

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
