import type { Fact, FactName } from '../core/types.js';
import { isDeadline, type ResolvedDate } from './dates.js';
import type { DetectionState } from './detection-state.js';
import type { GuardedRule } from './guarded-rule.js';
import { literalGate } from './literal-gate.js';
import { allMatches } from './regex-matches.js';
import type { Rule, RuleTable } from './rule.js';
import type { PreparedArticle, Sentence } from './text.js';
import { FACTS } from './weights.js';

// What an article states about its incident, each value with its source. Only story sentences are read (teasers
// and boilerplate never reach here), and only the ones about the incident, so a passing "the 2024 Change Healthcare
// attack" gives no date or count. Values are kept as the article words them; mergeFacts compares them normalised.

const DETECT: Rule = {
  label: 'detection verb',
  pattern:
    /\b(detect\w*|discover\w*|identif\w*|learn(?:ed|t)|became aware|become aware|found out|noticed|spotted|uncovered|first (?:found|learned)|alerted|was notified|were notified|received an alert)\b/i,
  example: 'The clinic discovered the intrusion on May 2.',
  counterExample: 'The clinic opened a new wing on May 2.',
};
const DISCLOSE: Rule = {
  label: 'disclosure verb',
  pattern:
    /\b(disclos\w*|announc\w*|reveal\w*|made public|went public|publicly|confirm\w*|began notifying|started notifying|notif(?:y|ied|ying) (?:patients|individuals|customers|affected|people|members)|mail(?:ed|ing)|sent (?:notices|letters|notifications)|posted (?:a )?(?:notice|statement)|statement)\b/i,
  example: 'The company announced the breach on June 3.',
  counterExample: 'The company hired a new chief on June 3.',
};
const FILE: Rule = {
  label: 'filing verb',
  pattern:
    /\b(fil(?:ed|ing|ings)|8-k|form 8|submitted|reported (?:it |the (?:incident|breach) )?to (?:the )?(?:hhs|sec|office|department|attorney|u\.s\.)|notified (?:the )?(?:hhs|sec|office for civil rights|attorney general|regulators|department)|breach portal|listing)\b/i,
  example: 'The company filed a notice on June 9.',
  counterExample: 'The company paused hiring on June 9.',
};
const OCCUR: Rule = {
  label: 'incident timing words',
  pattern:
    /\b(between|from|occurred|took place|began|started|lasted|during|since|as early as|dating back|as far back|intrusion|access(?:ed)?|attack(?:ed)?|breach(?:ed)?|hack(?:ed)?|compromise[ds]?|exfiltrat\w+)\b/i,
  example: 'The intrusion occurred between May 1 and May 4.',
  counterExample: 'The clinic moved to a new site.',
};

export const ATTACK_TYPES: readonly Rule[] = [
  {
    label: 'ransomware',
    pattern: /\bransomware|rançongiciel|erpressersoftware\b/i,
    example: 'Ransomware encrypted the servers.',
    counterExample: 'Malware slowed the servers.',
  },
  {
    label: 'data exfiltration',
    pattern: /\b(exfiltrat\w+|cop(?:ied|y) (?:of )?(?:certain |some )?(?:files|data)|made copies|data theft|stole|stolen|theft of)\b/i,
    example: 'The attackers stole patient files.',
    counterExample: 'The attackers were seen on the network.',
  },
  {
    label: 'unauthorised access',
    pattern:
      /\b(unauthori[sz]ed (?:access|party|actor|third party|activity)|illegal(?:ly)? access|without authori[sz]ation|lacking authori[sz]ation)\b/i,
    example: 'An unauthorized party reached the portal.',
    counterExample: 'An authorized vendor reached the portal.',
  },
  {
    label: 'misconfiguration / exposed data',
    pattern:
      /\b(misconfigur\w+|left (?:exposed|accessible|unprotected|unsecured)|(?:publicly|openly|freely) accessible|accessible (?:on|over|across) the internet|unsecured (?:database|server|bucket))\b/i,
    example: 'A misconfigured bucket held the files.',
    counterExample: 'A locked bucket held the files.',
  },
  {
    label: 'tracking pixel',
    // Advertising trackers, not a ransomware tracker site or a bug tracker that lists victims.
    pattern:
      /\b(tracking pixels?|meta pixel|pixel|tracking (?:code|technolog\w+|tools?)|(?:advertising|third-party|web|online|ad) trackers?)\b/i,
    example: 'A tracking pixel sent visits to advertisers.',
    counterExample: 'A ransomware tracker listed the clinic on Tuesday.',
  },
  {
    label: 'malware',
    pattern: /\bmalware|trojan|remote access trojan|\bRAT\b|info-?stealer|information-stealing\b/i,
    example: 'An infostealer took the passwords.',
    counterExample: 'The staff fixed a slow laptop.',
  },
  {
    label: 'phishing',
    pattern: /\b(phishing|spear-phishing|business email compromise|smishing|vishing)\b/i,
    example: 'A phishing email tricked an employee.',
    counterExample: 'A fishing trip was cancelled.',
  },
  {
    label: 'credential stuffing',
    pattern: /\bcredential stuffing\b/i,
    example: 'The accounts fell to credential stuffing.',
    counterExample: 'The accounts used stolen credentials.',
  },
  {
    label: 'stolen credentials',
    pattern: /\b(stolen|compromised) (?:customer |user |login )?(credentials|passwords|login credentials)\b/i,
    example: 'Attackers used stolen credentials to log in.',
    counterExample: 'Staff reset their passwords.',
  },
  {
    label: 'vulnerability exploitation',
    pattern:
      /\b(zero-day|0day|0-day|exploit\w* (?:a |the |an )?(?:\w+ )?(?:vulnerabilit\w+|flaw|bug|weakness)|vulnerabilit\w+ (?:was |were |being )?exploited|CVE-\d{4}-\d+)\b/i,
    example: 'Hackers exploited a vulnerability in the gateway.',
    counterExample: 'The vendor fixed a vulnerability in the gateway.',
  },
  {
    label: 'social engineering',
    pattern: /\b(social engineering|sim swapping|impersonat\w+ (?:it|help ?desk))\b/i,
    example: 'Callers used social engineering on the help desk.',
    counterExample: 'Callers asked the help desk for directions.',
  },
  {
    label: 'insider',
    pattern: /\b(insider|former (?:employee|worker)|rogue employee)\b/i,
    example: 'A former employee downloaded the records.',
    counterExample: 'A new employee downloaded the forms.',
  },
  {
    label: 'API abuse',
    pattern: /\b(api|application programming interface)\b/i,
    example: 'The attackers abused an API to pull records.',
    counterExample: 'The attackers pulled records from a backup.',
  },
  {
    label: 'denial of service',
    pattern: /\b(ddos|denial[- ]of[- ]service)\b/i,
    example: 'A DDoS attack slowed the website.',
    counterExample: 'A power cut slowed the website.',
  },
];

export const SYSTEMS: readonly Rule[] = [
  {
    label: 'electronic health records',
    pattern:
      /\b(?:electronic (?:health|medical) records?|ehrs?|emrs?)\s*(?:system|environment|platform|infrastructure|servers?|storage)?s?\b/i,
    example: 'Attackers reached the EHR system.',
    counterExample: 'Attackers reached the billing system.',
  },
  {
    label: 'patient portal',
    pattern: /\bpatient portals?\b/i,
    example: 'The patient portal was taken offline.',
    counterExample: 'The staff portal was taken offline.',
  },
  {
    label: 'call center',
    pattern: /\bcall cent(?:er|re)s?\b/i,
    example: 'The call center was down.',
    counterExample: 'The data center was down.',
  },
  {
    label: 'email accounts',
    pattern: /\b(?:e-?mail (?:accounts?|system|server)s?)\b/i,
    example: 'Hackers accessed two email accounts.',
    counterExample: 'Hackers sent two emails.',
  },
  {
    label: 'file transfer server',
    pattern: /\bfile[- ]transfer (?:tool|software|server|system|program|application|appliance)s?\b/i,
    example: 'A file-transfer tool was breached.',
    counterExample: 'A file was transferred by mail.',
  },
  {
    label: 'servers',
    pattern: /\b(?:legacy |data migration |network |computer )?servers?\b/i,
    example: 'The servers were encrypted.',
    counterExample: 'The waiters served lunch.',
  },
  { label: 'databases', pattern: /\bdatabases?\b/i, example: 'A database was copied.', counterExample: 'A spreadsheet was copied.' },
  {
    label: 'cloud workspace',
    pattern: /\b(?:cloud (?:workspace|platform|instance|environment|storage|account)|workspace (?:hosted|on a))\b/i,
    example: 'Files sat in a cloud workspace.',
    counterExample: 'Files sat in a shared folder.',
  },
  {
    label: 'API',
    pattern: /\b(?:api|application programming interface)\b/i,
    example: 'An exposed API leaked records.',
    counterExample: 'An exposed bucket leaked records.',
  },
  {
    label: 'transcription platform',
    pattern: /\btranscription platform|dictation\b/i,
    example: 'The dictation service was hit.',
    counterExample: 'The scheduling service was hit.',
  },
  {
    label: 'payment systems',
    pattern: /\b(?:payment|billing) systems?\b/i,
    example: 'Payment systems went offline.',
    counterExample: 'Phone lines went offline.',
  },
  {
    label: 'online ordering',
    pattern: /\b(?:online (?:ordering|orders|store)|website and app|contactless payments)\b/i,
    example: 'Online ordering was suspended.',
    counterExample: 'In-store pickup was suspended.',
  },
  {
    label: 'payroll system',
    pattern: /\bpayroll\b/i,
    example: 'The payroll provider was attacked.',
    counterExample: 'The benefits provider was attacked.',
  },
  {
    label: 'IT network',
    pattern: /\b(?:phone|it) systems?|computer systems?|network\b/i,
    example: 'Computer systems were shut down.',
    counterExample: 'The kiosks were shut down.',
  },
];

export const DATA_TYPES: readonly Rule[] = [
  {
    label: 'Social Security numbers',
    pattern: /\bsocial security (?:numbers?|nos?\.?)|\bssns?\b/i,
    example: 'Social Security numbers were exposed.',
    counterExample: 'Account balances were exposed.',
  },
  {
    label: 'medical record numbers',
    pattern: /\bmedical record numbers?\b/i,
    example: 'Medical record numbers were exposed.',
    counterExample: 'Room numbers were exposed.',
  },
  {
    label: 'health information',
    pattern:
      /\b(?:medical|health|patient|clinical) (?:records?|information|data|histor\w+)|\bphi\b|protected health information|health data\b/i,
    example: 'The files held medical records.',
    counterExample: 'The files held tax records.',
  },
  { label: 'diagnoses', pattern: /\bdiagnos\w+/i, example: 'Diagnoses were exposed.', counterExample: 'Addresses were exposed.' },
  {
    label: 'test results',
    pattern: /\b(?:lab(?:oratory)?|test) results?\b/i,
    example: 'Lab results were exposed.',
    counterExample: 'Survey answers were exposed.',
  },
  {
    label: 'medications',
    pattern: /\bmedications?|prescriptions?\b/i,
    example: 'Prescriptions were exposed.',
    counterExample: 'Appointments were exposed.',
  },
  {
    label: 'health insurance information',
    pattern:
      /\b(?:health )?insurance (?:information|details|data|ids?|numbers?|plans?)|\bhealth plans?|member (?:numbers?|ids?)|policy numbers?\b/i,
    example: 'Health insurance details were exposed.',
    counterExample: 'Car registration details were exposed.',
  },
  {
    label: 'Medicare/Medicaid IDs',
    pattern: /\bmedicare|medicaid\b/i,
    example: 'Medicare numbers were exposed.',
    counterExample: 'Library card numbers were exposed.',
  },
  { label: 'names', pattern: /\bnames?\b/i, example: 'Names were exposed.', counterExample: 'Nicknames were exposed.' },
  {
    label: 'addresses',
    pattern: /\b(?:postal |home |mailing |billing )?addresses\b|\baddress(?:es)?\b/i,
    example: 'Home addresses were exposed.',
    counterExample: 'Phone numbers were exposed.',
  },
  {
    label: 'dates of birth',
    pattern: /\bdates? of birth|birth ?dates?|birthdates?\b/i,
    example: 'Dates of birth were exposed.',
    counterExample: 'Dates of visits were exposed.',
  },
  {
    label: 'email addresses',
    pattern: /\be-?mail addresses\b/i,
    example: 'Email addresses were exposed.',
    counterExample: 'Email subjects were exposed.',
  },
  {
    label: 'contact details',
    pattern: /\bphone numbers?|contact (?:details|information|numbers)\b/i,
    example: 'Phone numbers were exposed.',
    counterExample: 'Shoe sizes were exposed.',
  },
  {
    label: 'financial information',
    pattern: /\b(?:bank(?:ing)? (?:details|account|information)|financial (?:information|data|details)|account numbers?)\b/i,
    example: 'Bank account details were exposed.',
    counterExample: 'Account balances were exposed.',
  },
  {
    label: 'payment card data',
    pattern: /\b(?:payment|credit) card|card (?:details|information|numbers?)\b/i,
    example: 'Credit card numbers were exposed.',
    counterExample: 'Gift vouchers were exposed.',
  },
  {
    label: 'government ID numbers',
    pattern: /\bdriver'?s licen[cs]e|government(?:-issued)? ids?|passports?\b/i,
    example: "Driver's license numbers were exposed.",
    counterExample: 'Parking permits were exposed.',
  },
  {
    label: 'passwords',
    pattern: /\bpasswords?|credentials|usernames\b/i,
    example: 'Passwords were exposed.',
    counterExample: 'Pass codes were exposed.',
  },
  {
    label: 'call and text records',
    pattern: /\b(?:call|text) (?:and text )?(?:message )?records|call logs|phone records\b/i,
    example: 'Call logs were exposed.',
    counterExample: 'Visitor logs were exposed.',
  },
  {
    label: 'taxpayer ID numbers',
    pattern: /\btax(?:payer)? (?:id|identification) numbers?\b/i,
    example: 'Tax ID numbers were exposed.',
    counterExample: 'Tax returns were exposed.',
  },
  {
    label: 'national insurance numbers',
    pattern: /\bnational insurance numbers?\b/i,
    example: 'National insurance numbers were exposed.',
    counterExample: 'National holidays were listed.',
  },
  {
    label: 'claims and billing data',
    pattern: /\b(?:claims|billing) (?:data|information)|treatment cost\b/i,
    example: 'Claims data was exposed.',
    counterExample: 'Staff rosters were exposed.',
  },
  {
    label: 'dates of service',
    pattern: /\bdates? of service|service dates?\b/i,
    example: 'Dates of service were exposed.',
    counterExample: 'Dates of birth were exposed.',
  },
  {
    label: 'order history',
    pattern: /\border history\b/i,
    example: 'Order history was exposed.',
    counterExample: 'Order numbers were exposed.',
  },
];

const HEDGE: Rule = {
  label: 'hedge before a fact',
  pattern: /\b(whether|unclear|unknown|not known|not yet known|not clear|if any|no evidence of|ruled out|not)\b/i,
  example: 'It is unclear whether',
  counterExample: 'The report confirms that',
};

const NEGATION: Rule = {
  label: 'negation in a clause',
  pattern: /\b(not|no|never|neither|nor|without|untouched|unaffected|weren't|wasn't|excluded|except)\b/i,
  example: 'Social Security numbers were not exposed',
  counterExample: 'Social Security numbers were exposed',
};

const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:million|billion|m\b|k\b|thousand)?`;
const PEOPLE_COUNT: Rule = {
  label: 'count of people',
  pattern: new RegExp(
    String.raw`(?:(?:about|around|roughly|approximately|nearly|almost|close to|more than|over|at least|up to|some|an estimated|upwards of)\s+)?(${NUMBER})\s+(?:current\s+|affected\s+|former\s+|u\.s\.\s+|american\s+|of (?:its|the)\s+)?(people|persons|individuals|patients|customers|customer accounts|members|americans|new yorkers|employees|staff|users|victims|residents|subscribers|plan members|accounts|consumers|class members)\b`,
    'gi',
  ),
  example: 'The breach affected about 41,000 patients.',
  counterExample: 'The clinic has 41 beds.',
};
const RECORDS_COUNT: Rule = {
  label: 'count of records',
  pattern: new RegExp(
    String.raw`(?:(?:about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|some)\s+)?(${NUMBER})[-\s]+(?:health |patient |medical |customer )?(records?|files|gigabytes|gb|tb|terabytes)\b`,
    'gi',
  ),
  example: 'The attackers took 2 million records.',
  counterExample: 'The attackers took two laptops.',
};
const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  several: 0,
  a: 1,
  an: 1,
};
const DURATION: Rule = {
  label: 'duration',
  pattern:
    /\b(?:for|lasting|lasted|over|during|about|around|roughly|more than|nearly|almost)\s+(?:about |around |roughly |more than |nearly |almost |over |approximately )?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s+(hours?|days?|weeks?|months?)\b|\b(weeklong|week-long|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-(?:hour|day|week|month))\b/i,
  example: 'The attackers were inside for eight days.',
  counterExample: 'The attackers were inside the network.',
};

const THREAT_ACTOR: Rule = {
  label: 'threat actor name',
  pattern:
    /\b(?:(?:ransomware|hacking|hacker|cybercriminal|extortion|threat|criminal)\s+(?:group|gang|actor|outfit|crew)s?\s+(?:called|known as|named|dubbed)?\s*['"“]?([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)|([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+(?:ransomware\s+)?(?:ransomware|hacking|hacker|extortion|cybercriminal)\s+(?:group|gang|operation|crew|cluster)|(?:group|gang)\s+(?:called|known as|named|dubbed)\s+['"“]?([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)|([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s+(?:has\s+|have\s+)?claimed (?:responsibility|credit)|call(?:ed|ing|s) itself\s+['"‘“]?([A-Z][\w-]+))/g,
  example: 'The threat actor Lynx posted the files on its leak site.',
  counterExample: 'A ransomware attack hit the clinic.',
};
const NOT_ACTOR: Rule = {
  label: 'not a threat actor name',
  pattern:
    /^(The|A|An|This|That|Its|Their|Russian|Chinese|Iranian|North|Russia|China|New|Newly|Ransomware|Group|Emerging|Notorious|Known|Threat|Hacking|Cyber|Criminal|Security|Cybersecurity|One|Another|Other|Some|Said|It|They|Which|Who|Both|Each|Earlier|Several|Many|Interlock Remote)$/,
  example: 'Ransomware',
  counterExample: 'Lynx',
};

export const STATUS: readonly Rule[] = [
  {
    label: 'investigation ongoing',
    pattern:
      /\b(?:investigation|probe|review|forensic \w+)\b[^.]{0,40}\b(?:ongoing|continu\w+|under way|underway|remains (?:active|open)|still)\b|\b(?:is|are|remains|still) (?:investigating|assessing|analy[sz]ing)\b/i,
    example: 'The investigation is ongoing.',
    counterExample: 'The investigation has ended.',
  },
  {
    label: 'contained',
    pattern:
      /\b(?:contained|no longer (?:has )?access|removed (?:the )?(?:unauthori[sz]ed )?access|stopped it|halted it|cut off access|shut off access)\b/i,
    example: 'The intrusion was contained within hours.',
    counterExample: 'The report contains new details.',
  },
  {
    label: 'systems being restored',
    pattern: /\b(?:restored|back online|recover(?:ed|ing)|bringing (?:its )?systems back|brought back)\b/i,
    example: 'Systems were restored on Friday.',
    counterExample: 'Systems were replaced on Friday.',
  },
  {
    label: 'notifications under way',
    pattern:
      /\b(?:began|begun|started|is|are|has been|have been|now) (?:notifying|mailing|sending)\b|\bnotification letters?\b|\bnotices? (?:to|were sent)\b/i,
    example: 'The clinic began notifying patients.',
    counterExample: 'The clinic will decide later.',
  },
  {
    label: 'lawsuit filed',
    pattern: /\b(?:class[- ]action|lawsuit|sued|suit filed)\b/i,
    example: 'Patients filed a class-action suit.',
    counterExample: 'Patients filed complaints.',
  },
  {
    label: 'settlement',
    pattern: /\bsettle(?:ment|d)\b/i,
    example: 'The company reached a settlement.',
    counterExample: 'The company reached a decision.',
  },
  {
    label: 'law enforcement involved',
    pattern:
      /\b(?:fbi|law enforcement|police|doj|grand jury|department of justice)\b[^.]{0,40}\b(?:investigat\w+|notified|informed|told|contacted|looking into|subpoena\w*)\b|\b(?:notified|informed|told|contacted|alerted)\b[^.]{0,20}\b(?:law enforcement|the fbi|police)\b/i,
    example: 'The FBI is investigating the attack.',
    counterExample: 'The board is investigating the attack.',
  },
];

export const FILINGS: readonly Rule[] = [
  {
    label: 'SEC Form 8-K',
    pattern:
      /\b8-k\b|\bform 8\b|securities and exchange commission|\bsec (?:filing|disclosure|statement)|filing with the sec|told the sec|notified the sec|sec was notified\b/i,
    example: 'The company disclosed the breach in a Form 8-K.',
    counterExample: 'The company disclosed the breach on its blog.',
  },
  {
    label: 'HHS OCR breach report',
    pattern:
      /\b(?:reported|notified|told|informed|filed|submitted|alerted)\b[^.]{0,40}\b(?:hhs|office for civil rights|department of health (?:&|and) human services)\b|\b(?:hhs|health (?:&|and) human services|office for civil rights|ocr)\b[^.]{0,60}\b(?:portal|listing|report\w*|notif\w*|filing|breach|filed|notice)|\b(?:notified|told|reported to|filed with|filing (?:submitted )?(?:to|with)) (?:the )?(?:u\.s\. )?(?:department of )?(?:hhs|health (?:&|and) (?:human )?(?:and )?services|office for civil rights)/i,
    example: 'The clinic reported the breach to HHS.',
    counterExample: 'The clinic reported the breach to its insurer.',
  },
  {
    label: 'state attorney general',
    pattern:
      /\b(?:the )?(maine|california|vermont|texas|new york|massachusetts|washington|oregon|indiana|iowa|montana|new hampshire|new jersey|north carolina|south carolina|delaware|connecticut|state) (?:attorney general|ag)(?:'s office)?\b|\battorney general(?:'s office)? (?:of|in) (maine|california|vermont|texas|new york|massachusetts)\b/i,
    example: 'It notified the Maine attorney general.',
    counterExample: 'It notified the county sheriff.',
  },
  {
    label: "UK Information Commissioner's Office",
    pattern: /\b(?:information commissioner'?s office|\bico\b)/i,
    example: "It told the Information Commissioner's Office.",
    counterExample: 'It told the local council.',
  },
];

type DateKind = 'detected' | 'filed' | 'disclosed' | 'occurred';

// "Occurred" words compete too: in "filings say the breach, which ended February 6, …" the date is the breach's.
const OCCURRED: Rule = {
  label: 'occurrence verb',
  pattern: /\b(ended|began|started|occurred|took place|lasted|between|during|since|as early as|from)\b/i,
  example: 'The breach began on May 1.',
  counterExample: 'The notice was mailed on May 9.',
};

const DATE_KINDS: [RegExp, DateKind][] = [
  [new RegExp(DETECT.pattern.source, 'gi'), 'detected'],
  [new RegExp(FILE.pattern.source, 'gi'), 'filed'],
  [new RegExp(DISCLOSE.pattern.source, 'gi'), 'disclosed'],
  [new RegExp(OCCURRED.pattern.source, 'gi'), 'occurred'],
];

/** Which event a date in a sentence dates: the verb nearest before it ("filed on March 27, … noticed it on March 16"). */
/** Where each kind of date verb stands in a sentence, found once for all its dates. */
function dateVerbs(text: string): { kind: DateKind; at: number }[] {
  const out: { kind: DateKind; at: number }[] = [];
  for (const [re, kind] of DATE_KINDS) {
    for (const m of allMatches(re, text)) out.push({ kind, at: m.index });
  }
  return out;
}

function dateKind(verbs: { kind: DateKind; at: number }[], at: number): DateKind | null {
  let best: { kind: DateKind; distance: number } | null = null;
  for (const v of verbs) {
    const distance = v.at <= at ? at - v.at : (v.at - at) * FACTS.verbAfterDateFactor;
    if (distance > FACTS.dateVerbReach) continue;
    if (!best || distance < best.distance) best = { kind: v.kind, distance };
  }
  return best?.kind ?? null;
}

// Each pattern of a family runs only in a sentence holding a word it needs (see word-gates.ts): most sentences hold
// none of a family's words, and the rest only a few patterns' words.
const ATTACK_TYPES_ALL: [RegExp, string][] = ATTACK_TYPES.map((rule) => [new RegExp(rule.pattern.source, 'gi'), rule.label]);
// Every match of these holds one of the words their gates read from them: most sentences skip them.
const ACTOR_GATE = literalGate(THREAT_ACTOR.pattern);
const DURATION_GATE = literalGate(DURATION.pattern);
// Every count is written in digits (NUMBER): a sentence without one holds no count.
const DIGIT = /\d/;

/** Every pattern of this module run behind a pre-filter, with its filter. */
export const GUARDED_RULES: GuardedRule[] = [
  {
    name: 'threat actor',
    matches: (text) => allMatches(THREAT_ACTOR.pattern, text).length > 0,
    mayMatch: (text) => ACTOR_GATE.mayMatchText(text),
  },
  { name: 'duration', matches: (text) => DURATION.pattern.test(text), mayMatch: (text) => DURATION_GATE.mayMatchText(text) },
  { name: 'people affected', matches: (text) => allMatches(PEOPLE_COUNT.pattern, text).length > 0, mayMatch: (text) => DIGIT.test(text) },
  { name: 'records affected', matches: (text) => allMatches(RECORDS_COUNT.pattern, text).length > 0, mayMatch: (text) => DIGIT.test(text) },
];

/** Sentences about the incident: title, lead and sentences with incident cues, minus subheads. */
function factSentences(prepared: PreparedArticle, incidentSentences: Set<number>): Sentence[] {
  return prepared.sentences.filter(
    (s) => !s.heading && (s.zone !== 'body' || incidentSentences.has(s.order) || nearIncident(s, incidentSentences)),
  );
}

function nearIncident(s: Sentence, incidentSentences: Set<number>): boolean {
  return incidentSentences.has(s.order - 1) || incidentSentences.has(s.order + 1);
}

// Comparisons with other incidents ("behind HCA Healthcare's 11,270,000-record breach") are not this incident.
const OTHER_INCIDENT: Rule = {
  label: 'another incident in the sentence',
  pattern:
    /\b(behind|ahead of|compared (?:to|with)|like|such as|previous(?:ly)?|earlier (?:incident|breach|attack)|separate|unrelated|another|prior|in 20\d\d alone|record[- ]setting|largest ever|biggest (?:single )?breach ever)\b/i,
  example: 'The breach is smaller than the previous one.',
  counterExample: 'The breach exposed 4,000 records.',
};

export interface FactContext {
  /** Names of the primary organisation, to tell its own figures from other companies' in the same sentence. */
  otherNames?: string[];
}

export function extractFacts(
  prepared: PreparedArticle,
  incidentSentences: Set<number>,
  state: Pick<DetectionState, 'gates' | 'dates'>,
  context: FactContext = {},
): Fact[] {
  const { gates, dates: dateReader } = state;
  const source = prepared.id;
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const add = (name: FactName, value: string) => {
    const v = value.trim().replace(/\s+/g, ' ').slice(0, FACTS.maxValueChars);
    if (!v) return;
    const k = `${name}\u0000${normaliseFactValue(name, v)}`;
    if (seen.has(k)) return;
    if (facts.filter((f) => f.name === name).length >= FACTS.maxValuesPerFact && name !== 'data_types') return;
    seen.add(k);
    facts.push({ name, value: v, source });
  };
  const others = (context.otherNames ?? []).filter((n) => n.length > 2);

  for (const s of factSentences(prepared, incidentSentences)) {
    const text = s.text;
    const aboutOther = OTHER_INCIDENT.pattern.test(text) || others.some((n) => text.includes(n));
    // Dates: the verb in the sentence says which kind.
    if (!aboutOther) {
      const dates: { d: ResolvedDate; at: number }[] = [];
      for (const f of dateReader.find(text)) {
        const d = dateReader.resolve(f, prepared.published);
        if (d && d.year !== null) dates.push({ d, at: f.index });
      }
      for (const d of dateReader.relative(text, prepared.published)) dates.push({ d, at: 0 });
      const dayOrMonth = dates.filter((x) => x.d.month !== null);
      const ranged = /\b(between|from)\b/i.test(text) && dayOrMonth.length >= 2 && OCCUR.pattern.test(text);
      const verbs = dayOrMonth.length > 0 ? dateVerbs(text) : [];
      for (const { d, at } of dayOrMonth) {
        if (isDeadline(text, at)) continue;
        const kind = dateKind(verbs, at);
        if (kind === 'detected') add('detected', d.value);
        else if (kind === 'filed') add('filed', d.value);
        else if (kind === 'disclosed' && s.zone !== 'title') add('disclosed', d.value);
      }
      if (ranged) add('duration', `${dayOrMonth[0]!.d.value} to ${dayOrMonth[1]!.d.value}`);
    }
    const attackMay = aboutOther ? [] : gates.attackTypes.mayMatch(text);
    for (let i = 0; i < attackMay.length; i += 1) {
      if (!attackMay[i]) continue;
      const [global, value] = ATTACK_TYPES_ALL[i]!;
      // "whether ransomware was deployed remains unknown" names a possibility, not the attack type.
      for (const m of allMatches(global, text)) {
        if (HEDGE.pattern.test(text.slice(Math.max(0, m.index - FACTS.hedgeBefore), m.index))) continue;
        add('attack_type', value);
        break;
      }
    }
    if (!aboutOther) {
      const may = gates.systems.mayMatch(text);
      for (let i = 0; i < SYSTEMS.length; i += 1) {
        const { pattern: re, label: value } = SYSTEMS[i]!;
        if (
          may[i] &&
          re.test(text) &&
          /\b(access|hit|compromis|breach|attack|affect|disrupt|down|stolen|hack|exploit|exposed|copied|infect|malware|encrypt|outage)\w*/i.test(
            text,
          )
        ) {
          add('systems_affected', value);
          break;
        }
      }
    }
    // Counts: the number next to people/records, unless the sentence compares with other incidents.
    if (!aboutOther) {
      for (const m of DIGIT.test(text) ? allMatches(PEOPLE_COUNT.pattern, text) : []) {
        const value = m[1]!.trim();
        const unit = m[2]!.toLowerCase();
        if (parseCount(value) < 10 && !/million|billion/i.test(value)) continue;
        if (/employees|staff/.test(unit) && !/(?:affected|impacted|exposed|compromised|stolen)/i.test(text)) continue;
        add(/accounts/.test(unit) ? 'records_affected' : 'people_affected', `${value} ${unit}`.replace(/\s+/g, ' '));
      }
      for (const m of DIGIT.test(text) ? allMatches(RECORDS_COUNT.pattern, text) : []) {
        const unit = m[2]!.toLowerCase();
        if (parseCount(m[1]!) < 10 && !/million|billion|gb|tb|giga|tera/i.test(`${m[1]} ${unit}`)) continue;
        add('records_affected', `${m[1]!.trim()} ${unit}`);
      }
    }
    // Data types: only the ones stated as exposed, not the ones said to be safe.
    if (
      !aboutOther &&
      /\b(includ\w*|contain\w*|such as|exposed|compromis\w*|stolen|accessed|taken|involv\w*|covered|covering|comprised|among (?:the|them)|types|information|data|details)\b/i.test(
        text,
      )
    ) {
      const clauses = text.split(/[;:]|,\s*(?:but|while|though|although)\b|\bbut\b|\bwhile\b|\bthough\b/i);
      // A clause holds no word its sentence does not: the sentence's flags rule data types out for every clause.
      const may = gates.dataTypes.mayMatch(text);
      for (const clause of clauses) {
        if (NEGATION.pattern.test(clause)) continue;
        for (let i = 0; i < DATA_TYPES.length; i += 1) {
          if (!may[i]) continue;
          const { pattern: re, label: value } = DATA_TYPES[i]!;
          if (value === 'names' && !/\b(names?)\b[^.]{0,80}\b(addresses|birth|numbers|information|details)|\b(names?),/i.test(clause))
            continue;
          if (
            value === 'addresses' &&
            /\bemail addresses\b/i.test(clause) &&
            !/\b(?:postal|home|mailing|billing)?\s*addresses\b(?<!email addresses)/i.test(clause.replace(/e-?mail addresses/gi, ''))
          )
            continue;
          if (re.test(clause)) add('data_types', value);
        }
      }
    }
    // A comparison's filings are another incident's: not even looked for.
    const filingMay = aboutOther ? [] : gates.filings.mayMatch(text);
    for (let i = 0; i < filingMay.length; i += 1) {
      const { pattern: re, label: value } = FILINGS[i]!;
      const m = filingMay[i] ? re.exec(text) : null;
      if (!m) continue;
      if (value === 'state attorney general') {
        const state = (m[1] ?? m[2] ?? '').toLowerCase();
        add('regulatory_filing', state && state !== 'state' ? `${state.replace(/\b\w/g, (c) => c.toUpperCase())} attorney general` : value);
      } else add('regulatory_filing', value);
    }
    for (const m of ACTOR_GATE.mayMatchText(text) ? allMatches(THREAT_ACTOR.pattern, text) : []) {
      const actor = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim();
      if (!actor || NOT_ACTOR.pattern.test(actor) || actor.split(' ').some((w) => NOT_ACTOR.pattern.test(w) && w !== actor.split(' ')[0]))
        continue;
      if (NOT_ACTOR.pattern.test(actor.split(' ')[0]!)) continue;
      if (others.some((o) => o.includes(actor))) continue;
      add('threat_actor', actor);
    }
    if (!aboutOther) {
      const may = gates.status.mayMatch(text);
      for (let i = 0; i < STATUS.length; i += 1) if (may[i] && STATUS[i]!.pattern.test(text)) add('status', STATUS[i]!.label);
      const d = DURATION_GATE.mayMatchText(text) ? DURATION.pattern.exec(text) : null;
      if (d && /\b(access|breach|attack|inside|intrusion|disrupt|outage|hack|network|systems?|environment)\w*/i.test(text)) {
        add('duration', d[0].replace(/^(?:for|lasting|lasted|over|during)\s+/i, ''));
      }
    }
  }
  return facts;
}

// Class 3: a date in the text that is not the incident's. The date of a later development (a lawsuit filed, a
// settlement approved, letters mailed, a sentence handed down) must not decide which incident a story is about.
export const DEVELOPMENT: Rule = {
  label: 'class 3: the date of a later development',
  pattern:
    /\b(sued|suing|lawsuits?|class[- ]action|complaint|settle\w*|agreed|approv\w*|sentenc\w*|pleaded|pleads|indict\w*|charged|convicted|fined|ruled|ruling|hearing|judge|court|began notifying|started notifying|mail(?:ed|ing)|sent (?:notices|letters|notifications)|letters|updated|final (?:count|tally)|fil(?:ed|ing)|8-k|submitted|found guilty|guilty|verdict|jury|trial|probation|penalty|paid)\b/i,
  example: 'A class action was filed on March 3, 2025.',
  counterExample: 'The intrusion began on March 3, 2025.',
};
const DEVELOPMENT_ALL = new RegExp(DEVELOPMENT.pattern.source, 'gi');
const DATE_NAMES_INCIDENT =
  /^[\w ,.]{0,24}?\b(?:(?:data |security |cyber ?security |ransomware )?(?:breach|attack|cyber-?attack|hack|incident|intrusion|compromise)|ransomware)\b/i;
const INCIDENT_TIMING = [new RegExp(OCCUR.pattern.source, 'gi'), new RegExp(DETECT.pattern.source, 'gi')];
// "Osprey's December notice says…": a date that names a notice, filing or letter is that development's.
const DATE_NAMES_DEVELOPMENT =
  /^[\w,.]+(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?\s+(?:\w+\s+)?(?:notices?|letters?|filings?|updates?|statements?|disclosures?|announcements?|notifications?|lawsuits?|settlements?|8-K)\b/i;

/** Whether the date at `at` in `text` dates a later development rather than the incident (the nearest verb says). */
export function isDevelopmentDate(text: string, at: number): boolean {
  // "over the February 2024 cyberattack": a date that names the incident is the incident's, whatever verb is near.
  if (DATE_NAMES_INCIDENT.test(text.slice(at, at + 40))) return false;
  if (DATE_NAMES_DEVELOPMENT.test(text.slice(at, at + 40))) return true;
  const distance = (index: number) => (index <= at ? at - index : (index - at) * FACTS.verbAfterDateFactor);
  let development = Infinity;
  for (const m of allMatches(DEVELOPMENT_ALL, text)) development = Math.min(development, distance(m.index));
  if (development > FACTS.dateVerbReach) return false;
  let incident = Infinity;
  for (const re of INCIDENT_TIMING) for (const m of allMatches(re, text)) incident = Math.min(incident, distance(m.index));
  return development < incident;
}

/** Count as a number, whatever the format ("4.5 million", "8,493,379", "37M"). */
export function parseCount(text: string): number {
  const m = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand|m\b|k\b)?/i.exec(text.replace(/\s+/g, ' '));
  if (!m) {
    const w = WORD_NUMBERS[text.trim().split(/\s+/)[0]?.toLowerCase() ?? ''];
    return w ?? Number.NaN;
  }
  const base = Number(m[1]!.replace(/,/g, ''));
  const unit = (m[2] ?? '').toLowerCase();
  const mult = unit === 'billion' ? 1e9 : unit === 'million' || unit === 'm' ? 1e6 : unit === 'thousand' || unit === 'k' ? 1e3 : 1;
  return Math.round(base * mult);
}

/** The comparison form of a value: numbers as integers plus unit class, everything else case- and space-folded. */
export function normaliseFactValue(name: FactName, value: string): string {
  if (name === 'people_affected' || name === 'records_affected') {
    const n = parseCount(value);
    if (!Number.isNaN(n)) return String(n);
  }
  return value
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface MergedFact {
  name: FactName;
  values: { value: string; sources: string[] }[];
}

/**
 * Groups the facts of every source of one incident: equal values (after normalising numbers and case) become one
 * value with all their sources; different values stay side by side, none is chosen over another.
 */
export function mergeFacts(facts: Fact[]): MergedFact[] {
  const byName = new Map<FactName, Map<string, { value: string; sources: string[] }>>();
  for (const fact of facts) {
    let values = byName.get(fact.name);
    if (!values) {
      values = new Map();
      byName.set(fact.name, values);
    }
    const key = normaliseFactValue(fact.name, fact.value);
    const existing = values.get(key);
    if (existing) {
      if (!existing.sources.includes(fact.source)) existing.sources.push(fact.source);
    } else values.set(key, { value: fact.value, sources: [fact.source] });
  }
  return [...byName.entries()].map(([name, values]) => ({ name, values: [...values.values()] }));
}

/** Every rule of this module, for the table test. */
export const RULE_TABLES: RuleTable[] = [
  { name: 'attack types', rules: ATTACK_TYPES },
  { name: 'systems affected', rules: SYSTEMS },
  { name: 'data types', rules: DATA_TYPES },
  { name: 'status', rules: STATUS },
  { name: 'regulatory filings', rules: FILINGS },
  {
    name: 'fact context',
    rules: [
      DETECT,
      DISCLOSE,
      FILE,
      OCCUR,
      DEVELOPMENT,
      OCCURRED,
      HEDGE,
      NEGATION,
      OTHER_INCIDENT,
      PEOPLE_COUNT,
      RECORDS_COUNT,
      DURATION,
      THREAT_ACTOR,
      NOT_ACTOR,
    ],
  },
];
