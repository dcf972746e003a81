import type { Vendor } from '../core/types.js';
import type { VendorMention } from './mentions.js';
import { isCommonWord } from './matching/common-words.js';
import type { GuardedRule } from './guarded-rule.js';
import { gatedBranches, literalGate, testBranches, type GatedAlternatives, type LiteralGate } from './literal-gate.js';
import { allMatches } from './regex-matches.js';
import type { PreparedArticle } from './text.js';

// Which organisations an article says suffered or caused the breach, primary first. Candidates are capitalised
// names from the story plus the watchlist vendors the matcher found; each earns points from the phrases that tie it
// to the incident ("breach at X", "X says hackers…", "X's servers"), loses them when the text makes it a platform,
// an affected customer or a comparison, and the best one is the primary breached party.

export interface OrgCandidate {
  /** Normalised key used for grouping (lower case, no corporate suffix). */
  key: string;
  /** Display name: the watchlist name for vendors, else the longest form the article uses. */
  name: string;
  forms: Set<string>;
  vendor: Vendor | null;
  /** Watchlist terms that matched for this vendor. */
  terms: Set<string>;
  score: number;
  mentions: number;
  inTitle: boolean;
  platform: boolean;
  affected: boolean;
  passing: boolean;
  reasons: string[];
  /** Sentences that name it. */
  sentences: Set<number>;
}

const SUFFIX = /(?:,?\s+(?:inc|incorporated|llc|llp|ltd|limited|corp|corporation|co|company|plc|pllc|lp|sa|ag|gmbh|nv|bv|group|holdings?|us|usa|uk))+\.?$/i;

// Capitalised words that are not organisations (or not ones that get breached).
const GENERIC = new Set(
  (
    'through via during amid among between within across against unlike including per upon into once unless whether because though thus hence every each any only just even latest recent former current several various other another such same own the a an in on at by for from to as according although however but and earlier later last this that these those its their his her our we it he she they while when after before since still yet also both some many most all nearly almost over about around under following despite meanwhile report reports breaking exclusive update updates why how what who where which there here then now today yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'cyber id ms ma ny nj ca tx il oh pa fl wa va nc ga mi md az co mn mo tn wi in ky la ok or sc al ut nv ia ar ks ms ne nm wv id hi me nh ri mt de sd nd ak vt dc gb tb kb mb u.s u.s. us usa america american americans united states uk u.k britain british england english europe european eu canada canadian china chinese russia russian india indian germany german france french brazil nigeria saudi arabia ohio california texas new york york london paris berlin madrid rome dublin toronto sydney boston dallas houston atlanta seattle philadelphia illinois chicago michigan missouri tennessee arizona denver colorado nevada washington kansas scotland ireland australia ' +
    'social security security cybersecurity data breach hack attack cyberattack ransomware incident hackerangriff cyberangriff cyberattaque ciberataque attacco health healthcare patient patients medical hospital hospitals internet web online cloud software email phone api ai it ceo cfo ciso cio cto hipaa phi pii ehr ehrs emr sec 8-k fbi fda cisa hhs ocr doj ftc nhs ico ncsc nca department office attorney general court judge senate congress government state federal district police ' +
    'company companies firm vendor provider customers customer clients client users members people individuals group gang hackers attackers researchers experts officials spokesperson statement notice filing form press release news story article image photo credit source author editor summary main points key details highlights contents table conclusion what happened ' +
    'notably importantly additionally meanwhile furthermore moreover however nonetheless overall in addition first second third finally one two three four five six seven eight nine ten dear home technology menu'
  ).split(' '),
);

// Words a Title Case headline glues after a name ("Oracle Health Breach Hits Hospitals").
const TRAILING_NOISE = new Set(
  'breach breaches hack hacked hacks attack attacks cyberattack cyber-attack hackerangriff cyberangriff cyberattaque ciberataque ransomware incident data says said confirms confirmed discloses disclosed reveals revealed reports reported hit hits suffers suffered notifies notified warns patients customers members users employees was is has have had and or the of in on at to for by with after amid over'.split(' '),
);

// Place and nationality words open real names ("British Airways", "American Airlines", "New York-Presbyterian").
const KEEP_LEADING = new Set('british american canadian chinese russian indian german french european english united new north south west east national ohio california texas illinois michigan missouri tennessee arizona colorado nevada washington kansas cook'.split(' '));

// Technical terms written in capitals are not organisations.
const NOT_AN_ORG = /\b(interface|trojan|protocol|programming|vulnerabilit\w*|act|law|rule|regulation|number|numbers|portal|platform|server|servers|records?|framework|standard|checklist|guide|summit|day|week|month|year)$/i;

// Agencies and researchers are named in breach stories but are not the breached party.
const NOT_A_VICTIM =
  /^(?:(?:u\.?s\.? )?department of|office (?:of|for)|federal|securities and exchange|health and human|attorney general|information commissioner|national (?:cyber|crime)|bleepingcomputer|bleeping computer|techcrunch|reuters|bloomberg|cnn|bbc news|associated press|the associated press|krebs|databreaches\.net|[\w-]+(?: [\w-]+)? (?:threat intelligence|threat research|threat labs|research labs)|law360|wbez|hipaa journal|becker's|gothamist|ars)/i;

const ACTOR_NAME =
  /\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:ransomware\s+|hacking\s+|hacker\s+|cybercriminal\s+|extortion\s+|threat\s+)?(?:group|gang|crew|cluster|collective|operators?)\b|\b(?:group|gang|actor|collective)\s+(?:called|known as|named|dubbed|calling itself)\s+['"‘“]?([A-Z][\w-]+(?: [A-Z][\w-]+)?)|\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:has\s+|have\s+)?(?:claimed|took) (?:responsibility|credit)/g;

// Every ACTOR_NAME phrase holds one of the words its gate reads from it: most sentences skip it.
const ACTOR_NAME_GATE = literalGate(ACTOR_NAME);

const PLACES = /^(?:new (?:jersey|york|yorkers|hampshire|mexico|zealand|england|delhi)|(?:north|south) (?:carolina|dakota|korea|africa)|saudi arabia|united (?:states|kingdom|arab emirates)|hong kong|los angeles|san (?:francisco|diego|jose|antonio)|long island|west (?:virginia|lothian)|rhode island|great britain)$/i;

const NAME_WORD = String.raw`(?:(?:St|Mt|Ft)\.|[A-Z][\p{L}\p{N}'’.&-]*[\p{L}\p{N}]|[A-Z]|\p{Ll}{1,3}[A-Z][\p{L}\p{N}]+)`;
const NAME_RE = new RegExp(String.raw`${NAME_WORD}(?:(?:\s+(?:of the|of|for|de)\s+|\s*&\s*|\s+)${NAME_WORD})*`, 'gu');

const GERMAN_ROLE_NOUN = /^\p{Lu}\p{Ll}+(?:hersteller|konzern|bauer|anbieter|dienstleister|unternehmen|betreiber|händler|kette|versicherer|versicherung|riese|gigant|spezialist|zulieferer|verband|klinikbetreiber)$/u;

function stripName(raw: string): string {
  let name = raw.replace(/[’']s$/u, '').replace(/[.,]+$/, '');
  const tokens = name.split(/\s+/);
  // "Hospital for Sick Children", "University of Michigan": a generic word joined by "of" or "for" opens the name.
  while (tokens.length > 1 && GENERIC.has(tokens[0]!.toLowerCase().replace(/[’']s$/, '')) && !KEEP_LEADING.has(tokens[0]!.toLowerCase()) && !(tokens.length > 2 && /^(?:of|for|de)$/.test(tokens[1]!) && /^[A-Z]/.test(tokens[0]!) && !/^(?:the|a|an)$/i.test(tokens[0]!))) tokens.shift();
  if (tokens.length === 1 && GENERIC.has(tokens[0]!.toLowerCase().replace(/[’']s$/, ''))) tokens.shift();
  // German puts a capitalised role noun before the name ("Batteriehersteller Varta", "Softwarekonzern SAP").
  while (tokens.length > 1 && GERMAN_ROLE_NOUN.test(tokens[0]!)) tokens.shift();
  while (tokens.length > 1 && TRAILING_NOISE.has(tokens[tokens.length - 1]!.toLowerCase())) tokens.pop();
  if (tokens.length === 1 && GENERIC.has(tokens[0]!.toLowerCase())) tokens.pop();
  // A trailing " of X" after the name is a place or an owner ("Perry Johnson & Associates of Nevada").
  name = tokens.join(' ').replace(/\s+of(?: the)?$/i, '');
  return name;
}

/** The key an organisation's name is grouped by: lower case, no possessive or corporate suffix, "&" as "and". */
export function orgKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(SUFFIX, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * What one detector remembers between articles and passes: keys of names (vendor names and the forms met in every
 * article about them are asked for again and again), the key words of each vendor, and per article how often a
 * word stands mid-sentence. Never shared between detectors.
 */
export class OrganisationMemo {
  private readonly keys = new Map<string, string>();
  private readonly vendorTokenSets = new WeakMap<Vendor, Set<string>>();
  private readonly midCounts = new WeakMap<PreparedArticle, Map<string, number>>();

  orgKey(name: string): string {
    const known = this.keys.get(name);
    if (known !== undefined) return known;
    const key = orgKey(name);
    if (this.keys.size >= 20_000) this.keys.clear();
    this.keys.set(name, key);
    return key;
  }

  /** The key words of a vendor's name, aliases, products and parent. */
  vendorTokens(vendor: Vendor): Set<string> {
    let tokens = this.vendorTokenSets.get(vendor);
    if (!tokens) {
      tokens = new Set([vendor.name, ...vendor.aliases, ...vendor.products, vendor.parent ?? ''].flatMap((t) => this.orgKey(t).split(' ')).filter(Boolean));
      this.vendorTokenSets.set(vendor, tokens);
    }
    return tokens;
  }

  /** How many times `word` stands mid-sentence (after a lower-case word or a comma) in the article. */
  midSentenceCount(prepared: PreparedArticle, word: string): number {
    let memo = this.midCounts.get(prepared);
    if (!memo) {
      memo = new Map();
      this.midCounts.set(prepared, memo);
    }
    const known = memo.get(word);
    if (known !== undefined) return known;
    const n = countMidSentence(prepared, word);
    memo.set(word, n);
    return n;
  }
}

/** Initials of a multi-word name ("Catholic Charities of the Diocese of Albany" → "ccda"), or the letters of an acronym ("PJ&A" → "pja"). */
export function acronymOf(name: string): string | null {
  const compact = name.replace(SUFFIX, '');
  if (/^[A-Z0-9&.-]{2,8}$/.test(compact)) return compact.replace(/[^A-Z0-9]/g, '').toLowerCase();
  const words = compact.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w));
  if (words.length < 2) return null;
  return words.map((w) => w[0]!.toLowerCase()).join('');
}

function isAcronym(name: string): boolean {
  return /^[A-Z0-9&.-]{2,8}$/.test(name.replace(SUFFIX, ''));
}

function mostlyUpper(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters += 1;
      upper += 1;
    } else if (c >= 97 && c <= 122) letters += 1;
  }
  return letters > 10 && upper / letters > 0.6;
}

// Words that end a name in a Title Case headline ("Kettering Health Hit By Ransomware Attack").
const TITLE_BREAK = new Set(
  'says said say confirms confirmed confirm discloses disclosed reveals revealed reports reported report notifies notified notifying warns warned suffers suffered hit hits struck targeted breached hacked attacked faces sued settles settlement agrees agreed pays paid fined blames claims claimed admits after amid over as by from with without to for of in on at and or but the a an its their his her new latest second third data breach breaches hack hackers hacker cyberattack cyber-attack cyberattacks attack attacks ransomware incident leak leaks exposes exposed exposure stolen steal steals theft compromised compromises hospitals clinics firms companies company firm vendor giant provider patients patient customers users employees members millions thousands records information personal sensitive cybersecurity class action lawsuit probe investigation update updates what how why who is are was were be been has have had may could will would up down out off into under than more most million billion'.split(' '),
);

const ORG_CONTINUATION = /^\s+(?:Health|Hospital|Medical|Regional|Children|University|Clinic|Care|Healthcare|Center|Centre|College|School|Foundation|Bank|Church|Home|Memorial)\b/;

const TITLE_WORD = /[^\s:;,!?()“”"‘’]+/g;

function titleCaseNames(title: string): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  let run: { name: string; at: number } | null = null;
  for (const m of allMatches(TITLE_WORD, title)) {
    const word = m[0].replace(/[’']s$/, '');
    const breaks = TITLE_BREAK.has(word.toLowerCase()) || !/^[A-Z0-9&]/.test(word) || /^\d+$/.test(word);
    const gap = run ? title.slice(run.at + run.name.length, m.index) : '';
    if (breaks || (run && !/^(?:[’']s)?\s+$|^\s*&\s*$/.test(gap))) {
      if (run) out.push(run);
      run = breaks ? null : { name: word, at: m.index };
      continue;
    }
    if (run) run.name = title.slice(run.at, m.index) + word;
    else run = { name: word, at: m.index };
    // A possessive ends the name unless an organisation word follows ("St. Mary's Medical Center").
    if (m[0] !== word && !ORG_CONTINUATION.test(title.slice(m.index + m[0].length))) {
      out.push(run);
      run = null;
    }
  }
  if (run) out.push(run);
  return out.filter((r) => r.name.length >= 2 && !GENERIC.has(r.name.toLowerCase()) && !PLACES.test(r.name));
}

function titleCased(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w) && w.length > 3);
  if (words.length < 3) return false;
  return words.filter((w) => /^[A-Z]/.test(w)).length / words.length > 0.7;
}

const PERSON_BEFORE = /\b(?:general|judge|governor|gov\.|senator|sen\.|rep\.|mr\.?|ms\.?|mrs\.?|dr\.?|ceo|cfo|cto|ciso|chief executive|spokesperson|spokeswoman|spokesman|president|director|officer|analyst|researcher|editor|reporter|lawyer|attorney|professor|founder|secretary|minister|commissioner|led by|headed by)\s+$/i;
const PERSON_AFTER = /^[’']?,?\s+(?:the |a |an |its |their )?(?:chief|ceo|cfo|president|director|head|senior|vice|spokesperson|founder|lawyer|attorney|analyst|editor|researcher|professor|security editor|who (?:heads|leads|serves|is))\b/i;

/** Two or three capitalised words introduced or followed like a person ("Stuart Machin, the chief executive"). */
function isPerson(sentence: string, at: number, name: string): boolean {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 3) return false;
  if (/\b(health|care|medical|hospital|systems?|group|bank|software|inc|llc|corp|network|services|solutions|technologies|partners|associates|international|university|college|center|centre|clinic|foundation|agency|department)\b/i.test(name)) return false;
  return PERSON_BEFORE.test(sentence.slice(Math.max(0, at - 40), at)) || PERSON_AFTER.test(sentence.slice(at + name.length, at + name.length + 40));
}

function startCount(prepared: PreparedArticle, word: string): number {
  let n = 0;
  for (const s of prepared.sentences) if (s.zone !== 'title' && s.text.startsWith(word) && !/[\p{L}\p{N}]/u.test(s.text[word.length] ?? '')) n += 1;
  return n;
}

// "Ascension diverts ambulances…" over "Ascension, which operates 140 hospitals, said…": a word that opens the
// headline and a lead sentence as its subject (an apposition or a reporting verb follows) is the story's name.
function opensHeadlineAndLead(prepared: PreparedArticle, word: string): boolean {
  if (!prepared.title.startsWith(`${word} `)) return false;
  const subject = new RegExp(String.raw`^${escapeRe(word)}(?:,\s|\s+(?:said|says|has said|confirmed|reported|disclosed|announced|told)\b)`);
  return prepared.sentences.some((s) => s.zone === 'lead' && subject.test(s.text));
}

function countMidSentence(prepared: PreparedArticle, word: string): number {
  let n = 0;
  for (const s of prepared.sentences) {
    let from = 0;
    for (;;) {
      const at = s.text.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      const prev = s.text.slice(Math.max(0, at - 2), at);
      if (/^[\p{Ll},;] $/u.test(prev)) n += 1;
    }
  }
  return n;
}

const MAX_SCORED = 6;

/** The sentence with every word-bounded occurrence of the forms replaced by the placeholder. */
function maskForms(text: string, forms: string[]): string {
  let out = text;
  for (const form of forms) {
    let from = 0;
    for (;;) {
      const at = out.indexOf(form, from);
      if (at < 0) break;
      const before = at === 0 ? '' : out[at - 1]!;
      const after = out[at + form.length] ?? '';
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) {
        from = at + 1;
        continue;
      }
      out = out.slice(0, at) + SLOT + out.slice(at + form.length);
      from = at + SLOT.length;
    }
  }
  return out;
}

/** Substring test with word boundaries, without building a regex. */
function containsWord(text: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + word.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Phrases that tie a name to the incident. `N` stands for the name.
const INCIDENT_WORDS = String.raw`(?:data |security |cyber ?security |cyber[- ]?|ransomware |hacking |system |network |server |privacy |mega )?(?:breach(?:es)?|hack|cyber[- ]?attack|attack|incident|data theft|theft|intrusion|compromise|leak|exposure|event)`;
const BIND_AFTER = [
  // "N data breach", "N's breach", "N ransomware attack"
  { w: 4, label: 'named in "<org> breach"', re: (n: string) => new RegExp(String.raw`${n}(?:[’']s?)?\s+(?:\d{4}\s+|recent\s+|massive\s+|alleged\s+|reported\s+)?${INCIDENT_WORDS}\b`, 'iu') },
  // "breach at N", "attack on N", "hack of N's network", "ransomware attack against N"
  {
    w: 4,
    label: 'named in "breach at <org>"',
    re: (n: string) => new RegExp(String.raw`\b${INCIDENT_WORDS}\s+(?:at|on|of|against|hits?|hitting|affecting|involving|targeting|impacting|that hit|that struck|that affected)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?${n}`, 'iu'),
  },
  // "N says hackers…", "N confirmed a data breach", "N was hit by ransomware"
  {
    w: 3,
    label: 'subject of a breach verb',
    re: (n: string) =>
      new RegExp(
        String.raw`${n}(?:,[^,]{0,90},)?\s+(?:has\s+|have\s+|had\s+|is\s+|was\s+|also\s+|now\s+|itself\s+|recently\s+|officially\s+)*(?:says?|said|confirm\w*|disclos\w*|reveal\w*|admit\w*|concede\w*|report\w*|notif\w*|announc\w*|discover\w*|detect\w*|learned|found|identif\w*|suffer\w*|experienc\w*|hit|struck|targeted|breached|hacked|attacked|compromised|fell|falls|fallen|flags?|warns?|begins?|began|started|telling|informed|recover\w*|bouncing|grappling|dealing|wrestling|investigat\w*|alerted|issues|posts|mailed|sent|agreed|settle\w*|resolves?|faces|victim|became aware)\b`,
        'iu',
      ),
  },
  // "hackers got into N's systems", "attack targeting N"
  {
    w: 3,
    label: 'object of the attack',
    re: (n: string) =>
      new RegExp(
        String.raw`\b(?:hackers?|attackers?|threat actors?|criminals?|cybercriminals?|intruders?|group|gang|actor|party)\b[^.;]{0,60}?\b(?:into|accessed|breached|compromised|targeted|hit|attacked|against|from|infiltrated|struck)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?${n}`,
        'iu',
      ),
  },
  // "access to the payment page of N", "data in the systems of N", "N, whose portal was compromised"
  {
    w: 3,
    label: 'its systems or data were hit',
    re: (n: string) =>
      new RegExp(
        String.raw`\b(?:access(?:ed)?\s+to|into|in|from|breach(?:ed)?\s+of|compromise\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:systems?|networks?|servers?|portal|(?:web\s+)?pages?|databases?|website|environment|accounts?)\s+(?:of|at|belonging to|run by|operated by)\s+(?:the\s+)?${n}|${n},?\s+whose\s+(?:[\w-]+\s+){0,3}?(?:systems?|networks?|servers?|portal|pages?|databases?|website)\s+(?:was|were|had been|has been)\s+(?:\w+\s+)?(?:compromised|breached|hacked|accessed|infiltrated|attacked)`,
        'iu',
      ),
  },
  // "N's systems / network / servers / customer data"
  {
    w: 2,
    label: 'its systems or data were hit',
    re: (n: string) =>
      new RegExp(String.raw`${n}[’']s?\s+(?:own\s+|internal\s+|legacy\s+|computer\s+|\w+\s+)?(?:systems?|networks?|servers?|data|databases?|environment|infrastructure|files|records|customers['’]? data|patients['’]? data|it estate|workspace|platform was)`, 'iu'),
  },
];

const PLATFORM = (n: string) =>
  new RegExp(
    String.raw`\b(?:attacks?|campaign|wave|breaches|targeting|targeted|aimed at|hitting|victims?|compromised|among)\b[^.]{0,40}?(?:${n}[’']?s?\s+(?:customers|clients|users|tenants)\b|\b(?:customers|clients|users|tenants) of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?${n})|\b(?:hosted|run|operated|made|developed|built|sold)\s+(?:by|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?${n}|\b(?:via|through|using)\s+(?:the\s+|its\s+|a\s+)?${n}[’']?s?\s+(?:\w+\s+)?(?:platform|cloud|software|tool|service|product|environment|instance|workspace|file transfer)|${n}[’']?s?\s+(?:file[- ]transfer|cloud|platform|data (?:environment|platform|cloud)|software|tool|product)\b|\b(?:tool|software|platform|product|system|service)\s+(?:made|developed|built|sold)\s+by\s+${n}|\b(?:flaw|vulnerabilit\w+|bug|zero-day|weakness|hole)\s+in\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,3}?${n}|(?:developer|maker|vendor|provider) of (?:the\s+)?(?:[\w-]+\s+){0,4}?,?\s*${n}|${n},?\s+(?:which|that)\s+(?:develops|makes|provides|supplies)|attacks? on\s+${n}\b[^.]{0,40}\bcustomers|${n}\s+(?:has\s+|have\s+)?(?:patch\w*|fix\w*|released (?:fixes|patches|updates)|issued (?:fixes|patches|updates))\b[^.]{0,60}\b(?:vulnerabilit\w+|flaws?|bugs?|zero-days?)|\b(?:exploit\w*|abus\w*|us(?:ed|ing))\s+(?:the\s+|a\s+|an\s+)?${n}(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?(?:vulnerabilit\w+|flaws?|bugs?|zero-days?)|\b(?:breach(?:es)?|thefts?|attacks?|intrusions?)\s+(?:from|via|through)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?${n}|\b(?:kept|keeps|stored|stores|hosted|hosts)\s+(?:[\w-]+\s+){0,2}?(?:data|files|records|information)\s+(?:in|on|with)\s+(?:the\s+)?${n}|\b(?:tied|linked|traced)\s+to\s+(?:the\s+|a\s+)?(?:cloud|software|vendor|provider|platform|tool|third[- ]party|file[- ]transfer)\b[^.]{0,30}?${n}|${n}\b[^.]{0,60}\b(?:vulnerabilit\w+|flaws?|zero-days?|bugs?)\s+in\s+(?:its|their)\s+(?:[\w-]+\s+){0,6}?(?:gateways?|appliances?|software|products?|devices?|platform|servers?|VPNs?|firewalls?|tools?)\b|\bthird[- ]party (?:cloud |software |file[- ]transfer )?(?:platform|provider|vendor|tool|software),?\s+${n}`,
    'iu',
  );

const AFFECTED = (n: string) =>
  new RegExp(
    String.raw`${n},?\s+(?:a|an|one of (?:its|the|their|[\w&-]+['’]s))\s+(?:\w+\s+)?(?:customers?|clients?|partners?)\b|\b(?:customers?|clients?|partners?|organi[sz]ations?|providers?|hospitals?|health systems?|victims?|companies|firms)\b,?\s+(?:such as|including|like|include|included|among them|are|were)\b[^.]{0,120}?${n}|\b(?:among them|including)\s+(?:[^.]{0,120}?)${n}|\bnot (?:touch|affect|involve|compromise|access|impact)\w*\s+(?:any\s+of\s+)?${n}|${n}[’']?s?\s+(?:own\s+)?(?:systems?|networks?|patient portals?|electronic health record systems?)\s+(?:were|was)\s+not\b|\b(?:no|without)\s+unauthori[sz]ed access to\s+(?:its|${n}[’']?s?)|${n}\s+(?:said|says|stated|added)\s+(?:that\s+)?(?:its|their)\s+(?:own\s+)?(?:systems?|networks?|platform|servers?|portals?)\s+(?:were|was|are|is)\s+not\b|${n}\b[^.]{0,80}\b(?:after|following|from|in|due to|because of)\s+(?:a |the )?(?:data |security |cyber ?security )?(?:breach|incident|attack|hack|cyber[- ]?attack)\s+(?:at|on|of|involving|affecting)\s+(?:its |a |the |their )?(?:[\w-]+\s+){0,3}?(?!QQORGQQ)[A-Z]|${n}\b[^.]{0,80}\b(?:breach|incident|attack|hack|cyber[- ]?attack|compromise)\s+(?:at|on|of|involving|affecting)\s+(?:its\s+|a\s+|an\s+|the\s+|their\s+|one of its\s+)?(?:[\w-]+\s+){0,3}?(?:vendors?|contractors?|suppliers?|(?:service )?providers?|partners?|agency|business associates?|collectors?|processors?)\b|${n}\s+(?:said|confirmed|says|told)\b[^.]{0,60}\b(?:caught up|among (?:those|the)|affected by|impacted by|one of the)|${n}\b[^.]{0,60}\b(?:are|were|is|was)\s+(?:also\s+)?among\s+(?:those|the (?:victims|companies|firms|organi[sz]ations))|${n}\b[^.]{0,60}\b(?:confirmed|said|says|told|admitted)\b[^.]{0,30}\b(?:they|it|its staff|its employees|their staff)\b[^.]{0,20}?\s(?:too\s+|also\s+)?(?:were|was|had been|have been|got|had)\s+(?:too\s+|also\s+)?(?:affected|impacted|hit|caught up|among|told)\b|(?:uses|used|relies on|relied on|works with|worked with)\b[^.]{0,40}${n}|${n}\s+(?:uses|used|relied on|relies on|works with|partners with|(?:is|was) (?:a|one of the) (?:client|customer))|${n}[^.]{0,40}\b(?:informed|told|notified|alerted) (?:its|their) (?:customers|patients|members|staff|employees)\b`,
    'iu',
  );

// Phrase patterns are compiled once, around a placeholder that stands for the candidate's name in a masked copy
// of the sentence (building a regex per candidate and article would cost more than all the rest of detection).
const SLOT = 'QQORGQQ';
// The phrase patterns are unicode and case-insensitive, which V8 scans many times slower than plain ones: each also
// knows the words it needs besides the placeholder (see literal-gate.ts), so a masked sentence without them skips it.
const BINDS = BIND_AFTER.map((b) => {
  const r = b.re(SLOT);
  return { w: b.w, label: b.label, r, gate: literalGate(r, SLOT) };
});
// The platform and affected-party patterns are long alternations of phrases: each phrase is tried on its own, and
// only where the sentence holds its words; a sentence holding none of any phrase's words skips them all.
const PLATFORM_BRANCHES = gatedBranches(PLATFORM(SLOT), SLOT);
const AFFECTED_BRANCHES = gatedBranches(AFFECTED(SLOT), SLOT);

// A name inside a comparison clause ("reminiscent of the N breach", "compared the outage to the N attack", "like
// the N hack") is another incident held up for scale, wherever the sentence stands, headline included.
const COMPARED_NAME = new RegExp(
  String.raw`\b(?:reminiscent of|compar\w+\b[^.;]{0,60}?\b(?:to|with)|comparable to|similar to|akin to|not unlike|like|echo(?:es|ing)?(?: of)?|recall(?:s|ing)?|evok\w+|mirror(?:s|ing)?|on the scale of|rivals?|dwarf\w*|eclips\w+|surpass\w*|since)\s+(?:that of\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?${SLOT}`,
  'iu',
);
const COMPARED_NAME_GATE = literalGate(COMPARED_NAME, SLOT);
/** Every pattern of this module run behind a pre-filter, with its filter. */
export const GUARDED_RULES: GuardedRule[] = [
  ...BINDS.map((b) => guarded(`binds: ${b.label}`, b.r, b.gate, SLOT)),
  guarded('compared name', COMPARED_NAME, COMPARED_NAME_GATE, SLOT),
  ...alternativesGuarded('platform', PLATFORM_BRANCHES),
  ...alternativesGuarded('affected', AFFECTED_BRANCHES),
  guarded('actor names', ACTOR_NAME, ACTOR_NAME_GATE),
];

function guarded(name: string, re: RegExp, gate: LiteralGate, placeholder?: string): GuardedRule {
  return {
    name,
    matches: (text) => {
      re.lastIndex = 0;
      return re.test(text);
    },
    mayMatch: (text) => gate.mayMatchText(text),
    ...(placeholder ? { placeholder } : {}),
  };
}

function alternativesGuarded(family: string, alternatives: GatedAlternatives): GuardedRule[] {
  return [
    ...alternatives.members.map((m, i) => guarded(`${family} #${i}`, m.re, m.gate, SLOT)),
    { name: `${family}: any`, matches: (text) => alternatives.members.some((m) => m.re.test(text)), mayMatch: (text) => alternatives.gate.mayMatchText(text), placeholder: SLOT },
  ];
}

const COMPARISON = /\b(compar\w+|similar to|reminiscent of|ranks?|ranking|separate|unrelated)\b/i;
const PASSING = /\b(like|such as|similar to|compar\w+|reminiscent|behind|ranks?|ranking|largest|biggest|second[- ]largest|earlier|previous(?:ly)?|prior|last year|separate|unrelated|another|also (?:hit|breached|targeted)|other (?:victims|companies|high-profile)|among the other|in recent years|record[- ]setting|years? ago|remember|recall|since the|after the|following the|in the wake of|high-profile)\b/i;

interface Span {
  start: number;
  end: number;
}

function sentenceOffsets(prepared: PreparedArticle): number[] {
  const offsets: number[] = [];
  let pos = 0;
  for (const s of prepared.sentences) {
    offsets.push(pos);
    pos += s.text.length + 1;
  }
  return offsets;
}

const GENERIC_REMAINDER = new Set(
  'breach data hack attack cyberattack ransomware incident security cybersecurity electronic health record records ehr emr system systems platform patient portal inc llc corp corporation company group holdings the of s servers server network cloud outage software services customers'.split(' '),
);

export interface OrganisationAnalysis {
  candidates: OrgCandidate[];
  primary: OrgCandidate | null;
  /** Names of the breached organisations, primary first. */
  organisations: string[];
  /** Vendor mentions judged to name another organisation (e.g. "Epic" inside "Epic Games"). */
  rejected: { mention: VendorMention; reason: string }[];
  why: string[];
}

export function analyseOrganisations(
  prepared: PreparedArticle,
  mentions: VendorMention[],
  incidentSentences: Set<number>,
  memo: OrganisationMemo,
): OrganisationAnalysis {
  const analysis = analyse(prepared, mentions, incidentSentences, memo, false);
  // Words of a Title Case headline are all capitalised, so its names are guesses: used only when the story itself
  // names nobody (a short feed summary under a headline).
  if (analysis.primary || !titleCased(prepared.title)) return analysis;
  const retry = analyse(prepared, mentions, incidentSentences, memo, true);
  return retry.primary ? retry : analysis;
}

function analyse(
  prepared: PreparedArticle,
  mentions: VendorMention[],
  incidentSentences: Set<number>,
  memo: OrganisationMemo,
  useTitleCase: boolean,
): OrganisationAnalysis {
  const offsets = sentenceOffsets(prepared);
  const byKey = new Map<string, OrgCandidate>();
  const rejected: OrganisationAnalysis['rejected'] = [];

  const sentenceAt = (pos: number): number => {
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const candidate = (key: string, name: string, vendor: Vendor | null): OrgCandidate => {
    let c = byKey.get(key);
    if (!c) {
      c = { key, name, forms: new Set(), vendor, terms: new Set(), score: 0, mentions: 0, inTitle: false, platform: false, affected: false, passing: false, reasons: [], sentences: new Set() };
      byKey.set(key, c);
    }
    return c;
  };

  // 1. Names found by regex in each sentence (titles in Title Case are read through the names found elsewhere).
  const rawNames: { name: string; span: Span; sentence: number }[] = [];
  const isVendorAt = (pos: number) => mentions.some((mm) => mm.accepted && mm.start === pos);
  const surnames = new Set<string>();
  const flawNames = new Set<string>();
  // The outlet's own name (byline, "confirmed to Ars") is never the breached party.
  const sourceTokens = new Set<string>();
  for (const part of (prepared.source ?? '').split(/[()|,]|\bvia\b|\bfrom\b/i)) {
    const k = memo.orgKey(part.replace(/\b(story|mirror|republished|copy|blog|news story)\b/gi, ''));
    if (k) sourceTokens.add(k);
  }
  for (const [i, s] of prepared.sentences.entries()) {
    if (useTitleCase && s.zone === 'title' && titleCased(s.text) && !mostlyUpper(s.text)) {
      // In a Title Case headline every word is capitalised: names are the runs between verbs and function words.
      for (const run of titleCaseNames(s.text)) {
        if (run.name.includes(' ') || !isCommonWord(run.name.toLowerCase())) {
          rawNames.push({ name: run.name, span: { start: offsets[i]! + run.at, end: offsets[i]! + run.at + run.name.length }, sentence: i });
        }
      }
      continue;
    }
    if (mostlyUpper(s.text) || ((s.zone === 'title' || s.heading) && titleCased(s.text))) continue;
    NAME_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAME_RE.exec(s.text)) !== null) {
      // "Kettering's Epic" is two names.
      let partOffset = 0;
      // "Kettering's Epic" is two names; "St. Brendan's Health System" is one.
      for (const part of m[0].split(/(?<=[’']s)\s+(?!(?:Health|Hospital|Medical|Regional|Children|University|Clinic|Care|Healthcare|Center|Centre|College|School|Foundation|Bank|Church|Home|Memorial)\b)/u)) {
        const at = m.index + m[0].indexOf(part, partOffset);
        partOffset = at - m.index + part.length;
        if (PLACES.test(part)) continue;
        const name = stripName(part);
        if (name.length < 2 || GENERIC.has(name.toLowerCase())) continue;
        if (!/[A-Z]/.test(name) || /^\d/.test(name)) continue;
        const nameAt = at + Math.max(0, part.indexOf(name));
        if (isPerson(s.text, nameAt, name)) {
          surnames.add(name.split(' ').pop()!.toLowerCase());
          continue;
        }
        if (NOT_AN_ORG.test(name)) continue;
        // "the Bleed vulnerability", "the Log4Shell flaw": a named flaw, not an organisation, wherever it is named.
        if (/^\s+(?:vulnerabilit\w+|flaws?|bugs?|zero-days?|exploits?)\b/i.test(s.text.slice(at + part.length))) {
          flawNames.add(memo.orgKey(name));
          continue;
        }
        // A capitalised everyday word opening a sentence ("Millions", "Led") is not a name.
        const sentenceStart = at === 0 || /^[\s"“‘(–-]*$/.test(s.text.slice(0, at));
        if (!name.includes(' ') && !/[A-Z].*[A-Z]/.test(name) && !isVendorAt(offsets[i]! + nameAt)) {
          // A single capitalised word is an ordinary word unless the story treats it as a name: capitalised
          // mid-sentence, or opening several sentences and never written in lower case ("Cyber incidents…",
          // "Millions of…", "Close to 9 million…" are words; "Welltok said…" is a name).
          const mid = memo.midSentenceCount(prepared, name);
          const lowerSeen = containsWord(prepared.mainText, name.toLowerCase());
          const common = isCommonWord(name.toLowerCase());
          if (sentenceStart || (s.zone === 'title' && at === 0)) {
            if (mid === 0 && (lowerSeen || (common && startCount(prepared, name) < 2 && !opensHeadlineAndLead(prepared, name)))) continue;
          } else if (common && mid < 2 && (lowerSeen || mid === 0)) continue;
        }
        const start = offsets[i]! + nameAt;
        rawNames.push({ name, span: { start, end: start + name.length }, sentence: i });
      }
    }
  }

  for (let i = rawNames.length - 1; i >= 0; i -= 1) if (flawNames.has(memo.orgKey(rawNames[i]!.name))) rawNames.splice(i, 1);

  // The attackers are named like organisations ("the Clop group claimed responsibility") but never suffered it.
  const actors = new Set<string>();
  for (const s of prepared.sentences) {
    if (!ACTOR_NAME_GATE.mayMatchText(s.text)) continue;
    for (const m of allMatches(ACTOR_NAME, s.text)) {
      const actor = (m[1] ?? m[2] ?? m[3])?.replace(/^(?:The|A|An|This|That)\s+/, '');
      if (actor) actors.add(memo.orgKey(actor));
    }
  }
  for (let i = rawNames.length - 1; i >= 0; i -= 1) if (actors.has(memo.orgKey(rawNames[i]!.name))) rawNames.splice(i, 1);

  // 2. Vendors: each accepted mention joins its vendor's candidate; a mention inside another organisation's name
  // ("Epic" in "Epic Games") is that organisation, not the vendor.
  const vendorSpans: { mention: VendorMention; key: string }[] = [];
  for (const mention of mentions) {
    if (!mention.accepted) continue;
    const surface = prepared.mainText.slice(mention.start, mention.end);
    const containing = rawNames.find((r) => r.span.start <= mention.start && r.span.end >= mention.end && r.name.length > surface.length);
    if (containing) {
      const extra = memo.orgKey(containing.name.replace(surface, ' '))
        .split(' ')
        .filter((t) => t && !GENERIC_REMAINDER.has(t));
      const ownTokens = memo.vendorTokens(mention.vendor);
      const foreign = extra.filter((t) => !ownTokens.has(t));
      if (foreign.length > 0 && !/^of\b/i.test(containing.name.slice(containing.name.indexOf(surface) + surface.length).trim())) {
        rejected.push({ mention, reason: `"${surface}" is part of "${containing.name}"` });
        continue;
      }
    }
    const key = memo.orgKey(mention.vendor.name);
    const c = candidate(key, mention.vendor.name, mention.vendor);
    c.forms.add(surface);
    c.terms.add(mention.term);
    vendorSpans.push({ mention, key });
  }

  for (const raw of rawNames) {
    if (!raw.name.includes(' ') && surnames.has(raw.name.toLowerCase())) continue;
    const vendorHit = vendorSpans.find((v) => raw.span.start <= v.mention.end && raw.span.end >= v.mention.start);
    if (vendorHit) {
      // "Perry Johnson & Associates of Nevada", "Oracle Health's" and "Cerner Corporation" all name the vendor.
      byKey.get(vendorHit.key)!.forms.add(raw.name);
      continue;
    }
    if (NOT_A_VICTIM.test(raw.name)) continue;
    const key = memo.orgKey(raw.name);
    if (!key || key.length < 2) continue;
    const c = candidate(key, raw.name, null);
    c.forms.add(raw.name);
    if (raw.name.length > c.name.length && !isAcronym(raw.name)) c.name = raw.name;
  }

  // 3. Merge acronyms and short forms into the full name the article also uses ("PJ&A", "M&S", "Kettering").
  const all = [...byKey.values()];
  // Acronyms and keys of every form, computed once: the pairwise loop below must stay cheap.
  const acronyms = new Map<OrgCandidate, string | null>(all.map((c) => [c, acronymOf(c.name)]));
  const formKeys = new Map<OrgCandidate, { keys: Set<string>; acronyms: Set<string> }>(
    all.map((c) => [
      c,
      {
        keys: new Set([...c.forms].map(orgKey)),
        acronyms: new Set([...c.forms].map(acronymOf).filter((a): a is string => a !== null)),
      },
    ]),
  );
  for (const short of all) {
    if (!byKey.has(short.key) || short.vendor) continue;
    const shortName = [...short.forms][0] ?? short.name;
    const acr = isAcronym(shortName) ? acronymOf(shortName) : null;
    for (const long of all) {
      if (long === short || !byKey.has(long.key)) continue;
      const sameByAcronym = acr !== null && acr.length >= 2 && acronyms.get(long) === acr;
      const sameByPrefix = short.key.length >= 4 && !long.vendor && long.key.startsWith(`${short.key} `);
      const lf = formKeys.get(long)!;
      const intoVendor = long.vendor !== null && (lf.keys.has(short.key) || (acr !== null && lf.acronyms.has(acr)));
      if (sameByAcronym || sameByPrefix || intoVendor) {
        for (const f of short.forms) long.forms.add(f);
        byKey.delete(short.key);
        break;
      }
    }
  }

  // 4. Score each candidate from the sentences that name it. Presence is a plain substring test; the phrase
  // patterns run only for the few candidates the title and lead are about (and vendors), on their own sentences.
  const candidates = [...byKey.values()];
  const presence = new Map<OrgCandidate, number[]>();
  for (const c of candidates) {
    const forms = [...c.forms].filter((f) => f.length >= 2);
    const hits: number[] = [];
    for (const [i, s] of prepared.sentences.entries()) {
      if (forms.some((f) => containsWord(s.text, f))) hits.push(i);
    }
    presence.set(c, hits);
    c.mentions = hits.length;
    for (const i of hits) {
      const s = prepared.sentences[i]!;
      c.sentences.add(s.order);
      if (s.zone === 'title') c.inTitle = true;
    }
  }
  const masks = new Map<OrgCandidate, string[]>();
  const headOf = (c: OrgCandidate) => (presence.get(c) ?? []).filter((i) => prepared.sentences[i]!.zone !== 'body').length;
  const focus = new Set(
    [...candidates]
      .filter((c) => c.mentions > 0)
      .sort((a, b) => headOf(b) * 3 + b.mentions - (headOf(a) * 3 + a.mentions))
      .slice(0, MAX_SCORED)
      .concat(candidates.filter((c) => c.vendor && c.mentions > 0)),
  );
  for (const c of candidates) {
    const hits = presence.get(c) ?? [];
    const headNamed = headOf(c);
    if (!focus.has(c)) {
      c.score = Math.min(c.mentions, 6) * 0.7 + (c.inTitle ? 3 : 0) + headNamed * 0.5;
      continue;
    }
    const forms = [...c.forms].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
    let bindScore = 0;
    let passingHits = 0;
    let leadSubject = false;
    const maskedOf: string[] = [];
    for (const i of hits) {
      const s = prepared.sentences[i]!;
      const zw = s.zone === 'title' ? 1.5 : s.zone === 'lead' ? 1 : 0.5;
      const incident = incidentSentences.has(s.order) || s.zone === 'title';
      const masked = maskForms(s.text, forms);
      const maskedLower = masked.toLowerCase();
      const passing =
        (s.zone === 'body' ? PASSING.test(s.text) : s.zone === 'lead' && COMPARISON.test(s.text)) ||
        (masked.includes(SLOT) && COMPARED_NAME_GATE.mayMatch(maskedLower, masked) && COMPARED_NAME.test(masked));
      if (passing) passingHits += 1;
      maskedOf.push(masked);
      if (!incident) continue;
      if (s.zone === 'lead' && forms.some((f) => s.text.indexOf(f) >= 0 && s.text.indexOf(f) < 40)) leadSubject = true;
      let best = 0;
      let label = '';
      for (const b of BINDS) {
        if (b.w > best && b.gate.mayMatch(maskedLower, masked) && b.r.test(masked)) {
          best = b.w;
          label = b.label;
        }
      }
      if (best > 0) {
        bindScore += best * zw * (passing ? 0.2 : 1);
        if (c.reasons.length < 3 && !c.reasons.includes(label)) c.reasons.push(label);
      }
    }
    c.passing = passingHits > 0 && passingHits === c.mentions;
    c.score = Math.min(bindScore, 14) + Math.min(c.mentions, 6) * 0.7 + (c.inTitle ? 3 : 0) + (leadSubject ? 2.5 : 0) + headNamed * 0.5;
    masks.set(c, maskedOf);
    if (c.passing) c.score *= 0.3;
    // The outlet's own name is a byline ("(NewsNation) —"), unless the outlet is the breached company itself.
    if (sourceTokens.has(c.key) && c.reasons.length === 0) c.score *= 0.3;
  }

  // Platform and affected-party phrases only matter for the candidates in the running for primary and for
  // vendors (whose role they decide): the patterns are the costliest of all, so they run for those alone.
  const contenders = new Set([...masks.keys()].sort((a, b) => b.score - a.score).slice(0, 3));
  for (const [c, maskedOf] of masks) {
    // A vendor with no tie to the incident is a mention whatever these phrases say.
    // Vendors are few, and a platform is often named once ("a flaw in MOVEit software"), so they are always read.
    if (!contenders.has(c) && !(c.vendor && !c.passing)) continue;
    let platformHits = 0;
    let affectedHits = 0;
    // One platform phrase settles it, and so do as many affected-party phrases as the rule below needs.
    const affectedNeeded = Math.max(1, Math.ceil(c.mentions / 3));
    for (const full of maskedOf) {
      if (platformHits > 0 && affectedHits >= affectedNeeded) break;
      // The phrases reach at most ~170 characters either side of the name.
      const first = full.indexOf(SLOT);
      const last = full.lastIndexOf(SLOT);
      const masked = first < 0 ? full : full.slice(Math.max(0, first - 170), last + SLOT.length + 130);
      const lower = masked.toLowerCase();
      if (platformHits === 0 && testBranches(PLATFORM_BRANCHES, masked, lower)) platformHits += 1;
      if (affectedHits < affectedNeeded && testBranches(AFFECTED_BRANCHES, masked, lower)) affectedHits += 1;
    }
    c.platform = platformHits > 0;
    c.affected = affectedHits > 0 && affectedHits >= Math.ceil(c.mentions / 3);
  }

  // 5. A platform or an affected customer is primary only when nothing else is a better fit.
  const ranked = candidates
    .filter((c) => c.mentions > 0)
    .sort((a, b) => adjusted(b) - adjusted(a) || b.mentions - a.mentions);
  // An affected customer ("Quest said its own systems were not affected") yields to a named party the incident is
  // tied to that is neither a customer nor a platform: the one whose systems were entered.
  const top = ranked[0];
  if (top?.affected) {
    const victim = ranked.find((c) => c !== top && !c.affected && !c.platform && !c.passing && c.reasons.length > 0 && c.score >= 3);
    if (victim) {
      ranked.splice(ranked.indexOf(victim), 1);
      ranked.unshift(victim);
    }
  }
  const primary = ranked[0] && adjusted(ranked[0]) >= 3 ? ranked[0] : null;
  const why: string[] = [];
  if (primary) why.push(`primary: ${primary.name} (${primary.reasons[0] ?? (primary.inTitle ? 'named in the title' : 'most named')})`);

  const organisations: string[] = [];
  if (primary) organisations.push(primary.name);
  for (const c of ranked) {
    if (c === primary || organisations.length >= 8) continue;
    if (c.passing) continue;
    // A watchlist product the incident went through is a party to it however often the story names it.
    const involved = ((c.platform || c.affected || c.reasons.length > 0) && c.score >= 2.5) || (c.vendor !== null && c.platform);
    if (involved) organisations.push(c.name);
  }
  return { candidates: ranked, primary, organisations, rejected, why };
}

/**
 * For an article that reports no breach every vendor is a mention, so the costly analysis is skipped: vendors are
 * listed from the matcher's accepted mentions, most named first.
 */
export function listVendorMentions(prepared: PreparedArticle, mentions: VendorMention[], memo: OrganisationMemo): OrganisationAnalysis {
  const byVendor = new Map<string, OrgCandidate>();
  for (const m of mentions) {
    if (!m.accepted) continue;
    let c = byVendor.get(m.vendor.name);
    if (!c) {
      c = { key: memo.orgKey(m.vendor.name), name: m.vendor.name, forms: new Set(), vendor: m.vendor, terms: new Set(), score: 0, mentions: 0, inTitle: false, platform: false, affected: false, passing: false, reasons: [], sentences: new Set() };
      byVendor.set(m.vendor.name, c);
    }
    c.forms.add(prepared.mainText.slice(m.start, m.end));
    c.terms.add(m.term);
    c.mentions += 1;
  }
  const candidates = [...byVendor.values()].sort((a, b) => b.mentions - a.mentions);
  return { candidates, primary: null, organisations: [], rejected: [], why: [] };
}

function adjusted(c: OrgCandidate): number {
  let s = c.score;
  if (c.platform) s *= 0.4;
  if (c.affected) s *= 0.6;
  return s;
}
