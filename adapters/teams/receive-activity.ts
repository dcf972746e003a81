// One inbound activity, in the order that keeps strangers out: authenticate the Bot Framework token, then check
// the tenant, and only then let botbuilder run the bot. We call botbuilder's steps ourselves instead of
// CloudAdapter.process, because process() prints every refused token's stack trace to stderr and answers a bad
// signature with a 500.

import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../src/log.js';
import { errorSummary } from './messages-endpoint.js';
import { discardConsole, withSdkConsole } from './quiet-sdk-console.js';
import type { RefusalLog } from './refusal-log.js';
import type { TenantGate } from './tenant-gate.js';

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type Logic = (ctx: TurnContext) => Promise<void>;

export interface ReceivedAnswer {
  status: number;
  body?: unknown;
}

/** CloudAdapter with its authenticated-activity step reachable: we authenticate first, on our terms. */
export class ReceivingCloudAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface ReceiverDependencies {
  cloud: ReceivingCloudAdapter;
  auth: ConfigurationBotFrameworkAuthentication;
  tenants: TenantGate;
  refusals: RefusalLog;
  logger: Logger;
}

export function createActivityReceiver(
  deps: ReceiverDependencies,
  logic: Logic,
): (authorization: string, body: Record<string, unknown>) => Promise<ReceivedAnswer> {
  const { cloud, auth, tenants, refusals, logger } = deps;
  return async (authorization, body) => {
    const activity = withDates(body);

    let authenticated: AuthResult;
    try {
      authenticated = await withSdkConsole(discardConsole, () => auth.authenticateRequest(activity, authorization));
    } catch (err) {
      const problem = authProblem(err);
      refusals.refused(
        { status: problem.status, reason: problem.reason, activityType: String(activity.type).slice(0, 64) },
        problem.status === 401
          ? 'teams: refused a request with an invalid Bot Framework token'
          : 'teams: refused a request whose token could not be checked',
      );
      return { status: problem.status };
    }

    if (!tenants.admits(activity)) return { status: 403 };

    const sdkOutput = (method: string, line: string) => logger.debug({ sdkConsole: method, line }, 'teams: botbuilder console output');
    const response = await withSdkConsole(sdkOutput, () => cloud.runAuthenticated(authenticated, activity, logic));
    return response ? { status: response.status, ...(response.body !== undefined ? { body: response.body } : {}) } : { status: 200 };
  };
}

/** What botbuilder's own validateAndFixActivity does: the timestamps as dates, their raw strings kept. */
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return activity as unknown as Activity;
}

/**
 * A token that is wrong in any way (no identity, bad signature, expired, wrong audience) is a 401. Failing to
 * fetch Microsoft's signing keys is our problem, not the caller's: 503, so a genuine request can be retried.
 */
function authProblem(err: unknown): { status: 401 | 503; reason: string } {
  const summary = errorSummary(err);
  const kind = err instanceof Error ? err.constructor.name : 'Error';
  const statusCode = (err as { statusCode?: unknown })?.statusCode;
  const network = kind === 'FetchError' || typeof (err as { code?: unknown })?.code === 'string';
  const status = network || (typeof statusCode === 'number' && statusCode >= 500) ? 503 : 401;
  // The message may quote claims of the forged token; never the token itself, but cut it short anyway.
  return { status, reason: `${kind}: ${summary.message.replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '[token]').slice(0, 160)}` };
}
