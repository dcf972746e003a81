import type { Article, Criticality, Vendor } from '../src/core/types.js';

// Seeded, deterministic material for the benchmarks: watchlists that look like a health system's vendor list
// (coined brands, multi-word names, legal suffixes, acronyms, former names, products, domains, and a share of names
// that are everyday words) and ~2 KB articles mixing breach and ordinary business prose. The same seed always gives
// the same bytes, so two runs measure the same work and only the code under test differs.

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to pick words; seeded so every run draws the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

const HEADS = [
  'Medi',
  'Care',
  'Vita',
  'Quor',
  'Nexa',
  'Lumi',
  'Zen',
  'Orbi',
  'Tela',
  'Corva',
  'Helio',
  'Strata',
  'Vero',
  'Pulse',
  'Aero',
  'Cura',
  'Sana',
  'Opti',
  'Clari',
  'Axi',
  'Bio',
  'Kine',
  'Nova',
  'Omni',
  'Praxi',
  'Reva',
  'Syn',
  'Tri',
  'Uni',
  'Vox',
  'Wyn',
  'Xeno',
  'Ypsi',
  'Zeta',
  'Alto',
  'Brio',
  'Cirro',
  'Dyna',
  'Eco',
  'Flux',
  'Geno',
  'Hema',
  'Iono',
  'Juno',
  'Kardi',
  'Lexi',
  'Mira',
  'Neuro',
  'Onco',
  'Pedi',
  'Qua',
  'Rheo',
  'Sero',
  'Thera',
  'Ulti',
  'Vasc',
  'Welli',
  'Xyla',
];
const TAILS = [
  'tek',
  'sys',
  'lytics',
  'cloud',
  'link',
  'path',
  'soft',
  'core',
  'point',
  'wave',
  'gen',
  'metrix',
  'nexus',
  'sphere',
  'bridge',
  'logic',
  'scribe',
  'chart',
  'dox',
  'vault',
  'flow',
  'grid',
  'hub',
  'ify',
  'ware',
  'net',
  'view',
  'rithm',
  'tiva',
  'quent',
  'dian',
  'lia',
  'mend',
  'nostics',
  'pharm',
  'rad',
  'scan',
  'trak',
  'verse',
  'zon',
];
const INDUSTRY = [
  'Health',
  'Health Systems',
  'Solutions',
  'Technologies',
  'Analytics',
  'Software',
  'Diagnostics',
  'Imaging',
  'Medical',
  'Networks',
  'Data',
  'Labs',
  'Billing Services',
  'Revenue Cycle',
  'Pharmacy Services',
  'Clinical Systems',
  'Informatics',
  'Telehealth',
  'Security',
  'Staffing',
];
const LEGAL = ['Inc.', 'LLC', 'Corp.', 'Corporation', 'Ltd', 'Holdings', 'Group', 'Co.', 'L.P.', 'PLC'];
/** Everyday words some real vendors are named after ("Epic", "Quest", "Premier"): the matcher's hard case. */
const COMMON_NAMES = [
  'Summit',
  'Pioneer',
  'Beacon',
  'Harbor',
  'Anchor',
  'Keystone',
  'Pinnacle',
  'Meridian',
  'Compass',
  'Horizon',
  'Liberty',
  'Heritage',
  'Frontier',
  'Sterling',
  'Vanguard',
  'Atlas',
  'Insight',
  'Catalyst',
  'Evergreen',
  'Cornerstone',
  'Legacy',
  'Guardian',
  'Spectrum',
  'Momentum',
  'Premier',
  'Quest',
  'Epic',
  'Apex',
  'Vertex',
  'Zenith',
];
const PRODUCT_WORDS = [
  'Portal',
  'Connect',
  'One',
  'Cloud',
  'Suite',
  'Exchange',
  'Gateway',
  'Insights',
  'Pay',
  'Scheduler',
  'Records',
  'Monitor',
];
const CATEGORIES = ['EHR', 'billing', 'imaging', 'laboratory', 'cloud', 'staffing', 'pharmacy', 'telehealth', 'analytics', 'security'];
const CRITICALITY: Criticality[] = ['low', 'medium', 'medium', 'high', 'critical'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A coined brand word such as "Quorlytics" or "MediVault" (inner capital one time in four). */
export function coin(random: Random): string {
  const head = pick(random, HEADS);
  const tail = pick(random, TAILS);
  return chance(random, 0.25) ? `${head}${capitalise(tail)}` : `${head}${tail}`;
}

function acronym(words: string[]): string {
  return words
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w.charAt(0))
    .join('');
}

/**
 * `count` vendors with about four names each (name, one or two aliases, one or two products) and a domain. A
 * smaller watchlist is a prefix of a bigger one with the same seed, so articles written for the first vendors mention
 * watchlist vendors at every size.
 */
export function generateWatchlist(count: number, seed = 1): Vendor[] {
  const random = createRandom(seed);
  const vendors: Vendor[] = [];
  const taken = new Set<string>();
  const takenTerms = new Set<string>();
  const unique = (term: string): string | null => {
    const key = term.toLowerCase();
    if (takenTerms.has(key)) return null;
    takenTerms.add(key);
    return term;
  };
  let attempts = 0;
  while (vendors.length < count) {
    attempts += 1;
    const commonWord = chance(random, 0.06);
    const brand = commonWord ? pick(random, COMMON_NAMES) : coin(random);
    const industry = pick(random, INDUSTRY);
    // Everyday-word brands always carry a second word in their name, as real ones do ("Summit Imaging").
    const name = commonWord || chance(random, 0.55) ? `${brand} ${industry}` : brand;
    // Past the pools' variety, a region keeps names unique without inventing new shapes.
    const qualified =
      attempts > count * 3 ? `${name} ${pick(random, ['East', 'West', 'North', 'South', 'Central'])} ${vendors.length}` : name;
    if (taken.has(qualified.toLowerCase()) || takenTerms.has(qualified.toLowerCase())) continue;
    taken.add(qualified.toLowerCase());
    takenTerms.add(qualified.toLowerCase());

    const aliases: string[] = [];
    const legal = unique(`${qualified} ${pick(random, LEGAL)}`);
    if (legal) aliases.push(legal);
    const words = qualified.split(' ');
    if (words.length >= 2 && chance(random, 0.35)) {
      const short = acronym(words);
      if (short.length >= 2 && short.length <= 5) {
        const a = unique(short);
        if (a) aliases.push(a);
      }
    }
    if (chance(random, 0.3)) {
      const former = unique(`${coin(random)} ${pick(random, INDUSTRY)}`);
      if (former) aliases.push(former);
    }
    if (commonWord) {
      const bare = unique(brand);
      if (bare) aliases.push(bare);
    }

    const products: string[] = [];
    const productCount = chance(random, 0.5) ? 2 : 1;
    for (let p = 0; p < productCount; p++) {
      const product = chance(random, 0.5) ? `${coin(random)} ${pick(random, PRODUCT_WORDS)}` : coin(random);
      const unused = unique(product);
      if (unused) products.push(unused);
    }

    const domainBase = words
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    vendors.push({
      name: qualified,
      aliases,
      products,
      domains: [`${domainBase}.com`],
      category: pick(random, CATEGORIES),
      criticality: pick(random, CRITICALITY),
    });
  }
  return vendors;
}

/** The watchlist as the file format of INTERFACES.md (snake_case, only the fields that are set). */
export function toWatchlistFile(vendors: Vendor[]): unknown[] {
  return vendors.map((v) => ({
    name: v.name,
    aliases: v.aliases,
    products: v.products,
    domains: v.domains,
    ...(v.category ? { category: v.category } : {}),
    criticality: v.criticality,
  }));
}

// ---------------------------------------------------------------------------------------------------
// Articles

const PLACES = [
  'Springfield',
  'Riverton',
  'Lakewood',
  'Fairview',
  'Georgetown',
  'Clinton',
  'Madison',
  'Salem',
  'Franklin',
  'Ashland',
  'Bristol',
  'Dover',
  'Milford',
  'Oxford',
  'Burlington',
  'Hudson',
  'Kingston',
  'Lexington',
  'Marion',
  'Newport',
  'Plymouth',
  'Quincy',
  'Richmond',
  'Shelby',
  'Trenton',
  'Union',
  'Vernon',
  'Warren',
  'Yorktown',
  'Zanesville',
];
const ORG_KINDS = [
  'Regional Medical Center',
  'Health',
  'Community Hospital',
  'Medical Group',
  'Health System',
  'Orthopedic Associates',
  'Family Clinic',
  'Cancer Institute',
  'Behavioral Health',
  "Children's Hospital",
];
const ACTORS = ['BlackShard', 'Rhysida-like crew', 'NightFerry', 'QuietLynx', 'the LockMoth gang', 'GrayHarvest'];
const DATA_TYPES = [
  'names',
  'dates of birth',
  'Social Security numbers',
  'medical record numbers',
  'diagnoses',
  'insurance details',
  'treatment information',
  'billing records',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const BREACH_SENTENCES: ((s: Slots) => string)[] = [
  (s) =>
    `${s.victim} said an unauthorized party accessed parts of its network between ${s.month} ${s.day} and ${s.month} ${s.day + 4}, ${s.year}.`,
  (s) =>
    `The intrusion exposed ${s.data1} and ${s.data2} belonging to about ${s.people.toLocaleString('en-US')} patients, according to a filing with federal regulators.`,
  (s) => `A ransomware group calling itself ${s.actor} listed ${s.victim} on its leak site and claimed to hold ${s.gb} GB of files.`,
  (s) => `Investigators found that attackers used stolen credentials for a remote access account to reach servers that stored ${s.data1}.`,
  (s) => `${s.victim} began mailing notification letters on ${s.month} ${s.day + 10} and is offering twelve months of credit monitoring.`,
  (_s) => `The cyberattack forced clinics to divert ambulances and fall back to paper charts for nearly two weeks.`,
  (_s) =>
    `The company disclosed the incident in an 8-K filing and said it had engaged outside forensic specialists and notified law enforcement.`,
  (s) => `Hospitals that rely on ${s.vendorTerm} for ${s.category} work were told to rotate credentials while the investigation continues.`,
];
const ORDINARY_SENTENCES: ((s: Slots) => string)[] = [
  (s) => `${s.victim} opened a new outpatient wing this quarter and expects to add forty beds by ${s.month}.`,
  (s) => `Analysts expect spending on ${s.category} software to grow about nine percent next year as systems consolidate.`,
  (_s) => `The board approved a capital plan that includes a new parking structure, upgraded operating rooms and a staff daycare.`,
  (s) => `Executives said the partnership with ${s.vendorTerm} would shorten scheduling times for specialty referrals.`,
  (_s) => `Nurses at the facility ratified a three-year contract that raises wages and sets staffing ratios on medical floors.`,
  (s) => `A spokesperson said the organization will host a community health fair with free screenings in ${s.month}.`,
  (_s) => `The quarterly report showed operating margins improving as elective procedure volumes returned to normal.`,
  (_s) => `Researchers presented results from a pilot that used remote monitoring to reduce readmissions after heart surgery.`,
  (s) => `Local officials praised the expansion, noting it would bring about 300 jobs to ${s.place} over the next two years.`,
  (_s) => `The vendor showcased its roadmap at a trade conference, highlighting interoperability and patient self-service tools.`,
];

interface Slots {
  victim: string;
  vendorTerm: string;
  category: string;
  actor: string;
  data1: string;
  data2: string;
  people: number;
  gb: number;
  month: string;
  day: number;
  year: number;
  place: string;
}

/** A hospital-side organisation that is not on any watchlist: "Riverton Community Hospital". */
export function organisationName(random: Random): string {
  return `${pick(random, PLACES)} ${pick(random, ORG_KINDS)}`;
}

export interface GeneratedArticle extends Article {
  /** True when the generator wrote it as a breach report (for the benchmarks' own bookkeeping only). */
  breachStory: boolean;
}

export interface ArticleOptions {
  /** Vendors the articles may mention. */
  vendors: Vendor[];
  seed?: number;
  /** Share of articles written as breach reports. */
  breachShare?: number;
  /** Approximate length of an article's text, in characters. */
  targetChars?: number;
  /** When set, every breach article names a distinct victim (`${prefix} n`), so no two belong to one incident. */
  distinctVictims?: boolean;
}

function termOf(random: Random, vendor: Vendor): string {
  const terms = [vendor.name, ...vendor.aliases, ...vendor.products];
  return chance(random, 0.6) ? vendor.name : pick(random, terms);
}

/** `count` articles of about `targetChars` characters each (2 KB by default). */
export function generateArticles(count: number, options: ArticleOptions): GeneratedArticle[] {
  const random = createRandom(options.seed ?? 7);
  const breachShare = options.breachShare ?? 0.4;
  const target = options.targetChars ?? 2000;
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < count; i++) {
    const breach = chance(random, breachShare);
    const vendor = pick(random, options.vendors);
    const other = pick(random, options.vendors);
    const vendorIsVictim = breach && chance(random, 0.5);
    const vendorTerm = termOf(random, vendor);
    const distinct = options.distinctVictims ? ` ${coin(random)} ${i}` : '';
    const victim = vendorIsVictim ? vendorTerm : `${organisationName(random)}${distinct}`;
    const year = 2025 + Math.floor(random() * 2);
    const month = Math.floor(random() * 12);
    const slots: Slots = {
      victim,
      vendorTerm: vendorIsVictim ? termOf(random, other) : vendorTerm,
      category: vendor.category ?? 'clinical',
      actor: pick(random, ACTORS),
      data1: pick(random, DATA_TYPES),
      data2: pick(random, DATA_TYPES),
      people: 1000 + Math.floor(random() * 900_000),
      gb: 5 + Math.floor(random() * 800),
      month: MONTHS[month] as string,
      day: 1 + Math.floor(random() * 14),
      year,
      place: pick(random, PLACES),
    };
    const title = breach
      ? `${victim} ${pick(random, ['reports data breach affecting patients', 'hit by ransomware attack', 'discloses cyberattack', 'notifies patients of security incident'])}`
      : `${victim} ${pick(random, ['expands services', 'reports quarterly results', 'announces new partnership', 'names new chief executive'])}`;
    const sentences: string[] = [];
    const used = new Set<(s: Slots) => string>();
    let length = 0;
    let k = 0;
    while (length < target) {
      // Breach stories still carry ordinary paragraphs; ordinary ones sometimes name a second vendor.
      const pool = breach && (k < 3 || chance(random, 0.5)) ? BREACH_SENTENCES : ORDINARY_SENTENCES;
      const fresh = pool.filter((f) => !used.has(f));
      // Once every sentence of a pool is used, repeats are allowed: long targets must still terminate.
      const write = fresh.length > 0 ? pick(random, fresh) : pick(random, pool);
      used.add(write);
      let sentence = write(slots);
      if (chance(random, 0.12)) sentence += ` ${termOf(random, other)} declined to comment.`;
      if (chance(random, 0.05)) sentence += ` More details are posted at ${vendor.domains[0] ?? 'example.com'}.`;
      sentences.push(sentence);
      length += sentence.length + 1;
      k += 1;
    }
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    out.push({
      id: `a${i}`,
      title,
      text: sentences.join(' '),
      url: `https://news.example.org/${year}/${i}`,
      source: pick(random, ['Health IT Wire', 'Breach Desk', 'Clinic Security Weekly', 'Hospital Ledger']),
      published: `${year}-${String(month + 1).padStart(2, '0')}-${day}`,
      breachStory: breach,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Feeds

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An RSS 2.0 document of `items` entries, each with a summary of about `itemChars` characters. */
export function generateFeedXml(
  feedIndex: number,
  items: number,
  options: { vendors: Vendor[]; itemChars?: number; revision?: number },
): string {
  const articles = generateArticles(items, {
    vendors: options.vendors,
    seed: 1000 + feedIndex,
    targetChars: options.itemChars ?? 600,
    breachShare: 0.2,
  });
  const revision = options.revision ?? 0;
  // A revision puts that many newer stories on top, as a feed does when it publishes.
  if (revision > 0) {
    const newer = generateArticles(revision, {
      vendors: options.vendors,
      seed: 500_000 + feedIndex * 100 + revision,
      targetChars: options.itemChars ?? 600,
      breachShare: 0.2,
    });
    articles.unshift(...newer.map((a, i) => ({ ...a, id: `r${revision}-${i}` })));
  }
  const entries = articles.map((a, i) => {
    const n = i - revision;
    const date = new Date(Date.UTC(2026, 2, 1, 12, 0, 0) - n * 3_600_000).toUTCString();
    const guid = n < 0 ? `feed${feedIndex}-r${revision}-${-n}` : `feed${feedIndex}-${n}`;
    return `<item><title>${escapeXml(a.title)}</title><link>https://feed${feedIndex}.example.org/story/${guid}</link><guid>${guid}</guid><pubDate>${date}</pubDate><description>${escapeXml(a.text)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${feedIndex}</title><link>https://feed${feedIndex}.example.org/</link><description>Generated for benchmarks</description>\n${entries.join('\n')}\n</channel></rss>\n`;
}
