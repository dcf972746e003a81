// Stories of our own for the full-text tests: a teaser that leaves the breached vendor unnamed, the page that names it,
// and a watchlist that has the vendor.

import type { Vendor } from '../../../src/core/types.js';

export const WATCHLIST: Vendor[] = [
  {
    name: 'Meridian Billing Partners',
    aliases: ['Meridian Billing'],
    products: [],
    domains: ['meridianbilling.example'],
    category: 'billing',
    criticality: 'high',
  },
  { name: 'Harbor Imaging Cloud', aliases: [], products: ['HarborView PACS'], domains: [], category: 'imaging', criticality: 'medium' },
  { name: 'Quillon Health Systems', aliases: ['Quillon'], products: [], domains: [], category: 'EHR', criticality: 'critical' },
];

export const PUBLISHED = '2026-03-20';

/** The feed gives this much: the vendor is not named. */
export const BILLING_TITLE = "Hackers stole billing records of 84,000 patients from a hospital network's vendor";
export const BILLING_TEASER =
  'A billing company that processes patient accounts for Lakeside Health, the Ohio hospital network, was hit by a cyberattack in March, and names, account numbers and treatment dates of about 84,000 patients were copied.';
/** The page goes on to name the billing company. */
export const BILLING_STORY = [
  BILLING_TEASER,
  'The company is Meridian Billing Partners. Meridian Billing Partners said an intruder broke into its file transfer server on March 3 and copied files before the server was shut down. The firm handles bills for dozens of providers.',
  'Lakeside said its own systems were not affected. Meridian Billing Partners has notified federal regulators and is offering affected patients two years of credit monitoring.',
].join('\n');

/** A teaser that names a watchlist vendor as breached: it alerts on its own. */
export const QUILLON_TITLE = 'Quillon Health Systems confirms ransomware attack on its hosted records platform';
export const QUILLON_TEASER =
  'Quillon Health Systems, which hosts electronic health records for about 300 clinics, said ransomware encrypted servers of its hosted platform on March 12 and that attackers may have copied patient data.';

/** A teaser with no signal at all: nothing about a breach, a vendor or healthcare. */
export const QUIET_TITLE = 'City council approves new bicycle lanes downtown';
export const QUIET_TEASER =
  'The council voted 7 to 2 on Tuesday to add protected bicycle lanes on four downtown streets, with work to start in the spring.';
