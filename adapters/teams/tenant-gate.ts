// Which Microsoft 365 tenants may talk to the bot and receive its alerts (VENDORWATCH_TEAMS_ALLOWED_TENANTS).
// A multi-tenant app can be installed by anyone who has its package; without this, their team would be stored
// as a conversation and get every alert.

import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import type { RefusalLog } from './refusal-log.js';

/** Tenants remembered as "already logged"; past this, new ones go through the rate-limited refusal log. */
const MAX_REMEMBERED_TENANTS = 1000;
const NO_TENANT = '(none)';

const TenantCarrierSchema = z
  .object({
    conversation: z
      .object({ tenantId: z.string().max(128).optional() })
      .passthrough()
      .optional(),
    channelData: z
      .object({
        tenant: z
          .object({ id: z.string().max(128).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

/**
 * The tenant an activity (or a stored conversation reference) belongs to, lower-cased; null when it names none
 * or names two different ones (never trust the friendlier of two disagreeing claims).
 */
export function tenantOf(activity: unknown): string | null {
  const parsed = TenantCarrierSchema.safeParse(activity);
  if (!parsed.success) return null;
  const ids = [parsed.data.conversation?.tenantId, parsed.data.channelData?.tenant?.id]
    .filter((id): id is string => typeof id === 'string' && id.trim() !== '')
    .map((id) => id.trim().toLowerCase());
  if (ids.length === 0) return null;
  return ids.every((id) => id === ids[0]) ? ids[0]! : null;
}

export class TenantGate {
  private readonly allowed: ReadonlySet<string>;
  private readonly logged = new Set<string>();

  constructor(
    allowedTenants: readonly string[],
    private readonly logger: Logger,
    private readonly overflow: RefusalLog,
  ) {
    this.allowed = new Set(allowedTenants.map((id) => id.trim().toLowerCase()).filter(Boolean));
  }

  /** False when every tenant is allowed (no list configured). */
  get restricted(): boolean {
    return this.allowed.size > 0;
  }

  allows(tenant: string | null): boolean {
    if (!this.restricted) return true;
    return tenant !== null && this.allowed.has(tenant);
  }

  /** Checks an inbound activity; a refusal is logged once per tenant id. */
  admits(activity: unknown): boolean {
    const tenant = tenantOf(activity);
    if (this.allows(tenant)) return true;
    const type =
      typeof (activity as { type?: unknown })?.type === 'string' ? String((activity as { type: string }).type).slice(0, 64) : null;
    this.once(
      tenant,
      { tenant: tenant ?? NO_TENANT, activityType: type },
      'teams: refused an activity from a tenant not in VENDORWATCH_TEAMS_ALLOWED_TENANTS (logged once per tenant)',
    );
    return false;
  }

  /** Checks a stored conversation before anything is sent there (it may predate the allow-list). */
  admitsStored(conversationId: string, reference: unknown): boolean {
    const tenant = tenantOf(reference);
    if (this.allows(tenant)) return true;
    this.once(
      `stored:${tenant ?? NO_TENANT}`,
      { tenant: tenant ?? NO_TENANT, conversationId },
      'teams: not sending to a stored conversation of a tenant not in VENDORWATCH_TEAMS_ALLOWED_TENANTS (logged once per tenant)',
    );
    return false;
  }

  private once(key: string | null, fields: Record<string, unknown>, message: string): void {
    const id = key ?? NO_TENANT;
    if (this.logged.has(id)) return;
    if (this.logged.size >= MAX_REMEMBERED_TENANTS) {
      this.overflow.refused(fields, message);
      return;
    }
    this.logged.add(id);
    this.logger.warn(fields, message);
  }
}
