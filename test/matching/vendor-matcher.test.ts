import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { createVendorMatcher, listWeakTerms, type VendorMention } from '../../src/detection/matching/vendor-matcher.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function vendor(name: string, extra: Partial<Vendor> = {}): Vendor {
  return { name, aliases: [], products: [], domains: [], criticality: 'medium', ...extra };
}

const VENDORS: Vendor[] = [
  vendor('Epic Systems', {
    aliases: ['Epic', 'Epic Systems Corporation'],
    products: ['MyChart', 'Cosmos'],
    domains: ['epic.com'],
    category: 'EHR',
  }),
  vendor('CareCloud', { aliases: ['CareCloud, Inc.'], domains: ['carecloud.com'] }),
  vendor('Quest Diagnostics', { aliases: ['Quest'], category: 'labs' }),
  vendor('Progress Software', { aliases: ['Progress'], products: ['MOVEit Transfer'], category: 'file transfer' }),
  vendor('Premier Inc.', { aliases: ['Premier'], category: 'group purchasing' }),
  vendor('Siemens Healthineers', { products: ['syngo'] }),
  vendor('Perry Johnson & Associates', { aliases: ['PJ&A'] }),
  vendor('GE HealthCare', { products: ['Edison'] }),
  vendor('Welltok'),
  vendor('ADP', { aliases: ['Automatic Data Processing'], category: 'payroll' }),
];

const matcher = createVendorMatcher(VENDORS);

function accepted(text: string): string[] {
  return [
    ...new Set(
      matcher
        .find(text)
        .filter((m) => m.accepted)
        .map((m) => m.vendor.name),
    ),
  ];
}

function mentionsOf(text: string, name: string): VendorMention[] {
  return matcher.find(text).filter((m) => m.vendor.name === name);
}

describe('vendor matcher: spellings', () => {
  it('matches possessives, legal suffixes, diacritics, line breaks and zero-width characters', () => {
    const texts = [
      "CareCloud's billing portal went offline.",
      'CareCloud’s billing portal went offline.',
      'Shares of CareCloud, Inc. fell.',
      'The breach at CARECLOUD INC was confirmed.',
      'A notice from Care\u200bCloud reached customers.',
      'Perry Johnson &\nAssociates said the transcripts were copied.',
      'Perry Johnson and Associates said the transcripts were copied.',
      'Pérry Jöhnson & Associates said so.',
    ];
    for (const text of texts) expect(accepted(text), text).toEqual([expect.any(String)]);
    expect(accepted('The breach at CARECLOUD INC was confirmed.')).toEqual(['CareCloud']);
  });

  it('reports offsets in the original text and the watchlist spelling of the term', () => {
    const text = 'Update:\u200b patients of Care\u200bCloud’s clients were told.';
    const [mention] = mentionsOf(text, 'CareCloud');
    expect(mention).toBeDefined();
    expect(text.slice(mention?.start, mention?.end)).toBe('Care\u200bCloud');
    expect(mention).toMatchObject({ term: 'CareCloud', kind: 'name', strength: 'strong', accepted: true });
  });

  it('respects word boundaries', () => {
    // The same terms standing alone are found, so the empty results below come from the boundaries.
    expect(accepted('The epicure read about MyChart and Welltok.')).toEqual(['Epic Systems', 'Welltok']);
    expect(accepted('Visit epic.com or carecloud.com for more.')).toEqual(['Epic Systems', 'CareCloud']);
    expect(accepted('The epicure ordered at Epicurean, then read about MyCharts and Welltoken.')).toEqual([]);
    expect(accepted('Visit epic.community or notcarecloud.com for more.')).toEqual([]);
  });

  it('prefers the longest term at a position', () => {
    const mentions = mentionsOf('Progress Software confirmed the flaw.', 'Progress Software');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ term: 'Progress Software', kind: 'name', strength: 'strong' });
    const suffixed = mentionsOf('Epic Systems Corporation confirmed the outage.', 'Epic Systems');
    expect(suffixed.map((m) => m.term)).toEqual(['Epic Systems']);
  });

  it('matches lowercase only for distinctive terms', () => {
    expect(accepted('the attack hit carecloud and welltok customers')).toEqual(['CareCloud', 'Welltok']);
    expect(accepted('an epic hospital outage for patients on our quest for progress')).toEqual([]);
    expect(accepted('siemens healthineers images reach syngo viewers')).toEqual(['Siemens Healthineers']);
  });

  it('matches acronyms only in capitals', () => {
    expect(accepted('Payroll provider ADP said a payroll file was exposed.')).toEqual(['ADP']);
    expect(accepted('Cells use adp and atp for payroll of energy.')).toEqual([]);
  });
});

describe('vendor matcher: domains', () => {
  it('matches domains in URLs, e-mail addresses and subdomains', () => {
    const mentions = matcher.find(fixture('portal-breach.txt'));
    const domains = mentions.filter((m) => m.kind === 'domain');
    expect(domains.map((m) => m.term)).toEqual(['epic.com']);
    expect(mentions.filter((m) => m.accepted).map((m) => [m.kind, m.term])).toEqual([
      ['product', 'MyChart'],
      ['product', 'MyChart'],
      ['domain', 'epic.com'],
    ]);
    const emailText = 'Write to privacy@carecloud.com or see https://status.carecloud.com/incidents.';
    expect(matcher.find(emailText).map((m) => [m.kind, emailText.slice(m.start, m.end)])).toEqual([
      ['domain', 'carecloud.com'],
      ['domain', 'status.carecloud.com'],
    ]);
  });
});

describe('vendor matcher: ambiguous names', () => {
  it('accepts "Epic" alone in a hospital EHR story', () => {
    const mentions = mentionsOf(fixture('hospital-ehr-outage.txt'), 'Epic Systems');
    expect(mentions.length).toBeGreaterThanOrEqual(2);
    expect(mentions.every((m) => m.accepted && m.strength === 'weak')).toBe(true);
  });

  it('never turns Epic Games into Epic Systems', () => {
    const mentions = mentionsOf(fixture('game-maker-settlement.txt'), 'Epic Systems');
    expect(mentions.length).toBeGreaterThanOrEqual(3);
    expect(mentions.some((m) => m.accepted)).toBe(false);
    expect(mentions[0]?.reason).toContain('Epic Games');
  });

  it('rejects Epic Games even inside a healthcare story', () => {
    const text = 'Hospital staff and patients played games from Epic Games during the EHR downtime.';
    expect(mentionsOf(text, 'Epic Systems').map((m) => m.accepted)).toEqual([false]);
  });

  it('weighs a compound seen elsewhere against strong healthcare context around a mention', () => {
    const hospital =
      'Nurses said the Epic Hyperdrive client froze twice.\nAt the hospital, clinicians and patients waited while Epic restored the records system.';
    expect(mentionsOf(hospital, 'Epic Systems').map((m) => m.accepted)).toEqual([false, true]);
    const games = 'Epic Games faces scrutiny over mental health claims.\nParents said Epic ignored their complaints for months.';
    expect(mentionsOf(games, 'Epic Systems').some((m) => m.accepted)).toBe(false);
  });

  it('accepts a product mention and lets it corroborate the ambiguous alias', () => {
    const text = 'Users of MyChart saw odd logins. Epic said no code was changed.';
    const mentions = mentionsOf(text, 'Epic Systems');
    expect(mentions.map((m) => [m.term, m.strength, m.accepted])).toEqual([
      ['MyChart', 'strong', true],
      ['Epic', 'weak', true],
    ]);
    expect(mentions[1]?.reason).toContain('MyChart');
  });

  it('rejects another company that shares a word, and a sentence-initial everyday word', () => {
    // Found and then rejected, each with its reason: an empty accepted list alone would also pass if nothing matched.
    const mentions = matcher.find(fixture('software-firm.txt'));
    expect(mentions.map((m) => [m.vendor.name, m.term, m.accepted])).toEqual([
      ['Quest Diagnostics', 'Quest', false],
      ['Progress Software', 'Progress', false],
      ['Premier Inc.', 'Premier Inc.', false],
    ]);
    expect(mentions.map((m) => m.reason)).toEqual([
      expect.stringContaining('"Quest Software"'),
      expect.stringContaining('without corroboration'),
      expect.stringContaining('"Premier Li"'),
    ]);
    expect(accepted(fixture('software-firm.txt'))).toEqual([]);
  });

  it('accepts Quest with laboratory and hospital context', () => {
    expect(accepted(fixture('lab-breach.txt'))).toEqual(['Quest Diagnostics']);
  });

  it('treats a legal suffix after an everyday name as the company itself', () => {
    const [mention] = mentionsOf('Shares of Premier, Inc. slipped on the news.', 'Premier Inc.');
    expect(mention).toMatchObject({ accepted: true, strength: 'strong' });
    expect(accepted('Shares of Premier slipped on the news.')).toEqual([]);
  });

  it('needs the maker for a product named by an everyday word', () => {
    expect(accepted('The hospital is in Edison, near the highway, and its patients were notified.')).toEqual([]);
    expect(accepted('GE HealthCare said its Edison platform was not affected at the hospital.')).toEqual(['GE HealthCare']);
  });

  it('rejects a vendor name followed by a capitalised word of another name', () => {
    const vendors = [vendor('Change Partners', { aliases: ['Change'] }), vendor('Cardinal Health', { aliases: ['Cardinal'] })];
    const m = createVendorMatcher(vendors);
    const text = 'Hospitals billing through Change Healthcare lost claims; the Cardinal Health warehouse was fine.';
    const result = m.find(text).map((x) => [x.vendor.name, x.accepted]);
    expect(result).toEqual([
      ['Change Partners', false],
      ['Cardinal Health', true],
    ]);
  });

  it('explains every decision in a short reason', () => {
    const mentions = matcher.find(fixture('hospital-ehr-outage.txt') + fixture('game-maker-settlement.txt'));
    // Accepted and rejected mentions both, or the loop below would check nothing.
    expect(mentions.filter((m) => m.accepted).length).toBeGreaterThanOrEqual(2);
    expect(mentions.filter((m) => !m.accepted).length).toBeGreaterThanOrEqual(3);
    for (const mention of mentions) {
      expect(mention.reason.length).toBeGreaterThan(5);
      expect(mention.reason.length).toBeLessThan(160);
    }
  });
});

describe('vendor matcher: scale', () => {
  it('builds a 10,000-vendor watchlist and finds the right vendors in one text', () => {
    const big: Vendor[] = [];
    for (let i = 0; i < 10_000; i++) {
      big.push(
        vendor(`Zentrix${i.toString(36)} Medical`, {
          aliases: [`Zentrix${i.toString(36)}`],
          products: [`Qorva${i} Suite`],
          domains: [`zentrix${i}.example`],
        }),
      );
    }
    big.push(...VENDORS);
    const m = createVendorMatcher(big);
    const text =
      'Zentrix7pq Medical reported a breach; Qorva4242 Suite users at zentrix9999.example were told, ' +
      'and CareCloud was not involved. Zentrix7pqx is someone else.';
    const names = [
      ...new Set(
        m
          .find(text)
          .filter((x) => x.accepted)
          .map((x) => x.vendor.name),
      ),
    ];
    expect(names).toContain('Zentrix7pq Medical');
    expect(names).toContain('CareCloud');
    expect(names).toContain(`Zentrix${(4242).toString(36)} Medical`);
    expect(names).toContain(`Zentrix${(9999).toString(36)} Medical`);
    expect(names).toHaveLength(4);
  });

  it('caps the text it reads', () => {
    const m = createVendorMatcher(VENDORS, { maxTextChars: 100 });
    expect(m.find(`${'x '.repeat(60)}Welltok`).length).toBe(0);
    expect(m.find(`Welltok ${'x '.repeat(60)}`).length).toBe(1);
  });
});

describe('listWeakTerms', () => {
  it('lists everyday words, short acronyms and plain short names, never coined names', () => {
    const weak = listWeakTerms(VENDORS).map((w) => `${w.vendor}/${w.term}`);
    expect(weak).toEqual(
      expect.arrayContaining([
        'Epic Systems/Epic',
        'Quest Diagnostics/Quest',
        'Progress Software/Progress',
        'Premier Inc./Premier',
        'ADP/ADP',
      ]),
    );
    expect(weak.some((w) => w.startsWith('CareCloud') || w.startsWith('Welltok') || w.includes('MyChart'))).toBe(false);
  });
});

describe('vendor matcher: hostile text', () => {
  it('survives a huge unbroken token next to names and a long single line full of weak names', () => {
    const blob = 'QUJD'.repeat(100_000);
    const first = matcher.find(`Welltok ${blob} Premier ${blob}`);
    expect(first.map((m) => m.vendor.name)).toEqual(['Welltok', 'Premier Inc.']);
    const line = 'Premier said the Quest hospital patients were fine. '.repeat(10_000);
    const mentions = matcher.find(line);
    expect(mentions.length).toBe(20_000);
    expect(mentions.filter((m) => m.vendor.name === 'Quest Diagnostics').every((m) => m.accepted)).toBe(true);
  });
});
