import type { GuardedRule } from './guarded-rule.js';
import { literalGate } from './literal-gate.js';
import { isCommonWord } from './matching/common-words.js';
import { ROLE_NOUN } from './matching/role-nouns.js';
import type { VendorMention } from './mentions.js';
import type { OrganisationMemo } from './organisations.js';
import { allMatches, escapeRegExp } from './regex-matches.js';
import type { Rule, RuleTable } from './rule.js';
import type { PreparedArticle } from './text.js';

// Step 1 of telling who was breached: the names a story uses. Capitalised runs of words in each sentence (a Title
// Case headline read through its verbs and function words), minus what is not an organisation: people ("Stuart
// Machin, the chief executive"), places, everyday words opening a sentence, named flaws ("the Bleed
// vulnerability") and the attackers ("the Clop group"). organisations.ts turns them into candidates.

// Capitalised words that are not organisations (or not ones that get breached).
const GENERIC = new Set(
  (
    'through via during amid among between within across against unlike including per upon into once unless whether because though thus hence every each any only just even latest recent former current several various other another such same own the a an in on at by for from to as according although however but and earlier later last this that these those its their his her our we it he she they while when after before since still yet also both some many most all nearly almost over about around under following despite meanwhile report reports breaking exclusive update updates why how what who where which there here then now today yesterday ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'cyber id ms ma ny nj ca tx il oh pa fl wa va nc ga mi md az co mn mo tn wi in ky la ok or sc al ut nv ia ar ks ms ne nm wv id hi me nh ri mt de sd nd ak vt dc gb tb kb mb u.s u.s. us usa america american americans united states uk u.k britain british england english europe european eu canada canadian china chinese russia russian india indian germany german france french brazil nigeria saudi arabia alabama alaska arkansas connecticut delaware florida georgia hawaii idaho indiana iowa kentucky louisiana maine maryland massachusetts minnesota mississippi montana nebraska oklahoma oregon pennsylvania utah vermont virginia wisconsin wyoming ohio california texas new york york london paris berlin madrid rome dublin toronto sydney boston dallas houston atlanta seattle philadelphia illinois chicago michigan missouri tennessee arizona denver colorado nevada washington kansas scotland ireland australia ' +
    'social security security cybersecurity data breach hack attack cyberattack ransomware incident hackerangriff cyberangriff cyberattaque ciberataque attacco health healthcare patient patients medical hospital hospitals internet web online cloud software email phone api ai it ceo cfo ciso cio cto hipaa phi pii ehr ehrs emr sec 8-k fbi fda cisa hhs ocr doj ftc nhs ico ncsc nca department office attorney general court judge senate congress government state federal district police ' +
    'company companies firm vendor provider customers customer clients client users members people individuals group gang hackers attackers researchers experts officials spokesperson statement notice filing form press release news story article image photo credit source author editor summary main points key details highlights contents table conclusion what happened ' +
    'notably importantly additionally meanwhile furthermore moreover however nonetheless overall in addition first second third finally one two three four five six seven eight nine ten dear home technology menu no southeast southwest northeast northwest midwest qué que cómo como quién quiénes cuándo dónde cuál por para los las el lo una uno unos os um uma ao aos les une et ou est pour qui quoi comment der ein eine und wer wie was het een wat hoe iranian iranians norwegian finnish swedish danish belgian italian spanish portuguese polish japanese korean israeli ukrainian mexican brazilian australian irish scottish welsh austrian swiss greek turkish dutch finland norway sweden denmark netherlands belgium italy spain portugal poland japan korea israel ukraine mexico australia austria switzerland greece turkey singapore taiwan vietnam philippines indonesia argentina chile colombia peru africa egypt ala ariz ark calif colo conn fla kan ky mass mich minn miss mont neb nev okla ore tenn tex wis wyo llc inc ltd corp plc pllc llp gmbh dna rna mri sftp ftp vpn rdp sso mfa api apis amerikaanse amerikaans américain américaine americano americana amerikanische amerikanischen britse britannique ' +
    // Parties of an order or a suit by their role ("Respondent Acme Benefits agreed…"), and nationalities in French.
    'respondent respondents petitioner petitioners plaintiff plaintiffs defendant defendants licensee registrant américains américaines ' +
    // Sentence openers of the other languages we read ("Secondo il documento", "Según la empresa", "Laut Polizei").
    'secondo inoltre tuttavia intanto quindi según además también segundo também contudo entretanto selon ainsi cependant laut außerdem jedoch volgens bovendien echter ' +
    // Contractions and everyday words a forum post or TV page capitalises: never an organisation.
    "i've i'm i'd i'll we've we're we'd you've you're it's that's there's don't doesn't didn't can't won't isn't pc pcs laptop watch update edit edited op tl;dr q&a faq " +
    // Hospital units a patient's post names by their initials ("my ER psych consult"), and the initials of
    // professions, departments and post shorthand ("hundreds of PT clinics", "our HR team", "TL;DR:").
    'er icu nicu picu pacu ed pt ot slp rn lpn hr qa ux ui tl dr crm erp hris cpap bipap pacs ekg ecg eeg cgm url urls pdf pdfs csv disclosure disclosures writeups write-ups millionen milliarden millions milliards millones milioni euro eur usd gbp chf'
  ).split(' '),
);

/** "US-Tochter", "EU-Anbieter", "US-Übersetzer": a country hyphenated to a common noun, in German. */
const COUNTRY_COMPOUND = /^(?:US|USA|EU|UK)-\p{Lu}\p{Ll}{3,}$/u;

// Words a Title Case headline glues after a name ("Oracle Health Breach Hits Hospitals").
const TRAILING_NOISE = new Set(
  'breach breaches hack hacked hacks attack attacks cyberattack cyber-attack hackerangriff cyberangriff cyberattaque ciberataque ransomware incident data says said confirms confirmed discloses disclosed reveals revealed reports reported hit hits suffers suffered notifies notified warns patients customers members users employees was is has have had and or the of in on at to for by with after amid over q1 q2 q3 q4 fy h1 h2 earnings results revenue litigation settlement administrator website'.split(
    ' ',
  ),
);

// Place and nationality words open real names ("British Airways", "American Airlines", "New York-Presbyterian").
const KEEP_LEADING = new Set(
  'british american canadian chinese russian indian german french european english united new north south west east national ohio california texas illinois michigan missouri tennessee arizona colorado nevada washington kansas cook alabama alaska arkansas connecticut delaware florida georgia hawaii idaho indiana iowa kentucky louisiana maine maryland massachusetts minnesota mississippi montana nebraska oklahoma oregon pennsylvania utah vermont virginia wisconsin wyoming'.split(
    ' ',
  ),
);

// Technical terms written in capitals are not organisations.
const NOT_AN_ORG: Rule = {
  label: 'technical term, not an organisation',
  pattern:
    /\b(interface|trojan|protocol|programming|vulnerabilit\w*|act|law|rule|regulation|number|numbers|portal|platform|server|servers|records?|framework|standard|checklist|guide|summit|day|week|month|year)$|^[a-zà-ÿ]{4,}(?:amse|andse|aanse|ese|ische|sche|ense)$|^CVE-\d{4}-\d{4,}$|^(?:[A-Z]\.){1,2}[A-Z]?\.?$|^\S+(?:Bleed|Shell|Hammer)$/i,
  example: 'Patient Portal',
  counterExample: 'Harbor Point Clinic',
};

// Agencies and researchers are named in breach stories but are not the breached party.
export const NOT_A_VICTIM: Rule = {
  label: 'agency, outlet or researcher, not a victim',
  pattern:
    /^(?:updated?|correction|breaking|exclusive|editor['’]s note|medicaid|medicare|pace|human services|aepd|anpd|cnil|(?:cybersecurity and )?infrastructure security agency|cisa|kev|known exploited vulnerabilities(?: catalog)?|(?:personal )?data protection (?:commission|authority|agency|board)|agencia española de protección de datos|autoriteit persoonsgegevens|commission nationale de l['’]informatique|civil rights|hhs(?: office| ocr)?\b|datenschutzbehörde|garante (?:per la )?privacy|(?:u\.?s\.? )?department of|(?:u\.?s\.? )?(?:justice|treasury|commerce|state|defense|homeland security) department|office (?:of|for)|federal|securities and exchange|health and human|attorney general|information commissioner|national (?:cyber|crime)|bleepingcomputer|bleeping computer|techcrunch|reuters|bloomberg|cnn|bbc news|associated press|the associated press|krebs|databreaches\.net|[\w-]+(?: [\w-]+)? (?:threat intelligence|threat research|threat labs|research labs)|law360|wbez|hipaa journal|becker's|gothamist|ars)/i,
  example: 'Department of Health and Human Services',
  counterExample: 'Harbor Point Clinic',
};

// Class 2, a product or feature named like an organisation ("the Relative Finder feature of Acme Genetics", "its
// CareLink app"): the company that makes it is the party, never the product. Read on the text after the name, and
// for the weaker nouns (app, service…) on the words before it too.
export const PRODUCT_AFTER: Rule = {
  label: 'class 2: a feature or tool named like an organisation',
  pattern:
    /^[’']?\s+(?:feature|features|function|functionality|tool|tools|module|option|setting|settings|plug-?in|extension|add-on|widget|chatbot)\b/i,
  example: ' feature of the genetics company',
  counterExample: ' said the genetics company',
};
export const PRODUCT_OWNED: Rule = {
  label: "class 2: a product named after 'its' or 'the company's'",
  pattern: /\b(?:its|their|the (?:company|firm|vendor|hospital|clinic|insurer|health system)['’]s)\s+$/i,
  example: 'attackers abused its ',
  counterExample: 'attackers abused ',
};
const PRODUCT_NOUN_AFTER =
  /^\s+(?:app|apps|application|portal|platform|software|service|product|website|site|system|systems|program|programme|environment|tenant|instance|accounts?|cloud|servers?|database|email|network|infrastructure|subscription)\b/i;

const ACTOR_NAME: Rule = {
  label: 'the attackers named like an organisation',
  pattern:
    /\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:ransomware\s+|hacking\s+|hacker\s+|cybercriminal\s+|extortion\s+|threat\s+)?(?:group|gang|crew|cluster|collective|operators?)\b|\b(?:group|gang|actor|collective)\s+(?:called|known as|named|dubbed|calling itself)\s+['"‘“]?([A-Z][\w-]+(?: [A-Z][\w-]+)?)|\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)\s+(?:has\s+|have\s+)?(?:claimed|took) (?:responsibility|credit)|\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s (?:data )?(?:leak|extortion|shame|dark[- ]web) (?:site|blog|page|portal)\b/g,
  // The last form: "Gravel Moth's leak site added N": whose leak site it is.
  example: 'The Lynx group claimed the attack.',
  counterExample: 'The doctors met as a team on Monday.',
};

// Every ACTOR_NAME phrase holds one of the words its gate reads from it: most sentences skip it.
const ACTOR_NAME_GATE = literalGate(ACTOR_NAME.pattern);

const PLACES: Rule = {
  label: 'place name',
  pattern:
    /^(?:new (?:jersey|york|yorkers|hampshire|mexico|zealand|england|delhi)|(?:north|south) (?:carolina|dakota|korea|africa)|saudi arabia|united (?:states|kingdom|arab emirates)|hong kong|costa rica|puerto rico|el salvador|sri lanka|south korea|los angeles|san (?:francisco|diego|jose|antonio)|long island|west (?:virginia|lothian)|rhode island|great britain)$/i,
  example: 'New Jersey',
  counterExample: 'New Horizon',
};

// A US state after a comma, or "-based" after the name: "Omaha, Neb.", "Gulfport, Mississippi", "Fargo-based".
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming';
const STATE_ABBREVIATIONS =
  'Ala|Ariz|Ark|Calif|Cal|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nebr|Nev|N\\.[HJMYCD]|Okla|Ore|Pa|R\\.I|S\\.[CD]|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|W\\.Va';
export const PLACE_AFTER: Rule = {
  label: 'a place: a state after the name, or "-based"',
  pattern: new RegExp(
    String.raw`^(?:,\s+(?:${STATE_NAMES})\b|,\s+(?:${STATE_ABBREVIATIONS})\.|-(?:based|domiciled|headquartered)\b|,\s+\p{Lu}\p{Ll}+-(?:based|domiciled|headquartered)\b|,\s+[A-Z]{2}\b(?!-))`,
    'u',
  ),
  example: ', Neb., company said',
  counterExample: ', the Omaha company said',
};
// "a federal court in Omaha", "based in Fargo": a one-word name after these is a place.
export const PLACE_BEFORE: Rule = {
  label: 'a place: "court in", "based in" before the name',
  pattern:
    /\b(?:court|courthouse|based|headquartered|located|hospitals?|clinics?|offices?|centers?|centres?|plants?|campus|schools?|district|county|city|town|suburb|outside|near|downtown|people|residents|patients|communities|towns|cities|businesses|families|stores)\s+(?:in|of|near|outside|around)\s+(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:,\s+|\s+and\s+))?$|\b(?:con sede|sediad[oa]|basée?|mit Sitz|gevestigd|ubicad[oa]|localizad[oa]|située?)\s+(?:en|em|à|a|in)\s+$|[A-Za-z][\w.-]*,\s+(?:de|da|do|di)\s+$|\b[a-zà-ÿ]{3,}\s+(?:no|na|em)\s+$/,
  // "Lakemont Surgery Center, de Harlingen,": in Spanish, Portuguese and Italian a town follows its name; "um centro de
  // leitura no Porto": in Portuguese "no", "na", "em" before a town.
  example: 'filed Monday in federal court in ',
  counterExample: 'filed a class action against ',
};

// "Two Spokane hospitals", "Spokane's children's hospital", "Giessen university": a one-word name that modifies a
// lower-case place noun is where the place is, not who.
export const PLACE_MODIFIER: Rule = {
  label: 'a place: a one-word name before a lower-case facility noun',
  pattern:
    /^(?:[’']s)?\s+(?:children['’]s\s+)?(?:hospitals?|health system|university|universities|clinics?|schools?|school district|county|city council|police|residents|hospital system|medical center|pathology lab|lab|laboratory|(?:dental |medical |doctor['’]s )?offices?|(?:dental |medical )?practices?)\b|^\s+(?:company|firm|startup|retailer|maker|chain)\b(?!['’]s)/,
  // Also "The Madison company behind the tracker": a town as the company's home.
  example: ' hospitals and a pathology lab',
  counterExample: ' Health hospitals',
};

// "RALEIGH, N.C. (Ledger) —": a dateline names the city the story was filed from.
const DATELINE =
  /^[A-Z][A-Z .'-]{2,30}(?:,\s+[A-Z][A-Za-z.]{1,12}(?:\s+\d{1,2})?)*\s*(?:\([^)]{1,60}\))?\s*[-–—]\s+|^[A-Z][A-Z .'-]{2,30},\s+[A-Z][A-Za-z.]{1,12}$/;

const NAME_WORD = String.raw`(?:(?:St|Mt|Ft)\.|[A-Z][\p{L}\p{N}'’.&-]*[\p{L}\p{N}]|[A-Z]|\p{Ll}{1,3}[A-Z][\p{L}\p{N}]+)`;
// Names join their words with "of", "for" and, in the Romance languages, "de", "da", "do", "del", "des", "du"
// ("Ministério da Saúde", "Hospital del Mar").
const NAME_RE = new RegExp(
  String.raw`${NAME_WORD}(?:(?:\s+(?:of the|of|for|de la|de|da|do|das|dos|del|des|du)\s+|(?<=\b(?:Hospital|Center|Centre|Clinic|Campus))\s+at\s+|\s*&\s*|\s+)${NAME_WORD})*`,
  'gu',
);

function stripName(raw: string): string {
  // "St. Cloud-based Netgain": the place the company is based in is not part of its name.
  let name = raw
    .replace(/[’']s$/u, '')
    .replace(/[.,]+$/, '')
    .replace(/^.*?-based\s+(?=\S)/u, '')
    // "a Slim CD-connected terminal", "Acme-owned clinics": the suffix says how a thing relates to the name.
    .replace(
      /-(?:connected|owned|run|operated|hosted|linked|affiliated|backed|branded|powered|managed|sponsored|funded|enabled|compatible|certified|approved)$/u,
      '',
    )
    // "Ireland's Health Service Executive": a place's possessive is not part of the name.
    .replace(/^(\p{Lu}\p{Ll}+)[’']s\s+(?=\p{Lu})/u, (whole, place: string) => (GENERIC.has(place.toLowerCase()) ? '' : whole));
  const tokens = name.split(/\s+/);
  // "Hospital for Sick Children", "University of Michigan": a generic word joined by "of" or "for" opens the name.
  while (
    tokens.length > 1 &&
    GENERIC.has(tokens[0]!.toLowerCase().replace(/[’']s$/, '')) &&
    !KEEP_LEADING.has(tokens[0]!.toLowerCase()) &&
    !(tokens.length > 2 && /^(?:of|for|de)$/.test(tokens[1]!) && /^[A-Z]/.test(tokens[0]!) && !/^(?:the|a|an)$/i.test(tokens[0]!))
  )
    tokens.shift();
  if (tokens.length === 1 && GENERIC.has(tokens[0]!.toLowerCase().replace(/[’']s$/, ''))) tokens.shift();
  // German puts a capitalised role noun before the name ("Batteriehersteller Varta", "Softwarekonzern SAP"), also
  // hyphenated to a country ("US-Übersetzer Scrivener", "US-Tochter").
  while (tokens.length > 1 && (ROLE_NOUN.pattern.test(tokens[0]!) || COUNTRY_COMPOUND.test(tokens[0]!))) tokens.shift();
  if (tokens.length === 1 && COUNTRY_COMPOUND.test(tokens[0]!)) tokens.pop();
  while (tokens.length > 1 && TRAILING_NOISE.has(tokens[tokens.length - 1]!.toLowerCase())) tokens.pop();
  if (tokens.length === 1 && GENERIC.has(tokens[0]!.toLowerCase())) tokens.pop();
  // A trailing " of X" after the name is a place or an owner ("Perry Johnson & Associates of Nevada").
  name = tokens.join(' ').replace(/\s+of(?: the)?$/i, '');
  return name;
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
  'says said say confirms confirmed confirm discloses disclosed reveals revealed reports reported report notifies notified notifying warns warned suffers suffered hit hits struck targeted breached hacked attacked faces sued settles settlement agrees agreed pays paid fined blames claims claimed admits after amid over as by from with without to for of in on at and or but the a an its their his her new latest second third data breach breaches hack hackers hacker cyberattack cyber-attack cyberattacks attack attacks ransomware incident leak leaks exposes exposed exposure stolen steal steals theft compromised compromises hospitals clinics firms companies company firm vendor giant provider patients patient customers users employees members millions thousands records information personal sensitive cybersecurity class action lawsuit probe investigation update updates what how why who is are was were be been has have had may could will would up down out off into under than more most million billion'.split(
    ' ',
  ),
);

const ORG_CONTINUATION =
  /^\s+(?:Health|Hospital|Medical|Regional|Children|University|Clinic|Care|Healthcare|Center|Centre|College|School|Foundation|Bank|Church|Home|Memorial)\b/;

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
  return out.filter(
    (r) =>
      r.name.length >= 2 &&
      !GENERIC.has(r.name.toLowerCase()) &&
      !PLACES.pattern.test(r.name) &&
      // "Incident Involving a Behavioral Health Referral Partner": after "a" the capitals describe, they do not name.
      !/\b(?:a|an)\s+$/i.test(title.slice(0, r.at)),
  );
}

/**
 * Short words a Title Case headline leaves in lower case, in the languages we read; any other lower-case word of three
 * letters ("hit") counts.
 */
const TITLE_CASE_SMALL_WORDS = new Set(
  'the and but for nor via per off out its are was has auf der die das und bei von mit aus für het een van les des aux por con del los las uma dos nos que una sur par'.split(
    ' ',
  ),
);

export function titleCased(text: string): boolean {
  const all = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  // A short line of names ("Halvorsen Kemp LLP") is a masthead or a signature, not a headline.
  if (all.filter((w) => w.length > 3).length < 3) return false;
  const words = all.filter((w) => w.length > 3 || (w.length === 3 && !TITLE_CASE_SMALL_WORDS.has(w.toLowerCase())));
  return words.filter((w) => /^[A-Z]/.test(w)).length / words.length > 0.7;
}

const PERSON_BEFORE: Rule = {
  label: 'title just before a person',
  pattern:
    /\b(?:general|judge|governor|gov\.|mayor|national|citizen|hacker|suspect|defendant|resident|superintendent|sheriff|councilman|councilwoman|chairman|chairwoman|senator|sen\.|rep\.|mr\.?|ms\.?|mrs\.?|dr\.?|ceo|cfo|cto|ciso|chief executive|spokesperson|spokeswoman|spokesman|president|director|officer|analyst|researcher|editor|reporter|lawyer|attorney|professor|founder|secretary|minister|commissioner|administrator|manager|coordinator|supervisor|physician|nurse|pharmacist|member|led by|headed by)\s+$/i,
  example: 'the hospital said chief executive ',
  counterExample: 'the hospital said ',
};
const PERSON_TITLE =
  /^(?:Mayor|Governor|Gov\.|Senator|Sen\.|Rep\.|Judge|Justice|Dr\.|Mr\.|Ms\.|Mrs\.|Sheriff|Superintendent|President|Chancellor|Minister|Secretary|Commissioner|Councilman|Councilwoman|Researcher|Analyst|Attorney|Lawyer|Spokesperson|Spokeswoman|Spokesman|Administrator|Nurse|Professor)\s+\p{Lu}/u;

const PERSON_AFTER: Rule = {
  label: 'role just after a person',
  pattern:
    /^[’']?,?\s+(?:the |a |an |its |their )?(?:chief|ceo|cfo|president|director|head|senior|vice|spokesperson|founder|lawyer|attorney|analyst|editor|researcher|professor|security editor|who (?:heads|leads|serves|is))\b|^[’']s\s+(?:blog|post|writeup|write-up|newsletter|substack|thread|research)\b|^,?\s+on\s+\p{Lu}[\p{L}.]*\s*:/iu,
  example: ', the chief executive of the clinic',
  counterExample: ' said the clinic',
};

/** Two or three capitalised words introduced or followed like a person ("Stuart Machin, the chief executive"). */
function isPerson(sentence: string, at: number, name: string): boolean {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 4) return false;
  if (
    /\b(health|care|medical|hospital|systems?|group|bank|software|inc|llc|corp|network|services|solutions|technologies|partners|associates|international|university|college|center|centre|clinic|foundation|agency|department)\b/i.test(
      name,
    )
  )
    return false;
  return (
    PERSON_BEFORE.pattern.test(sentence.slice(Math.max(0, at - 40), at)) ||
    PERSON_AFTER.pattern.test(sentence.slice(at + name.length, at + name.length + 40))
  );
}

function startCount(prepared: PreparedArticle, word: string): number {
  let n = 0;
  for (const s of prepared.sentences)
    if (s.zone !== 'title' && s.text.startsWith(word) && !/[\p{L}\p{N}]/u.test(s.text[word.length] ?? '')) n += 1;
  return n;
}

// "Ascension diverts ambulances…" over "Ascension, which operates 140 hospitals, said…": a word that opens the
// headline and a lead sentence as its subject (an apposition or a reporting verb follows) is the story's name.
function opensHeadlineAndLead(prepared: PreparedArticle, word: string): boolean {
  if (!prepared.title.startsWith(`${word} `)) return false;
  const subject = new RegExp(
    String.raw`^${escapeRegExp(word)}(?:,\s|\s+(?:said|says|has said|confirmed|reported|disclosed|announced|told)\b)`,
  );
  // A dateline ("OSLO, April 30 (Wire) - Hydro, the aluminium group, said…") stands before the sentence's subject.
  return prepared.sentences.some((s) => s.zone === 'lead' && subject.test(s.text.replace(DATELINE, '')));
}

export function countMidSentence(prepared: PreparedArticle, word: string): number {
  let n = 0;
  for (const s of prepared.sentences) {
    // In a Title Case headline every word is capitalised: "…Health Referral Partner" says nothing of "Referral".
    if ((s.zone === 'title' || s.heading) && titleCased(s.text)) continue;
    let from = 0;
    for (;;) {
      const at = s.text.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      const prev = s.text.slice(Math.max(0, at - 2), at);
      // "whose ImplantTrace service" is another word, not "Implant" mid-sentence.
      if (/[\p{L}\p{N}]/u.test(s.text[at + word.length] ?? '')) continue;
      if (/^[\p{Ll},;] $/u.test(prev)) n += 1;
    }
  }
  return n;
}

/** Substring test with word boundaries, without building a regex. */
export function containsWord(text: string, word: string): boolean {
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

interface Span {
  start: number;
  end: number;
}

/** A name as the story writes it, with where it stands in the article's main text. */
export interface RawName {
  name: string;
  span: Span;
  /** Index of its sentence. */
  sentence: number;
}

/**
 * The names of the story's sentences; `offsets[i]` is where sentence i starts in the main text. With `useTitleCase`
 * the names of a Title Case headline are guessed too (see analyseOrganisations).
 */
export function findNames(
  prepared: PreparedArticle,
  mentions: VendorMention[],
  memo: OrganisationMemo,
  useTitleCase: boolean,
  offsets: number[],
): { rawNames: RawName[]; surnames: Set<string>; actors: Set<string> } {
  const rawNames: RawName[] = [];
  const isVendorAt = (pos: number) => mentions.some((mm) => mm.accepted && mm.start === pos);
  const surnames = new Set<string>();
  const notOrganisationNames = new Set<string>();
  for (const [i, s] of prepared.sentences.entries()) {
    if (useTitleCase && s.zone === 'title' && titleCased(s.text) && !mostlyUpper(s.text)) {
      // In a Title Case headline every word is capitalised: names are the runs between verbs and function words.
      for (const run of titleCaseNames(s.text)) {
        if (run.name.includes(' ') || !isCommonWord(run.name.toLowerCase())) {
          rawNames.push({
            name: run.name,
            span: { start: offsets[i]! + run.at, end: offsets[i]! + run.at + run.name.length },
            sentence: i,
          });
        }
      }
      continue;
    }
    if (mostlyUpper(s.text) || ((s.zone === 'title' || s.heading) && titleCased(s.text))) continue;
    NAME_RE.lastIndex = 0;
    const datelineEnd = DATELINE.exec(s.text)?.[0].length ?? 0;
    let m: RegExpExecArray | null;
    while ((m = NAME_RE.exec(s.text)) !== null) {
      if (m.index < datelineEnd) {
        notOrganisationNames.add(memo.orgKey(stripName(m[0].split(',')[0] ?? m[0])));
        continue;
      }
      // "Kettering's Epic" is two names.
      let partOffset = 0;
      // "Kettering's Epic" is two names; "St. Brendan's Health System" is one.
      for (const part of m[0].split(
        /(?<=[’']s)\s+(?!(?:Health|Hospital|Medical|Regional|Children|University|Clinic|Care|Healthcare|Center|Centre|College|School|Foundation|Bank|Church|Home|Memorial)\b)/u,
      )) {
        const at = m.index + m[0].indexOf(part, partOffset);
        partOffset = at - m.index + part.length;
        if (PLACES.pattern.test(part)) continue;
        const name = stripName(part);
        if (name.length < 2 || GENERIC.has(name.toLowerCase())) continue;
        if (!/[A-Z]/.test(name) || /^\d/.test(name)) continue;
        const nameAt = at + Math.max(0, part.indexOf(name));
        // "Mayor Keisha Lance Bottoms said": a name that opens with a title is a person's.
        if (PERSON_TITLE.test(name)) {
          surnames.add(name.split(' ').pop()!.toLowerCase());
          continue;
        }
        if (isPerson(s.text, nameAt, name)) {
          // "Jonas Feld's blog": later "Feld" or "Jonas" alone is the same person.
          surnames.add(name.split(' ').pop()!.toLowerCase());
          surnames.add(name.split(' ')[0]!.toLowerCase());
          continue;
        }
        if (NOT_AN_ORG.pattern.test(name)) continue;
        // "the Bleed vulnerability", "the Log4Shell flaw": a named flaw, not an organisation, wherever it is named.
        if (/^\s+(?:vulnerabilit\w+|flaws?|bugs?|zero-days?|exploits?)\b/i.test(s.text.slice(at + part.length))) {
          notOrganisationNames.add(memo.orgKey(name));
          continue;
        }
        const after = s.text.slice(nameAt + name.length, nameAt + name.length + 40);
        if (
          !isVendorAt(offsets[i]! + nameAt) &&
          (PLACE_AFTER.pattern.test(after) ||
            (!name.includes(' ') && /^[A-Z][a-z]/.test(name) && PLACE_MODIFIER.pattern.test(after)) ||
            (name.split(' ').length <= 2 && PLACE_BEFORE.pattern.test(s.text.slice(Math.max(0, nameAt - 60), nameAt))))
        ) {
          notOrganisationNames.add(memo.orgKey(name));
          continue;
        }
        if (!isVendorAt(offsets[i]! + nameAt) && PRODUCT_AFTER.pattern.test(after)) {
          notOrganisationNames.add(memo.orgKey(name));
          continue;
        }
        // "its Azure environment", "their Marks & Spencer account": this mention is a product or an account, but the
        // name may be an organisation elsewhere in the story, so only this mention is dropped.
        if (
          !isVendorAt(offsets[i]! + nameAt) &&
          PRODUCT_NOUN_AFTER.test(after) &&
          PRODUCT_OWNED.pattern.test(s.text.slice(Math.max(0, nameAt - 30), nameAt))
        )
          continue;
        // A capitalised everyday word opening a sentence ("Millions", "Led") is not a name.
        const sentenceStart = at === 0 || at === datelineEnd || /^[\s"“‘(–-]*$/.test(s.text.slice(0, at));
        if (!name.includes(' ') && !/[A-Z].*[A-Z]/.test(name) && !isVendorAt(offsets[i]! + nameAt)) {
          // A single capitalised word is an ordinary word unless the story treats it as a name: capitalised
          // mid-sentence, or opening several sentences and never written in lower case ("Cyber incidents…",
          // "Millions of…", "Close to 9 million…" are words; "Welltok said…" is a name).
          const mid = memo.midSentenceCount(prepared, name);
          const lowerSeen = containsWord(prepared.mainText, name.toLowerCase());
          const common = isCommonWord(name.toLowerCase());
          // "Surgery-scheduling vendor hit…", "3. Hearing-benefit breach: …": a compound modifier opening a sentence
          // or a list item is never a name.
          const opensItem = /^[\s"“‘(–-]*\d{1,2}[.)]\s+$/.test(s.text.slice(0, at));
          if ((sentenceStart || opensItem || (s.zone === 'title' && at === 0)) && /^\p{Lu}\p{Ll}+-\p{Ll}/u.test(name)) continue;
          if (sentenceStart || (s.zone === 'title' && at === 0)) {
            if (mid === 0 && (lowerSeen || (common && startCount(prepared, name) < 2 && !opensHeadlineAndLead(prepared, name)))) continue;
          } else if (common && mid < 2 && (lowerSeen || mid === 0)) continue;
        }
        const start = offsets[i]! + nameAt;
        rawNames.push({ name, span: { start, end: start + name.length }, sentence: i });
      }
    }
  }

  for (let i = rawNames.length - 1; i >= 0; i -= 1) if (notOrganisationNames.has(memo.orgKey(rawNames[i]!.name))) rawNames.splice(i, 1);

  // The attackers are named like organisations ("the Clop group claimed responsibility") but never suffered it.
  const actors = new Set<string>();
  for (const s of prepared.sentences) {
    if (!ACTOR_NAME_GATE.mayMatchText(s.text)) continue;
    for (const m of allMatches(ACTOR_NAME.pattern, s.text)) {
      const actor = (m[1] ?? m[2] ?? m[3] ?? m[4])?.replace(/^(?:The|A|An|This|That)\s+/, '');
      if (actor) actors.add(memo.orgKey(actor));
    }
  }
  for (let i = rawNames.length - 1; i >= 0; i -= 1) if (actors.has(memo.orgKey(rawNames[i]!.name))) rawNames.splice(i, 1);
  return { rawNames, surnames, actors };
}

/** Every pattern of this module run behind a pre-filter, with its filter. */
export const GUARDED_RULES: GuardedRule[] = [
  {
    name: 'actor names',
    matches: (text) => allMatches(ACTOR_NAME.pattern, text).length > 0,
    mayMatch: (text) => ACTOR_NAME_GATE.mayMatchText(text),
  },
];

/** The rules names are read with, for the table test. */
export const NAME_RULES: RuleTable = {
  name: 'names',
  rules: [NOT_AN_ORG, NOT_A_VICTIM, ACTOR_NAME, PLACES, ROLE_NOUN, PERSON_BEFORE, PERSON_AFTER, PRODUCT_AFTER, PRODUCT_OWNED, PLACE_AFTER],
};
