import type { Detection } from '../core/types.js';
import { organisationKey } from '../store/correction-repository.js';

// What a "Not this vendor" exclusion is keyed on: the breached organisation as the text named it. Detection names
// a watchlist vendor by its watchlist name ("Epic Systems") even when the text only said "Epic"; keyed on that,
// one dismissal would silence the vendor for good. So when the breached party is the vendor itself, the key is
// the term that matched ("Epic"): later items that read "Epic" as Epic Systems stop alerting, while one that
// names "Epic Systems" or "MyChart" still alerts.

export function breachedOrganisation(detection: Pick<Detection, 'organisations' | 'vendors'>, vendor: string): string {
  const named = detection.organisations[0];
  if (named && organisationKey(named) !== organisationKey(vendor)) return named;
  const primary = detection.vendors.find((v) => v.name === vendor && v.role === 'primary');
  return primary?.matched ?? named ?? vendor;
}

/** True when an exclusion on this organisation would silence the vendor under its own name: that is a mute. */
export function isVendorsOwnName(organisation: string, vendor: string): boolean {
  return organisationKey(organisation) === organisationKey(vendor);
}
