// Disclosure sources are untrusted input like any feed: a regulator list's free text and a leak site's post are
// written by whoever filed or posted them. Through the running bot they reach Slack as inert text: no mention, no
// link they chose, no leak-site address, no control or bidi characters.

import { afterEach, describe, expect, it } from 'vitest';
import { type DisclosureHarness, startDisclosureHarness } from './support/disclosure-harness.js';

const HEADER =
  '"Name of Covered Entity","State","Covered Entity Type","Individuals Affected","Breach Submission Date","Type of Breach","Location of Breached Information","Business Associate Present","Web Description"';
const HOSTILE_OCR = `${HEADER}
"Acme Billing Services, LLC","TX","Business Associate","31007","03/12/2025","Hacking/IT Incident","Network Server","Yes","<!channel> Acme Billing Services reported that an intruder reached a billing server. <https://evil.example/phish|Click here to reset your password> \u202eoverride\u202c and *act now*"
`;
const HOSTILE_CLAIMS = JSON.stringify([
  {
    victim: 'Acme Billing <!here>',
    group: 'kraken',
    discovered: '2025-03-13 09:41:17.482113',
    attackdate: '2025-03-12 00:00:00.000000',
    domain: 'acmebilling.example',
    claim_url: 'http://krakenleaks4examplexyzq7abcdefghijklmnopqrstuvwx.onion/acme',
    url: 'javascript:alert(1)',
    country: 'US',
    activity: 'Healthcare',
    description: 'We took 410 GB of patient claims. <!everyone> see <https://evil.example/leak|our blog>',
  },
]);

const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let running: DisclosureHarness | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('hostile text from disclosure sources', () => {
  it('reaches Slack as inert text: no mention, no link it chose, no leak-site address, no invisible characters', async () => {
    running = await startDisclosureHarness({
      feeds: [
        {
          name: 'HHS OCR breach portal',
          path: '/ocr.csv',
          type: 'hhs-ocr',
          route: { kind: 'feed', body: HOSTILE_OCR, contentType: 'text/csv' },
        },
        {
          name: 'Leak-site tracker',
          path: '/claims.json',
          type: 'ransomware-live',
          route: { kind: 'feed', body: HOSTILE_CLAIMS, contentType: 'application/json' },
        },
      ],
      vendors: [{ name: 'Acme Billing', domains: ['acmebilling.example'], category: 'medical billing', criticality: 'high' }],
      start: new Date('2025-03-14T12:00:00Z'),
    });
    const h = running.harness;
    await h.app.runCycle({ backfill: true });
    // One alert: the OCR row and the claim are one incident, posted once.
    expect(h.topLevelPosts()).toHaveLength(1);
    const calls = [...h.slack.callsTo('chat.postMessage'), ...h.slack.callsTo('chat.update')];
    expect(calls.length).toBeGreaterThan(0);
    const sent = calls.map((call) => `${call.params.text ?? ''}\n${call.params.blocks ?? ''}`).join('\n');
    // Something about the breach did reach Slack.
    expect(sent).toContain('Acme Billing');
    // The victim name as the group posted it arrives, escaped as text.
    expect(sent).toContain('Acme Billing &lt;!here&gt;');
    for (const mention of ['<!channel>', '<!here>', '<!everyone>']) expect(sent).not.toContain(mention);
    expect(sent).not.toMatch(/<https:\/\/evil\.example/);
    expect(sent).not.toContain('.onion');
    expect(sent).not.toContain('javascript:');
    expect(sent).not.toMatch(INVISIBLE);
  });
});
