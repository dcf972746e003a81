import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCommonWord } from '../../src/detection/matching/common-words.js';
import { loadWatchlist } from '../../src/watchlist/load-watchlist.js';
import { detectionFixtures } from './support/fixtures.js';

// Rules that name a vendor or a product pass the corpus they were written against and nothing else: every rule in
// src/detection must be a phrase about roles, not a list of who was breached.

const root = join(import.meta.dirname, '..', '..');

// Vendors of the dev corpus (facts: names only), beside the watchlists of this repository's fixtures.
const DEV_VENDORS = [
  'Epic Systems',
  'Oracle Health',
  'Cerner',
  'MEDITECH',
  'NextGen Healthcare',
  'eClinicalWorks',
  'Veradigm',
  'Allscripts',
  'Netsmart',
  'Optum',
  'Change Healthcare',
  'Waystar',
  'Experian Health',
  'Ensemble Health Partners',
  'Episource',
  'Zelis',
  'InstaMed',
  'TriZetto',
  'MedData',
  'Solventum',
  'Nuance Communications',
  'Perry Johnson & Associates',
  'Dolbey Systems',
  'Abridge',
  'Ciox Health',
  'Quest Diagnostics',
  'Sysmex America',
  'Roche Diagnostics',
  'GE HealthCare',
  'Philips Healthcare',
  'Siemens Healthineers',
  'Intelerad',
  'ICU Medical',
  'Stryker',
  'Omnicell',
  'Cardinal Health',
  'Medline Industries',
  'Vizient',
  'HealthEC',
  'Welltok',
  'Press Ganey',
  'Phreesia',
  'Luma Health',
  'Amwell',
  'Microsoft',
  'Snowflake',
  'Progress Software',
  'MOVEit',
  'MyChart',
  'Okta',
  'Proofpoint',
  'VMware',
  'Broadcom',
  'ServiceNow',
  'Veeam',
  'Kyndryl',
  'Hyland Software',
  'Salesforce',
  'Spok',
  'TigerConnect',
  'UKG',
  'Kronos',
  'ADP',
  'Iron Mountain',
  'Stericycle',
  'Rise Health',
  'Humana',
  'Anthem',
  'CareCloud',
  'Synnovis',
  'Kaiser Permanente',
  'Citrix',
  'NetScaler',
  'Ascension',
  'Cencora',
  'AmerisourceBergen',
  'CrowdStrike',
  'Mandiant',
];

function vendorTerms(): string[] {
  const terms = new Set(DEV_VENDORS);
  for (const file of [join(detectionFixtures, 'watchlist.json'), join(detectionFixtures, 'out-of-sample', 'watchlist.json')]) {
    for (const v of loadWatchlist(file)) for (const t of [v.name, ...v.aliases, ...v.products]) terms.add(t);
  }
  return [...terms].filter((t) => t.length >= 3);
}

/** Source with comments blanked, so a comment may give an example. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('detection rules', () => {
  it('name no vendor or product of the dev and out-of-sample watchlists outside comments', () => {
    const found: string[] = [];
    const terms = vendorTerms();
    for (const file of sourceFiles(join(root, 'src', 'detection'))) {
      const code = codeOf(readFileSync(file, 'utf8'));
      const lower = code.toLowerCase();
      for (const term of terms) {
        // An everyday word ("Change", "Progress") is only a name when capitalised; code is full of the word itself.
        const common = !term.includes(' ') && isCommonWord(term.toLowerCase());
        const haystack = common ? code : lower;
        const needle = common ? term : term.toLowerCase();
        const re = new RegExp(`(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
        if (re.test(haystack)) found.push(`${file.slice(root.length + 1)}: ${term}`);
      }
    }
    expect(found).toEqual([]);
  });
});
