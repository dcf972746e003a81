import { describe, expect, it } from 'vitest';
import type { Article, Vendor } from '../../src/core/types.js';
import { createDetector } from '../../src/detection/detector.js';
import { countMidSentence } from '../../src/detection/organisation-names.js';
import { prepareArticle } from '../../src/detection/text.js';

// The failure classes of issue 15, each shown on several made-up stories written differently (other names, other
// sentence shapes), so a test fails when the class breaks, not when one article changes. Grouping classes (3, 4, 9)
// are in incident-clustering.test.ts.

function vendor(name: string, extra: Partial<Vendor> = {}): Vendor {
  return { name, aliases: [], products: [], domains: [], criticality: 'medium', ...extra };
}

const watchlist: Vendor[] = [
  vendor('Brightwater Billing', { category: 'medical billing' }),
  vendor('Norhaven Systems', { aliases: ['Norhaven'], category: 'EHR software' }),
  vendor('Quillstone Health Plans', { category: 'payer' }),
  vendor('Tessellate Cloud', { category: 'cloud storage' }),
  vendor('Orrin Genomics', { category: 'genetics' }),
  vendor('Halberd Group', { category: 'holding company' }),
  vendor('Palisade Staffing', { category: 'staffing' }),
];
const detector = createDetector(watchlist);

let seq = 0;
function story(title: string, text: string, extra: Partial<Article> = {}): Article {
  seq += 1;
  return { id: `class-${seq}`, title, text, published: '2025-06-10', ...extra };
}

function roleOf(article: Article, name: string): string | undefined {
  return detector.detect(article).vendors.find((v) => v.name === name)?.role;
}

describe('class 1: an outlet or wire service is never the breached party', () => {
  it.each([
    story(
      'Hackers took files from Tessellate Cloud, Reuters reports',
      'Hackers took customer files from Tessellate Cloud after breaking into a support system, Reuters reported on Tuesday, citing people familiar with the matter. Tessellate Cloud confirmed the intrusion to Reuters.',
    ),
    story(
      'Norhaven Systems confirms ransomware attack',
      'By Dana Whitfield, Lantern Wire Service\nNorhaven Systems confirmed on Friday that a ransomware attack encrypted servers at its data centre, according to Lantern Wire Service. The attack was first reported by The Morning Ledger.',
      { source: 'Healthbeat' },
    ),
    story(
      'Via Meridian Post: Brightwater Billing breach reaches 40,000 patients',
      'Brightwater Billing said an intruder copied claim files for 40,000 patients, Meridian Post reported. The company found the intrusion in January.',
      { source: 'Aggregator Daily' },
    ),
  ])('names the company, not the outlet ($title)', (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    for (const outlet of ['Reuters', 'Lantern Wire Service', 'The Morning Ledger', 'Morning Ledger', 'Meridian Post'])
      expect(detection.organisations).not.toContain(outlet);
  });
});

describe('class 1 on the page of the outlet itself', () => {
  it('never takes the outlet a notice was "seen by" for the breached party', () => {
    const article = story(
      'Ransomware knocks dosing software offline at treatment programs',
      'Treatment programs in six states went back to paper this week after Norhaven Systems took its hosted platform offline in response to a ransomware attack.\nIn a notice to customers seen by Recovery Tech Report, Norhaven said attackers encrypted servers in its hosted environment on January 19.',
      { source: 'Recovery Tech Report' },
    );
    const detection = detector.detect(article);
    expect(detection.organisations).not.toContain('Recovery Tech Report');
    expect(detection.organisations[0]).toBe('Norhaven Systems');
  });
});

describe('class 1 and 2: catalogs and agencies are never the breached party', () => {
  it('never takes the KEV catalog a flaw was added to for an organisation', () => {
    const detection = detector.detect(
      story(
        'Tessellate Cloud flaw added to KEV catalog as vendor confirms hosted service was accessed',
        'The agency added the flaw to its Known Exploited Vulnerabilities catalog. Tessellate Cloud told customers that attackers had reached the hosted service that Tessellate Cloud runs for customers and downloaded files from customer tenants.',
      ),
    );
    expect(detection.organisations).not.toContain('KEV');
    expect(detection.organisations[0]).toBe('Tessellate Cloud');
  });
});

describe('people named by their job are never organisations', () => {
  it('never takes a hospital administrator quoted by surname for the breached party', () => {
    const detection = detector.detect(
      story(
        'Lakeview Memorial sending letters to nearly 9,000 patients after data incident',
        'Patients of Lakeview Memorial Hospital should watch for a letter about a data security incident that exposed billing information, hospital administrator Jolene Baptiste told the board. "Our own systems were never touched. This happened at a company that sends out our bills," Baptiste said.\nThat company is Brightwater Billing of Indianapolis. According to the letter, a hacker got into Brightwater employee email accounts in November.',
      ),
    );
    expect(detection.breach).toBe(true);
    expect(detection.organisations).not.toContain('Baptiste');
    const researcher = detector.detect(
      story(
        'Registry left patient records in open cloud storage',
        'A records company left more than a million patient records in a storage container that anyone with the address could open. Researcher Mara Lindqvist said she found it on November 3. It belonged to Norhaven Systems, a Minneapolis company. Lindqvist emailed the company twice.',
      ),
    );
    expect(researcher.organisations).not.toContain('Lindqvist');
    expect(researcher.organisations[0]).toBe('Norhaven Systems');
    expect(detection.organisations).not.toContain('Jolene Baptiste');
  });
});

describe('programmes and post authors are never organisations', () => {
  it('never takes "Medicaid" or the author of a post ("Dana Ruiz on Linkfolio:") for the breached party', () => {
    const first = detector.detect(
      story(
        'Open storage bucket exposed Medicaid ride records at Palisade Staffing',
        'A researcher found an open storage bucket that exposed 40,000 Medicaid ride records kept by Palisade Staffing, which schedules rides for clinics.',
      ),
    );
    expect(first.organisations).not.toContain('Medicaid');
    const pace = detector.detect(
      story(
        'Records of 2,100 members exposed in breach at PACE programme',
        'Tolland Valley PACE said an intruder got into a staff email account in July and could see records of 2,100 members. The PACE said it has notified them.',
      ),
    );
    expect(pace.organisations).not.toContain('PACE');
    const second = detector.detect(
      story(
        'Dana Ruiz on Linkfolio: what the Palisade Staffing leak taught us',
        'Last month a researcher found that Palisade Staffing left background-check files in a storage bucket anyone could open.',
      ),
    );
    expect(second.organisations).not.toContain('Dana Ruiz');
    const third = detector.detect(
      story(
        'Marisol Achterberg on Profolio: I found 1.3 million files in an open bucket',
        'Profolio\nMarisol Achterberg • 2nd\nIndependent security researcher\nLast Monday I found a storage bucket that anyone on the internet could list and download. It belonged to Palisade Staffing, a background-screening company.',
      ),
    );
    expect(third.organisations).not.toContain('Marisol Achterberg');
  });
});

describe('class 2: a product or feature is never the organisation', () => {
  it.each([
    [
      story(
        'Data of 1 million exposed through Kin Finder tool at Orrin Genomics',
        'Hackers scraped profiles through the Kin Finder tool of Orrin Genomics after logging in with reused passwords, the company said.',
      ),
      'Kin Finder',
    ],
    [
      story(
        'Attackers abused messaging in Norhaven Systems app',
        'Attackers abused the Secure Notes feature in the patient app of Norhaven Systems to read messages, the company said, and accessed 3,000 patient accounts.',
      ),
      'Secure Notes',
    ],
    [
      story(
        'Tessellate Cloud says hackers stole data from its VaultSync service',
        'Tessellate Cloud said hackers broke into its VaultSync service and stole customer files in May.',
      ),
      'VaultSync',
    ],
  ])('makes the company the party ($0.title)', (article, product) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    expect(detection.organisations).not.toContain(product);
  });
});

describe("class 7: a customer's notice of its vendor's breach alerts the vendor", () => {
  it.each([
    story(
      'Alder Home Care says patient data exposed in breach at its software vendor',
      'Alder Home Care, a home health agency, is notifying 12,400 patients that their diagnoses were exposed after hackers broke into systems of its software vendor, Norhaven Systems. Norhaven detected the intrusion on May 3, the notice said. Alder said its own network was not affected.',
    ),
    story(
      'Riverbend Clinic notifies patients of third-party billing breach',
      'Riverbend Clinic said a third-party billing company, Brightwater Billing, suffered a ransomware attack in April that exposed patient billing records. The clinic began mailing letters to 8,000 patients on June 2.',
    ),
    story(
      'Maple County schools warn staff after payroll contractor hack',
      'Maple County Schools told employees that their Social Security numbers may have been stolen in a cyberattack on one of its contractors, Palisade Staffing. Palisade found the intrusion in March.',
    ),
  ])('makes the vendor primary and the customer related ($title)', (article) => {
    const detection = detector.detect(article);
    const [vendorName] = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(detection.alert).toBe(true);
    expect(['Norhaven Systems', 'Brightwater Billing', 'Palisade Staffing']).toContain(vendorName);
    expect(detection.organisations[0]).toBe(vendorName);
    expect(detection.organisations.length).toBeGreaterThan(1);
  });

  it.each([
    story(
      'Harlow Pediatrics tells families their billing records were exposed',
      "Harlow Pediatrics is mailing letters to 3,100 families whose billing records were caught up in a ransomware attack on a company that handles its claims. The company, Brightwater Billing, which handles claims for dozens of practices, told Harlow on May 2 that files taken from its systems in April included names and insurance numbers. Harlow said it was one of many of Brightwater Billing's customers.",
    ),
    story(
      'County staff told prescription records were copied',
      "Wexford County has told 900 employees that prescription records were copied when its pharmacy benefit manager, Quillstone Health Plans, was hit by ransomware last month. Quillstone informed the county on March 4 that attackers had broken into the company's own network.",
    ),
    story(
      'Law firm notifies clients after its IT provider was breached',
      "Dunmore & Pike, a 40-lawyer firm, has begun notifying clients after its IT provider was breached. The firm's managed IT provider, Palisade Staffing, said an attacker got into its remote support platform on August 9.",
    ),
    story(
      "Security update: we rotated our keys after Tessellate Cloud's incident",
      'Our storage provider, Tessellate Cloud, told customers that an attacker had used a stolen credential to access one of its internal accounts. As a precaution we rotated every key we use. Our own systems were not accessed.',
    ),
  ])('makes the vendor primary when only the vendor says where the intruders were ($title)', (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toHaveLength(1);
    expect(['Brightwater Billing', 'Quillstone Health Plans', 'Palisade Staffing', 'Tessellate Cloud']).toContain(
      detection.organisations[0],
    );
  });

  it.each([
    story(
      'Notice of Data Security Incident',
      "Home > Patients > Notice\nAlder Home Care is providing notice of an event that may affect some patients. This notice explains what happened and what you can do.\nWhat happened\nOn March 6 we were informed by one of our vendors that an unknown person had gained access to a file transfer server in the vendor's environment and had copied certain files.\nThe vendor is Brightwater Billing, which prepares and mails patient statements for us. Alder's own systems, including our patient portal, were not involved.",
    ),
    story(
      'An important message for our members',
      'Dear Member,\nWe are writing to let you know about an incident that may involve some of your information. Protecting your privacy matters to us, and we want you to understand what happened and the steps you can take.\nWhat happened\nThe plan does not process claims on its own. Like most plans we contract with a benefits manager. On March 6 that company, Quillstone Health Plans, informed us that an outside party had gained access to one of its internal file servers and copied a number of files.',
    ),
    story(
      'Maple Pediatrics notifies families about an incident at its after-hours call service',
      'Dear families,\nWe are writing about an incident involving recordings of calls made to our office after hours. On May 28 the company told us that a researcher had found a storage location belonging to it that anyone could read without a password.\nOur answering service is Palisade Staffing. Our own systems were not affected.',
    ),
  ])("makes the vendor a customer's notice names the breached party, wherever the notice names it ($title)", (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    expect(['Brightwater Billing', 'Quillstone Health Plans', 'Palisade Staffing']).toContain(detection.organisations[0]);
  });

  it.each([
    story(
      'Notice of Data Security Incident',
      'Home > News\nNotice of Data Security Incident\nWhat happened? Like many employers, we use an outside company to run payroll. On February 12 that company told us that an unauthorized person had gained access to one of its reporting systems and copied files about people on our payroll.\nWhat we are doing. The payroll company, Palisade Staffing, has told us it has closed the access and reset every credential.',
    ),
    story(
      'Important notice to patients',
      'Dear patient,\nWhat happened\nOn April 4 an unauthorized person gained access to a file server and copied statement files.\nWe have asked the collection agency, Brightwater Billing, for a full account of its investigation.',
    ),
  ])('makes the vendor a notice names in an aside by its role the breached party ($title)', (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    expect(['Palisade Staffing', 'Brightwater Billing']).toContain(detection.organisations[0]);
  });

  it("makes the business associate a regulator's entry names the breached party", () => {
    const detection = detector.detect(
      story(
        "Records vendor's breach reaches 400,000 patients, federal portal shows",
        'An intruder removed patient information from a company that sells records software to small practices, according to a listing on the federal breach portal. The entry names Norhaven Systems, a firm in Ohio, as a business associate and describes a hacking incident involving a network server.',
      ),
    );
    expect(detection.organisations[0]).toBe('Norhaven Systems');
    expect(detection.alert).toBe(true);
  });

  it("never takes a headline's first everyday word for the organisation", () => {
    const detection = detector.detect(
      story(
        'Staffing provider Palisade says intruder copied tax data from reporting system',
        'Palisade Staffing is writing to hundreds of hospital clients after an intruder copied year-end tax files from its reporting system. The company said it found the access on January 21.',
      ),
    );
    expect(detection.organisations).not.toContain('Staffing');
    expect(detection.organisations[0]).toBe('Palisade Staffing');
  });

  it('makes the vendor primary when the customer names it by its role and says its own network was not accessed', () => {
    const article = story(
      'Alder Imaging Centers notifies 61,300 patients after cloud archive breach',
      'Alder Imaging Centers, which runs 22 outpatient imaging sites, has begun notifying 61,300 patients that their records were copied. In letters mailed this week, Alder said its archive vendor, Norhaven Systems, told it on Nov. 22 that an attacker had taken files from a Norhaven support environment in October. Alder said its own network was not accessed. Alder is at least the third imaging provider to send letters.',
    );
    expect(roleOf(article, 'Norhaven Systems')).toBe('primary');
    expect(detector.detect(article).organisations[0]).toBe('Norhaven Systems');
  });

  it('makes the vendor primary when the customer describes it by what it does for the customer, after its name', () => {
    const article = story(
      "Alder Health tells hospitals a texting subcontractor's breach exposed appointment reminders",
      'Alder Health, whose reminder service is used by about 60 hospitals, has started notifying those customers that Palisade Staffing, the Austin company that delivers its text messages, was breached in August. In a letter, Alder said Palisade discovered that an attacker had used a stolen key to pull message logs from its platform. "Alder\'s own systems were not accessed," the company wrote.',
    );
    expect(roleOf(article, 'Palisade Staffing')).toBe('primary');
  });

  it("never reads a place that holds the vendor's everyday alias as the vendor ('Norhaven County')", () => {
    const article = story(
      'Notice of Data Security Incident',
      'Lindell Park Hospital, in Norhaven County, Ohio, is writing to tell patients about an incident at one of our vendors.\nWhat happened: We use a file-transfer service provided by Norhaven Systems. On November 8, Palisade Staffing, which runs our IT service desk, told us that Norhaven Systems had reported that an unauthorized party exploited a vulnerability in the service and downloaded files from customer accounts. Norhaven later confirmed that files in our account were taken.',
    );
    expect(roleOf(article, 'Norhaven Systems')).toBe('primary');
    expect(roleOf(article, 'Palisade Staffing')).not.toBe('primary');
  });

  it("makes the provider a regulator's form names as where the breach occurred the breached party, not the filer", () => {
    const article = story(
      'Data Breach Notification: Brightwater Billing, LLC',
      'Office of the Attorney General\nData Breach Notifications > 2025 > Brightwater Billing\nEntity Name: Brightwater Billing, LLC\nTotal number of persons affected: 48,211\nBreach occurred at a third-party service provider: Yes (Palisade Staffing, subcontractor)\nDescription of the Breach: External system breach (hacking)\nExcerpt from notice: "On November 14, Palisade Staffing notified us that an unauthorized person accessed a shared drive at one of its offices."',
    );
    expect(roleOf(article, 'Palisade Staffing')).toBe('primary');
    expect(roleOf(article, 'Brightwater Billing')).not.toBe('primary');
  });

  it('never reads "a separate filing" as a roundup of separate incidents', () => {
    const detection = detector.detect(
      story(
        'Norhaven Systems breach reaches 212,480 people on federal portal',
        'The intrusion at Norhaven Systems affected 212,480 people, according to the federal breach portal. A separate filing with the Maine attorney general lists 214,907 people. The clinic group Alder Health told 18,236 patients in May that their files were copied.',
      ),
    );
    expect(detection.separateIncidents).toBeUndefined();
    expect(detection.organisations[0]).toBe('Norhaven Systems');
  });

  it('never takes a place before "-domiciled" or an "[UPDATED:" tag for an organisation', () => {
    const detection = detector.detect(
      story(
        'Cloud host down - anyone else? [UPDATED: vendor says cybersecurity incident]',
        'Tessellate Cloud, the Cork, Ireland-domiciled maker of hosting consoles, told investors that ransomware encrypted servers at its data centre.',
      ),
    );
    expect(detection.organisations).not.toContain('Cork');
    expect(detection.organisations.some((o) => /updated/i.test(o))).toBe(false);
    expect(detection.organisations[0]).toBe('Tessellate Cloud');
  });

  it('never takes a law firm investigating claims for the breached party', () => {
    const article = story(
      'Brightwater Billing data breach investigation',
      'Home > Investigations > Brightwater Billing\nDunmore Pike LLP is investigating claims on behalf of people whose health information was involved in a data security incident at Brightwater Billing, a company that bills for clinics. According to a breach report the company filed, an intruder copied claim files in March.',
    );
    const detection = detector.detect(article);
    expect(detection.organisations[0]).toBe('Brightwater Billing');
    expect(detection.organisations).not.toContain('Dunmore Pike LLP');
  });

  it("keeps the customer primary when the vendor only told it about the customer's own systems", () => {
    const article = story(
      'Harlow Pediatrics says hackers broke into its network',
      'Harlow Pediatrics said hackers broke into its network in April. Brightwater Billing told Harlow on May 2 that hackers had broken into the practice network, not into any billing system.',
    );
    expect(roleOf(article, 'Brightwater Billing')).not.toBe('primary');
  });

  it('keeps the customer primary when the vendor was only its tool', () => {
    const article = story(
      'Riverbend Clinic says ransomware hit its servers',
      'Riverbend Clinic said ransomware encrypted its own servers in April. The clinic uses software made by Norhaven Systems, which was not involved.',
    );
    expect(detector.detect(article).alert).toBe(false);
    expect(roleOf(article, 'Norhaven Systems')).not.toBe('primary');
  });
});

describe('class 2: a word capitalised only by a Title Case headline or a sentence start is no organisation', () => {
  it.each([
    story(
      'Notice of Data Security Incident Involving a Claims Courier Partner',
      'We are posting this notice about an incident at Brightwater Billing, an independent company that handles claims for several of our clinics. Brightwater told us that an unauthorized party had accessed its network in May and copied files. Courier slips were among the files.',
    ),
    story(
      'Update on an Incident at a Records Storage Partner',
      'Our records storage partner, Tessellate Cloud, told us on June 2 that an intruder copied files from one of its servers. Storage boxes at our sites were not affected.',
    ),
  ])('keeps the vendor the notice names as the breached party ($title)', (article) => {
    const detection = detector.detect(article);
    const expected = article.text.includes('Brightwater') ? 'Brightwater Billing' : 'Tessellate Cloud';
    expect(detection.organisations[0]).toBe(expected);
    expect(detection.vendors.find((v) => v.name === expected)?.role).toBe('primary');
  });
});

describe('class 2: the first word of a sentence-case headline is no organisation', () => {
  it('reads a hyphenated modifier ("Billing-software vendor …") as a word, not a name', () => {
    const detection = detector.detect(
      story(
        'Billing-software vendor sued as breach tally passes 50,000',
        'A patient has sued Brightwater Billing over a cyberattack in March that exposed the billing records of about 50,000 people. The lawsuit says the company took six weeks to warn clinics.',
      ),
    );
    expect(detection.organisations[0]).toBe('Brightwater Billing');
    expect(detection.organisations).not.toContain('Billing-software');
  });

  it('never counts a product name that begins with the word as the word standing mid-sentence', () => {
    const detection = detector.detect(
      story(
        'Stent registry left 200,000 patient records in open cloud storage',
        'A stent-tracking company left 200,000 patient records in a storage container that anyone with the address could open, a researcher found. The container held names and stent models. File names pointed to Orrin Genomics, whose StentTrace service tracks which stent went into which patient.',
      ),
    );
    expect(detection.organisations[0]).toBe('Orrin Genomics');
    expect(detection.organisations).not.toContain('Stent');
    const prepared = prepareArticle({
      id: 'mid',
      title: 'Stent registry exposed',
      text: 'Records pointed to a firm whose StentTrace service tracks stents.',
    });
    expect(countMidSentence(prepared, 'Stent')).toBe(0);
  });
});

describe('class 7 told by a patient: the company whose letter reports the breach, not the ward it names', () => {
  it('makes the sender of the breach letter primary, and never a hospital unit by its initials', () => {
    const detection = detector.detect(
      story(
        'Letter says my ICU billing records were "viewed by an unauthorized party" - anyone else?',
        'Last winter I spent a week in the ICU at Marlow General. Today I got a letter from a company called Brightwater Billing saying someone logged in with a stolen contractor account in May and viewed billing records. I had never heard of them.',
      ),
    );
    expect(detection.organisations).not.toContain('ICU');
    expect(detection.vendors.find((v) => v.name === 'Brightwater Billing')?.role).toBe('primary');
  });
});

describe('class 7 told by a researcher: the company whose own account says what was left open', () => {
  it('makes the company primary from "N\'s statement to me: …"', () => {
    const detection = detector.detect(
      story(
        'Thread: an open database full of billing messages',
        "1/ Last week I found a database with no password on it, holding about 2 million billing messages. It is closed now.\n2/ Nobody answered my emails for a week.\n3/ Today I got Brightwater Billing's statement to me: a replica was left open by a configuration change during a migration.",
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Brightwater Billing')?.role).toBe('primary');
  });
});

describe('class 7 told by a researcher: the owner of the exposed data, named once far down', () => {
  it('makes the company the exposed files point to primary, and a product recall is no passing mention', () => {
    const detection = detector.detect(
      story(
        'Implant registry left 1.2 million patient records in open cloud storage',
        'A device-tracking company that runs outcome registries for hospitals left more than a million patient records in a storage container that anyone with the address could open, a researcher found.\nThe researcher said she came across the container on May 3 while scanning for misconfigured storage.\nIt held 1.2 million records, including names, surgery dates and the model of each implant.\nSome files included revision notes.\nFile names and internal references pointed to Orrin Genomics, a Denver company whose service lets hospitals track which implant went into which patient in case of a recall.\nThe container was closed on May 5.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Orrin Genomics')?.role).toBe('primary');
    expect(detection.alert).toBe(true);
  });
});

describe('class 7 told by a researcher: the store the data sat in "belonged to" the company', () => {
  it.each([
    story(
      'Researcher on an open bucket of clinic uploads',
      'TL;DR: I reported an exposure last month.\nOn March 4 I came across a cloud storage bucket with no authentication that belonged to Tessellate Cloud, the file-sharing service a lot of PT clinics use. It held 90,000 patient uploads.',
    ),
    story(
      'An open search index of intake forms',
      'From April 2 until April 9, a search cluster belonging to Orrin Genomics was reachable from the internet with no password. It held about 12,000 intake forms.',
    ),
  ])('makes the owner primary, not initials or shorthand ($title)', (article) => {
    const detection = detector.detect(article);
    const why = detection.why.join(' | ');
    expect(detection.alert, why).toBe(true);
    expect(detection.organisations, why).not.toContain('PT');
    expect(detection.organisations, why).not.toContain('TL');
    expect(detection.organisations, why).not.toContain('DR');
  });
});

describe('class 2: the gang whose leak site lists the victim is never the breached party', () => {
  it('reads "Copper Wren\'s leak site added N" as N breached by the gang', () => {
    const detection = detector.detect(
      story(
        'Threat intel notes (@analyst)',
        "Copper Wren's leak site added Brightwater Billing overnight. They claim 310 GB pulled from its claims system. Copper Wren posted two sample screenshots with patient names.",
      ),
    );
    expect(detection.organisations).not.toContain('Copper Wren');
    expect(detection.vendors.find((v) => v.name === 'Brightwater Billing')?.role).toBe('primary');
  });
});

describe('class 4: a settlement site named after the company is the company', () => {
  it('alerts the vendor a settlement website names as "N Settlement Administrator"', () => {
    const detection = detector.detect(
      story(
        'In re Norhaven Data Security Incident Litigation - Official Settlement Website',
        'A $4,150,000 settlement has been reached in a class action lawsuit against Norhaven, Inc. about a data security incident in which an unauthorized party accessed Norhaven systems in February 2025 and copied files. Questions? Write to the Norhaven Settlement Administrator.',
      ),
    );
    expect(detection.organisations).not.toContain('Norhaven Settlement Administrator');
    expect(detection.vendors.find((v) => v.name === 'Norhaven Systems')?.role).toBe('primary');
  });
});

describe('class 4 the other way round: a short name that belongs to another company the story names in full', () => {
  it('never alerts the vendor whose alias is the first word of the breached company the story names', () => {
    const article = story(
      'Norhaven Freight Lines says hackers stole driver records',
      'Norhaven Freight Lines, a trucking company in Ohio, said hackers stole driver records from its dispatch servers in March. Norhaven said it has notified 4,000 drivers and hired investigators. A Norhaven spokesperson declined to comment further.',
    );
    expect(roleOf(article, 'Norhaven Systems')).toBeUndefined();
    expect(detector.detect(article).alert).toBe(false);
  });

  it('reads one word and a legal form after the alias ("Norhaven Payroll, Inc.") as that company, headline included', () => {
    const article = story(
      'Norhaven breach exposes payroll files of restaurant workers',
      'Norhaven, the scheduling and payroll app used by independent restaurants, left a storage bucket open to the internet, a researcher says. Norhaven Payroll, Inc., the company behind the app, locked it down the next day. In a statement, Norhaven said it is notifying employers. "We use it for norhaven planning and tips," one owner said.',
    );
    expect(roleOf(article, 'Norhaven Systems')).toBeUndefined();
    expect(detector.detect(article).alert).toBe(false);
  });

  it('reads a bare alias as the company the story names in full when the matcher already saw it joined ("Norhaven Dental Laboratory")', () => {
    const article = story(
      'Norhaven dental lab says email compromise exposed patient prescriptions',
      'Norhaven Dental Laboratory, an implant lab in Tacoma, is notifying 23,400 patients after an employee email account was compromised. Norhaven said it found no evidence that its design files were touched.',
    );
    expect(roleOf(article, 'Norhaven Systems')).not.toBe('primary');
    expect(detector.detect(article).alert).toBe(false);
  });

  it('still alerts the vendor when the story names it by a longer form too', () => {
    const article = story(
      'Norhaven Systems confirms breach; not related to Norhaven Freight Lines',
      'Norhaven Systems said hackers stole customer records from its servers in March. Norhaven said it has notified 4,000 customers. The company is not related to Norhaven Freight Lines, a trucking firm.',
    );
    expect(roleOf(article, 'Norhaven Systems')).toBe('primary');
  });
});

describe('class 4 in a healthcare story: a vendor word that is the short name of another health organisation', () => {
  const billing = createDetector([
    vendor('Harbor', { aliases: ['Harbor RCM'], category: 'patient billing service' }),
    vendor('Juniper Purchasing Alliance', { aliases: ['Juniper'], category: 'group purchasing organisation' }),
  ]);

  it.each([
    story(
      'Ransomware shuts Harbor Dialysis Center scheduling',
      'Harbor Dialysis Center, which runs four clinics in the valley, said ransomware encrypted its scheduling servers on June 2. Harbor said attackers may have copied patient files, and the clinic has moved treatments for some patients to a nearby hospital.',
    ),
    story(
      'Oxygen deliveries late after attack on Juniper Home Medical Equipment',
      'Juniper Home Medical Equipment, a supplier of oxygen and hospital beds, says an attack encrypted its billing systems last week. In a letter to physicians, Juniper said it does not yet know whether patient records were taken; deliveries to patients are running late.',
    ),
  ])('alerts no vendor when the bare word stands for the organisation named in full ($title)', (article) => {
    const detection = billing.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(false);
    expect(detection.vendors.filter((v) => v.role === 'primary')).toEqual([]);
  });

  it('still reads the bare word as the vendor when the compound beside it is a product, not an organisation', () => {
    const detection = billing.detect(
      story(
        'Billing vendor Harbor says portal intruder reached patient statements',
        'Harbor, the patient billing service, said an intruder used a stolen login to reach its Harbor Statements portal. Harbor said the patient statements of several hospitals and clinics were viewed.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Harbor')?.role).toBe('primary');
  });
});

describe('class 4 with a bare alias several vendors share', () => {
  it('gives the bare word to the vendor the story names in full', () => {
    const shared = createDetector([
      vendor('Anchor Mail Pharmacy', { aliases: ['Anchor'], category: 'mail-order pharmacy' }),
      vendor('Anchor Backup', { aliases: ['Anchor'], category: 'backup software' }),
    ]);
    const detection = shared.detect(
      story(
        'Label images exposed at mail-order pharmacy',
        'Anchor Mail Pharmacy left about 310,000 prescription label images in a cloud bucket anyone could open. Anchor locked it down on August 23 and says it will notify patients.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Anchor Mail Pharmacy')?.role).toBe('primary');
    expect(detection.vendors.find((v) => v.name === 'Anchor Backup')).toBeUndefined();
  });
});

describe('class 4 in one story: an everyday word as the short name of a vendor the story names in full', () => {
  it('alerts the vendor when the notice calls it by the everyday word after naming it in full', () => {
    const paging = createDetector([vendor('Cardinal Paging Services', { not: ['Cardinal Health'], category: 'answering service' })]);
    const article = story(
      'Maple Pediatrics notifies families about an incident at its after-hours call service',
      'Dear families,\nOn May 28 the company that answers our after-hours calls told us that a researcher had found a storage location belonging to it that anyone with the web address could open. Our answering service is Cardinal Paging Services. Cardinal has told us the storage was secured on May 21 and that it held recordings of calls to many practices.',
    );
    const detection = paging.detect(article);
    expect(detection.alert).toBe(true);
    expect(detection.vendors.find((v) => v.name === 'Cardinal Paging Services')?.role).toBe('primary');
  });
});

describe('class 3: a lawsuit follow-up names the breached party beside the breach', () => {
  it('makes the company a lawsuit accuses primary when the sentence before tells the breach', () => {
    const article = story(
      'Heart monitor maker breach reached 200,000 patients, lawsuit says',
      'A Marlow County woman whose heart readings were among the files taken in a breach last fall is suing the company that made her monitor. The lawsuit, filed Monday in federal court, says Brightwater Billing waited too long to warn patients and failed to protect an account. The company makes small heart monitors and runs the service that sends readings to doctors.',
    );
    const detection = detector.detect(article);
    expect(detection.organisations[0]).toBe('Brightwater Billing');
    expect(detection.alert).toBe(true);
  });
});

describe('class 8 the other way: a division is the company itself', () => {
  it('makes the company primary when its division, not a subsidiary, was hit', () => {
    const detection = detector.detect(
      story(
        "Ransomware hits Halberd Group's records arm",
        'Halberd Group has confirmed that its Records Management division was hit by ransomware this month. The division suffered the attack on June 3 and its archive service was offline for days.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Halberd Group')?.role).toBe('primary');
  });
});

describe('class 8: the parent named beside the breached company is never primary', () => {
  it.each([
    story(
      'Orrin Genomics, a subsidiary of Halberd Group, discloses data breach',
      'Orrin Genomics, a subsidiary of Halberd Group, said attackers accessed customer reports stored on its servers in February. Halberd Group said its own systems were not affected.',
    ),
    story(
      'Halberd Group unit Orrin Genomics hit by cyberattack',
      'Orrin Genomics, which Halberd Group acquired in 2022, said hackers accessed customer DNA reports in February.',
    ),
  ])('alerts the subsidiary, not the parent ($title)', (article) => {
    expect(roleOf(article, 'Orrin Genomics')).toBe('primary');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it.each([
    story(
      'Halberd Group discloses ransomware at lab subsidiary in 8-K',
      'Halberd Group said in a filing on Monday that its Orrin Genomics subsidiary detected ransomware on Sept. 12 that encrypted systems used to process samples. Halberd said the investigation is at an early stage. Halberd acquired Orrin in 2019, and Halberd shares fell 6% on Monday.',
    ),
    story(
      'Halberd Group says subsidiary hit by ransomware',
      'NASHVILLE, Jan 23 (Lantern Wire) - Halberd Group said on Thursday that its claims-processing subsidiary, Orrin Genomics, had been hit by a ransomware attack. Halberd said its other businesses run on separate networks. Halberd bought Orrin in 2022.',
    ),
    story(
      'Halberd Group discloses cybersecurity incident at testing unit',
      'NEW YORK, April 15 (Lantern Wire) - Halberd Group, Inc. said on Tuesday that an unauthorized party accessed customer information at its genetic testing subsidiary, Orrin Genomics. Halberd said it has notified law enforcement. Halberd shares fell 3.1%.',
    ),
    story(
      'Halberd Group agrees to settlement over 2021 server hack',
      "Halberd Group has agreed to pay $2.35 million to resolve a class action.\nThe lawsuit centred on a file-transfer server run by Halberd's Orrin Genomics unit, which keeps customer reports. In June 2021 the company found that an outsider had been in that server for two weeks and had downloaded customer files.",
    ),
  ])("alerts the unit when the parent's filing says the unit was hit ($title)", (article) => {
    expect(roleOf(article, 'Orrin Genomics')).toBe('primary');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it('alerts a subsidiary a filing names without commas, and never takes "an incident at N unit" for a parent', () => {
    const article = story(
      'Halberd Group 8-K: Item 1.05 cybersecurity incident at Orrin Genomics unit',
      'Item 1.05 Material Cybersecurity Incidents. Halberd disclosed that on October 21, 2024, its wholly owned subsidiary Orrin Genomics, LLC detected unauthorized activity in a support environment. Halberd said it has notified law enforcement.',
    );
    expect(roleOf(article, 'Orrin Genomics')).toBe('primary');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it('alerts the chain a parent says hackers stole from, "the chain it bought in 2021"', () => {
    const article = story(
      'Halberd Group says hackers took customer records from its Orrin clinics',
      'Phoenix-based Halberd Group said Wednesday that hackers stole customer information from Orrin Genomics, the 38-clinic testing chain it bought in 2021, in an attack last month. Halberd, which also owns a billing company, said those businesses run on separate networks and were not affected. Halberd did not say how many customers were involved.',
    );
    expect(roleOf(article, 'Orrin Genomics')).toBe('primary');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it('keeps the parent primary when its unit was only sold', () => {
    const article = story(
      'Halberd Group reports ransomware attack on its own network',
      'Halberd Group said ransomware encrypted servers at its headquarters in May. Halberd said its testing subsidiary, Orrin Genomics, had been sold to a rival in March.',
    );
    expect(roleOf(article, 'Halberd Group')).toBe('primary');
  });

  it('never reads "its parent company, N" in a lawsuit as the vendor of a notice', () => {
    const article = story(
      'Genetics firm sued as breach count tops 400,000',
      'CHICAGO, Aug 12 (Midwest Wire) - Two customers sued Orrin Genomics and its parent company, Halberd Group, on Monday, alleging that the genetics firm left customer reports open to an intruder for nearly two weeks.\nThe proposed class action comes after the company told regulators that 412,600 people were affected.',
    );
    expect(detector.detect(article).breach).toBe(true);
    expect(roleOf(article, 'Orrin Genomics')).toBe('primary');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it('makes the unit primary when the parent tells of an incident at one of its units', () => {
    const article = story(
      'Halberd Group discloses intrusion at its staffing unit',
      'Halberd Group said on Thursday that someone outside the company spent a week inside a support system belonging to one of its business units and downloaded files. The unit is Palisade Staffing, which Halberd bought in 2021. Palisade Staffing said the intruder used a stolen session token to get into an internal console.',
    );
    const detection = detector.detect(article);
    expect(detection.organisations[0]).toBe('Palisade Staffing');
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });

  it('alerts the parent when its own systems were hit', () => {
    const article = story(
      'Halberd Group says hackers breached its corporate network',
      'Halberd Group, the parent of Orrin Genomics, said hackers breached its own corporate network in May and stole employee data.',
    );
    expect(roleOf(article, 'Halberd Group')).toBe('primary');
  });
});

describe('class 10: a town after the name in Spanish or Portuguese ("N, de Harlingen,") is a place', () => {
  it.each([
    story(
      'Centro de diálisis de Brownsville notifica a 12.000 pacientes tras un ciberataque',
      'El centro Riverbend Dialysis Partners, de Brownsville, informó que datos de 12.000 pacientes pudieron quedar expuestos en el ataque de ransomware de marzo.',
    ),
    story(
      'Clínica de Campinas confirma vazamento de dados',
      'A Clínica Vale Sereno, de Campinas, confirmou que criminosos tiveram acesso indevido a exames de pacientes em março.',
    ),
  ])('keeps the organisation, not the town, as the breached party ($title)', (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.organisations[0]).not.toMatch(/^(?:Brownsville|Campinas)$/);
    expect(detection.organisations).not.toContain('Brownsville');
    expect(detection.organisations).not.toContain('Campinas');
  });
});

describe('class 8 and 10: a German parent reporting an attack on its subsidiary', () => {
  it('makes the subsidiary primary ("Cyberangriff auf seine amerikanische Tochter N"), never the German role noun', () => {
    const detection = detector.detect(
      story(
        'Cyberangriff auf US-Tochter: Halberd Group senkt Prognose',
        'Die Halberd Group hat am Donnerstag einen Cyberangriff auf seine amerikanische Tochter Orrin Genomics gemeldet. Unbekannte hätten Teile der Systeme verschlüsselt; es gebe Hinweise, dass Daten abgezogen wurden.',
      ),
    );
    expect(detection.organisations).not.toContain('Tochter Orrin Genomics');
    expect(detection.vendors.find((v) => v.name === 'Orrin Genomics')?.role).toBe('primary');
    expect(detection.vendors.find((v) => v.name === 'Halberd Group')?.role).not.toBe('primary');
  });
});

describe('class 8 and 10: the owner named in another language ("controllata dal gruppo N") is never primary', () => {
  it.each([
    story(
      'Attacco ransomware al cloud di Orrin Genomics (gruppo Halberd)',
      "Orrin Genomics, la società americana controllata dal gruppo svedese Halberd Group, ha confermato che un attacco ransomware ha cifrato i server del servizio. Halberd Group ha confermato l'attacco in una nota.",
    ),
    story(
      'Ataque hacker atinge Orrin Genomics, subsidiária da Halberd Group',
      'A Orrin Genomics, subsidiária da Halberd Group, confirmou que hackers acessaram os servidores da empresa. A Halberd Group confirmou o ataque.',
    ),
  ])('keeps the owner from being the breached party ($title)', (article) => {
    expect(roleOf(article, 'Halberd Group')).not.toBe('primary');
  });
});

describe('class 7 and 10: a customer placing the leak at its vendor, in Dutch', () => {
  it('makes the vendor primary ("het lek zat niet bij het ziekenhuis zelf, maar bij N")', () => {
    const detection = detector.detect(
      story(
        'Gegevens van 3.000 ziekenhuismedewerkers op straat door lek bij leverancier',
        'Van ruim 3.000 medewerkers van het Maasoever MC hebben namen twee weken lang onbeveiligd op internet gestaan. Het lek zat niet bij het ziekenhuis zelf, maar bij Tessellate Cloud, het Amerikaanse bedrijf dat de opslag levert.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Tessellate Cloud')?.role).toBe('primary');
  });
});

describe('class 10: other languages and URL-slug titles', () => {
  it.each([
    story(
      'norhaven-systems-confirma-ataque-ransomware-contra-hospitais',
      'A Norhaven Systems confirmou que sofreu um ataque de ransomware que expôs dados de pacientes de hospitais clientes. O vazamento afetou cerca de 50 mil pacientes.',
    ),
    story(
      'Hackerangriff auf Brightwater Billing: Patientendaten gestohlen',
      'Der Abrechnungsdienstleister Brightwater Billing ist Opfer eines Hackerangriffs geworden. Die Angreifer haben Patientendaten von Arztpraxen erbeutet, teilte das Unternehmen mit.',
    ),
    story(
      'Datalek bij Quillstone Health Plans: gegevens van leden gestolen',
      'Bij Quillstone Health Plans is een datalek ontdekt. Hackers hebben gegevens van duizenden verzekerden gestolen, meldt de zorgverzekeraar.',
    ),
    story(
      'Fuite de données chez Orrin Genomics',
      "Orrin Genomics a été victime d'une cyberattaque. Des pirates ont dérobé des données génétiques de clients, selon l'entreprise.",
    ),
    story(
      'Ciberataque a Tessellate Cloud expone datos de clientes',
      'Tessellate Cloud sufrió un ciberataque que expuso datos de clientes. Los atacantes accedieron a sus servidores en marzo.',
    ),
  ])('reads a breach and its party ($title)', (article) => {
    const detection = detector.detect(article);
    expect(detection.breach).toBe(true);
    expect(detection.alert).toBe(true);
    // A slug title is words joined by hyphens, never an organisation.
    for (const name of detection.organisations) expect(name).not.toMatch(/-/);
  });

  it.each([
    story(
      'Un fallo eléctrico deja sin sistemas informáticos a la Clínica San Telmo',
      'Un fallo en el suministro eléctrico dejó sin sistemas informáticos durante cuatro horas a la Clínica San Telmo. La dirección descartó un ciberataque: «no hay ningún indicio de ataque», dijo el gerente.',
    ),
    story(
      'Millions lose mobile service as Tessellate Cloud network fails',
      'About 4 million customers lost service for most of Tuesday in an outage Tessellate Cloud blamed on a software upgrade. Tessellate Cloud said there was no indication the outage was caused by a cyberattack. The failure comes two years after a data breach at the company.',
    ),
  ])('reads an outage whose cause is said not to be an attack as no breach, in English and Spanish ($title)', (article) => {
    expect(detector.detect(article).breach).toBe(false);
  });

  it('never takes a slug title for an organisation when the body names nobody on the watchlist', () => {
    const detection = detector.detect(
      story(
        'lakeside-dental-group-reports-ransomware-attack-on-patient-records',
        'Lakeside Dental Group said a ransomware attack encrypted patient records at three offices in May.',
      ),
    );
    expect(detection.breach).toBe(true);
    expect(detection.organisations[0]).toBe('Lakeside Dental Group');
  });
});

describe('class 9: a roundup of separate incidents counts every incident', () => {
  it.each([
    story(
      'Brightwater Billing and Norhaven Systems report separate hacks',
      'Two healthcare vendors disclosed unrelated cyberattacks this week. Brightwater Billing said an intruder copied claim files in January. Separately, Norhaven Systems said ransomware encrypted servers at its data centre on January 20.',
    ),
    story(
      'This week in breaches: a payer, a cloud host and a school district',
      'Quillstone Health Plans said hackers stole member records from a claims server in May. In other news, Tessellate Cloud confirmed that attackers accessed customer backups. Elsewhere, Maple County Schools said ransomware hit its payroll system.',
    ),
  ])('alerts each vendor of its own incident ($title)', (article) => {
    const detection = detector.detect(article);
    const primaries = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(primaries.length).toBe(2);
    expect(detection.separateIncidents?.length).toBeGreaterThanOrEqual(1);
    // Each separate incident is not listed among the first incident's parties.
    for (const s of detection.separateIncidents ?? []) expect(detection.organisations).not.toContain(s.organisation);
  });

  it('counts a newsletter item about a lawsuit when the next sentence ties the suit to the breach', () => {
    const article = story(
      'Vendor Risk Weekly: lawsuits over a billing breach, a plan count grows',
      "Vendor Risk Weekly, Issue 88\n1) Billing vendor suits consolidated\nA federal judge has combined four proposed class actions against Brightwater Billing into a single case. The suits stem from last October's compromise of an administrative account at the billing company, which exposed claim details for 90,000 patients.\n2) Plan tally grows\nQuillstone Health Plans said in a filing that the February intrusion into its claims system touched records of 300,000 members.\nThese are unrelated incidents.",
    );
    const detection = detector.detect(article);
    const alerted = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(alerted).toEqual(expect.arrayContaining(['Brightwater Billing', 'Quillstone Health Plans']));
  });

  it('keeps every capitalised section of a newsletter, even one that shares no word with the title', () => {
    const article = story(
      'Risk Memo #41: a pharmacy coupon leak, a port authority outage',
      "Risk Memo | Issue #41\nTOP STORY\nA discount-card company says an intruder copied members' coupon histories from its website in June. About 9,000 accounts were affected.\nFOLLOW-UPS\nBrightwater Billing's tally grows. The billing vendor's entry on the federal portal now lists 182,400 people, up from 140,000 when it first reported the February intrusion.\nALSO IN THE NEWS\nA port authority says a storm, not an attack, took its gate system offline for a day.",
    );
    const detection = detector.detect(article);
    expect(detection.vendors.find((v) => v.name === 'Brightwater Billing')?.role).toBe('primary');
  });

  it('alerts the vendor a short numbered heading leads ("3. N sued") and the one that filed its final count', () => {
    const article = story(
      'The Brief: a clinic hit; a lawsuit; a final count',
      'The Outpatient Security Brief | Issue 41\n1. Valley clinic still recovering from ransomware\nMaple Run Clinic says ransomware took down its phones and scheduling on September 21. Staff are booking visits on paper.\n2. Norhaven Systems sued\nPatients filed a proposed class action on Wednesday over the March ransomware attack on the EHR vendor.\n3. Billing-vendor breach: the final number\nBrightwater Billing filed its count for the April ransomware attack: 193,412 people.',
    );
    const detection = detector.detect(article);
    const alerted = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(alerted).toEqual(expect.arrayContaining(['Norhaven Systems', 'Brightwater Billing']));
    expect(detection.organisations).not.toContain('Billing-vendor');
  });

  it('reads a newsletter of numbered items as a roundup even when it never says the items are separate', () => {
    const article = story(
      'The Ledger: a billing vendor lawsuit and a staffing firm breach',
      "THE LEDGER\n1. First lawsuit over the billing vendor breach\nA proposed class action was filed last week against Brightwater Billing, the billing vendor whose file transfer server was accessed in February.\n2. Staffing firm reports intrusion\nPalisade Staffing said an attacker got into its credentialing portal in May and copied nurses' licence records.",
    );
    const detection = detector.detect(article);
    const alerted = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(alerted).toEqual(expect.arrayContaining(['Brightwater Billing', 'Palisade Staffing']));
  });

  it('counts a newsletter item headed by the vendor and naming it by its role as hit', () => {
    const article = story(
      'This week in breaches: a billing vendor, a health plan and a school district',
      "Week in Breaches\n1. Brightwater Billing: clinics that use the vendor's hosted billing system are sending letters after the April ransomware attack on Brightwater's servers.\n2. Quillstone Health Plans: the health plan hit by ransomware in February says it is notifying members whose claims were copied.\n3. Fenwick School District: the district says a January intrusion exposed student records.",
    );
    const detection = detector.detect(article);
    expect(detection.alert).toBe(true);
    const alerted = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(alerted).toEqual(expect.arrayContaining(['Brightwater Billing', 'Quillstone Health Plans']));
  });

  it('reads items that open with a number or a section label and a bar as a roundup, each alerting its vendor', () => {
    const numbered = story(
      'This week: a card gateway intruder and a staffing firm inbox',
      "PAYMENTS RISK WEEKLY\n1) GATEWAY: Tessellate Cloud, the company whose payment gateway connects small merchants to their processors and card networks, has begun notifying about 900,000 cardholders. It said an intruder had been in its environment for ten months.\n2) STAFFING: Palisade Staffing says a recruiter's mailbox was taken over through a fake voicemail link in August and held payroll spreadsheets.",
    );
    const labelled = story(
      'The Back Office Brief, April edition',
      'THE BACK OFFICE BRIEF\nGood morning. Two items this week.\nINSURANCE | Quillstone Health Plans, the regional carrier for community hospitals, says ransomware hit its claims operation on March 11 and attackers took copies of claim files.\nFOOD SERVICE | Brightwater Billing, which runs the cafeteria registers in about 140 hospitals, has told customers that malware was found on its point-of-sale registers in February.',
    );
    for (const article of [numbered, labelled]) {
      const detection = detector.detect(article);
      expect(detection.breach).toBe(true);
      expect(detection.vendors.filter((v) => v.role === 'primary')).toHaveLength(2);
    }
  });

  it("counts a newsletter's item headed by what was hit at the vendor, and never its own masthead", () => {
    const detection = detector.detect(
      story(
        'The Vendor Risk Letter: a count for billing files and hijacked prescriber logins',
        'The Vendor Risk Letter | Issue 40 | April 25, 2025\nTwo items this week. They are not connected.\n1) The Brightwater count grows.\nBrightwater Billing now says 1,900 practices had files in the database an intruder reached in March.\n2) Prescriber accounts taken over at Norhaven Systems.\nThe network told clinics that attackers used leaked passwords to sign in to 63 prescriber accounts.',
        { source: 'The Vendor Risk Letter' },
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining(['Brightwater Billing', 'Norhaven Systems']),
    );
    // The newsletter's own name, atop the page and in its headline, is never an incident of its own.
    expect((detection.separateIncidents ?? []).map((s) => s.organisation)).toEqual(['Norhaven Systems']);
    expect(detection.organisations.some((o) => o.includes('Letter'))).toBe(false);
  });

  it("counts a roundup item telling of data copied from the vendor's storage", () => {
    const detection = detector.detect(
      story(
        'Research Security Weekly: a biobank count, and a trial-software settlement',
        "RESEARCH SECURITY WEEKLY\n1) The biobank number is in\nQuillstone Health Plans has finished counting whose records were copied in the January ransomware attack on its servers: 48,300 members.\n2) A settlement for trial software\nA year after an intruder used a contractor's login to copy participant exports from Orrin Genomics's cloud storage, the company has agreed to a $2.9 million class settlement.",
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining(['Quillstone Health Plans', 'Orrin Genomics']),
    );
  });

  it('matches a vendor named with a hyphenated suffix ("a Tessellate Cloud-connected terminal")', () => {
    const detection = detector.detect(
      story(
        'Card gateway intruder went unnoticed for ten months',
        'Tessellate Cloud said an intruder had been in its environment since June. If your cafeteria takes cards through a Tessellate Cloud-connected terminal, ask whether your transactions were in the window.',
      ),
    );
    expect(detection.vendors.find((v) => v.name === 'Tessellate Cloud')?.role).toBe('primary');
  });
  it.each([
    [
      'an item whose next sentence names the vendor again through its product',
      'Brightwater Billing',
      '1) BRIGHTWATER BILLING. The billing provider confirmed that an intruder accessed its Brightwater Claims Desk platform after unusual logins on April 18.',
    ],
    [
      'an item the name alone heads, whose incident comes two sentences on',
      'Palisade Staffing',
      "1) PALISADE STAFFING. Letters from the staffing firm are now landing. A recruiter's mailbox, compromised from March 3 to March 11, held payroll files.",
    ],
    [
      'an item that names the vendor in apposition as the one hit',
      'Quillstone Health Plans',
      '1. The plan count is in. Quillstone Health Plans, the regional health plan hit in February, listed 1,146,302 members on the federal breach portal.',
    ],
    [
      'an item that names what was hit as the vendor\'s ("Tessellate\'s Denver data centre")',
      'Tessellate Cloud',
      "1. CLOUD HOST BREACH REACHES CLINICS. Clinics that store backups with Tessellate Cloud are hearing more. The July 14 ransomware attack on Tessellate's Denver data centre exposed customer backups.",
    ],
  ])('alerts the vendor of a newsletter item that is %s', (_what, vendorName, item) => {
    const detection = detector.detect(
      story(
        'Vendor Risk Brief #12: four items this week',
        `VENDOR RISK BRIEF | Issue #12\nGood morning. Four items this week.\n${item}\n2) NORHAVEN SYSTEMS. Norhaven Systems said ransomware encrypted servers at its data centre on May 2, 2025, and that attackers copied files.`,
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining([vendorName, 'Norhaven Systems']),
    );
  });

  it.each([
    [
      "a lawsuit over the vendor's month-named breach",
      "2. Suits folded into one\nA federal judge has consolidated five class actions filed over Palisade Staffing's September breach, in which stolen session tokens were used to get into customers' consoles.",
    ],
    [
      "a lawsuit over the vendor's open cloud bucket",
      "2. Suits land in one courtroom\nThe proposed class actions over Palisade Staffing's open cloud bucket, found by a researcher last August, have been consolidated.",
    ],
    [
      'files exposed at the vendor, which left them in a bucket anyone could open',
      '2. Payroll files exposed at Palisade Staffing.\nAs first reported by Open Bucket Report, Palisade Staffing left about 31,000 payroll files in a cloud bucket anyone could open.',
    ],
  ])('alerts the vendor of a roundup item telling of %s', (_what, item) => {
    const detection = detector.detect(
      story(
        'The Friday Patch: a billing breach, a staffing firm, and a hearing',
        `THE FRIDAY PATCH | Issue 112\n1. Brightwater Billing says support portal was breached\nBrightwater Billing told customers that an attacker got into its support portal around February 9 and downloaded files.\n${item}\n3. On the Hill\nA Senate hearing on hospital cyber resilience is set for March 4.`,
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining(['Brightwater Billing', 'Palisade Staffing']),
    );
  });

  it('reads a newsletter whose items sit under capitalised section labels as a roundup, each alerting its vendor', () => {
    const detection = detector.detect(
      story(
        'The Operatory Brief: a lab portal breach, suits pile up',
        "The Operatory Brief | every other Wednesday\nTHIS ISSUE'S LEAD\nLakeview Dental Group back online. The chain says its offices are scheduling again a month after the ransomware attack it found on May 19.\nLAB PORTAL BREACH\nBrightwater Billing is notifying practices that someone used a stolen login to reach its case-submission portal from May 29 until it caught the access on June 2.\nCOURTROOM\nAt least three proposed class actions have been filed in federal court in Idaho since June 3 against Norhaven Systems over the March ransomware attack that took its platform down.",
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining(['Brightwater Billing', 'Norhaven Systems']),
    );
  });

  it('reads a numbered issue of a newsletter as a roundup, and a vendor whose support portal was entered as breached', () => {
    const detection = detector.detect(
      story(
        'Triage Brief #87: dispatch vendor portal breached, Palisade settles',
        "The Triage Brief | Issue #87 | October 3, 2025\nThis week's lead: Dispatch vendor's support portal breached\nNorhaven Systems told customers on September 24 that an intruder used stolen credentials to get into its customer support portal between September 12 and 16. Norhaven said the dispatch software itself and customer-hosted servers were not accessed.\nPalisade settles\nPalisade Staffing has agreed to a $2.1 million settlement of the class action over its March ransomware attack.",
      ),
    );
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(
      expect.arrayContaining(['Norhaven Systems', 'Palisade Staffing']),
    );
  });

  it('keeps a vendor and its customer in one incident when nothing says they are separate', () => {
    const detection = detector.detect(
      story(
        'Riverbend Clinic says Brightwater Billing hack exposed patient files',
        'Riverbend Clinic said hackers broke into Brightwater Billing, its billing vendor, and copied patient files in April. Brightwater Billing confirmed the attack.',
      ),
    );
    expect(detection.separateIncidents).toBeUndefined();
    expect(detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name)).toEqual(['Brightwater Billing']);
  });
});

describe('class 9 in a numbered digest: follow-up items, towns and look-alikes', () => {
  // A watchlist whose short aliases are also a town's name and the first word of an unrelated insurer.
  const digestDetector = createDetector([
    vendor('Summit Exercise', { aliases: ['Summit'], category: 'home exercise app' }),
    vendor('Lindum Therapy Records', { aliases: ['Lindum'], category: 'therapy EMR' }),
    vendor('Ambry Data', { aliases: ['Ambry'], category: 'real-world data' }),
  ]);
  const digest = story(
    'The Rehab Security Letter #41: skimmer at a Summit gear shop, a records settlement, an app maker pays',
    [
      'The Rehab Security Letter',
      'Issue #41 · Friday, May 8, 2026 · Archive | Subscribe',
      '1. Skimmer at Foxglove Trail Outfitters. The Summit, N.J., gear retailer says malicious code on its checkout page captured card details in April. Its two stores in Summit were not involved.',
      '2. Lindum Therapy Records settlement. A judge approved a $3 million settlement over the February ransomware attack on the therapy EMR vendor.',
      '3. Summit Exercise pays New Jersey. The home exercise app, now owned by Pellmore Health, agreed to pay $400,000 to resolve the attorney general’s investigation of the storage bucket that left patient videos open to the internet in 2025.',
      '4. Ambry Marine Underwriters hit by ransomware',
      'The Norfolk, Virginia, marine insurance agency says ransomware encrypted its policy system.',
    ].join('\n'),
  );

  it('files the digest under its lead, and alerts each vendor of a follow-up item into its own incident', () => {
    const detection = digestDetector.detect(digest);
    const why = detection.why.join(' | ');
    expect(detection.organisations[0], why).toBe('Foxglove Trail Outfitters');
    const primaries = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(primaries.sort(), why).toEqual(['Lindum Therapy Records', 'Summit Exercise']);
  });

  it('reads a town that shares a vendor’s alias, and an insurer that shares another’s first word, as neither vendor', () => {
    const detection = digestDetector.detect(digest);
    const why = detection.why.join(' | ');
    expect(why.match(/Summit Exercise not matched: [^|]*/)?.[0] ?? why).toMatch(/is a place in this text/);
    expect(detection.vendors.find((v) => v.name === 'Ambry Data')?.role ?? 'none', why).not.toBe('primary');
  });

  it('never takes the newsletter’s name in its headline for an organisation', () => {
    const detection = digestDetector.detect(digest);
    expect(detection.organisations.join(' ')).not.toMatch(/Letter|Rehab Security/);
  });
});

describe("class 8 in a parent's filing: the unit whose systems were hit, though the filing names its product", () => {
  const unitDetector = createDetector([
    vendor('Tallowmere Home Care', { aliases: ['Tallowmere'], products: ['Tallowmere Dispatch'], category: 'hospital at home' }),
  ]);
  it.each([
    [
      'alerts the unit, not the parent that filed',
      'Item 1.05 Material Cybersecurity Incidents.\nOn March 3, 2025, Corbell Health Holdings, Inc. (the "Company") determined that a ransomware attack on the information technology environment of its wholly owned subsidiary, Tallowmere Home Care, LLC ("Tallowmere"), was material. The threat actor deployed encryption software that disrupted the Tallowmere Dispatch platform that hospital customers use. The Company has found evidence that files were exfiltrated from Tallowmere systems.',
    ],
    [
      'alerts the unit that the filing makes its subject: "N, LLC ("N"), a wholly owned subsidiary of P, identified ransomware"',
      'UNITED STATES SECURITIES AND EXCHANGE COMMISSION\nFORM 8-K\nCURRENT REPORT\nCORBELL HEALTH HOLDINGS, INC.\nItem 1.05 Material Cybersecurity Incidents.\nOn March 9, 2025, Tallowmere Home Care, LLC ("Tallowmere"), a wholly owned subsidiary of Corbell Health Holdings, Inc. (the "Company") that the Company acquired in August 2023, identified ransomware encrypting servers in the hosted environment that runs Tallowmere Dispatch. Tallowmere disconnected the hosted environment.',
    ],
    [
      'alerts the unit whose environment the parent’s filing says was entered, under the parent’s title and letterhead',
      'FORM 8-K\nCURRENT REPORT\nCORBELL HEALTH HOLDINGS, INC.\nItem 1.05 Material Cybersecurity Incidents.\nOn February 26, 2025, Corbell Health Holdings, Inc. (the "Company") determined that an unauthorized third party had gained access to the email and file-sharing environment used by Tallowmere Home Care, LLC ("Tallowmere"), a wholly owned subsidiary of the Company. The Company acquired Tallowmere in August 2023.',
    ],
    [
      'alerts the unit "that the Company acquired", which a researcher told its container could be read without authentication',
      'FORM 8-K\nCURRENT REPORT\nCORBELL HEALTH HOLDINGS, INC.\nItem 1.05 Material Cybersecurity Incidents.\nOn September 19, 2024, Tallowmere Home Care, LLC ("Tallowmere"), a wholly owned subsidiary that Corbell Health Holdings, Inc. (the "Company") acquired in 2022, was told by an independent security researcher that a cloud storage container used to stage files could be read from the internet without authentication.',
    ],
    [
      'alerts the unit of "an incident affecting its wholly owned subsidiary N" that encrypted its platform',
      'Item 1.05 Material Cybersecurity Incidents.\nOn October 15, 2024, Corbell Health Holdings, Inc. (the "Company") determined that a cybersecurity incident affecting its wholly owned subsidiary Tallowmere Home Care, LLC ("Tallowmere") is material. On October 12, 2024, Tallowmere identified ransomware that had encrypted servers supporting its Tallowmere Dispatch platform. The Company acquired Tallowmere in June 2022.',
    ],
  ])('%s', (_case, filing) => {
    const detection = unitDetector.detect(
      story('Corbell Health Holdings, Inc. - Form 8-K - Item 1.05 Material Cybersecurity Incidents', filing),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Tallowmere Home Care')?.role, why).toBe('primary');
    expect(detection.organisations[0], why).toBe('Tallowmere Home Care');
  });
});

describe('class 8 and 10 in Italian: the lab the attackers hit, under its parent’s headline', () => {
  it('reads the follow-up as a breach at the lab, never at "Secondo" or the parent', () => {
    const detection = detector.detect(
      story(
        "Gruppo Verdana, il conto dell'attacco alla controllata: 90 mila pazienti coinvolti",
        [
          'Sono circa 90 mila i pazienti i cui dati sono finiti nelle mani dei criminali informatici che a marzo hanno colpito i Laboratori Brenta, la catena di analisi controllata dal gruppo Verdana.',
          "Secondo la relazione semestrale, l'attacco ransomware ha permesso agli aggressori di copiare referti e dati di contatto.",
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.organisations[0], why).toBe('Laboratori Brenta');
    expect(detection.organisations, why).not.toContain('Secondo');
  });
});

describe('class 4 beside a town of the same name: the vendor named in full keeps its short name', () => {
  it('alerts the vendor whose short name one reply takes for a town', () => {
    const townDetector = createDetector([vendor('Summit Virtual Nursing', { aliases: ['Summit'], category: 'virtual nursing' })]);
    const detection = townDetector.detect(
      story(
        'Got a letter from Summit (the nursing company, not the town) - anyone else?',
        'Our hospital uses Summit Virtual Nursing for virtual sitters. Today management forwarded an email from Summit saying an unauthorized third party logged into their clinician portal with reused passwords and exported session notes. Summit told client hospitals last week.\nReply: Thought this was about Summit, N.J. for a second.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Summit Virtual Nursing')?.role, why).toBe('primary');
  });
});

describe('class 2 and 5 in a regulator’s order: the defined term names the party', () => {
  it('reads "Respondent" as the vendor the order defines it as', () => {
    const orderDetector = createDetector([
      vendor('Parasol Benefits Administrators', { aliases: ['Parasol'], category: 'COBRA administrator' }),
    ]);
    const detection = orderDetector.detect(
      story(
        'In the Matter of Parasol Benefits Administrators, LLC - Consent Order',
        [
          'BEFORE THE COMMISSIONER OF INSURANCE',
          'CONSENT ORDER',
          'The Division and Respondent Parasol Benefits Administrators, LLC ("Respondent"), a wholly owned subsidiary of Kellmoor Holdings, Inc., agree to the entry of this Consent Order.',
          '1. Respondent administers COBRA continuation coverage for employer group health plans.',
          '2. On or about October 12, 2024, Respondent discovered that an unauthorized actor had deployed ransomware within its network and had removed files containing the personal information of plan participants.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Parasol Benefits Administrators')?.role, why).toBe('primary');
    expect(detection.organisations, why).not.toContain('COBRA');
  });
});

describe('class 7 and 10 in French: the storage a researcher found belonged to the company', () => {
  it('makes the owner primary in "un conteneur mal configuré appartenant à N"', () => {
    const detection = detector.detect(
      story(
        'Un chercheur découvre les dossiers de 40 000 Américains en accès libre',
        'Des tableurs contenant des numéros de sécurité sociale étaient consultables par n’importe qui sur Internet, sans mot de passe. Un chercheur a repéré le 4 novembre un conteneur de stockage en ligne mal configuré appartenant à Tessellate Cloud, une plateforme américaine.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.vendors.find((v) => v.name === 'Tessellate Cloud')?.role, why).toBe('primary');
  });
});

describe('class 2: the name of a kind of device is never the breached organisation', () => {
  it('keeps "CPAP" out of the parties of a researcher’s write-up', () => {
    const detection = detector.detect(
      story(
        'An open database full of CPAP nights',
        'An Elasticsearch cluster with no password held about 1.9 million records from a sleep-apnea app, including per-night CPAP therapy data. Staff test accounts and the bundle identifier pointed to Orrin Genomics, which closed it within a day. Serial number and model of each synced CPAP machine were in it.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.organisations, why).not.toContain('CPAP');
  });
});

describe('class 8 and 10 in Dutch: a headline naming only the parent, the unit named in the next breath', () => {
  it('alerts the unit "het gaat om", not the parent whose "dochter" it is', () => {
    const detection = detector.detect(
      story(
        'Hackers binnen bij Amerikaanse zorgdochter van Vennegas',
        [
          'De Amerikaanse dochteronderneming van het Rotterdamse gasbedrijf Vennegas is getroffen door een datalek.',
          'Dat meldde een Amerikaans vakblad eerder deze week; Vennegas heeft het inmiddels bevestigd.',
          'Het gaat om Norhaven Systems uit Texas, dat software voor thuiszorg levert.',
          'Een onbekende partij kon in september met een gestolen wachtwoord van een medewerker inloggen op het planningssysteem.',
          'Vennegas kocht Norhaven in 2022.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Norhaven Systems')?.role, why).toBe('primary');
    expect(detection.organisations[0], why).toBe('Norhaven Systems');
    expect(detection.organisations, why).not.toContain('Rotterdamse');
  });
});

describe('class 9: an item the name opens, told on by "the <town> company"', () => {
  it('alerts the vendor of the first item and never takes its home town for a party', () => {
    const detection = detector.detect(
      story(
        'Kitchen Risk Weekly #12: a genetics breach, a billing count passes a million',
        [
          'Kitchen Risk Weekly — Issue #12 — August 18, 2025',
          '1. Orrin Genomics mails letters to 46,118 people. The Madison company behind a carrier-screening app says someone used a stolen support-engineer login to reach a customer database from June 3 to June 11.',
          '2. Brightwater Billing passes a million. The federal breach portal now lists the March ransomware attack on the billing firm at 1,204,557 individuals.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    const primaries = detection.vendors.filter((v) => v.role === 'primary').map((v) => v.name);
    expect(primaries.sort(), why).toEqual(['Brightwater Billing', 'Orrin Genomics']);
    expect([...detection.organisations, ...(detection.separateIncidents ?? []).map((s) => s.organisation)], why).not.toContain('Madison');
  });
});

describe('class 9 and 2: a newsletter bullet and a researcher’s post in the words blind-19 used', () => {
  it('alerts the vendor that "emailed customers that attackers used passwords stolen elsewhere"', () => {
    const detection = detector.detect(
      story(
        'The Eyecare Security Brief #47: a plan’s phishing problem, a genetics firm’s password problem',
        [
          '== THE LEAD ==',
          'Brightwater Billing says a phishing campaign gave an outsider access to several employee mailboxes between November 12 and November 15.',
          '== ALSO THIS WEEK ==',
          '- Orrin Genomics, the carrier-screening service, emailed customers that attackers used passwords stolen elsewhere to log into about 14,800 accounts in late November.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Orrin Genomics')?.role, why).toBe('primary');
  });

  it('reads "allowed anyone on the internet to list and download" as an exposure, and a URL or a menu word as no one', () => {
    const detection = detector.detect(
      story(
        '380,000 scans were one URL away',
        'Home | Posts | Disclosures | About\nDisclosures\nTL;DR: A storage container belonging to Tessellate Cloud allowed anyone on the internet to list and download its contents. It held about 380,000 scans.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.organisations[0], why).toBe('Tessellate Cloud');
  });
});

describe('class 3 in legal pages: a settlement site and a consent order are breach reports', () => {
  it('reads a settlement site under its legal furniture, with the suit named after the company', () => {
    const parley = createDetector([vendor('Parley Language Partners', { aliases: ['Parley'], category: 'medical interpreting' })]);
    const detection = parley.detect(
      story(
        'In re Parley Language Partners Data Incident Litigation - Official Settlement Website',
        [
          'Home | Important Dates | Submit a Claim',
          'Case No. 3:24-cv-00418 (S.D. Ohio)',
          'A federal court authorized this notice.',
          'This is not a solicitation from a lawyer.',
          'IF YOU WERE NOTIFIED THAT YOUR INFORMATION MAY HAVE BEEN INVOLVED IN THE PARLEY LANGUAGE PARTNERS DATA INCIDENT, YOU MAY BE ELIGIBLE FOR A PAYMENT.',
          'A settlement has been reached in a class action lawsuit against Parley Language Partners, LLC ("Parley") about a data security incident in which an unauthorized third party accessed Parley’s network and patient information of its hospital customers in September 2024.',
          'Parley denies any wrongdoing. Questions? Write to the Parley Settlement Administrator.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(detection.vendors.find((v) => v.name === 'Parley Language Partners')?.role, why).toBe('primary');
  });

  it('never takes a company named for revenue work for an earnings report', () => {
    const detection = createDetector([]).detect(
      story(
        'In the Matter of Larchfield Revenue Systems, Inc. - Administrative Consent Order',
        'WHEREAS the Division has investigated a security incident at Larchfield Revenue Systems, Inc. ("Respondent"). Between June 2 and June 9, 2025, an unauthorized person used a contractor’s login credentials to access Respondent’s production environment and export records of 1,104,380 individuals.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.breach, why).toBe(true);
    expect(why).not.toMatch(/earnings/);
  });
});

describe('class 8 and 10 in German: an acquirer’s headline, its "US-Tochter", and whose files the intruders reached', () => {
  it('alerts the unit whose mailbox "Unbekannte … Zugang … von N verschafft" reached', () => {
    const detection = detector.detect(
      story(
        'Hackerangriff auf US-Tochter kostet Wiener Halmgruppe 1,8 Millionen Euro',
        [
          'Der Wiener Dienstleister Halmgruppe, der im Vorjahr den US-Anbieter Norhaven Systems übernommen hat, muss wegen eines Cyberangriffs auf die Tochterfirma tiefer in die Tasche greifen.',
          'Unbekannte hatten sich im Juli Zugang zu einem E-Mail-Postfach und zur Dateiablage von Norhaven verschafft.',
          'Die Wiener Zentrale selbst sei nicht betroffen gewesen.',
        ].join('\n'),
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Norhaven Systems')?.role, why).toBe('primary');
    expect(detection.organisations, why).not.toContain('US-Tochter');
    expect(detection.organisations, why).not.toContain('Millionen Euro');
  });
});

describe("class 7 in a customer's press release: the contractor that notified it of its own attack", () => {
  it('alerts the contractor "the City has been notified by"', () => {
    const detection = detector.detect(
      story(
        'City notified of security incident at contractor',
        'RIDGEWAY FALLS - The City of Ridgeway Falls has been notified by Palisade Staffing, the contractor that has staffed its clinics since 2021, that city information was among files taken during a ransomware attack on the company. The city’s own network was not affected.',
      ),
    );
    const why = detection.why.join(' | ');
    expect(detection.vendors.find((v) => v.name === 'Palisade Staffing')?.role, why).toBe('primary');
  });
});
