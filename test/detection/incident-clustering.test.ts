import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/core/types.js';
import { DateReader } from '../../src/detection/dates.js';
import { createDetector } from '../../src/detection/detector.js';
import { similarity } from '../../src/detection/incident-similarity.js';
import type { IncidentSignature } from '../../src/detection/signature.js';
import { createTriage, type TriageResult } from '../../src/detection/triage.js';

// Grouping as online clustering (issue 15): each report is scored against the open incidents on the breached party,
// time and shared facts. The failure classes about grouping, each on several made-up stories: 3 (a date that is not
// the incident's), 4 (a short and a long name), and 9 (a roundup's incidents each joining their own).

const watchlist: Vendor[] = [
  { name: 'Brightwater Billing', aliases: [], products: [], domains: [], criticality: 'high', category: 'medical billing' },
  { name: 'Norhaven Systems', aliases: ['Norhaven'], products: [], domains: [], criticality: 'high', category: 'EHR' },
];

interface Story {
  title: string;
  text: string;
  published: string;
}

function triage(stories: Story[]): TriageResult[] {
  const batch = createTriage({ vendors: watchlist });
  return stories.map((story, i) => {
    const result = batch.run(JSON.stringify({ id: `s${i + 1}`, ...story }), i + 1);
    if ('error' in result && !('breach' in result)) throw new Error(result.error);
    return result as TriageResult;
  });
}

function keysOf(results: TriageResult[]): (string | null)[] {
  for (const r of results) expect(r.breach, `${r.id} is a breach report`).toBe(true);
  return results.map((r) => r.incident);
}

describe('class 3: a date that is not the incident’s never splits or moves an incident', () => {
  it.each([
    [
      'a lawsuit filed ten months later, dated only by its filing',
      {
        title: 'Patients sue Lakeshore Clinic over ransomware attack',
        text: 'A class action filed on May 4, 2026 in federal court accuses Lakeshore Clinic of failing to protect patient records stolen in last year’s ransomware attack on the clinic.',
        published: '2026-05-06',
      },
    ],
    [
      'a settlement approved more than a year later',
      {
        title: 'Lakeshore Clinic settles data breach claims for $2 million',
        text: 'A judge approved on November 12, 2026 a $2 million settlement resolving claims over the Lakeshore Clinic data breach, in which hackers stole patient records.',
        published: '2026-11-13',
      },
    ],
    [
      'a final count that also names the year the clinic opened',
      {
        title: 'Lakeshore Clinic breach affected 48,000 patients, final count shows',
        text: 'Lakeshore Clinic, founded in 1998, said the ransomware attack that hit its servers in July 2025 affected 48,000 patients, up from its first estimate.',
        published: '2025-12-01',
      },
    ],
  ])('joins %s', (_what, followUp) => {
    const [first, later] = triage([
      {
        title: 'Lakeshore Clinic says ransomware attack exposed patient records',
        text: 'Lakeshore Clinic said a ransomware attack on July 14, 2025 encrypted its servers and hackers stole patient records.',
        published: '2025-07-20',
      },
      followUp,
    ]);
    const [a, b] = keysOf([first!, later!]);
    expect(b).toBe(a);
  });

  it('dates an incident by its own month when the story cites an older incident', () => {
    const [result] = triage([
      {
        title: 'Harborview Dental says hackers stole patient files',
        text: 'Harborview Dental said hackers stole patient files from its imaging server in August 2025. The practice previously reported a separate breach in March 2023.',
        published: '2025-09-02',
      },
    ]);
    expect(result!.incident).toMatch(/2025-08$/);
  });

  it('keeps two incidents at one organisation apart when attackers and counts differ', () => {
    const [first, second] = triage([
      {
        title: 'Brightwater Billing hit by ransomware, 12,000 patients affected',
        text: 'Brightwater Billing said the Quarry ransomware gang encrypted its claims servers in March 2026, exposing records of 12,000 patients.',
        published: '2026-03-20',
      },
      {
        title: 'Brightwater Billing reports second breach, email accounts hacked',
        text: 'Brightwater Billing said in April 2026 that a group calling itself Lanternfish broke into staff email accounts and stole data of 3,100 patients, a new incident.',
        published: '2026-04-28',
      },
    ]);
    const [a, b] = keysOf([first!, second!]);
    expect(b).not.toBe(a);
  });

  it('keeps undated reports about one organisation apart when they are years apart', () => {
    const [first, second] = triage([
      {
        title: 'Harborview Dental says hackers stole patient files',
        text: 'Harborview Dental said hackers stole patient files from its imaging server.',
        published: '2022-03-02',
      },
      {
        title: 'Harborview Dental says hackers stole patient data',
        text: 'Harborview Dental said hackers broke into its billing system and stole patient data.',
        published: '2025-06-10',
      },
    ]);
    const [a, b] = keysOf([first!, second!]);
    expect(b).not.toBe(a);
  });
});

describe('class 4: one organisation under a short and a long name is one incident', () => {
  it.each([
    ['Granite Peak Health', 'Granite Peak Health System'],
    ['Granite Peak Healthcare', 'Granite Peak Health'],
    ['Solace Resorts', 'Solace Resorts International'],
    ['Meridale Health Systems', 'Meridale Health System'],
  ])('groups "%s" with "%s"', (short, long) => {
    const results = triage([
      {
        title: `${long} says ransomware attack disrupted its network`,
        text: `${long} said a ransomware attack on June 3, 2025 disrupted its network and hackers stole personal data.`,
        published: '2025-06-05',
      },
      {
        title: `${short} confirms data was stolen in June cyberattack`,
        text: `${short} confirmed hackers stole personal data during the June 2025 cyberattack on its network.`,
        published: '2025-06-20',
      },
    ]);
    const [a, b] = keysOf(results);
    expect(b).toBe(a);
  });

  it('groups a name that starts with a short word with its long form ("St. Kilda\'s" and "St. Kilda\'s Regional Medical Center")', () => {
    const results = triage([
      {
        title: "St. Kilda's warns patients after a November cyberattack",
        text: "St. Kilda's said hackers copied patient files during a cyberattack on its network this month.",
        published: '2025-11-19',
      },
      {
        title: "St. Kilda's Regional Medical Center says 131,000 patients affected by November breach",
        text: "St. Kilda's Regional Medical Center said hackers copied files of 131,000 patients during the November 2025 cyberattack.",
        published: '2025-12-20',
      },
    ]);
    const [a, b] = keysOf(results);
    expect(b).toBe(a);
  });

  it('groups two long forms of one brand when one report names the other and the month is the same', () => {
    const results = triage([
      {
        title: 'Corvallo BlueShield says hackers reached member records',
        text: 'Corvallo BlueShield said hackers first got into its network in December 2023 and reached records of 9 million members.',
        published: '2025-09-10',
      },
      {
        title: 'Corvallo Health Plan settles breach claims',
        text: 'Corvallo Health Plan, which does business as Corvallo BlueShield, settled claims over the intrusion that began in December 2023, in which hackers reached member records.',
        published: '2026-01-15',
      },
    ]);
    const [a, b] = keysOf(results);
    expect(b).toBe(a);
  });

  it('keeps two organisations that only share a first word apart', () => {
    const results = triage([
      {
        title: 'Granite Peak Health says ransomware attack disrupted its network',
        text: 'Granite Peak Health said a ransomware attack on June 3, 2025 disrupted its network.',
        published: '2025-06-05',
      },
      {
        title: 'Granite Mutual Insurance says hackers stole customer data',
        text: 'Granite Mutual Insurance said hackers stole customer data in June 2025.',
        published: '2025-06-20',
      },
    ]);
    const [a, b] = keysOf(results);
    expect(b).not.toBe(a);
  });
});

describe('class 9: each incident of a roundup joins its own', () => {
  it('sends a roundup’s second incident to that vendor’s incident, and its first to the first’s', () => {
    const results = triage([
      {
        title: 'Norhaven Systems says ransomware hit its hosting centre',
        text: 'Norhaven Systems said ransomware encrypted servers in its hosting centre on January 20, 2026.',
        published: '2026-01-22',
      },
      {
        title: 'Brightwater Billing says intruder copied claim files',
        text: 'Brightwater Billing said an intruder copied claim files from its billing servers in January 2026.',
        published: '2026-01-24',
      },
      {
        title: 'Brightwater Billing and Norhaven Systems report separate hacks',
        text: 'Two healthcare vendors disclosed unrelated cyberattacks this month. Brightwater Billing said an intruder copied claim files in January 2026. Separately, Norhaven Systems said ransomware encrypted servers at its hosting centre on January 20, 2026.',
        published: '2026-01-28',
      },
    ]);
    const [norhaven, brightwater, roundup] = results;
    expect(norhaven!.incident).not.toBe(brightwater!.incident);
    const roundupKeys = [roundup!.incident, ...(roundup!.separate_incidents ?? []).map((s) => s.incident)].sort();
    expect(roundupKeys).toEqual([norhaven!.incident, brightwater!.incident].sort());
  });

  it('files a roundup under the incident it leads with, even one at no watchlist vendor, and still alerts the vendor of a later item into its own', () => {
    const [hospital, vendor, roundup] = triage([
      {
        title: 'Maple Run Hospice says ransomware took down its phones',
        text: 'Maple Run Hospice said ransomware took down its phones, scheduling and billing on September 21, 2025.',
        published: '2025-09-24',
      },
      {
        title: 'Brightwater Billing says intruder copied claim files',
        text: 'Brightwater Billing said an intruder copied claim files from its billing servers in August 2025.',
        published: '2025-09-02',
      },
      {
        title: 'The Brief: a hospice hit; a billing vendor breach',
        text: 'The Post-Acute Brief | Issue 12\n1. Hospice still recovering from ransomware\nMaple Run Hospice says ransomware took down its phones, scheduling and billing on September 21, 2025.\n2. Billing vendor breach\nBrightwater Billing says an intruder copied claim files from its billing servers in August 2025.',
        published: '2025-10-03',
      },
    ]);
    expect(roundup!.incident).toBe(hospital!.incident);
    expect(roundup!.separate_incidents?.find((s) => s.vendor === 'Brightwater Billing')?.incident).toBe(vendor!.incident);
    expect(roundup!.alert).toBe(true);
  });
});

describe('class 3 and 9: a roundup item is dated by its own item, and a deadline or a notice never dates an incident', () => {
  it('joins a newsletter item about a settlement to the incident it settles, not to the month of the lead item', () => {
    const results = triage([
      {
        title: 'Brightwater Billing says intruder copied claim files',
        text: "Brightwater Billing said an intruder used a contractor's login to copy claim exports from its cloud storage in February 2024.",
        published: '2024-03-12',
      },
      {
        title: 'Vendor Risk Weekly: a hosting count climbs, a billing settlement',
        text: "VENDOR RISK WEEKLY\n1) The hosting number is in\nNorhaven Systems has finished counting whose records were copied in the January 2025 ransomware attack on its servers: 48,300 patients.\n2) Brightwater agrees to pay $2.9 million\nA year after an intruder copied claim exports from Brightwater Billing's cloud storage, the billing company has agreed to a class settlement. A hearing is set for May.",
        published: '2025-04-11',
      },
    ]);
    const [first, roundup] = results;
    const brightwaterItem = (roundup!.separate_incidents ?? []).find((s) => s.vendor === 'Brightwater Billing');
    expect(brightwaterItem?.incident ?? roundup!.incident).toBe(first!.incident);
  });

  it('never dates an incident by a deadline the story sets ("expects to finish by early April")', () => {
    const [result] = triage([
      {
        title: 'Norhaven Systems investigating access to a reporting database',
        text: 'Norhaven Systems said an intruder accessed one of its reporting databases. It detected the access on March 9 and cut it off the next day. It told customers it expects to identify affected practices by early April.',
        published: '2025-03-18',
      },
    ]);
    expect(result!.incident).toMatch(/-2025-03$/);
  });

  it('never dates an incident by the month of a later notice ("its December notice says")', () => {
    const [result] = triage([
      {
        title: 'Norhaven Systems ransomware: what we know',
        text: "Ransomware took Norhaven Systems offline for nine days last fall. Norhaven's December notice says files from an image-routing server were copied.",
        published: '2025-01-20',
      },
    ]);
    expect(result!.breach).toBe(true);
    expect(result!.incident).not.toMatch(/-2024-12$/);
  });
});

describe('reports that name no breached party', () => {
  const unnamed = (entities: string[], months: number[], published: string): IncidentSignature => ({
    version: 1,
    primary: null,
    orgs: [],
    platforms: [],
    vendors: [],
    months,
    laterMonths: [],
    counts: [],
    another: false,
    years: [],
    bareMonths: [],
    published: [published, published],
    entities,
    threatActors: [],
    articles: 1,
  });

  it('join when both lead with the same name and their times fit', () => {
    const tvPage = unnamed(['sandmoor community hospital', 'newscenter'], [], '2023-08-24');
    const release = unnamed(['sandmoor community hospital', 'insurance portability'], [2023 * 12 + 7], '2025-06-17');
    expect(similarity(tvPage, release)?.reason).toContain('sandmoor community hospital');
  });

  it('stay apart when they lead with different names', () => {
    const tvPage = unnamed(['sandmoor community hospital', 'newscenter'], [], '2023-08-24');
    const release = unnamed(['ashby valley clinic', 'sandmoor community hospital'], [2023 * 12 + 7], '2025-06-17');
    expect(similarity(tvPage, release)).toBeNull();
  });
});

describe('incident keys', () => {
  it('spell letters that have no accent to strip (ß, ø, æ) as letters, never as a break', () => {
    const [result] = triage([
      {
        title: 'Utility Stadtwerke Großbrück says hackers copied customer data',
        text: 'Stadtwerke Großbrück, a utility in Lower Saxony, said hackers copied customer data from its billing servers on March 3.',
        published: '2025-03-05',
      },
    ]);
    expect(result!.breach).toBe(true);
    expect(result!.incident).toMatch(/grossbruck/);
    expect(result!.incident).not.toMatch(/gro-/);
  });
});

describe('class 3: numeric dates read in the order their page writes them', () => {
  const reader = new DateReader();
  it.each([
    ['Date(s) breach occurred: 01/06/2025 – 01/11/2025', 1, 6],
    ['El hospital detectó el acceso el 11/06/2025.', 6, 11],
    ['Der Angriff wurde am 03.02.2025 bemerkt.', 2, 3],
    ['Date breach discovered: 03/14/2025', 3, 14],
    ['Le 25/03/2025, la clinique a détecté une intrusion.', 3, 25],
  ])('%s is month %i, day %i', (sentence, month, day) => {
    const [found] = reader.find(sentence);
    expect(found).toMatchObject({ month, day, year: 2025 });
  });

  it('joins a US regulator listing whose dates are month first to the news report of the same breach', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Brightwater Billing says hackers reached its claims archive in January',
          text: 'Brightwater Billing said hackers used a stolen support login to reach its hosted claims archive between January 6 and January 11.',
          published: '2025-02-02',
        },
        {
          title: 'Brightwater Billing, Inc. – breach notification filed with the state attorney general',
          text: 'Entity name: Brightwater Billing, Inc.\nDate(s) breach occurred: 01/06/2025 – 01/11/2025\nDescription of the breach: External system breach (hacking) – unauthorized use of a support credential to access a hosted archive\nTotal number of persons affected: 212,400',
          published: '2025-04-01',
        },
      ]),
    );
    expect(keys[1]).toBe(keys[0]);
  });
});

describe("class 3: the attackers' history never dates the incident", () => {
  it('dates the incident by the attack, not by when the gang first appeared', () => {
    const [result] = triage([
      {
        title: 'Norhaven Systems confirms ransomware attack',
        text: 'Norhaven Systems confirmed that ransomware hit its hosting environment on January 17, 2025. The gang behind it, which appeared in March 2023, usually gets in through unpatched VPN appliances.',
        published: '2025-01-30',
      },
    ]);
    expect(result!.incident).toMatch(/-2025-01$/);
  });
});

describe('class 4: a company that shares a first word and says it is not connected stays apart', () => {
  it('keeps a retailer that denies any link out of the incident of the company it names', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Norhaven Systems discloses ransomware attack',
          text: 'Norhaven Systems said ransomware encrypted its hosting servers on April 14, 2025 and that patient files may have been copied.',
          published: '2025-04-20',
        },
        {
          title: 'Speaker maker Norhaven Audio finds card skimmer on its store',
          text: 'Norhaven Audio said malicious code on its checkout page captured card details of 12,000 shoppers in April 2025. The company is not connected to Norhaven Systems, the EHR vendor that disclosed a ransomware attack in April, a spokesperson said.',
          published: '2025-05-02',
        },
      ]),
    );
    expect(keys[1]).not.toBe(keys[0]);
  });
});

describe('class 4 for attackers: a gang under a short and a long name is one gang', () => {
  it('joins a settlement naming "Gravelhawk International" to the report that named "Gravelhawk"', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Brightwater Billing confirms ransomware attack',
          text: 'Brightwater Billing said ransomware hit its claims servers in November 2024. A ransomware group calling itself Gravelhawk added the company to its extortion site, claiming to hold 533 gigabytes.',
          published: '2024-12-10',
        },
        {
          title: 'Judge approves Brightwater Billing breach settlement',
          text: 'A judge approved a settlement over the November 2024 cyberattack on Brightwater Billing. The class numbers about 2.1 million people. The Gravelhawk International ransomware group later claimed the attack.',
          published: '2025-06-02',
        },
      ]),
    );
    expect(keys[1]).toBe(keys[0]);
  });
});

describe("class 9: a roundup's later item that calls itself 'a separate incident' never splits the lead from its own reports", () => {
  it('joins the digest that leads with the vendor to the vendor’s first report', () => {
    const results = triage([
      {
        title: 'I told Brightwater its claims database was open',
        text: 'I was an engineer at Brightwater Billing until last week. On August 1 a search cluster holding our claims records was brought up without authentication, and two unknown addresses pulled full copies of it on August 3.',
        published: '2025-08-19',
      },
      {
        title: 'Weekly digest: Brightwater confirms its exposed database was copied; a school vendor’s support account abused',
        text: [
          '1) BRIGHTWATER CONFIRMS THE LEAK',
          'Brightwater Billing has confirmed that an unprotected claims database was copied by outsiders in early August and, in letters dated October 1, says it will notify 2.7 million people.',
          '2) SUPPORT ACCOUNT ABUSED',
          'In a separate incident, Pennywhistle Schools Ltd says someone used a compromised support account to view student records between September 22 and September 29.',
        ].join('\n'),
        published: '2025-10-07',
      },
    ]);
    const [first, digest] = keysOf(results);
    expect(first).not.toBeNull();
    expect(digest).toBe(first);
  });

  it('never reads the later item’s "separate incident" as the lead’s second incident', () => {
    const detection = createDetector(watchlist).detect({
      id: 'digest',
      title: 'Weekly digest: Brightwater confirms its exposed database was copied; a school vendor’s support account abused',
      text: [
        '1) BRIGHTWATER CONFIRMS THE LEAK',
        'Brightwater Billing has confirmed that an unprotected claims database was copied by outsiders in early August.',
        '2) SUPPORT ACCOUNT ABUSED',
        'In a separate incident, Pennywhistle Schools Ltd says someone used a compromised support account to view student records between September 22 and September 29.',
      ].join('\n'),
      published: '2025-10-07',
    });
    expect(detection.separateIncidents?.map((s) => s.organisation)).toEqual(['Pennywhistle Schools Ltd']);
    expect(detection.signature.another).toBe(false);
  });
});

describe('class 4: businesses whose names open with one everyday word are not one brand', () => {
  it('keeps a café’s skimmer apart from a meal vendor’s breach that one report says patients confused it with', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Meal vendor Kettle Kitchens says hackers copied patient delivery lists',
          text: 'Kettle Kitchens, which delivers medically tailored meals, said hackers copied delivery lists with patient diagnoses in June 2025.',
          published: '2025-07-02',
        },
        {
          title: 'Patients of Kettle Kitchens get breach letters',
          text: 'Kettle Kitchens began mailing letters this week about the June 2025 intrusion in which hackers copied delivery lists. Some patients first thought the letters came from Kettle & Crumb, a bakery café chain.',
          published: '2025-07-10',
        },
        {
          title: 'Kettle & Crumb café says a card skimmer sat on its ordering page',
          text: 'Kettle & Crumb, a chain of bakery cafés, said malicious code on its online ordering page captured card details between June 3 and June 20, 2025.',
          published: '2025-07-24',
        },
      ]),
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('class 3: a lawsuit that sets an older incident apart still joins its own', () => {
  it('joins the consolidated suit to the March attack, though it says "the two incidents are unrelated"', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Brightwater Billing hit by ransomware',
          text: 'Brightwater Billing said ransomware encrypted its claims servers on March 9, 2025 and that patient files were copied.',
          published: '2025-03-18',
        },
        {
          title: 'Brightwater Billing faces consolidated class action over ransomware attack',
          text: [
            'Five proposed class actions over the ransomware attack on Brightwater Billing have been folded into one case.',
            'The complaint says Brightwater waited nearly three months after the March 9 attack to mail letters.',
            'Brightwater told federal regulators in June that 412,870 people were affected.',
            'They seek damages and an order to purge old records.',
            'The complaint also points to an email compromise Brightwater disclosed in August 2023.',
            'Brightwater has said the two incidents are unrelated.',
          ].join('\n'),
          published: '2025-11-14',
        },
      ]),
    );
    expect(keys[1]).toBe(keys[0]);
  });
});

describe('class 7 the other way: a customer’s earlier incident, named in its vendor’s, stays its own', () => {
  it('keeps a print vendor’s June breach apart from the winter phishing at a client it names', () => {
    const keys = keysOf(
      triage([
        {
          title: 'Brightwater Billing says phishing exposed claims emails',
          text: 'Brightwater Billing says a phishing campaign gave an outsider access to employee mailboxes between November 12 and November 15, 2024, exposing claims emails of 212,000 members.',
          published: '2024-12-06',
        },
        {
          title: 'Print vendor hack exposes benefit statements for plan members',
          text: [
            'Calloway Print Services, a company that prints benefit statements for health plans, says a ransomware attack in early June 2025 exposed files its clients had sent for printing.',
            'Brightwater Billing, one of Calloway’s clients, said about 41,000 of its members were affected.',
            'For Brightwater, the notice is the second in less than a year: it disclosed in December that a phishing attack had exposed claims emails.',
            'That incident was unrelated, Brightwater said.',
          ].join('\n'),
          published: '2025-07-08',
        },
      ]),
    );
    expect(keys[1]).not.toBe(keys[0]);
  });
});
