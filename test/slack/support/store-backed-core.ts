// The real core for adapter tests that are about the core's decisions (roles): the real InteractionService over
// a real SQLite store in a temporary directory, with CareCloud on the watchlist. Each alert it makes is an
// incident in the store, linked to the platform message it was posted as, as the delivery worker would link it.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, Platform } from '../../../src/core/chat.js';
import type { Vendor } from '../../../src/core/types.js';
import { createVendorLookup } from '../../../src/detection/matching/vendor-lookup.js';
import { InteractionService } from '../../../src/interaction/interaction-service.js';
import type { Roles } from '../../../src/interaction/roles.js';
import { type Logger, silentLogger } from '../../../src/log.js';
import { Store } from '../../../src/store/store.js';

export const CARECLOUD: Vendor = { name: 'CareCloud', aliases: ['Care Cloud'], products: [], domains: ['carecloud.com'], criticality: 'high' };

export interface StoreBackedCore {
  service: InteractionService;
  store: Store;
  /** A new alerted CareCloud incident (unacknowledged), not yet linked to any message. */
  newIncident(): number;
  /** Records that `messageId` in `address` is the alert of `incidentId`. */
  linkMessage(incidentId: number, platform: Platform, address: string, messageId: string): void;
  acknowledgedBy(incidentId: number): string | null;
  /** Who muted CareCloud, if it is muted now. */
  mutedBy(): string | null;
  muteCareCloud(by: Actor): void;
  unmuteCareCloud(): void;
  close(): void;
}

export function startStoreBackedCore(roles: Roles, logger: Logger = silentLogger): StoreBackedCore {
  const store = Store.open(join(mkdtempSync(join(tmpdir(), 'vw-roles-')), 'vendorwatch.db'));
  const vendors = new Map([[CARECLOUD.name, CARECLOUD]]);
  const service = new InteractionService({
    store,
    vendors,
    finder: createVendorLookup([CARECLOUD]),
    roles,
    logger,
    onChange: () => {},
    announce: async () => {},
  });
  let count = 0;
  return {
    service,
    store,
    newIncident: () => {
      count += 1;
      const at = new Date();
      const incident = store.incidents.create({
        key: `carecloud-2026-03-${count}`,
        vendor: 'CareCloud',
        organisation: 'CareCloud',
        title: `CareCloud reports an intruder in its EHR environment (${count})`,
        summary: 'CareCloud says an unauthorised party reached one of its EHR environments.',
        healthcare: true,
        signature: {},
        at,
      });
      store.incidents.setAlertState(incident.id, 'alerted', at);
      return incident.id;
    },
    linkMessage: (incidentId, platform, address, messageId) => store.deliveries.recordPostedAlert({ incidentId, destination: { platform, address }, messageId }, new Date()),
    acknowledgedBy: (incidentId) => store.interactions.acknowledgement(incidentId)?.userId ?? null,
    mutedBy: () => store.interactions.activeMute('CareCloud', new Date())?.userId ?? null,
    muteCareCloud: (by) =>
      store.interactions.mute({
        vendor: 'CareCloud',
        until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        platform: by.platform,
        userId: by.userId,
        userName: by.userName,
        at: new Date().toISOString(),
      }),
    unmuteCareCloud: () => void store.interactions.unmute('CareCloud'),
    close: () => store.close(),
  };
}
