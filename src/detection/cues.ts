import type { RuleGates } from './detection-state.js';
import type { GuardedRule } from './guarded-rule.js';
import type { Rule, RuleTable } from './rule.js';
import type { PreparedArticle, Sentence } from './text.js';
import { BREACH, HEALTHCARE } from './weights.js';
import { gateWords } from './word-gates.js';

// Breach and healthcare classification from cue phrases, weighted by where they stand: a headline or lead that
// reports an incident outweighs any number of passing mentions further down. Every decision leaves its reasons in
// `why`.

const MODAL: Rule = {
  label: 'hypothetical: a modal word just before the phrase',
  pattern: /\b(could|might|would|can|may be|could be|can be|cannot be|risk of|threat of|potential(ly)?|if)\s*$/i,
  example: 'Patient records could be',
  counterExample: 'Patient records were',
};

// "An attacker with access to the network could use it to…": an indefinite attacker whose clause turns on a modal
// is what a flaw would permit, not what anyone did ("could have" is a past event and stays). Case-sensitive, so the
// month "in May" is no modal.
const HYPOTHETICAL_ATTACKER: Rule = {
  label: 'hypothetical: an indefinite attacker and a modal in the clause',
  pattern:
    /^[^.;:]{0,24}?\b(?:[Aa]n?|[Aa]ny|[Ss]ome)\s+(?:(?:remote|local|unauthenticated|authenticated|malicious)\s+)?(?:attacker|hacker|intruder|adversary|insider|user)\b[^.;:]{0,80}?\b(?:could|can|would|might|may)\s+(?!have\b|be\s+(?:behind|responsible)\b)\w+/,
  example: 'An attacker with access to the hospital network could use it to unlock drawers.',
  counterExample: 'An attacker with access to the hospital network used it to unlock drawers and could have read more.',
};

// Generic talk about attacks ("built to stop cyberattacks", "a wave of ransomware attacks on hospitals").
const GENERIC_CONTEXT: Rule = {
  label: 'generic talk about attacks just before the phrase',
  pattern:
    /\b(help(?:s|ing)? (?:\w+ ){0,2}(?:respond to|stop|prevent|detect|fight|defend against|spot)|designed to|aims? to|harden\w*|bolster\w*|strengthen\w*|against|funding|budgets?|invest(?:ment|ing|s)? in|readiness|prepared(?:ness)?|prevent|preventing|stop|stopping|protect(?:ing)? against|defend(?:ing)? against|guard(?:ing)? against|shield(?:ing)? against|detect and stop|resilien\w*|prepare for|vulnerable to|rise in|surge in|spate of|number of|increase in|trend|wave of|targets? for|prime target|how to|avoid|insurance against|combat|fight(?:ing)?)\b[^.]{0,30}$/i,
  example: 'The grant helps hospitals defend against',
  counterExample: 'Last week the clinic said that',
};

// "required no password", "una persona no autorizada": a negation word that is part of the finding, not a denial.
const MISSING_PROTECTION =
  /\b(?:required |needed |had |with )?(?:no|without(?: a| any)?) (?:password|authentication|encryption|credentials?|login)(?: protection)?\b|\b(?:no|não|non) (?:autorizad[oa]s?|autorisée?s?)\b|\b(?:was|were) not (?:hers|his|theirs|their own)\b|\bsomeone other than\b|(?<![\p{L}])(?:sans|sin|sem) (?:mot de passe|authentification|contraseña|autenticación|senha|autenticação)(?![\p{L}])/giu;

const NEGATED: Rule = {
  label: 'a denial in the clause of the phrase',
  pattern:
    // Letter-aware edges, not \b: \b reads "í" as a non-word character, so "Notícias" began with a "not".
    /(?<![\p{L}\p{N}])(?:no|not|never|nothing|none|neither|nor|without|no one's|nobody's|denied|denies|deny|rejected|unlikely|false claims?|aucune?|ni|sans|ningún|ninguna|sin|nenhum|nenhuma|kein(?:e|en)?|geen)(?![\p{L}\p{N}])/iu,
  example: 'No patient data was',
  counterExample: 'Patient data was',
};

interface CueRule extends Rule {
  weight: number;
  /** Explicit incident statements (who did what to which data), as opposed to a noun like "breach". */
  explicit: boolean;
}

const INCIDENT_NOUN = String.raw`(?:ransomware|cyber[- ]?attacks?|cyber[- ]?incidents?|cyber ?security (?:incident|event|attack)s?|security (?:incident|breach|event)s?|data (?:breach|security incident|theft|leak|exposure|privacy event|incident)(?:es|s)?|breach(?:es)?|hack(?:s|ing incident)?|intrusions?|malware (?:attack|infection)s?|extortion|compromise)`;

// A capitalised name as the target of an attack; "US hospitals", "European banks" are a kind of target, not one.
const NAMED_TARGET = String.raw`(?!(?:U\.?S\.?|U\.?K\.?|EU|America[ns]?|British|European|Western|Ukrain\w*|Russia\w*|China|Chinese|Israel\w*|Iran\w*|NHS|State|Federal|Government)\b)\p{Lu}`;

// A notice titled only by its kind ("Notice of Data Event", "Data Security Incident Notification", "Aviso de incidente
// de seguridad"), as an organisation posts it on its own site or a regulator's list: the whole title, nothing else.
export const GENERIC_NOTICE_TITLE =
  /^\s*(?:(?:an? )?important (?:message|notice|update|information)(?: (?:to|for|about|regarding|on) [\w ’'-]{0,50})?|(?:an? )?(?:(?:short|brief|personal) )?(?:note|message|letter|update) (?:to|for) (?:all )?our [\w ’'-]{0,40}|(?:notice|notification) of (?:an? )?(?:recent )?(?:data|privacy|security|cyber ?security|data security|data privacy|information security)(?: security)? (?:event|incident|breach)|(?:data|privacy|security|data security|cyber ?security) (?:event|incident|breach) (?:notice|notification)|aviso (?:de|sobre) (?:un |una |um )?(?:incidente|brecha|violación|violação|evento) de (?:seguridad|segurança|datos|dados|privacidad|privacidade)(?: de (?:datos|dados|la información|informação))?|avis d['’]incident de (?:sécurité|cybersécurité|données)|notification de violation de données|(?:hinweis|information|mitteilung) (?:auf|über|zu) (?:einen |einem )?(?:datenschutzvorfall|datenpanne|sicherheitsvorfall)|(?:kennisgeving|melding) (?:van )?(?:een )?(?:datalek|beveiligingsincident))\s*[.:]?\s*$/i;

// A notice the breached organisation writes itself, in the first person ("a security incident at our firm", "we
// discovered suspicious activity on our network"): its author is the breached party, whatever its title says.
// Quoted speech is a news story's, so a sentence that opens a quotation before the words does not count.
export const OWN_INCIDENT: Rule = {
  label: 'incident told by its own organisation',
  example: 'We are writing to tell you about a security incident at our firm.',
  counterExample: '"We take security seriously," the company said after the incident.',
  pattern:
    /^[^"“”]{0,200}?(?:\b(?:at|on|in|into|of|to|within|affecting)\s+our\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:firm|company|practice|organi[sz]ation|office|offices|network|systems?|servers?|e-?mail|environment|platform|clinic|school|agency|business|computer systems?|IT systems?)\b|\bwe\s+(?:recently\s+|have\s+|had\s+)?(?:discovered|learned|detected|identified|noticed|became aware|found|experienced|were the (?:target|victim))\b|\bour\s+(?:security|IT)\s+team\s+(?:noticed|detected|discovered|identified|found))/i,
};

export const CUES: readonly CueRule[] = [
  {
    label: 'attacker acted on data or systems',
    example: "Hackers accessed the clinic's billing servers in March.",
    counterExample: 'Hackers are a growing worry for small clinics.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(hackers?|attackers?|cyber ?criminals?|threat actors?|criminals?|intruders?|perpetrators?|an outsider|outsiders|an outside party|(?:an?|the) (?:unauthori[sz]ed|unknown|unidentified|malicious|bad|criminal) (?:actor|party|third party|individual|user|person)s?|the same (?:actor|party|group|gang|crew)|ransomware (?:group|gang|operators?)|(?:hacking|extortion|cybercrime|criminal) (?:group|gang)|(?:a |the )?former (?:worker|employee))\b[^.;]{0,90}?\b(accessed|access(?:ing)?|stole|steal(?:ing)?|stolen|gained|got into|got hold|broke into|breached|compromised|obtained|took|taken|exfiltrated|leaked|copied|encrypted|infiltrated|viewed|downloaded|downloading|copying|exfiltrating|exploited|posted|published|claimed|abused|misused|scrap(?:ed|ing)|harvest\w*|scoop\w*|gather\w*|retrieved|reached|installed|deployed|locked|demand\w*|threaten\w*|get into|gets into|getting into|break into|breaks into|push(?:ed)? ransomware|bribed|copy|scrape)\b|\b(?:viewed|accessed|copied|downloaded|stolen|taken|exfiltrated|encrypted|obtained|opened)\s+by\s+(?:an?\s+|the\s+)?(?:(?:unknown|outside|malicious|criminal)\s+)?(?:intruders?|attackers?|hackers?|threat actors?|cyber ?criminals?|unauthori[sz]ed\s+(?:persons?|part(?:y|ies)|users?|actors?|individuals?|third part(?:y|ies)))\b|\b(?:hackers?|attackers?|intruders?|cyber ?criminals?|threat actors?)\s+(?:had\s+)?(?:read|browsed)\s+(?:[\w-]+\s+){0,2}?(?:mailboxes|e-?mails?|messages|inboxes|files|records|documents)\b/i,
  },
  {
    label: 'unauthorised access',
    example: 'The company found unauthorized access to its email system.',
    counterExample: 'Only authorized staff can access the records.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(unauthori[sz]ed|illegal(?:ly)?|unlawful(?:ly)?|improper(?:ly)?|without authori[sz]ation)\s+(access(?:ed)?|acquisition|activity|disclosure|party|actor|third party|individual|download(?:ed)?|user|entry|got into)\b|\bunauthori[sz]ed use of (?:an? |its |their |the )?(?:[\w-]+ )?(?:credentials?|accounts?|logins?|passwords?|keys?|tokens?)\b|\baccess(?:ed)? (?:\w+ ){0,3}(?:without|lacking) authori[sz]ation\b|\b(?:got|gained) (?:illegal |unauthori[sz]ed )?access\b/i,
  },
  {
    // "the Ohio print vendor whose file transfer server was accessed in February": a system of its hit.
    label: 'its system was accessed',
    example: 'The vendor whose file transfer server was accessed in February has been sued.',
    counterExample: 'The vendor whose file transfer server was upgraded in February has been sued.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:servers?|systems?|networks?|accounts?|databases?|portals?|environment|mailbox(?:es)?|inbox(?:es)?)\s+(?:was|were|had been|has been|got)\s+(?:illegally\s+|improperly\s+)?(?:accessed|breached|hacked|compromised|infiltrated|taken over|hijacked)\b|\b(?:user |prescriber |customer |patient |staff |employee |email )?(?:accounts|mailboxes|inboxes|logins)\s+(?:taken over|hijacked)\b/i,
  },
  {
    // A first-person or forum account: "someone got into our clinic network", "an attacker broke into its email".
    label: 'someone got into its systems',
    // "someone had copied files from our enrolment server" is a notice's own account of a theft.
    // The last form: "someone logged in with a stolen contractor account", as a reader's letter tells it.
    example: 'Twelve days ago someone got into our clinic network; an intruder had been in its environment since May.',
    counterExample: 'Twelve days ago someone got into our clinic parking lot.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:someone|somebody|an? (?:attacker|intruder|hacker|outsider|unknown (?:person|party|actor))|attackers|hackers|intruders)\s+(?:(?:had\s+|has\s+)?(?:got|gotten|broke|broken|logged|gained entry)\s+into|(?:had been|has been|was|were)\s+(?:inside|in)|(?:had\s+)?sat in)\s+(?:our|its|their|the|an?)\s+(?:[\w-]+\s+){0,2}?(?:networks?|systems?|servers?|accounts?|email|mailbox(?:es)?|environment|computers?|portal|console)\b|\b(?:someone|somebody|an? (?:attacker|intruder|hacker|outsider|unknown (?:person|party|actor))|attackers|hackers|intruders)\s+(?:had\s+|has\s+)?(?:misused|abused|hijacked|took over)\s+(?:our|its|their|the|an?)\s+(?:[\w-]+\s+){0,2}?(?:systems?|platform|accounts?|portal|credentials?|email|mailbox(?:es)?|network)\b|\b(?:someone|somebody|an unknown (?:person|party))\s+(?:had\s+|has\s+)?(?:copied|downloaded|stole|taken|took|removed|exfiltrated)\s+(?:[\w'’-]+\s+){0,3}?(?:files?|records?|data|documents|spreadsheets?|information)\s+(?:from|out of|off)\s+(?:our|its|their|the|an?)\b|\blet\s+(?:someone|somebody|an? (?:attacker|intruder|hacker|outsider))\s+into\s+(?:[\w'’-]+\s+){0,3}?(?:email|mailbox|inbox|account|network|systems?)\b|\b(?:someone|somebody)\s+(?:(?:had\s+|has\s+)?(?:logged|signed)\s+in\s+)?(?:with|using)\s+(?:an?\s+|the\s+)?[“"]?(?:[\w'’-]+\s+){0,2}?(?:stolen|compromised|hijacked|borrowed|another (?:person|employee|user)['’]s)\b/i,
  },
  {
    label: 'data stolen or exposed',
    example: 'Patient records were stolen during the attack.',
    counterExample: 'Patient records were moved to a new system.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(data|records?|information|files|details|PHI|databases?|emails?|credentials|logs|numbers|notes|recordings|transcripts|images|documents|charts|histories|archives|backups|questionnaires|worklists)\b[^.;]{0,70}?\b(was|were|had been|has been|have been|being|got|been|be)\s+(?:\w+ly\s+)?(stolen|exposed|leaked|compromised|accessed|exfiltrated|copied|taken|breached|viewed|posted|published|acquired|obtained|downloaded|dumped|left (?:exposed|accessible|unprotected|unsecured)|accessible|reachable|revealed|retrieved|shared with|disclosed to|sent to|transmitted to)\b/i,
  },
  {
    // Headline style: "Customer Data Stolen", "Patient Records Exposed in Hack".
    label: 'data stolen or exposed (headline)',
    example: 'Customer Data Stolen in Billing Hack',
    counterExample: 'Customer data stolen if the server is left open would be a disaster.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(data|records|information|files|details|PHI|databases?|emails?|credentials|numbers)\s+(stolen|exposed|leaked|compromised|breached|exfiltrated|accessed by hackers)\b(?!\s+(?:if|when|unless))/i,
  },
  {
    // "A glitch let users see other patients' consultations": data exposed to the wrong people by the service itself.
    label: 'data shown to other users',
    example: "An app error let some users view other patients' consultation recordings.",
    counterExample: 'The app lets users view their own consultation recordings.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:let|allowed|enabled|exposed)\s+(?:some\s+|a few\s+|\d+\s+)?(?:users|patients|customers|members|people|visitors)\s+(?:to\s+)?(?:see|view|access|read|download)\b[^.;]{0,60}?\b(?:other|another|others['’]|someone else['’]s)\b|\bcould (?:see|view|open|read)\b[^.;]{0,60}?\b(?:that|which) (?:was|were) not (?:hers|his|theirs|their own|its own)\b|\bcould (?:see|view|open|read|access)\s+(?:[\w-]+\s+){0,3}?(?:other|another)\s+(?:patients|users|customers|members|people)['’]?|\b(?:brought up|showed|opened) (?:someone else['’]s|a stranger['’]s|strangers['’])|\bopened by someone other than\b/i,
  },
  {
    // "Files copied during last month's attack included…": the participle without its auxiliary.
    label: 'data taken in the attack',
    example: 'Files copied before its March ransomware attack included pathology reports.',
    counterExample: 'Files copied to the new server included pathology reports.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:data|records|information|files|details|notes|recordings|documents|reports|emails)\s+(?:that were\s+)?(?:stolen|copied|exfiltrated|taken|accessed|exposed)\s+(?:during|before|in|from|by|when)\s+(?:the\s+|an?\s+|its\s+|their\s+|last\s+\w+['’]s\s+)?(?:[\w-]+\s+){0,3}?(?:attack|breach|hack|intrusion|incident|cyber-?attack)/i,
  },
  {
    label: 'phishing that gave an outsider access',
    example: 'Staff fell for phishing emails and an outsider read their mailboxes.',
    counterExample: 'Staff were trained to spot phishing emails.',
    explicit: false,
    weight: 2,
    pattern:
      /\b(?:fell for\s+(?:a |an |the )?|clicked (?:on )?(?:a |the )?(?:link in )?(?:a |the )?)(?:phishing|fake|spoofed)\b|\bphishing (?:attack|email|message|scheme|campaign)s?\b[^.;]{0,60}\b(?:accessed|gained|compromised|captured|stole|took over)\b/i,
  },
  {
    // Headline style with the verb first: "Support agents leaked customer data", "Hackers dump patient records".
    label: 'data stolen or exposed (headline, verb first)',
    example: 'Rogue support agents leaked customer data',
    counterExample: 'Company plans to store customer data',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:leaked|leaks|dumped|dumps|stole|steal|steals|exposed|exposes)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:data|records|information|files|details)\b/i,
  },
  {
    label: 'card skimming code',
    // Also "identified unauthorized JavaScript on the hosted checkout pages", "…and that it captured payment card data".
    example: 'Malicious code on its bill-pay portal captured the card details patients typed in.',
    counterExample: 'The portal was updated to accept new card types.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:card[- ]?skimm\w+|(?:digital |web |online )?skimmer|(?:malicious|unauthori[sz]ed|rogue|injected) (?:code|script|javascript)\b[^.;]{0,80}\b(?:captured|stole|copied|harvested|sent|recorded)|(?:unauthori[sz]ed|malicious|rogue|injected) (?:javascript|scripts?|code) on (?:the |its )?(?:[\w-]+ ){0,2}?(?:checkout|payment|bill[- ]pay|donation) (?:pages?|forms?|portal)|(?:it|the code|the script) captured (?:payment )?card\b)\b/i,
  },
  {
    // A regulator's listing quoted in a story: "Type: Hacking/IT Incident".
    label: 'a regulator listing of a hacking incident',
    example: 'Type: Hacking/IT Incident / Location of breached information: Email',
    counterExample: 'Type: Annual report / Location: Atlanta',
    explicit: false,
    weight: 3,
    pattern: /\btype(?: of breach)?\s*:\s*(?:hacking\/it incident|unauthori[sz]ed access\/disclosure)/i,
  },
  {
    // Lost or stolen hardware holding personal data: "a laptop holding members' data was stolen from its office".
    label: 'a device with personal data stolen',
    example: "A laptop containing members' personal information was stolen from the vendor's office.",
    counterExample: 'The vendor bought new laptops for its office.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:(?:laptops?|computers?|hard drives?|devices?|backup tapes?|servers?|phones?)\b[^.;]{0,80}?\b(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:stolen|lost|taken)|(?:stolen|lost)\s+(?:unencrypted\s+)?(?:laptops?|computers?|hard drives?|devices?|backup tapes?))\b/i,
  },
  {
    // A supply-chain compromise: "someone altered its Bash Uploader script so that it sent customers' variables out".
    label: 'its software tampered with',
    example: 'Attackers tampered with its uploader script for two months.',
    counterExample: 'Engineers updated its uploader script for two months.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:tampered with|(?:someone|attackers?|hackers?|an? (?:intruder|attacker|unknown party))\b[^.;]{0,40}?\b(?:altered|modified|changed|backdoored|trojani[sz]ed))\b[^.;]{0,60}?\b(?:script|code|software|update|package|library|uploader|installer|build)\b/i,
  },
  {
    // A key or password leaked and used: "an attacker used one of its API keys to send fraudulent texts".
    label: 'a leaked key used by an attacker',
    example: 'An attacker used one of its API keys, left in a public repository, to send fraudulent texts.',
    counterExample: 'Developers use API keys to send texts.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:attackers?|hackers?|scammers?|criminals?|someone)\b[^.;]{0,30}?\bused\b[^.;]{0,40}?\b(?:api keys?|keys?|credentials|tokens?|passwords?|logins?)\b|\b(?:leaked|exposed|stolen)\s+(?:api\s+)?(?:keys?|tokens?|credentials)\b[^.;]{0,40}?\b(?:let|allowed|used)\b/i,
  },
  {
    // What a breached organisation does next, said of a named incident: forensic firms called in, police told.
    label: 'incident response under way',
    example: 'The company brought in an outside forensic firm and notified law enforcement.',
    counterExample: 'The company brought in an outside consulting firm and notified its customers.',
    explicit: false,
    weight: 2,
    pattern:
      /\b(?:engaged|brought in|hired|retained|called in)\s+(?:an?\s+)?(?:outside\s+|third[- ]party\s+|external\s+|independent\s+)?(?:forensic|cyber ?security|incident[- ]response)\s+(?:firm|experts?|specialists?|investigators?|team)\b|\bnotified (?:law enforcement|the fbi|police)\b/i,
  },
  {
    // Credential stuffing told plainly: "used passwords stolen from other websites to sign in to some accounts".
    label: 'accounts entered with passwords stolen elsewhere',
    example: 'People outside the company used passwords stolen from other websites to sign in to some accounts.',
    counterExample: 'The company reminded users not to reuse passwords from other websites.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:credential[- ]stuffing|(?:passwords?|credentials?|(?:email and )?password combinations|logins?)\s+(?:stolen|leaked|taken)\s+(?:from|in)\s+(?:other|unrelated|third[- ]party|earlier)\s+(?:websites?|sites|services|breaches|companies)\b[^.;]{0,80}?\b(?:sign(?:ed)? in(?:to)?|log(?:ged)? in(?:to)?|access(?:ed)?|get into|got into|break into|broke into|take over|took over))\b/i,
  },
  {
    // How a notice count is reported: "has begun notifying about 1.7 million cardholders".
    label: 'notifying a count of people',
    example: 'The gateway company has begun notifying about 1.7 million cardholders.',
    counterExample: 'The gateway company has begun notifying merchants of new fees.',
    explicit: false,
    weight: 2,
    pattern:
      /\b(?:began|begun|begins|begin|started|starts|is|are|has been|have been|was|were)\s+(?:now\s+)?(?:notifying|mailing letters to|sending (?:letters|notices) to)\s+(?:about|some|nearly|roughly|approximately|more than|over|almost|up to)?\s*[\d,.]+(?:\s+(?:million|thousand))?\s+(?:current and former\s+)?(?:people|patients|customers|cardholders|members|individuals|employees|consumers|clients|residents|enrollees|beneficiaries)\b/i,
  },
  {
    label: 'data exposed online',
    example: 'A misconfigured database left patient files exposed.',
    counterExample: 'The database was protected by a strong password.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(misconfigur\w+|set up incorrectly|configured incorrectly|improperly (?:configured|secured)|(?:reached|reachable|accessible) from the internet|left (?:exposed|accessible|unprotected|unsecured|open)|left (?:a|an|the) (?:[\w-]+ ){0,6}?(?:open|exposed|unprotected|unsecured|accessible) to the internet|open to the internet|publicly (?:listable|readable)|open (?:cloud )?(?:storage )?bucket|(?:publicly|openly|freely) (?:accessible|available|exposed)|accessible (?:on|over|across|via|through) the internet|exposed (?:on|to) the internet|(?:unsecured|unprotected|unauthenticated|password-?less) (?:[\w-]+ ){0,2}?(?:database|index|bucket|server|instance|cluster|container|share|folder)s?\b|left (?:[\w-]+ ){0,3}?(?:data|records|files|information) (?:out )?in the open|without (?:a )?password protection|no password|no passwords? (?:were |was )?(?:needed|required)|(?:sitting|left|stored|sat|found|kept) in (?:an? )?(?:public|open|publicly (?:accessible|readable)) (?:cloud )?(?:storage )?(?:bucket|container|database|server|folder|drive)|open cloud storage (?:bucket|container)|made public by (?:mistake|accident|error)|(?:could be|was|were|can be) (?:read|accessed|reached|opened|viewed|listed|downloaded) (?:from|over|on) the internet without (?:a |any )?(?:authentication|password|login)|anyone with the (?:url|link|address)(?: pattern| format)? could (?:list|open|view|see|read|download|access)|(?:let|allowed|permitted) anyone (?:on the internet |online )?(?:to )?(?:who [^.;]{0,40}?|with [^.;]{0,30}?)?(?:list|download|open|view|read|see|access|browse)\b|(?:files|records|data|folders|documents) (?:were|are|was|is|remain|are still|were still) (?:still )?(?:public|publicly visible|open to anyone)\b|(?:brought up|stood up|spun up|set up|deployed|launched|left|running|exposed|configured)\s+without\s+(?:a |any )?(?:authentication|password|login)\b|with a public (?:ip )?address and no (?:password|authentication)|(?:bucket|database|server|index|cluster|folder|instance|storage)s? (?:with|that required|requiring|needing|behind) no (?:authentication|login|credentials)\b|(?:allowed|permitted|let anyone) (?:\w+ ){0,2}access without (?:a |any )?(?:password|authentication|login)|(?:accessible|open|readable|viewable) without (?:a |any )?(?:password|authentication|login|credentials?)|(?:readable|viewable|downloadable|open) (?:by|to) anyone\b|(?:bucket|database|server|repository|archive)\b[^.;]{0,60}?\b(?:exposed|leaked)\s+(?:about\s+|roughly\s+|some\s+|nearly\s+|more than\s+|over\s+)?\d[\d,.]*|visible to search engines|(?:allowed|let) search engines (?:to )?index|indexed by search engines|(?:could|can) be (?:found|viewed|seen|opened|read) (?:by anyone|through (?:ordinary |simple )?(?:internet|web|online) searches)|anyone with the (?:web address|link|url|address) could (?:open|view|see|read|download|access)|(?:bucket|database|server|folder|repository|storage|drive)\s+(?:that\s+)?anyone(?: on the internet| online| with (?:the|a) (?:link|address|url))? (?:could|can|was able to) (?:open|view|access|read|download|see|list))\b/i,
  },
  {
    label: 'health data sent to trackers',
    example: 'Tracking pixels on the portal shared patient details with advertisers.',
    counterExample: 'Tracking pixels on the site counted page views.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(pixels?|tracking (?:code|technolog\w+|tools?|scripts?)|trackers?|analytics (?:tools?|code|scripts?|software|tags?|services?))\b[^.]{0,80}\b(shar\w+|disclos\w+|sent|sending|passed|passing|transmit\w+|collect\w+)\b[^.]{0,60}\b(health|patient|medical)\b/i,
  },
  {
    // Tracking code that passed what visitors did or entered to advertisers is a disclosure of their data, even when
    // the sentence never says "health". The lookbehind in the object ties "<kind of> data to" to the verb just before
    // it ("tracking code sent screening data to two platforms"), so a data noun anywhere later does not count.
    label: 'data sent to trackers',
    example: "A tracking pixel on the site sent visitors' personal information to third parties.",
    counterExample: 'The tracking code measured how long visitors stayed.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:(?:pixels?|tracking (?:code|technolog\w+|tools?|scripts?|software)|trackers?|analytics (?:tools?|code|scripts?|software|tags?|services?))\b(?:[^.;]|\.(?=\d)){0,80}\b(?:shar\w+|disclos\w+|sent|transmit\w+|passed|leak\w+|expos\w+)\b(?:[^.;]|\.(?=\d)){0,80}\b(?:(?<=(?:shar\w*|sent|passed|transmit\w*) )(?:[\w-]+ ){0,2}(?:data|results|answers|responses) (?:to|with)\b|(?:their|members['’]?|users['’]?|customers['’]?|visitors['’]?|patients?['’]?|personal|private|sensitive) (?:data|information|details)|(?:to|with) (?:\w+ ){0,2}(?:third[- ]part(?:y|ies)|advertis\w+|social media (?:companies|platforms|firms)|tech(?:nology)? (?:companies|firms|giants)|ad (?:platforms|networks|companies|firms))\b)|(?:shar\w+|disclos\w+|transmit\w+|passed|sent|sending)\b(?:[^.;]|\.(?=\d)){0,140}\b(?:through|via|using|by)\s+(?:the\s+|its\s+)?(?:\w+\s+){0,2}(?:pixels?|tracking (?:code|technolog\w+|tools?|scripts?|software)|trackers?|sdks?|software (?:development )?kits?))|(?:shar\w+|disclos\w+|sent|sending|transmit\w+|passed)\s+(?:[\w-]+\s+){0,3}?(?:health|medical|personal) (?:data|information)\s+(?:with|to)\s+(?:[\w,]+\s+){0,6}?(?:analytics|advertis\w+|ad|marketing|social media|tech(?:nology)?) (?:firms|companies|platforms|partners|networks|giants)\b/i,
  },
  {
    // The same disclosure told without the tracker: "handed users' prescription data to Facebook and Google", "shared
    // health information with advertisers". The dev corpus counts health data disclosed to trackers as a breach.
    label: 'health data handed to advertisers',
    example: "The company handed users' prescription data to Adnet and other advertising companies.",
    counterExample: 'The company handed its annual report to Facebook investors.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:handed|passed|shared|sent|disclosed|gave|sold|uploaded|leaked)\b[^.;]{0,60}?\b(?:health|medical|prescription|medication|diagnos\w+|patient)\s+(?:data|information|details|histories|questionnaires?|records)\b[^.;]{0,40}?\b(?:to|with)\s+(?:[A-Z][\w-]*,?\s+(?:and\s+)?){0,4}(?:other\s+)?(?:third[- ]party\s+)?(?:advertis\w+|(?:advertising|analytics|marketing|ad|social[- ]media|tech)(?:\s+and\s+(?:advertising|analytics|marketing))?\s+(?:companies|firms|platforms|partners|networks|giants))\b/,
  },
  {
    // A help-desk ruse: "someone posing as one of its agents called its IT help desk and persuaded a technician to
    // reset…", and what the account was then used for: "the caller used the account to browse member profiles".
    label: 'help desk tricked or an account used by an outsider',
    example: 'Someone posing as one of its agents called its IT help desk; the caller used the account to browse member profiles.',
    counterExample: 'Agents used the account to browse member profiles during training.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:posing as|pretending to be|impersonat\w+)\b[^.;]{0,120}?\b(?:help ?desk|service desk|IT support|support line)\b|\b(?:the caller|the impostor|the imposter|the intruder|the attacker|the hacker|an outsider|someone)\s+used\s+(?:the|that|an?|their|its|a stolen|a compromised)\s+(?:[\w-]+\s+){0,2}?(?:account|credentials|login|token|session)s?\s+to\s+(?:browse|view|access|download|export|read|change|reach|search)\b/i,
  },
  {
    // "A radiologist's mailbox was phished on June 9", "one phished password opened the reading platform".
    label: 'an account phished',
    example: "A radiologist's mailbox was phished on June 9 and the access was contained a week later.",
    counterExample: 'Staff are trained to spot phishing emails every quarter.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:mailbox(?:es)?|inbox(?:es)?|e-?mail accounts?|accounts?|passwords?|credentials|logins?)\s+(?:was|were|had been|has been|got)\s+phished\b|\bphished\s+(?:password|account|credentials|login|mailbox)s?\s+(?:opened|let|gave|unlocked|was used)\b/i,
  },
  {
    // How an intrusion is usually first disclosed: "detected unusual activity on its network".
    label: 'suspicious activity on its network',
    // "noticed unusual activity on a secure file transfer server" too.
    example: 'The hospital detected suspicious activity on its network on May 2.',
    counterExample: 'The hospital detected suspicious activity at the front desk.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:detect(?:ed|ing)|discover(?:ed|ing)|identif(?:ied|ying)|notic(?:ed|ing)|observ(?:ed|ing)|f(?:ou|i)nd(?:ing)?)\s+(?:some\s+)?(?:unusual|suspicious|anomalous|malicious|abnormal)\s+(?:network\s+)?activity\s+(?:on|in|within|across)\s+(?:its|their|the|our|an?|one of (?:its|their|our)|some of (?:its|their|the))\s+(?:[\w-]+\s+){0,3}?(?:network|systems?|servers?|environment|infrastructure|platform|portal)/i,
  },
  {
    // "a ransomware attack on X", "cyberattack against X disrupted…": an attack with a named target.
    label: 'named organisation attacked',
    example: 'A ransomware attack on Harbor Point Clinic closed its doors.',
    counterExample: 'A ransomware attack on US hospitals would be costly.',
    explicit: true,
    weight: 3,
    pattern: new RegExp(
      String.raw`\b(?:[Rr]ansomware|[Mm]alware|[Hh]acking|[Cc]yber|[Ee]xtortion)[- ]?[Aa]ttack\s+(?:on|against|at|targeting)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){0,3}?${NAMED_TARGET}`,
      'u',
    ),
  },
  {
    // "the attack on the Hospital for Sick Children", in a sentence that says what kind of attack it was.
    label: 'the attack on a named organisation',
    example: 'The hackers launched the attack on Bayside Medical Center in June.',
    counterExample: 'The attack on Bayside Medical Center was a military drill.',
    explicit: true,
    weight: 3,
    pattern: new RegExp(
      // The context tests sit after the literal "attack", so they run only where the word is.
      String.raw`\b[Aa]ttack(?:(?<=\b(?:[Rr]ansomware|[Hh]ack\w*|[Cc]yber\w*|gang|malware|[Ee]xtortion)\b[^.;]{0,120}[Aa]ttack)|(?=[^.;]{0,160}\b(?:ransomware|hack\w*|cyber\w*|malware|extortion)\b))\s+(?:on|against)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}'’-]+\s+){0,3}?${NAMED_TARGET}`,
      'u',
    ),
  },
  {
    // "a cyberattack forced the company to disconnect its systems", "the attack crippled claims processing".
    label: 'attack disrupted operations',
    example: 'The cyberattack forced the clinic to cancel appointments.',
    counterExample: 'The storm forced the clinic to cancel appointments.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:ransomware|(?:ransomware |cyber[- ]?|hacking |malware )?attack|breach|hack|intrusion|(?:cyber ?security |security |cyber )?incident)\s+(?:that\s+|which\s+)?(?:has\s+|had\s+)?(?:forced|disrupted|crippled|knocked|took down|shut down|paraly[sz]ed|brought down|halted|hobbled|encrypted|locked|froze|took (?:\w+\s+){0,2}offline)\b/i,
  },
  {
    // "Rhysida gang claims Prospect Medical attack", "the group said it was behind the attack", "lists stolen records".
    label: 'attack claimed or stolen data offered',
    example: 'The gang claimed the attack on its leak site.',
    counterExample: 'The patient filed an insurance claim after the accident.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:claim(?:s|ed|ing)?(?<!(?:insurance|pharmacy|medical|health|processing|payment|billing|benefit|disability|warranty|false|unfounded)\s+claim\w*)|took credit for|(?:was|were|is|are) behind|responsible for)\s+(?:the\s+|an?\s+|this\s+)?(?:(?!(?:after|since|from|before|following|during|in|of|by|that|any|every|an?|the)\b)[\w'’-]+\s+){0,3}?(?:cyber[- ]?)?(?:attack|hack|breach|intrusion)\b|\b(?:lists?|listed|offer(?:s|ed)?|sell(?:s|ing)?|auction\w*|leak(?:s|ed)?|dump(?:s|ed)?|publish(?:es|ed)?|post(?:s|ed)?)\s+(?:\w+\s+){0,3}?stolen\s+(?:data|records|files|information|documents)\b/i,
  },
  {
    label: 'attack claimed or ransom demanded',
    example: 'The group left a ransom note on the servers.',
    counterExample: 'The group left a note on the servers.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(claimed (?:responsibility|credit)|ransom (?:demand|note|payment)|demanded a ransom|leak site|dark web (?:site|forum|posting)|extortion (?:demand|attempt)s?|encrypted (?:files|systems|servers))\b/i,
  },
  {
    label: 'organisation hit by an attack',
    example: 'The clinic suffered a ransomware attack last week.',
    counterExample: 'The clinic suffered a power failure last week.',
    explicit: true,
    weight: 3,
    pattern: new RegExp(
      String.raw`\b(hit|struck|targeted|affected|impacted|crippled|disrupted|knocked out|paralyzed|paralysed|compromised|victim of|fell victim to|fallen victim to|suffered|experienced|sustained|caused by|triggered by|due to|result of|stemming from|linked to|tied to|blamed on|behind|to blame|responsible for|responding to|dealing with|grappling with|recovering from|bouncing back from|wrestling with|contained|confirmed|disclosed|discovered|detected|identified|revealed|reported|announced|notif\w+ (?:\w+ ){0,4}of|investigat\w+)\b(?:\s+(?:by|from|to|with|of|on|in|a|an|the|its|their|this|that|recent|major|massive|huge|damaging|sophisticated|large|significant|suspected|alleged|possible|\w+'s|[\w-]+-related))*\s+` +
        INCIDENT_NOUN +
        String.raw`\b`,
      'i',
    ),
  },
  {
    label: 'breach reported at an organisation',
    example: 'The data breach at the clinic affected 4,000 patients.',
    counterExample: 'The data breach notification law took effect.',
    explicit: false,
    weight: 2,
    pattern: new RegExp(
      String.raw`\b(?:${INCIDENT_NOUN}|incident)\s+(?:at|on|against|of|involving|affecting|impacting|hits?|exposes?|exposed|compromised|targeting|(?:that|which) (?:hit|affected|impacted|exposed|compromised))\b`,
      'i',
    ),
  },
  {
    label: 'incident words',
    example: 'Officials are investigating a possible intrusion.',
    counterExample: 'Officials are investigating a possible leak in the roof.',
    explicit: false,
    weight: 1.5,
    pattern:
      /\b(ransomware|cyber[- ]?attack\w*|data breach(?:es)?|breach(?:ed|es)?|hack(?:ed|ers?|ing)?|exfiltrat\w+|malware|intrusion|(?:data|storage|bucket|database|server) exposure|data theft|(?:the|an?) (?:(?:january|february|march|april|may|june|july|august|september|october|november|december|recent|reported|alleged) )?theft of (?:[\w-]+ ){0,3}?(?:files|data|records|information)|security incident|cybersecurity incident|privacy (?:event|incident)|compromise[ds]?|(?:portal|network|system|server|e-?mail|account|database|data|cyber|computer|IT)\s+break-?ins?)\b/i,
  },
  // A breach notice posted under a generic title ("NOTICE OF DATA EVENT") names its organisation only in the body, in
  // the notice's own formula: "<org> is providing notice of an event that may affect the privacy of some information".
  {
    label: 'notice of an event that may affect information',
    example: 'Harbour Dental ("Harbour") is providing notice of an event that may affect the privacy of some information.',
    counterExample: 'Harbour Dental is providing notice of an event that did not affect any information.',
    explicit: true,
    weight: 3,
    pattern:
      /\b(?:provid\w*|giv\w*|issu\w*|post\w*|send\w*|mail\w*|notif\w*|inform\w*)\s+(?:[\w-]+\s+){0,4}?(?:of|about|regarding|concerning)\s+(?:an?|the|this)\s+(?:recent\s+)?(?:data\s+|privacy\s+|security\s+|cyber ?security\s+|data security\s+)?(?:event|incident)\s+(?:that|which)\s+(?:may\s+|might\s+|could\s+)?(?:have\s+)?(?:affect\w*|involv\w*|impact\w*)\b|\b(?:inform\w*|notific\w*|comunic\w*|avis\w*)\s+(?:[\w-]+\s+){0,4}?(?:de|sobre|acerca de)\s+(?:um|uma|un|una|el|la|o|a)\s+(?:incidente|evento)\s+(?:de (?:seguridad|segurança|datos|dados)\s+)?que\s+(?:pudo|puede|podría|pode|poderia|pôde)\s+(?:haber\s+|ter\s+)?(?:afectad?\w*|afetad?\w*|involucr\w*|envolv\w*)/i,
  },
  // The generic title itself: it reports an incident, and names no one (the body must; see the decision in detector.ts).
  {
    label: 'generic notice title',
    example: 'NOTICE OF DATA EVENT',
    counterExample: 'Notice of Annual Meeting',
    explicit: false,
    weight: 1.5,
    pattern: GENERIC_NOTICE_TITLE,
  },
  // A later development of one breach, told in the head ("SEC sues the company over the hacking campaign", "engineer
  // sentenced for 2019 bank hack"): the story is about that breach even when it retells none of the intrusion.
  {
    label: 'later development of a breach',
    example: 'The regulator sued the company over its disclosures about the hacking campaign.',
    counterExample: 'The regulator sued the company over its accounting.',
    explicit: false,
    weight: 2,
    pattern:
      /\b(?:sue[ds]?|suing|lawsuits?|class[- ]action|settle(?:s|d|ment)?|sentenced|pleads? guilty|pleaded guilty|convicted|indicted|charged|fined|penalt(?:y|ies)|probation|prison)\b(?:[^.;]|\.(?=\s*[a-z])){0,220}?\b(?:breach|hack(?:ing campaign)?|cyber-?attack|attack|ransomware|intrusion|data theft|(?:e-?mail |account |business e-?mail )?compromise|(?:an?|the) (?:intruder|hacker|attacker)s?)\b|\b(?:paid|pays|seized|recovered|recovers)\b(?:[^.;]|\.(?=\d)){0,100}?\bransom(?:ware gang| demand)?\b|\bransom\b[^.;]{0,60}?\b(?:paid|payment|recovered|seized)\b|\b(?:breach|hack|cyber-?attack|ransomware attack|intrusion)\b[^.;]{0,60}?\b(?:lawsuits?|class[- ]action|settlement|sentenc\w+|guilty|convicted|indicted|fine)\b/i,
  },
  {
    label: 'incident words (translated)',
    // Ends in a Unicode-aware boundary: `\b` is ASCII-only, so "informático" followed by a space never ended a word.
    example: 'Un ciberataque paralizó el hospital.',
    counterExample: 'El hospital abrió una nueva clínica.',
    explicit: false,
    weight: 2,
    pattern:
      /\b(ciberataque|ataque (?:informático|cibernético|hacker)|brecha de (?:datos|seguridad)|filtración de datos|violación de datos|secuestro de datos|robo de datos|cyberattaque|attaque informatique|fuite de données|violation de données|piratage|rançongiciel|vol de données|cyberangriff|hackerangriff|datenleck|datenpanne|datendiebstahl|erpressersoftware|attacco (?:informatico|hacker|ransomware|cyber)|criminali informatici|cybercriminali|finit[ie] nelle mani de(?:i|gli|lle)|agli aggressori di (?:copiare|rubare|sottrarre|accedere|cifrare)|(?:aggressori|criminali|hacker|pirati informatici) (?:hanno|avevano|ha|aveva) (?:colpito|copiato|rubato|sottratto|pubblicato|cifrato|criptato|violato)|violazione dei dati|furto di dati|fuga di dati|ataque cibernético|vazamento de dados|violação de dados|cyberaanval|datalek|ataque (?:de|por) ransomware|ataque hacker|attaque (?:par |au |de )?(?:rançongiciel|ransomware)|ransomware-?angriff|ransomware-?aanval|hackaanval|gehackt|gehackt|losgeld|lösegeld|rançon|invasor(?:es)? (?:acess\w+|invadi\w+|roub\w+|copi\w+|obtev\w*|obtiveram|baix\w+|levou|levaram)|invasão (?:a|ao|à|do|da|dos|das|de|em|no|na|nos|nas) |invadiu|invadido|intrusão|intrusión|intruso|acessou indevidamente|sans (?:mot de passe|authentification)|mal configurée?s?|consultables? par n['’]importe qui|en accès libre|accessibles? (?:sur|depuis) (?:l['’])?internet|sin (?:contraseña|autenticación)|sem (?:senha|autenticação)|persona no autorizada|acceso no autorizado|(?:it-)?sicherheitsvorfall|erpressungsfall|eingedrungen|daten (?:kopiert|gestohlen|erbeutet|abgegriffen)|(?:sich|verschafften sich) [^.;]{0,60}?zugang (?:zu|zum|zur)\b[^.;]{0,100}?verschafft|verschafften sich (?:unbefugt )?zugang|unbekannte (?:hatten|haben|konnten|sind)\b|brecha|expuso (?:los )?datos|datos expuestos|acceso indebido|dados expostos|vazaram|vazou|dérobée?s?|vol de (?:fichiers|données)|piraté(?:e|s|es)?|schadprogramm|schadsoftware|erpressungstrojaner|daten verschlüsselt|(?:hatte|haben|wurden) (?:die )?daten verschlüsselt|datadiefstal|persoonsgegevens (?:gestolen|gelekt|te koop)|gegevens (?:gestolen|gelekt)|onbeveiligde (?:[\w-]+-)?database|(?:onbekende|kwaadwillende|onbevoegde) (?:partij|derde|hacker)s? (?:kon|kreeg|heeft|had|is)|met (?:een )?gestolen (?:wachtwoord|inloggegevens|inlognaam)|open op (?:het )?internet|lagen open|onbeveiligd (?:op (?:het )?internet|online)(?: gestaan| gestaan)?|zonder wachtwoord (?:open|toegankelijk|bereikbaar|in te zien)|het lek zat|offen im internet|ungesichert\w* datenbank|base de datos (?:expuesta|sin protección)|banco de dados (?:exposto|desprotegido)|base de données non sécurisée|pessoa não autorizada|acesso não autorizado|acesso indevido|acessos (?:anômalos|anormais|indevidos|suspeitos)|criminosos (?:tiveram acesso|acessaram|obtiveram|invadiram)|atacantes? (?:inform[aá]tico )?(?:teve|tiveram|obteve) acesso|ataque de (?:phishing|ransomware)|accesso non autorizzato|attacco (?:di )?phishing|attore malevolo|(?:è|sono) entrat[oi] nei sistemi|(?:dati|log|registri|file|documenti) (?:rubati|sottratti|esfiltrati|esposti)|rubat[oi] i (?:dati|log|registri|file)|credenziali (?:compromesse|rubate|sottratte)|accès non autorisé|personne non autorisée|unbefugte[rn]? (?:zugriff|dritte)|unbefugter zugriff|onbevoegde (?:toegang|derde)|ongeautoriseerde toegang)(?![\p{L}\p{N}_])/iu,
  },
];

const FOLLOW_UP: Rule = {
  label: 'later development',
  pattern:
    /\b(lawsuits?|class[- ]action|settle\w*|sued|suing|litigation|plaintiffs?|notification letters?|notif(?:y|ied|ying|ication)s?|fine[ds]?|penalt\w+|investigation|subpoena\w*|final (?:count|tally|number)|grand jury|indicted|charged|arrested)\b/i,
  example: 'Patients filed a class-action lawsuit over the breach.',
  counterExample: 'Patients were told about the breach on Monday.',
};

/** "Slate Revenue Systems", "Apex Revenue Cycle Partners": earnings words inside a company's name. */
const REVENUE_IN_A_NAME =
  /\b[A-Z][\w&-]*\s+(?:Revenue|Earnings)(?:\s+[A-Z][\w&-]*){0,2}\s+(?:Systems|Solutions|Services|Partners|Group|Management|Integrity|Recovery|Advisors|Associates|Technologies|Inc|LLC|Corp|Company)\b/g;

/** A newsletter's capitalised section label ("TOP STORY", "NOT A BREACH"). */
const SECTION_LABEL = /^[A-Z][A-Z &/'’-]{3,40}$/;

// Topics that share vocabulary with breach stories but are not incidents.
const EARNINGS: Rule = {
  label: 'earnings or financial results',
  pattern:
    /\b(results for|financial results|earnings|quarterly|(?:first|second|third|fourth) quarter|q[1-4] 20\d\d|fiscal (?:year|20\d\d)|revenue|ebitda|net income|eps|guidance|dividend|risultati|resultados|trimestre)\b/i,
  example: 'The company reported fourth quarter revenue of $40 million.',
  counterExample: 'The company reported a breach of its billing system.',
};
const DEAL: Rule = {
  label: 'deal, product or corporate news',
  pattern:
    /\b(acquir\w*|acquisition|merger|merg(?:e|es|ing)|to buy|buys|buying|purchase[sd]?|divest\w*|selling|sells|sale of|renam\w*|name change|will now be called|ipo|funding round|raises \$|partnership|partners with|launch\w*|unveil\w*|go-lives?|rollout|rolling out|opens|opening|appoint\w*|names new|hires)\b/i,
  example: 'The health system will acquire a regional lab network.',
  counterExample: 'The health system restored its lab network.',
};
const OUTAGE: Rule = {
  label: 'outage',
  // Class 10: the same in the other languages we read ("deja sin sistemas", "panne informatique", "Systemausfall").
  pattern:
    /\b(outages?|downtime|glitch\w*|crash\w*|went down|knocked offline|disrupt\w+|(?:network|system|systems|servers?|service|power|data cent(?:er|re))\s+(?:fails|failed|failure)|sin sistemas|ca[íi]da (?:de|del) (?:los )?sistemas?|sem sistemas|panne (?:informatique|g[ée]n[ée]rale)|systemausfall|(?:it|edv|computer|server|netz)-?ausfall|down (?:overnight|for (?:hours|days|\d+))|(?:stopped|stop) responding|ausfall der (?:computer|it|edv)\w*|it-störung|storing)\b/i,
  example: 'An outage took the patient portal offline for a day.',
  counterExample: 'The patient portal was redesigned.',
};
// "Pipeline breach spills oil", "breach of contract": the word without the security incident.
const NOT_A_SECURITY_BREACH: Rule = {
  label: 'a breach that is not a security incident',
  pattern:
    /\b(?:pipeline|dam|levee|dike|dyke|wall|hull|seawall|embankment|containment)\s+breach\w*|\bbreach\w*\s+(?:in|of)\s+(?:the\s+)?(?:line|pipeline|dam|levee|dike|wall|hull|contract|duty|fiduciary duty|covenant|agreement|ceasefire|peace|the peace|warranty|trust)\b/i,
  example: 'Keystone pipeline breach spills oil into a creek',
  counterExample: 'Keystone Clinic breach exposes patient data',
};
const CYBER_WORDS = /\b(?:cyber\w*|hack\w*|ransomware|data|records|personal information|malware|intru\w+|unauthori[sz]ed)\b/i;

const BENIGN_CAUSE: Rule = {
  label: 'non-malicious cause',
  pattern:
    /\b(?:faulty|botched|defective|flawed|bad|buggy|routine|software|content|sensor|configuration|[A-Z][a-zA-Z]+|\d+)\s+update\b|\bupdate (?:that|which) (?:crashed|caused|broke)\b|\b(?:software )?bug\b|\bconfiguration (?:error|change|issue)\b|\bnot (?:a |the result of a |caused by a |related to a |due to a )?(?:cyber ?attack|cyber ?security incident|malicious|security incident|hack)\b|\btechnical (?:issue|problem|fault|glitch)\b|\bpower (?:failure|outage)\b|\b(?:upgrade|migration|maintenance|hardware|storage|network equipment)\b[^.]{0,40}\bfail\w*|\bfail(?:ed|ure of)\b[^.]{0,40}\b(?:upgrade|migration|maintenance|hardware|storage)\b|\bno (?:cyber ?attack|(?:evidence|indication|sign)s? (?:of |that )?(?:a |any |the )?(?:[\w-]+\s+){0,4}?(?:cyber ?attack|malicious|intrusion|hack))|\b(?:software|system|network|firmware) upgrade\b|\b(?:fallo|aver[íi]a|falha|corte|panne|ausfall|storing)\s+(?:en el suministro\s+)?(?:el[ée]ctric\w*|de (?:corriente|energ[íi]a|courant)|d['’][ée]lectricit[ée])|\bdescart\w+\s+(?:un\s+|o\s+)?(?:ciberataque|ataque)|\bno hay ning[uú]n indicio de (?:ciber)?ataque|\bfehlerhaft\w*\s+(?:[\w-]+-)?update|\bkein(?:en)?\s+(?:hacker|cyber)angriff|\bnicht um einen (?:hacker|cyber)angriff|\bpas (?:d['’]une|une) cyberattaque|\baucune cyberattaque/i,
  example: 'A faulty update crashed the scheduling system.',
  counterExample: 'Hackers crashed the scheduling system.',
};
const ADVISORY: Rule = {
  label: 'vulnerability advisory',
  pattern: /\b(vulnerabilit\w+|flaws?|cve-\d{4}-\d+|patch\w*|advisory|advisories|security update|bugs?|zero-days?)\b/i,
  example: 'The vendor patched a flaw in its infusion pumps.',
  counterExample: 'The vendor shipped new infusion pumps.',
};
const PRIVACY_RULING: Rule = {
  label: 'privacy topic',
  pattern:
    /\b(privacy|coppa|gdpr|rgpd|dsgvo|lgpd|avg|consent|consentement|consentimiento|einwilligung|tracking|cookies?|children'?s data|antitrust|cnil|aepd|anpd|datenschutz\w*|privacidad|privacidade|protection des données)\b/i,
  example: 'The regulator fined the app for tracking users without consent.',
  counterExample: 'The regulator fined the hospital for late billing.',
};
const MONEY_PENALTY: Rule = {
  label: 'money penalty',
  pattern:
    /\b(fine[ds]?|penalt\w+|settle\w*|to pay|will pay|agreed to pay|ordered to pay|amendes?|multas?|bußgeld\w*|boetes?|sanction\w*|sanciona\w*|sancion\w*)\b/i,
  example: 'The company agreed to pay $5 million.',
  counterExample: 'The company agreed to a new contract.',
};
/** A security advisory's own page: a CVSS score or an advisory heading in its first lines. */
const ADVISORY_PAGE = /\b(?:CVSS(?:\s+v\d(?:\.\d)?)?\s+(?:base\s+)?score|(?:ICS|medical|security|cybersecurity)\s+advisory\b)/i;

/** "Could allow an attacker to…", "lets someone who can reach it…": what a flaw would permit, said of no attack. */
const HYPOTHETICAL_ATTACK =
  /\b(?:could|can|may|might|would)\s+(?:allow|let|enable|permit)\s+(?:an?\s+|remote\s+|unauthenticated\s+|local\s+)*(?:attackers?|hackers?|intruders?)\b[^.;]{0,120}/gi;

const NO_EXPLOIT: Rule = {
  label: 'no reported exploitation',
  pattern:
    /\bno (?:evidence|indication|sign|reports?) (?:of|that)[^.]{0,80}\b(?:exploit\w*|attack\w*|compromise\w*|breach\w*|accessed|misuse\w*)\b|\bnot (?:been |yet )?(?:exploited|observed in the wild)\b|\bnot aware of any (?:exploitation|attacks?|use in the wild)\b|\bnobody has reported (?:these |the |this )?(?:flaws?|bugs?|vulnerabilit\w+) being (?:used|exploited)\b/i,
  example: 'There is no evidence that the flaw was exploited.',
  counterExample: 'Attackers exploited the flaw last week.',
};

// A warning about phishing that borrows a breach's news ("the phish of the month is dressed up as your PACS vendor"),
// where the writer says nothing happened to them: awareness, not a report.
const PHISHING_WARNING: Rule = {
  label: 'a phishing warning',
  pattern:
    /\b(?:phish(?:ing)?|lookalike|impersonat\w+|scam)\b[^.]{0,120}\b(?:warn\w*|beware|psa|dressed up|look(?:ed)? like|posing as|pretend\w*|spoof\w*|lures?|tricks?)\b|\b(?:psa|heads up|warning)\b[^.]{0,80}\bphish/i,
  example: 'PSA: the phish of the month is dressed up as your PACS vendor.',
  counterExample: 'Attackers phished a nurse and read her mailbox.',
};
const NOTHING_HAPPENED_TO_US =
  /\b(?:nothing happened to us|none (?:of them )?led to a compromise|no compromise that we know of|nobody (?:entered|clicked|fell)|no one (?:entered|clicked|fell)|our systems (?:are|were) (?:fine|not affected|unaffected)|no (?:systems|accounts|data) (?:were|was) (?:affected|compromised|accessed))\b/i;

const OPINION_PAGE = /^(?:opinion|op-ed|commentary|editorial|viewpoint|guest column|perspective)\s*[:|–—-]/i;
const OPINION_LABEL = /^(?:opinion|op-ed|commentary|editorial|viewpoint|guest column)$/i;

export interface CueHit {
  label: string;
  weight: number;
  explicit: boolean;
  zone: Sentence['zone'];
  sentence: number;
}

// A rule, not a speed-up: a cue counts only in a sentence that holds one of these stems. Most cues need one of them
// anyway; for the others it is what keeps "the report is publicly available online" or "an unknown user took the
// last seat" from reading as an incident.
const INCIDENT_STEMS: Rule = {
  label: 'incident stem in the sentence',
  pattern:
    /hack|breach|attack|ransom|malware|unauthori|unprotect|unsecur|authenticat|aggressor|nelle mani|partij|zugang|unbekannte|posing as|pretending to be|impersonat|used the account|the caller|acess|atacante|phish|no passwords?|made public|public storage|open cloud|(?:let|allowed|permitted) anyone|(?:were|are|is|was|still) public\b|mal configur|importe qui|accès libre|password-?less|in the open|break-?in|actor|perpetrator|part(?:y|ies)|individual|person|gang|group|former|illegal|unlawful|improper|authori[sz]ation|access|stole|steal|theft|exfiltrat|expos|leak|compromis|misconfigur|accessible|pixel|tracker|tracking|claimed|intrusion|intruder|incident|criminal|extortion|encrypt|copied|viewed|downloaded|dumped|reachable|revealed|retrieved|shared with|disclosed to|sent to|transmitted|password|dark web|event|cyber|ciber|pirat|rançon|angriff|daten|violaz|viola[cç]|vazamento|fuite|filtraci|brecha|robo|furto|fuga|datalek|secuestro|behind|claim|stolen|forced|crippled|disrupted|knocked|shut down|paraly|halted|hobbled|froze|offline|unusual|suspicious|anomalous|malicious|abnormal|other (?:patients|users|customers|members)|someone else|stranger|someone other|left open|open to the internet|publicly (?:readable|listable)|outsider|phishing|copied|get into|break into|autoriza|autoris|befugt|bevoegd|geautoriseerd|sicherheitsvorfall|erpressung|eingedrungen|kopiert|brecha|expuso|dérob|vol de|schad|verschlüssel|gegevens|vazar|vazou|onbeveiligd|lagen open|skimm|set up incorrectly|configured incorrectly|reached from the internet|laptop|computer|hard drive|tamper|altered|api key|listable|bucket|not hers|not his|not theirs|forensic|law enforcement|got into|gotten into|broke into|broken into|logged into|gained entry|search engine|anyone with the|by anyone|notifying|taken over|hijack|misused|stuffing|anyone could|abused|ataque|attaque|attacco|aanval|angriff|violation|erpresser|intrus|mot de passe|authentification|contraseña|senha|losgeld|rubat|sottratt|indevid|malevol|anômal|wachtwoord|het lek|sdk|software kit|software development kit|analytics|lösegeld|invas|invadi|expuest|indebid|diefstal|im internet|op (?:het )?internet|sin protección|desprotegid|non sécurisée|without a password|unauthori[sz]ed use|mailing letters|sending (?:letters|notices)/i,
  example: 'An unknown person copied the files.',
  counterExample: 'The report is publicly available online.',
};

// A cue whose every required word holds a stem can only match where the stems are: the stem test would always pass,
// so it is skipped. Only the others ("an unknown person took…" holds none) need it.
const NEEDS_STEM_TEST = CUES.map((cue) => {
  const words = gateWords(cue.pattern);
  return !words?.every((w) => INCIDENT_STEMS.pattern.test(w));
});

/** The stem test skipped for a cue is a filter too: where such a cue matches, a stem must be. */
export const GUARDED_RULES: GuardedRule[] = CUES.flatMap((cue, i) =>
  NEEDS_STEM_TEST[i]
    ? []
    : [
        {
          name: `cue stems: ${cue.label} #${i}`,
          matches: (text: string) => cue.pattern.test(text),
          mayMatch: (text: string) => INCIDENT_STEMS.pattern.test(text),
        },
      ],
);

/** Function words only Portuguese uses among the languages we read: the sentence is Portuguese. */
const PORTUGUESE_SENTENCE = /(?<![\p{L}])(?:não|uma|pelo|pela|também|então|além)(?![\p{L}])|(?<![\p{L}])um\s+\p{Ll}/u;
const PORTUGUESE_NO_PLACE = /(?<![\p{L}])no(?=\s+\p{Lu}\p{Ll})/gu;

const PROTECTIVE_COMPOUND =
  /\b(?:breach|ransomware|hack|attack|cyber-?attack|intrusion)-(?:ready|resistant|proof|resilient|safe|free|protection|prevention)\b/gi;

/** The incident cues of one sentence, with generic and hypothetical uses removed. */
function sentenceCues(sentence: Sentence, gates: RuleGates): CueHit[] {
  const hits: CueHit[] = [];
  // "breach-ready security", "ransomware-resistant storage": a selling point, not an incident.
  const text = sentence.text.replace(PROTECTIVE_COMPOUND, 'protective');
  const may = gates.cues.mayMatch(text);
  let hasStem: boolean | null = null;
  let portuguese: boolean | null = null;
  for (let i = 0; i < CUES.length; i += 1) {
    if (!may[i]) continue;
    if (NEEDS_STEM_TEST[i] && !(hasStem ??= INCIDENT_STEMS.pattern.test(text))) continue;
    const cue = CUES[i]!;
    const m = cue.pattern.exec(text);
    if (!m) continue;
    const before = text.slice(Math.max(0, m.index - BREACH.contextBeforeCue), m.index);
    if (GENERIC_CONTEXT.pattern.test(before) || MODAL.pattern.test(before)) continue;
    if (HYPOTHETICAL_ATTACKER.pattern.test(text.slice(Math.max(0, m.index - 24)))) continue;
    // "No one's data was exposed", "there was no cyberattack": a denial is not a report.
    const clause =
      text
        .slice(0, m.index + m[0].length)
        .split(/[;,]\s*(?:but|while|though|although|and)\b|[;]|\bbut\b/)
        .pop() ?? '';
    // "The bucket required no password" states the exposure; it denies nothing.
    // "um centro no Porto": in a Portuguese sentence "no" before a name is "in the", no denial.
    const denial = (portuguese ??= PORTUGUESE_SENTENCE.test(text)) ? clause.replace(PORTUGUESE_NO_PLACE, 'em') : clause;
    if (NEGATED.pattern.test(denial.replace(MISSING_PROTECTION, ''))) continue;
    hits.push({ label: cue.label, weight: cue.weight, explicit: cue.explicit, zone: sentence.zone, sentence: sentence.order });
  }
  // Several patterns usually fire on one sentence: count the strongest once, the others a little.
  hits.sort((a, b) => b.weight - a.weight);
  return hits.map((h, i) => (i === 0 ? h : { ...h, weight: h.weight * BREACH.extraCueShare }));
}

export interface BreachDecision {
  breach: boolean;
  score: number;
  headScore: number;
  explicitHead: boolean;
  followUp: boolean;
  /** Sentence orders that carry incident cues (facts and roles read these). */
  incidentSentences: Set<number>;
  why: string[];
}

export function classifyBreach(prepared: PreparedArticle, gates: RuleGates): BreachDecision {
  const why: string[] = [];
  let score = 0;
  let headScore = 0;
  let bodyScore = 0;
  let explicitHead = false;
  const labels = new Set<string>();
  const incidentSentences = new Set<number>();
  // The title's cues with generic uses removed ("helps defenders respond to breaches" reports none).
  let titleHasIncident = false;
  for (const sentence of prepared.sentences) {
    const hits = sentenceCues(sentence, gates);
    if (hits.length === 0) continue;
    if (sentence.zone === 'title') titleHasIncident = true;
    incidentSentences.add(sentence.order);
    for (const hit of hits) {
      const w = hit.weight * BREACH.zoneWeight[hit.zone];
      if (hit.zone === 'body') bodyScore += w;
      else {
        headScore += w;
        if (hit.explicit) explicitHead = true;
      }
      labels.add(hit.label);
    }
  }
  // Passing mentions far down the page add up slowly.
  score = headScore + Math.min(bodyScore, BREACH.bodyCap);

  const title = prepared.title;
  const head = prepared.sentences
    .filter((s) => s.zone !== 'body')
    .map((s) => s.text)
    .join(' ');
  const all = prepared.mainText;
  const firstItem = prepared.sentences.findIndex((s) => s.item === true || (s.heading && s.zone !== 'title' && SECTION_LABEL.test(s.text)));
  const ownHead = (firstItem > 0 ? prepared.sentences.slice(0, firstItem) : prepared.sentences)
    .filter((s) => s.zone !== 'body')
    .map((s) => s.text)
    .join(' ');
  const followUp = FOLLOW_UP.pattern.test(head) && score > 0;

  let topic: string | null = null;
  // An advisory says so in its title, or in its first lines when the title is only a product and a number.
  const advisory = ADVISORY.pattern.test(title) || ADVISORY_PAGE.test(head);
  if (!titleHasIncident) {
    // "Slate Revenue Systems": a company named for revenue work is no earnings report.
    const earningsTitle = title.replace(REVENUE_IN_A_NAME, '');
    const earningsHead = head.replace(REVENUE_IN_A_NAME, '');
    if (
      EARNINGS.pattern.test(earningsTitle) ||
      (EARNINGS.pattern.test(earningsHead) && (earningsHead.match(new RegExp(EARNINGS.pattern.source, 'gi'))?.length ?? 0) >= 2)
    )
      topic = 'earnings or financial results';
    else if (DEAL.pattern.test(title)) topic = 'deal, product or corporate news';
    else if (
      advisory &&
      !/\b(exploited|stolen|attack(?:ed|ers?)|hackers?|intruders?|intrusion|exposed|showed|strangers['’]?|could see|other patients['’]?|compromised (?:credentials?|accounts?|keys?)|unauthori[sz]ed access|used in (?:live |active |real[- ]world )?attacks|(?:were|was) accessed|(?:took|take|taken|stole|steal) data)\b/i.test(
        // What a flaw could let an attacker do is the advisory itself, not an attack.
        head.replace(HYPOTHETICAL_ATTACK, ''),
      )
    )
      topic = 'vulnerability advisory';
    else if (MONEY_PENALTY.pattern.test(title) && PRIVACY_RULING.pattern.test(all) && !explicitHead)
      topic = 'privacy ruling or fine without an intrusion';
    // An opinion page cites past incidents to argue a point ("The 2023 attack on N showed…"); it reports none.
    else if (OPINION_PAGE.test(title) || prepared.sentences.some((s) => s.zone !== 'body' && s.heading && OPINION_LABEL.test(s.text)))
      topic = 'opinion or commentary';
  }
  if (
    // The page's own head: a newsletter's later items ("NOT A BREACH: Tuesday's phone outage…") are other stories.
    OUTAGE.pattern.test(ownHead) &&
    BENIGN_CAUSE.pattern.test(all) &&
    !/\b(ransomware|hackers?|cyber ?attack(?:ed|ers)?|threat actor)\b/i.test(
      // Attacks prevented, or denied ("no indication the outage was caused by a cyberattack"), are not reported.
      head
        .replace(/\b(?:prevent|stop|detect)\w*\s+(?:\w+\s+){0,3}cyber ?attacks?/gi, '')
        // "set off speculation on forums that the chain had been hit by ransomware": a rumour the story then denies.
        .replace(/\b(?:speculat\w+|rumou?rs?|rumou?red|guess\w*|theori\w+)\b[^.]{0,100}?\b(?:ransomware|hack\w*|cyber ?attack\w*)/gi, '')
        .replace(/\bno (?:evidence|indication|sign)s?\b[^.]{0,60}?\bcyber ?attack\w*/gi, '')
        .replace(/\b(?:there was|there has been|it was)\s+no\s+(?:cyber ?attack|hack(?:ing)?|ransomware)\w*/gi, '')
        // "Company rules out cyberattack", "was not caused by a cyberattack": a denial names the attack it denies.
        .replace(
          /\b(?:rul\w* out|not caused by|not the result of|not due to|not related to|wasn['’]t|was not|is not|isn['’]t)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:cyber ?attacks?|hack|ransomware|security incident)\b/gi,
          '',
        ),
    )
  ) {
    topic = 'outage with a non-malicious cause';
  }
  if (advisory && NO_EXPLOIT.pattern.test(all) && !explicitHead) topic = 'advisory with no reported exploitation';
  if (NOT_A_SECURITY_BREACH.pattern.test(head) && !CYBER_WORDS.test(head)) topic = NOT_A_SECURITY_BREACH.label;
  if ((PHISHING_WARNING.pattern.test(title) || PHISHING_WARNING.pattern.test(head)) && NOTHING_HAPPENED_TO_US.test(all) && !explicitHead)
    topic = PHISHING_WARNING.label;

  // A filing or notice with a section of its own telling the incident reports it, whatever else the page is about.
  if (topic && prepared.incidentSection && explicitHead) topic = null;
  let breach: boolean;
  if (topic) {
    breach = explicitHead && headScore >= BREACH.topicOverrideHeadScore;
    why.push(breach ? `reads like ${topic} but the lead reports an incident` : `not a breach: ${topic}`);
  } else {
    breach = score >= BREACH.threshold && (headScore > 0 || bodyScore >= BREACH.bodyOnlyThreshold);
    if (breach) why.push(`breach: ${[...labels].slice(0, 3).join(', ')}${followUp ? ' (later development)' : ''}`);
    else if (score > 0) why.push('not a breach: incident words only in passing');
    else why.push('not a breach: no incident reported');
  }
  return { breach, score, headScore, explicitHead, followUp, incidentSentences, why };
}

// ---------------------------------------------------------------------------------------------------
// Healthcare

export const HEALTH_TERMS: readonly (Rule & { weight: number })[] = [
  {
    label: 'patients',
    weight: 2,
    // "Be patient" is the adjective: only the plural or a singular that no "be"-like verb or degree word precedes.
    pattern: /\bpatients\b|(?<!\b(?:be|been|being|remain\w*|stay\w*|is|are|was|were|very|so|more|too)\s+)\bpatient\b/gi,
    example: 'Patients were notified by mail.',
    counterExample: 'Customers were asked to be patient while deliveries are delayed.',
  },
  {
    label: 'care providers',
    weight: 1.5,
    pattern:
      /\b(hospitals?|health ?systems?|health ?care providers?|health ?care|healthcare|health network|medical cent(?:er|re)s?|clinics?|physicians?|doctors?|nurses?|covered entit(?:y|ies))\b/gi,
    example: 'The hospital restored access on Friday.',
    counterExample: 'The hotel restored access on Friday.',
  },
  {
    label: 'care settings',
    weight: 1.5,
    // Places and practices of care beyond hospitals and clinics; "care" alone ("customer care") is not one.
    pattern:
      /\b(nursing homes?|care homes?|hospices?|assisted[- ]living|urgent care|outpatient|inpatient|surgery cent(?:er|re)s?|(?:medical|dental|physician|doctors?['’]?|gp) (?:practices?|offices?|surger(?:y|ies))|dentists?|optometrists?|physiotherap\w+|home health(?: ?care)?|ambulance (?:billing|compan(?:y|ies)|operators?|providers?|services)|emergency medical services|ems (?:agenc(?:y|ies)|crews?|providers?|billing)|air[- ]medical|medical transport\w*|blood (?:banks?|cent(?:er|re)s?|donors?)|plasma (?:cent(?:er|re)s?|donors?))\b/gi,
    example: 'The company runs nursing homes and a hospice.',
    counterExample: 'The company runs hotels and a conference centre.',
  },
  {
    label: 'health data',
    weight: 2,
    // PACE programmes are medical care for the elderly.
    pattern:
      /\b(phi|protected health information|hipaa|health (?:data|information|records?)|medical (?:records?|information|data|histor\w+)|electronic (?:health|medical) records?|ehrs?|emrs?|immuni[sz]ation (?:records?|registr(?:y|ies)|histor(?:y|ies))|vaccination records?|disease (?:surveillance|case reports?)|lab(?:oratory)? results?|test results?|pace (?:programs?|organi[sz]ations?|participants?))\b/gi,
    example: 'The files held protected health information.',
    counterExample: 'The files held payroll details.',
  },
  {
    // Only HIPAA-covered entities and their business associates file on HHS's breach portal: a listing there is a
    // health breach by law, whatever else the story says.
    label: 'a listing on the HIPAA breach portal',
    weight: 2.5,
    pattern: /\b((?:hhs|ocr)['’]?s? breach portal|federal breach portal|office for civil rights['’]? breach portal)\b/gi,
    example: 'The listing on the federal breach portal puts the count at 31,477.',
    counterExample: 'The listing on the state attorney general site puts the count at 31,477.',
  },
  {
    label: 'patient data',
    weight: 2,
    // Patients' own records, wherever the sentence stands: the data of a patient is health data by law (PHI).
    pattern:
      /\b(patient (?:data|records?|information|files?|details|charts?|notes)|patients['’]? (?:data|records?|information|files?|details|names|charts?)|patients whose)\b/gi,
    example: 'Letters went out to 23,000 patients whose names were in the copied files.',
    counterExample: 'Letters went out to 23,000 customers whose names were in the copied files.',
  },
  {
    label: 'payers',
    weight: 2,
    pattern:
      /\b(health (?:plans?|insurers?|insurance(?: company)?|care id)|payers?|medicare|medicaid|members' health|health benefits?)\b/gi,
    example: 'The health plan notified its members.',
    counterExample: 'The gym notified its members.',
  },
  {
    label: 'drugstore chains',
    weight: 2.5,
    pattern: /\b(drug ?store(?: chain)?s?|pharmacy chains?)\b/gi,
    example: 'The drugstore chain closed some stores.',
    counterExample: 'The grocery chain closed some stores.',
  },
  {
    label: 'pharmacies',
    weight: 1.5,
    pattern: /\b(pharmac(?:y|ies)|pharmacists?|prescriptions?|drug (?:distributor|wholesaler)s?|pharmaceutical)\b/gi,
    example: 'Pharmacies could not fill prescriptions.',
    counterExample: 'Shops could not fill orders.',
  },
  {
    label: 'clinical words',
    weight: 1,
    pattern:
      /\b(diagnos\w+|clinical|treatment|lab(?:oratory)? (?:tests?|results)|medical|dental|behavio(?:u)?ral health|transcription)\b/gi,
    example: 'Lab results and diagnoses were exposed.',
    counterExample: 'Invoices and receipts were exposed.',
  },
  {
    label: 'care words in other languages',
    weight: 1,
    // A laboratory is often a research lab ("the vendor's threat lab"): a clinical word, never enough alone.
    pattern:
      /(?<![\p{L}\p{N}])(notaufnahme|notfall\w*|operationen|medizinisch\w*|urgences|soins|médic\w+|urgencias|sanidad|cirug\w+|laboratórios?|laboratorios?|laboratoires?|exames|análisis clínicos|analyses médicales)(?![\p{L}\p{N}])/giu,
    example: 'Les urgences ont été fermées.',
    counterExample: 'Les bureaux ont été fermés.',
  },
  {
    label: 'care providers in other languages',
    weight: 1.5,
    // Letter-aware edges, not \b: \b reads "é" as a non-word character, so "santé " never ended a word.
    pattern:
      /(?<![\p{L}\p{N}])(santé|hôpital|hôpitaux|centre hospitalier|hospitali\w+|cliniques?|krankenhaus|krankenhäuser|klinik|klinikum|uniklinik|patienten|patientinnen|labor(?:konzern\w*|e|en|diagnostik\w*|dienstleister\w*|gruppe\w*)|laboratoires?|laboratorios?|laborat[óo]rios?|laboratori|blutentnahme\w*|ospedale|pazienti|sanitari\w*|hospital(?:es|is)?|clínicas?|pacientes|salud|saúde|ziekenhuis|ziekenhuizen|huisarts\w*|arztpraxis\w*|arztpraxen|praxisverwaltung\w*|praxissoftware\w*|ärzt\w*|zahnarzt\w*|gezondheidszorg|gezondheids\w+|zorginstelling\w*|médecins?|médicos?|médicaux|médicale?s?|huisartsen|sanità|irccs|thuiszorg\w*|huisartsenpost\w*|wijkverpleg\w*|blutspende\w*|plasma(?:spende)?zentr\w*|hörgerät\w*|hörakusti\w*|akustiker\w*|hno-(?:praxen|praxis|ärzt\w*)|cartella clinica|infermier\w*|piani? terapeutic\w*|residenz[ae] sanitari\w*|blutplasma|plasmaspende\w*|spendezentr\w*|spit[aä]l(?:er)?|poliambulatori\w*|clinich[ea] privat[ea]|visite (?:ed esami|mediche|specialistiche)|ginecologia|psichiatria|cardiologia|referti|radiologie\w*|radiologische\w*|röntgen\w*|kernspin\w*|ambulatori\w*|pronto soccorso|policlinico|aziend[ae] sanitari\w*|(?:istituto|studi|studio|sperimentazioni?) clinic[oaie])(?![\p{L}\p{N}])/giu,
    example: 'Das Krankenhaus wurde angegriffen.',
    counterExample: 'Das Rathaus wurde angegriffen.',
  },
  {
    label: 'patients in other languages',
    weight: 2,
    // "paciencia" (patience) is not "paciente".
    pattern: /(?<![\p{L}\p{N}])(paciente|patiënt(?:en)?|patientes?)(?![\p{L}\p{N}])/giu,
    example: 'Hackers hebben gegevens van patiënten buitgemaakt.',
    counterExample: 'La empresa pidió paciencia a sus clientes.',
  },
  {
    label: 'health data in other languages',
    weight: 2,
    pattern:
      /(?<![\p{L}\p{N}])(données (?:de santé|médicales)|dossiers? médica(?:l|ux)|dados (?:de saúde|médicos|clínicos)|prontuários?(?: médicos?)?|datos (?:de salud|médicos|sanitarios|clínicos)|historias? clínicas?|gesundheitsdaten|patientendaten|medizinische daten|gezondheidsgegevens|medische gegevens|patiëntgegevens)(?![\p{L}\p{N}])/giu,
    example: 'Des données de santé ont été dérobées.',
    counterExample: 'Des données bancaires ont été dérobées.',
  },
  {
    label: 'payers in other languages',
    weight: 2,
    pattern:
      /(?<![\p{L}\p{N}])(krankenkassen?|krankenversicherung\w*|planos? de saúde|operadoras? de (?:planos de )?saúde|mutuelles? (?:de santé|santé)|seguros? médicos?|aseguradoras? de salud|zorgverzekeraars?|ziekenfonds(?:en)?)(?![\p{L}\p{N}])/giu,
    example: 'Betroffen sind Versicherte einer Krankenkasse.',
    counterExample: 'Betroffen sind Kunden einer Bank.',
  },
  {
    label: 'genetic data',
    weight: 2,
    // A biobank keeps donors' specimens with their clinical data: health data whoever runs it.
    pattern:
      /\b(genetic (?:data|information|testing|test|profiles?)|dna (?:data|tests?|testing|profiles?)|ancestry and health|biobanks?|biorepositor(?:y|ies)|(?:tissue|blood|biological|donor|patient) (?:samples|specimens))\b/gi,
    example: 'Hackers took DNA test results from the biobank.',
    counterExample: 'Hackers took order histories.',
  },
  // Health-data companies: a company of one of these kinds handles health data whatever its name says, so the
  // kind, said once near the breached party, is enough.
  {
    label: 'consumer genetics company',
    weight: 2.5,
    pattern:
      /\b(consumer genetics|genetics (?:company|firm|testing|start-?up|service)|genomics? (?:company|firm|testing|start-?up)|dna[- ]test(?:ing)? (?:company|firm|kits?|service)|(?:ancestry|genealogy) (?:and health )?(?:reports?|dna|kits?)|saliva (?:test )?kits?)\b/gi,
    example: 'Helixa, a consumer genetics company, said hackers logged in to customer accounts.',
    counterExample: 'The stolen code included a genetic algorithm for planning routes.',
  },
  {
    // Clinical research handles participants' health data: trial software, eConsent, pharmacovigilance.
    label: 'clinical research data',
    weight: 2,
    pattern:
      /(?<![\p{L}\p{N}])(clinical[- ]trials?|clinical research|clinical stud(?:y|ies)|(?:trial|study|research) participants?|e-?consent|electronic data capture|pharmacovigilance|adverse[- ]event reports?|patient recruitment|(?:study|trial) data(?: exports?)?|participant[- ]level data|(?:coded )?subject ids?|klinisch(?:e)? (?:onderzoek|studies?|proeven)|proefpersonen|ensaios? clínicos?|estudos? clínicos?|ensayos? clínicos?|essais? cliniques?|klinische (?:studien?|prüfung(?:en)?)|sperimentazion[ei] clinich[ei])(?![\p{L}\p{N}])/giu,
    example: 'The eConsent platform held records of trial participants.',
    counterExample: 'The survey platform held records of newsletter subscribers.',
  },
  {
    label: 'health app',
    weight: 2.5,
    pattern:
      /\b((?:health|fertility|period|cycle|pregnancy|ovulation|mental[- ]health|therapy|symptom|medication|diabetes|telehealth|telemedicine)[- ](?:tracking |tracker )?apps?|(?:telehealth|telemedicine|virtual care|digital health|online therapy) (?:company|firm|provider|platform|service|start-?up)s?)\b/gi,
    example: 'The maker of a fertility tracking app said a database was exposed.',
    counterExample: 'The maker of a food delivery app said a database was exposed.',
  },
  {
    // Counselling, therapy, addiction care and workplace medicine hold health records as much as a clinic does: an
    // EAP's case notes, a drug-testing lab's results, an occupational-health service's exam files. Drug tests count
    // only as what a company does: a carrier's files of its drivers' test results do not make it a health company.
    label: 'behavioural and occupational health',
    weight: 2.5,
    pattern:
      /(?<![\p{L}\p{N}])(employee assistance programs?|employee assistance programmes?|eaps?|counsel{1,2}ing (?:services?|records?|notes|sessions?|intake|files|line)|counsel{1,2}ors?|therapists?|therapy (?:notes|sessions?|records?|goals|services?)|(?:speech|occupational|physical|behaviou?ral) therap(?:y|ies|ists?)|psychiatr\w+|mental[- ]health (?:services?|providers?|care|treatment|records?|clinics?|counsel\w+)|substance[- ]use|addiction (?:treatment|care|services?)|drug[- ](?:and alcohol )?test(?:ing)? (?:firms?|compan(?:y|ies)|lab\w*|providers?|administrators?|vendors?|services?|programs?)|(?:runs|provides|administers|performs) drug (?:and alcohol )?testing|occupational (?:health|medicine)|arbeitsmedizin\w*|betriebs(?:arzt|ärzt)\w*|werksarzt\w*|vorsorgeuntersuchung\w*|drugs?testaanbieder\w*|bedrijfsarts\w*|arbodienst\w*|arbeidsgeneeskund\w*|médecine du travail|salud laboral|medicina (?:del|do) trabajo|medicina do trabalho|saúde ocupacional)(?![\p{L}\p{N}])/giu,
    example: 'The EAP said counseling intake notes were among the copied files.',
    counterExample: 'The payroll firm said timesheets were among the copied files.',
  },
  {
    label: 'benefits manager',
    weight: 2.5,
    pattern:
      /\b(pharmacy benefits? manag\w+|pbms?|(?:medical|dental|vision|health ?care) benefits? (?:administrators?|managers?|administration)|(?:third[- ]party|benefits?) administrators? (?:for|of) (?:health|medical|dental))\b/gi,
    example: 'Carda, a pharmacy benefit manager, said attackers stole member files.',
    counterExample: 'Carda, a payroll and retirement plan administrator, said attackers stole files.',
  },
  {
    label: 'billing and coding vendor',
    weight: 2.5,
    pattern:
      /\b((?:medical|healthcare|health care|hospital|physician|dental|ambulance|ems) (?:billing|coding|claims processing|collections?)(?: (?:and|&) (?:coding|billing|collections?))?|revenue[- ]cycle(?: management)?|(?:healthcare |health care |medical |claims )clearinghouses?)\b/gi,
    example: 'Meridia, a medical billing and coding vendor, said hackers stole data.',
    counterExample: 'Meridia, a utility billing vendor, said hackers stole data.',
  },
  {
    label: 'health and financial details',
    weight: 2,
    pattern: /\b(health (?:and|or) financial (?:information|details|data)|health details)\b/gi,
    example: 'It exposed health and financial information.',
    counterExample: 'It exposed contact and financial information.',
  },
];

export interface HealthcareDecision {
  healthcare: boolean;
  score: number;
  why: string[];
}

/**
 * Whether the breached organisation (or, without a breach, the subject) is a provider, payer, pharmacy or a vendor
 * handling health data. Reads the whole text: the title, the lead, the sentences about the primary organisation, those
 * describing "the company" and those about the people or data affected count in full, every other sentence a share, so a passing "NHS" in a
 * payroll story does not make it a health story but a body that keeps speaking of patients and clinics does.
 */
const HEALTH_CATEGORY: Rule = {
  label: 'health-related watchlist category',
  pattern:
    /\b(genetic\w*|genomic\w*|dna|ehr|emr|revenue cycle|clearinghouse|coding|transcription|clinical|release of information|labs?|laborator\w+|imaging|medical|pharmac\w+|population health|wellness|patient (?:billing|records|pay(?:ments)?|engagement|access|portal)|telehealth|payer|health\w*|care|diagnostic\w*|dental|supply chain|group purchasing|oncology|radiolog\w*|radiation therapy|surgical|dialysis|blood|nursing|benefits? (?:admin\w*|manag\w*)|pbm|claims|health plans?|hospital\w*|physician\w*|staffing \(clinical\)|counsel\w*|therap\w*|behaviou?ral|psychiatr\w*|employee assistance|eap|addiction|substance|rehab\w*|audiolog\w*|hearing (?:aids?|conservation|tests?|testing)|occupational|drug[- ](?:and alcohol )?(?:test|screen)\w*|endoscop\w*|implant\w*|infusion|ventilators?|blood|medical devices?|nurses?)\b/i,
  example: 'revenue cycle',
  counterExample: 'payroll',
};

/**
 * Word that a breach reached, or a vendor holds, no patient data: only staff records. Read in a watchlist category
 * ("payroll (employee data only)") and in a story's sentences about its breached party.
 */
const NO_PATIENT_DATA: Rule = {
  label: 'no patient data',
  pattern:
    /\b(?:no (?:patient|health|clinical|medical|protected health) (?:data|information|records)(?: (?:was|were) (?:involved|affected|accessed|taken|exposed|included))?|only (?:employee|staff|worker|workforce|nurse|payroll|hr) (?:data|records|information|files)|(?:employee|staff|worker|workforce) data only|(?:did|does) not (?:include|involve|hold|contain|keep|store|handle|process) (?:any )?(?:patient|health|medical) (?:data|information|records)|keeps no (?:patient |health |medical )?(?:data|information|records)|(?:patients|patient data|patient records) (?:was|were) not (?:affected|involved|accessed|exposed))\b/i,
  example: 'staff scheduling and payroll for care facilities (employee data only)',
  counterExample: 'staff scheduling and patient visit records for care facilities',
};

/**
 * A body sentence that says whose data the breach reached or who was told ("letters went out to 18,000 patients whose
 * records were copied") describes this breach's victims wherever it stands: its health terms count in full, so a
 * story whose opening names only the company is still read as healthcare from its body.
 */
export const AFFECTED_PEOPLE: Rule = {
  label: 'sentence about the people or data affected',
  pattern:
    /\b(?:(?:gegevens|daten|données|datos|dados)\b[^.;]{0,80}\b(?:gestolen|gelekt|in te zien|open|gestohlen|kopiert|dérobées?|exposées?|robados|expuestos|expostos|vazados)|notif(?:y|ies|ied|ying|ications?)|letters?|(?:were|was|been|are|is) (?:affected|impacted|exposed|stolen|copied|accessed|taken|compromised|involved)|whose (?:data|records|files|information|names|details)|(?:stole|stolen|took|taken|copied|exposed|accessed|downloaded|compromised|leaked)\b[^.;]{0,40}\b(?:data|records?|files?|information|details|results))\b/i,
  example: 'Letters went out to 18,000 patients whose names were in the copied files.',
  counterExample: 'The company runs outpatient clinics in three counties.',
};

/**
 * A body sentence that describes "the company" itself ("The company sells DNA test kits", "It runs eight clinics")
 * speaks of the breached party without naming it: its health terms say what kind of company was breached.
 */
export const THE_COMPANY: Rule = {
  label: 'sentence describing the company',
  pattern:
    /^(?:the|this) (?:company|firm|business|group|start-?up|vendor|provider|operator|organi[sz]ation)\b|^(?:it|they) (?:runs?|operates?|sells?|makes?|provides?|offers?|owns?|manages?|serves?)\b/i,
  example: 'The company sells DNA test kits and ancestry reports to consumers.',
  counterExample: 'Researchers said DNA test kits are popular gifts.',
};

/** …unless the sentence is about another incident, held up for comparison or history ("the gang attacked a hospital last year"). */
export const OTHER_INCIDENT: Rule = {
  label: 'another incident',
  pattern:
    /\b(?:previous(?:ly)?|earlier (?:attacks?|breach\w*|incidents?)|last year|years? ago|in (?:19|20)\d\d|another|like the|similar to|compar\w+|past (?:attacks?|victims?))\b/i,
  example: 'The same gang stole patient records from a hospital last year.',
  counterExample: 'The gang stole patient records from the hospital on March 2.',
};

/**
 * The breached party's own name says it is a provider, payer, pharmacy or health-data company ("… Health",
 * "… Genetics", "Clínica …", "Ziekenhuis …"), in any of the languages we read. Letter-aware edges: \b reads "é" as
 * a non-word character.
 */
export const HEALTH_NAME: Rule = {
  label: 'health name',
  pattern:
    /(?<![\p{L}\p{N}])(health|healthcare|hospitals?|medical|clinics?|care|pharmacy|drugs?|pharma|pharmaceuticals?|infusion|therapy|diagnostics|dental|physicians?|medicine|rx|labs?|genetics|genomics|dna|pa?ediatrics|orthopa?edics?|dermatology|cardiology|oncology|dialysis|surgery|surgical|urology|radiology|imaging|rehab\w*|behavioral|dentistry|hospice|obstetrics|gyn(?:a?ecology)?|ob-gyn|fertility|optometry|eye care|podiatry|chiropractic|clínicas?|clinique|klinik\w*|krankenhaus|hôpital|hospitais|hospitales|ziekenhuis|santé|saúde|salud|laboratórios?|laboratorios?|laboratoires?)(?![\p{L}\p{N}])/iu,
  example: 'Norland Genetics',
  counterExample: 'Genetic Route Systems',
};

const HEALTH_WORD_IN_NAME = /^(?:Care|Med|Health|Clinic|Rx)\p{Lu}|\p{Ll}(?:Labs|Health|Care|Med|Rx|Clinic|Dental|Pharma)$/u;

export function classifyHealthcare(
  prepared: PreparedArticle,
  gates: RuleGates,
  focus: Set<number>,
  primaryName: string | null,
  primaryCategory: string | null = null,
): HealthcareDecision {
  let score = 0;
  const seen = new Set<string>();
  for (const sentence of prepared.sentences) {
    // Most sentences hold none of the terms: the words they need (see word-gates.ts) rule them out without a scan.
    const may = gates.health.mayMatch(sentence.text);
    if (!may.some(Boolean)) continue;
    const near =
      sentence.zone !== 'body' ||
      focus.has(sentence.order) ||
      ((AFFECTED_PEOPLE.pattern.test(sentence.text) || THE_COMPANY.pattern.test(sentence.text)) &&
        !OTHER_INCIDENT.pattern.test(sentence.text));
    const weight = near ? 1 : HEALTHCARE.farTermShare;
    for (let i = 0; i < HEALTH_TERMS.length; i += 1) {
      // A term the sentence cannot hold is skipped (its match would have been null).
      if (!may[i]) continue;
      const { pattern: re, weight: w } = HEALTH_TERMS[i]!;
      re.lastIndex = 0;
      const matches = sentence.text.match(re);
      if (!matches) continue;
      for (const m of matches) {
        const k = m.toLowerCase();
        // Distinct terms count fully; repeats of one word saturate.
        score += (seen.has(k) ? HEALTHCARE.repeatShare : 1) * w * weight;
        seen.add(k);
      }
    }
  }
  // "LifeLabs", "CareFirst", "MedPoint": a health word inside one written-together name counts as well.
  const reasons: string[] = [];
  if (primaryName && (HEALTH_NAME.pattern.test(primaryName) || HEALTH_WORD_IN_NAME.test(primaryName))) {
    score += HEALTHCARE.healthNameBonus;
    reasons.push('a health name');
  }
  // The watchlist says what a vendor does: a breached EHR or billing vendor handles health data by definition.
  // What the vendor is, not what the hospital uses it for: "email marketing (patient newsletters)" is not a health vendor.
  const kind = primaryCategory?.replace(/\([^)]*\)/g, ' ') ?? null;
  if (kind && HEALTH_CATEGORY.pattern.test(kind)) {
    score += HEALTHCARE.healthCategoryBonus;
    reasons.push('a health vendor');
  }
  // The hospital's own note on the vendor ("employee data only", "no patient data") says what its breach can reach:
  // never health data, however many hospitals and patients the story around it names.
  if (primaryCategory && NO_PATIENT_DATA.pattern.test(primaryCategory)) {
    return { healthcare: false, score, why: ['not healthcare: the watchlist says the vendor holds no patient data'] };
  }
  // So does the story, when it says so of a party whose name and kind say nothing of care: a staffing firm or a
  // landlord that serves hospitals, "only employee data was involved".
  const healthNamed = reasons.length > 0;
  // Said of this party: in a sentence about it or the one right after (a roundup's other items say it of theirs).
  const aboutIt = (order: number) => focus.has(order) || focus.has(order - 1);
  if (!healthNamed && prepared.sentences.some((s) => aboutIt(s.order) && NO_PATIENT_DATA.pattern.test(s.text))) {
    return { healthcare: false, score, why: ['not healthcare: the story says no patient data was involved'] };
  }
  const healthcare = score >= HEALTHCARE.threshold;
  // The terms the text gave, or else what made it healthcare without them (the name, what the vendor is).
  const terms = [...seen].slice(0, 3).join(', ') || reasons.join(', ');
  return {
    healthcare,
    score,
    why: [
      healthcare ? `healthcare (${score.toFixed(1)}): ${terms}` : `not healthcare (${score.toFixed(1)})${terms ? `: only ${terms}` : ''}`,
    ],
  };
}

/** Every rule of this module, for the table test. */
export const RULE_TABLES: RuleTable[] = [
  { name: 'breach cues', rules: CUES },
  { name: 'health terms', rules: HEALTH_TERMS },
  {
    name: 'breach context and topics',
    rules: [
      MODAL,
      HYPOTHETICAL_ATTACKER,
      GENERIC_CONTEXT,
      NEGATED,
      INCIDENT_STEMS,
      FOLLOW_UP,
      EARNINGS,
      DEAL,
      OUTAGE,
      BENIGN_CAUSE,
      NOT_A_SECURITY_BREACH,
      ADVISORY,
      PRIVACY_RULING,
      MONEY_PENALTY,
      NO_EXPLOIT,
      HEALTH_CATEGORY,
      NO_PATIENT_DATA,
      HEALTH_NAME,
      AFFECTED_PEOPLE,
      THE_COMPANY,
      OTHER_INCIDENT,
    ],
  },
];
