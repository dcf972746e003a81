import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { loadWatchlist } from './support/fixtures.js';

// Each case is one general shape of sentence that decides who was breached; the vendors are the fixture watchlist's.

const detector = createDetector(loadWatchlist());

function article(id: string, title: string, text: string): Article {
  return { id, url: `https://news.example/${id}`, source: 'Example Wire', published: '2026-04-10', title, text };
}

function primaryOf(a: Article): string | null {
  const d = detector.detect(a);
  return d.alert ? (d.vendors.find((v) => v.role === 'primary')?.name ?? null) : null;
}

describe('vendor roles from the shape of the sentence', () => {
  it('"an attack on X, the <role>" makes X the breached party', () => {
    const d = detector.detect(
      article(
        'apposition',
        'Clinics cancel visits after attack on billing provider Harborline Billing',
        'Dozens of clinics stopped taking appointments after a ransomware attack on Harborline Billing, the claims processing provider, froze payments. Riverside Family Practice was among those affected.',
      ),
    );
    expect(d).toMatchObject({ breach: true, alert: true });
    expect(d.vendors[0]).toMatchObject({ name: 'Harborline Billing', role: 'primary' });
  });

  it('a vendor named only in a comparison, headline included, is a mention', () => {
    const d = detector.detect(
      article(
        'comparison',
        'Clinic network hit by ransomware; outage reminiscent of the CareCloud breach',
        'Lakeview Health Partners said a ransomware attack on April 2 took its scheduling and phone systems offline at nine clinics. Analysts compared the disruption to the CareCloud attack earlier this year.',
      ),
    );
    expect(d.breach).toBe(true);
    expect(d.alert).toBe(false);
    expect(d.organisations[0]).toBe('Lakeview Health Partners');
    expect(d.vendors.find((v) => v.name === 'CareCloud')?.role).toBe('mention');
  });

  it('tracking code that passed visitor data to advertisers is a breach at the site owner', () => {
    expect(
      primaryOf(
        article(
          'trackers',
          "CareCloud says tracking code on its portal shared users' details with advertisers",
          'CareCloud said tracking technologies on its patient portal transmitted search terms and IP addresses of 1.1 million users to third parties including advertising networks. The company said it removed the code in March.',
        ),
      ),
    ).toBe('CareCloud');
  });

  it('a customer reporting a breach at its vendor is affected, not the breached party', () => {
    const d = detector.detect(
      article(
        'customer',
        'CareCloud: 40,000 patients affected by breach at collections vendor',
        'CareCloud said an unauthorized user had access to the payment portal of the Northgate Collection Agency, a bill collector it uses, between January 3 and February 9. CareCloud said its own systems were not affected.',
      ),
    );
    expect(d.breach).toBe(true);
    expect(d.alert).toBe(false);
    expect(d.organisations[0]).toBe('Northgate Collection Agency');
  });

  it('a flaw headline with exploitation but no named victim is an advisory, and its maker no alert', () => {
    const d = detector.detect(
      article(
        'advisory',
        'Progress warns a MOVEit Transfer zero-day is being exploited',
        'Progress Software said attackers have exploited a zero-day vulnerability in its MOVEit Transfer software in attacks on a small number of customers, and released a fix.',
      ),
    );
    expect(d).toMatchObject({ breach: false, alert: false });
  });
});
