import type { PreparedArticle, Sentence } from './text.js';
import type { RuleGates } from './detection-state.js';
import type { GuardedRule } from './guarded-rule.js';
import { gateWords } from './word-gates.js';

// Breach and healthcare classification from cue phrases, weighted by where they stand: a headline or lead that
// reports an incident outweighs any number of passing mentions further down. Every decision leaves its reasons in
// `why`.

const MODAL = /\b(could|might|would|can|may be|could be|can be|cannot be|risk of|threat of|potential(ly)?|if)\s*$/i;

// Generic talk about attacks ("built to stop cyberattacks", "a wave of ransomware attacks on hospitals").
const GENERIC_CONTEXT =
  /\b(help(?:s|ing)? (?:\w+ ){0,2}(?:respond to|stop|prevent|detect|fight|defend against|spot)|designed to|aims? to|harden\w*|bolster\w*|strengthen\w*|against|funding|budgets?|invest(?:ment|ing|s)? in|readiness|prepared(?:ness)?|prevent|preventing|stop|stopping|protect(?:ing)? against|defend(?:ing)? against|guard(?:ing)? against|shield(?:ing)? against|detect and stop|resilien\w*|prepare for|vulnerable to|rise in|surge in|spate of|number of|increase in|trend|wave of|targets? for|prime target|how to|avoid|insurance against|combat|fight(?:ing)?)\b[^.]{0,30}$/i;

const NEGATED = /\b(?:no|not|never|nothing|none|neither|nor|without|no one's|nobody's|denied|denies|deny|rejected|unlikely|false claims?)\b/i;

interface CuePattern {
  re: RegExp;
  weight: number;
  label: string;
  /** Explicit incident statements (who did what to which data), as opposed to a noun like "breach". */
  explicit: boolean;
}

const INCIDENT_NOUN = String.raw`(?:ransomware|cyber[- ]?attacks?|cyber[- ]?incidents?|cyber ?security (?:incident|event|attack)s?|security (?:incident|breach|event)s?|data (?:breach|security incident|theft|leak|exposure|privacy event|incident)(?:es|s)?|breach(?:es)?|hack(?:s|ing incident)?|intrusions?|malware (?:attack|infection)s?|extortion|compromise)`;

// A capitalised name as the target of an attack; "US hospitals", "European banks" are a kind of target, not one.
const NAMED_TARGET = String.raw`(?!(?:U\.?S\.?|U\.?K\.?|EU|America[ns]?|British|European|Western|Ukrain\w*|Russia\w*|China|Chinese|Israel\w*|Iran\w*|NHS|State|Federal|Government)\b)\p{Lu}`;

export const CUES: CuePattern[] = [
  {
    label: 'attacker acted on data or systems',
    explicit: true,
    weight: 3,
    re: /\b(hackers?|attackers?|cyber ?criminals?|threat actors?|criminals?|intruders?|perpetrators?|(?:an?|the) (?:unauthori[sz]ed|unknown|unidentified|malicious|bad|criminal) (?:actor|party|third party|individual|user|person)s?|ransomware (?:group|gang|operators?)|(?:hacking|extortion|cybercrime|criminal) (?:group|gang)|(?:a |the )?former (?:worker|employee))\b[^.;]{0,90}?\b(accessed|access(?:ing)?|stole|steal(?:ing)?|stolen|gained|got into|got hold|broke into|breached|compromised|obtained|took|taken|exfiltrated|leaked|copied|encrypted|infiltrated|viewed|downloaded|exploited|posted|published|claimed|abused|misused|harvest\w*|scoop\w*|gather\w*|retrieved|reached|installed|deployed|locked|demand\w*|threaten\w*)\b/i,
  },
  {
    label: 'unauthorised access',
    explicit: true,
    weight: 3,
    re: /\b(unauthori[sz]ed|illegal(?:ly)?|unlawful(?:ly)?|improper(?:ly)?|without authori[sz]ation)\s+(access(?:ed)?|acquisition|activity|disclosure|party|actor|third party|individual|download(?:ed)?|user|entry|got into)\b|\baccess(?:ed)? (?:\w+ ){0,3}(?:without|lacking) authori[sz]ation\b|\b(?:got|gained) (?:illegal |unauthori[sz]ed )?access\b/i,
  },
  {
    label: 'data stolen or exposed',
    explicit: true,
    weight: 3,
    re: /\b(data|records?|information|files|details|PHI|databases?|emails?|credentials|logs|numbers)\b[^.;]{0,70}?\b(was|were|had been|has been|have been|being|got|been|be)\s+(?:\w+ly\s+)?(stolen|exposed|leaked|compromised|accessed|exfiltrated|copied|taken|breached|viewed|posted|published|acquired|obtained|downloaded|dumped|left (?:exposed|accessible|unprotected|unsecured)|accessible|reachable|revealed|retrieved|shared with|disclosed to|sent to|transmitted to)\b/i,
  },
  {
    // Headline style: "Customer Data Stolen", "Patient Records Exposed in Hack".
    label: 'data stolen or exposed',
    explicit: true,
    weight: 3,
    re: /\b(data|records|information|files|details|PHI|databases?|emails?|credentials|numbers)\s+(stolen|exposed|leaked|compromised|breached|exfiltrated|accessed by hackers)\b(?!\s+(?:if|when|unless))/i,
  },
  {
    label: 'data exposed online',
    explicit: true,
    weight: 3,
    re: /\b(misconfigur\w+|left (?:exposed|accessible|unprotected|unsecured|open)|(?:publicly|openly|freely) (?:accessible|available|exposed)|accessible (?:on|over|across|via|through) the internet|exposed (?:on|to) the internet|unsecured (?:database|server|bucket)|without (?:a )?password protection|no password)\b/i,
  },
  {
    label: 'health data sent to trackers',
    explicit: true,
    weight: 3,
    re: /\b(pixels?|tracking (?:code|technolog\w+|tools?|scripts?)|trackers?|analytics (?:tools?|code|scripts?|software|tags?|services?))\b[^.]{0,80}\b(shar\w+|disclos\w+|sent|transmit\w+|collect\w+)\b[^.]{0,60}\b(health|patient|medical)\b/i,
  },
  {
    // Tracking code that passed what visitors did or entered to advertisers is a disclosure of their data, even when
    // the sentence never says "health".
    label: 'data sent to trackers',
    explicit: true,
    weight: 3,
    re: /\b(?:(?:pixels?|tracking (?:code|technolog\w+|tools?|scripts?|software)|trackers?|analytics (?:tools?|code|scripts?|software|tags?|services?))\b(?:[^.;]|\.(?=\d)){0,80}\b(?:shar\w+|disclos\w+|sent|transmit\w+|passed|leak\w+|expos\w+)\b(?:[^.;]|\.(?=\d)){0,80}\b(?:(?:their|members['’]?|users['’]?|customers['’]?|visitors['’]?|patients?['’]?|personal|private|sensitive) (?:data|information|details)|(?:to|with) (?:\w+ ){0,2}(?:third[- ]part(?:y|ies)|advertis\w+|social media (?:companies|platforms|firms)|tech(?:nology)? (?:companies|firms|giants)))|(?:shar\w+|disclos\w+|transmit\w+|passed)\b(?:[^.;]|\.(?=\d)){0,140}\b(?:through|via|using|by)\s+(?:the\s+|its\s+)?(?:\w+\s+){0,2}(?:pixels?|tracking (?:code|technolog\w+|tools?|scripts?|software)|trackers?))/i,
  },
  {
    // How an intrusion is usually first disclosed: "detected unusual activity on its network".
    label: 'suspicious activity on its network',
    explicit: true,
    weight: 3,
    re: /\b(?:detect(?:ed|ing)|discover(?:ed|ing)|identif(?:ied|ying)|notic(?:ed|ing)|observ(?:ed|ing)|f(?:ou|i)nd(?:ing)?)\s+(?:some\s+)?(?:unusual|suspicious|anomalous|malicious|abnormal)\s+(?:network\s+)?activity\s+(?:on|in|within|across)\s+(?:its|their|the|our|some of (?:its|their|the))\s+(?:[\w-]+\s+)?(?:network|systems?|servers?|environment|infrastructure)/i,
  },
  {
    // "a ransomware attack on X", "cyberattack against X disrupted…": an attack with a named target.
    label: 'organisation hit by an attack',
    explicit: true,
    weight: 3,
    re: new RegExp(String.raw`\b(?:[Rr]ansomware|[Mm]alware|[Hh]acking|[Cc]yber|[Ee]xtortion)[- ]?[Aa]ttack\s+(?:on|against|at|targeting)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}-]+\s+){0,3}?${NAMED_TARGET}`, 'u'),
  },
  {
    // "the attack on the Hospital for Sick Children", in a sentence that says what kind of attack it was.
    label: 'organisation hit by an attack',
    explicit: true,
    weight: 3,
    re: new RegExp(
      // The context tests sit after the literal "attack", so they run only where the word is.
      String.raw`\b[Aa]ttack(?:(?<=\b(?:[Rr]ansomware|[Hh]ack\w*|[Cc]yber\w*|gang|malware|[Ee]xtortion)\b[^.;]{0,120}[Aa]ttack)|(?=[^.;]{0,160}\b(?:ransomware|hack\w*|cyber\w*|malware|extortion)\b))\s+(?:on|against)\s+(?:the\s+|a\s+|an\s+)?(?:[\p{Ll}'’-]+\s+){0,3}?${NAMED_TARGET}`,
      'u',
    ),
  },
  {
    // "a cyberattack forced the company to disconnect its systems", "the attack crippled claims processing".
    label: 'organisation hit by an attack',
    explicit: true,
    weight: 3,
    re: new RegExp(
      String.raw`\b(?:ransomware|(?:ransomware |cyber[- ]?|hacking |malware )?attack|breach|hack|intrusion|(?:cyber ?security |security |cyber )?incident)\s+(?:that\s+|which\s+)?(?:has\s+|had\s+)?(?:forced|disrupted|crippled|knocked|took down|shut down|paraly[sz]ed|brought down|halted|hobbled|encrypted|locked|froze|took (?:\w+\s+){0,2}offline)\b`,
      'i',
    ),
  },
  {
    // "Rhysida gang claims Prospect Medical attack", "the group said it was behind the attack", "lists stolen records".
    label: 'attack claimed or ransom demanded',
    explicit: true,
    weight: 3,
    re: /\b(?:claim(?:s|ed|ing)?(?<!(?:insurance|pharmacy|medical|health|processing|payment|billing|benefit|disability|warranty|false|unfounded)\s+claim\w*)|took credit for|(?:was|were|is|are) behind|responsible for)\s+(?:the\s+|an?\s+|this\s+)?(?:(?!(?:after|since|from|before|following|during|in|of|by|that|any|every|an?|the)\b)[\w'’-]+\s+){0,3}?(?:cyber[- ]?)?(?:attack|hack|breach|intrusion)\b|\b(?:lists?|listed|offer(?:s|ed)?|sell(?:s|ing)?|auction\w*|leak(?:s|ed)?|dump(?:s|ed)?|publish(?:es|ed)?|post(?:s|ed)?)\s+(?:\w+\s+){0,3}?stolen\s+(?:data|records|files|information|documents)\b/i,
  },
  {
    label: 'attack claimed or ransom demanded',
    explicit: true,
    weight: 3,
    re: /\b(claimed (?:responsibility|credit)|ransom (?:demand|note|payment)|demanded a ransom|leak site|dark web (?:site|forum|posting)|extortion (?:demand|attempt)s?|encrypted (?:files|systems|servers))\b/i,
  },
  {
    label: 'organisation hit by an attack',
    explicit: true,
    weight: 3,
    re: new RegExp(
      String.raw`\b(hit|struck|targeted|affected|impacted|crippled|disrupted|knocked out|paralyzed|paralysed|compromised|victim of|fell victim to|fallen victim to|suffered|experienced|sustained|caused by|triggered by|due to|result of|stemming from|linked to|tied to|blamed on|behind|to blame|responsible for|responding to|dealing with|grappling with|recovering from|bouncing back from|wrestling with|contained|confirmed|disclosed|discovered|detected|identified|revealed|reported|announced|notif\w+ (?:\w+ ){0,4}of|investigat\w+)\b(?:\s+(?:by|from|to|with|of|on|in|a|an|the|its|their|this|that|recent|major|massive|huge|damaging|sophisticated|large|significant|suspected|alleged|possible|\w+'s|[\w-]+-related))*\s+` +
        INCIDENT_NOUN +
        String.raw`\b`,
      'i',
    ),
  },
  {
    label: 'breach reported at an organisation',
    explicit: false,
    weight: 2,
    re: new RegExp(String.raw`\b(?:${INCIDENT_NOUN}|incident)\s+(?:at|on|against|of|involving|affecting|impacting|hits?|exposes?|exposed|compromised|targeting|(?:that|which) (?:hit|affected|impacted|exposed|compromised))\b`, 'i'),
  },
  {
    label: 'incident words',
    explicit: false,
    weight: 1.5,
    re: /\b(ransomware|cyber[- ]?attack\w*|data breach(?:es)?|breach(?:ed|es)?|hack(?:ed|ers?|ing)?|exfiltrat\w+|malware|intrusion|data theft|security incident|cybersecurity incident|privacy (?:event|incident)|compromise[ds]?)\b/i,
  },
  {
    label: 'incident words (translated)',
    explicit: false,
    weight: 2,
    re: /\b(ciberataque|ataque (?:informático|cibernético|hacker)|brecha de (?:datos|seguridad)|filtración de datos|violación de datos|secuestro de datos|robo de datos|cyberattaque|attaque informatique|fuite de données|violation de données|piratage|rançongiciel|vol de données|cyberangriff|hackerangriff|datenleck|datenpanne|datendiebstahl|erpressersoftware|attacco (?:informatico|hacker)|violazione dei dati|furto di dati|fuga di dati|ataque cibernético|vazamento de dados|violação de dados|cyberaanval|datalek)\b/i,
  },
];

const FOLLOW_UP =
  /\b(lawsuits?|class[- ]action|settle\w*|sued|suing|litigation|plaintiffs?|notification letters?|notif(?:y|ied|ying|ication)s?|fine[ds]?|penalt\w+|investigation|subpoena\w*|final (?:count|tally|number)|grand jury|indicted|charged|arrested)\b/i;

// Topics that share vocabulary with breach stories but are not incidents.
const EARNINGS = /\b(results for|financial results|earnings|quarterly|(?:first|second|third|fourth) quarter|q[1-4] 20\d\d|fiscal (?:year|20\d\d)|revenue|ebitda|net income|eps|guidance|dividend|risultati|resultados|trimestre)\b/i;
const DEAL =
  /\b(acquir\w*|acquisition|merger|merg(?:e|es|ing)|to buy|buys|buying|purchase[sd]?|divest\w*|selling|sells|sale of|renam\w*|name change|will now be called|ipo|funding round|raises \$|partnership|partners with|launch\w*|unveil\w*|go-lives?|rollout|rolling out|opens|opening|appoint\w*|names new|hires)\b/i;
const OUTAGE = /\b(outages?|downtime|glitch\w*|crash\w*|went down|knocked offline|disrupt\w+)\b/i;
const BENIGN_CAUSE =
  /\b(?:faulty|botched|defective|flawed|bad|buggy|routine|software|content|sensor|configuration|[A-Z][a-zA-Z]+|\d+)\s+update\b|\bupdate (?:that|which) (?:crashed|caused|broke)\b|\b(?:software )?bug\b|\bconfiguration (?:error|change|issue)\b|\bnot (?:a |the result of a |caused by a |related to a |due to a )?(?:cyber ?attack|cyber ?security incident|malicious|security incident|hack)\b|\btechnical (?:issue|problem|fault|glitch)\b|\bpower (?:failure|outage)\b|\b(?:upgrade|migration|maintenance|hardware|storage|network equipment)\b[^.]{0,40}\bfail\w*|\bfail(?:ed|ure of)\b[^.]{0,40}\b(?:upgrade|migration|maintenance|hardware|storage)\b|\bno (?:cyber ?attack|evidence of (?:a |any )?(?:cyber ?attack|malicious|intrusion|hack))/i;
const ADVISORY = /\b(vulnerabilit\w+|flaws?|cve-\d{4}-\d+|patch\w*|advisory|advisories|security update|bugs?|zero-days?)\b/i;
const PRIVACY_RULING = /\b(privacy|coppa|gdpr|consent|tracking|cookies?|children'?s data|antitrust)\b/i;
const MONEY_PENALTY = /\b(fine[ds]?|penalt\w+|settle\w*|to pay|will pay|agreed to pay|ordered to pay)\b/i;
const NO_EXPLOIT = /\bno (?:evidence|indication|sign|reports?) (?:of|that)[^.]{0,80}\b(?:exploit\w*|attack\w*|compromise\w*|breach\w*|accessed|misuse\w*)\b|\bnot (?:been |yet )?(?:exploited|observed in the wild)\b/i;

export interface CueHit {
  label: string;
  weight: number;
  explicit: boolean;
  zone: Sentence['zone'];
  sentence: number;
}

const ZONE_WEIGHT: Record<Sentence['zone'], number> = { title: 2, lead: 1.5, body: 0.5 };

// A rule, not a speed-up: a cue counts only in a sentence that holds one of these stems. Most cues need one of them
// anyway; for the others it is what keeps "the report is publicly available online" or "an unknown user took the
// last seat" from reading as an incident.
const INCIDENT_STEMS =
  /hack|breach|attack|ransom|malware|unauthori|actor|perpetrator|part(?:y|ies)|individual|person|gang|group|former|illegal|unlawful|improper|authori[sz]ation|access|stole|steal|theft|exfiltrat|expos|leak|compromis|misconfigur|accessible|pixel|tracker|tracking|claimed|intrusion|intruder|incident|criminal|extortion|encrypt|copied|viewed|downloaded|dumped|reachable|revealed|retrieved|shared with|disclosed to|sent to|transmitted|password|dark web|event|cyber|ciber|pirat|rançon|angriff|daten|violaz|viola[cç]|vazamento|fuite|filtraci|brecha|robo|furto|fuga|datalek|secuestro|behind|claim|stolen|forced|crippled|disrupted|knocked|shut down|paraly|halted|hobbled|froze|offline|unusual|suspicious|anomalous|malicious|abnormal/i;

// A cue whose every required word holds a stem can only match where the stems are: the stem test would always pass,
// so it is skipped. Only the others ("an unknown person took…" holds none) need it.
const NEEDS_STEM_TEST = CUES.map((cue) => {
  const words = gateWords(cue.re);
  return !words || !words.every((w) => INCIDENT_STEMS.test(w));
});

/** The stem test skipped for a cue is a filter too: where such a cue matches, a stem must be. */
export const GUARDED_RULES: GuardedRule[] = CUES.flatMap((cue, i) =>
  NEEDS_STEM_TEST[i] ? [] : [{ name: `cue stems: ${cue.label} #${i}`, matches: (text: string) => cue.re.test(text), mayMatch: (text: string) => INCIDENT_STEMS.test(text) }],
);

/** The incident cues of one sentence, with generic and hypothetical uses removed. */
export function sentenceCues(sentence: Sentence, gates: RuleGates): CueHit[] {
  const hits: CueHit[] = [];
  const may = gates.cues.mayMatch(sentence.text);
  let hasStem: boolean | null = null;
  for (let i = 0; i < CUES.length; i += 1) {
    if (!may[i]) continue;
    if (NEEDS_STEM_TEST[i] && !(hasStem ??= INCIDENT_STEMS.test(sentence.text))) continue;
    const cue = CUES[i]!;
    const m = cue.re.exec(sentence.text);
    if (!m) continue;
    const before = sentence.text.slice(Math.max(0, m.index - 40), m.index);
    if (GENERIC_CONTEXT.test(before) || MODAL.test(before)) continue;
    // "No one's data was exposed", "there was no cyberattack": a denial is not a report.
    const clause = sentence.text.slice(0, m.index + m[0].length).split(/[;,]\s*(?:but|while|though|although|and)\b|[;]|\bbut\b/).pop() ?? '';
    if (NEGATED.test(clause)) continue;
    hits.push({ label: cue.label, weight: cue.weight, explicit: cue.explicit, zone: sentence.zone, sentence: sentence.order });
  }
  // Several patterns usually fire on one sentence: count the strongest once, the others a little.
  hits.sort((a, b) => b.weight - a.weight);
  return hits.map((h, i) => (i === 0 ? h : { ...h, weight: h.weight * 0.25 }));
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
      const w = hit.weight * ZONE_WEIGHT[hit.zone];
      if (hit.zone === 'body') bodyScore += w;
      else {
        headScore += w;
        if (hit.explicit) explicitHead = true;
      }
      labels.add(hit.label);
    }
  }
  // Passing mentions far down the page add up slowly.
  score = headScore + Math.min(bodyScore, 4);

  const title = prepared.title;
  const head = prepared.sentences
    .filter((s) => s.zone !== 'body')
    .map((s) => s.text)
    .join(' ');
  const all = prepared.mainText;
  const followUp = FOLLOW_UP.test(head) && score > 0;

  let topic: string | null = null;
  if (!titleHasIncident) {
    if (EARNINGS.test(title) || (EARNINGS.test(head) && (head.match(new RegExp(EARNINGS.source, 'gi'))?.length ?? 0) >= 2)) topic = 'earnings or financial results';
    else if (DEAL.test(title)) topic = 'deal, product or corporate news';
    else if (ADVISORY.test(title) && !/\b(exploited|stolen|attack(?:ed|ers)|hackers)\b/i.test(head)) topic = 'vulnerability advisory';
    else if (MONEY_PENALTY.test(title) && PRIVACY_RULING.test(all) && !explicitHead) topic = 'privacy ruling or fine without an intrusion';
  }
  if (OUTAGE.test(head) && BENIGN_CAUSE.test(all) && !/\b(ransomware|hackers?|cyber ?attack(?:ed|ers)?|threat actor)\b/i.test(head.replace(/\b(?:prevent|stop|detect)\w*\s+(?:\w+\s+){0,3}cyber ?attacks?/gi, ''))) {
    topic = 'outage with a non-malicious cause';
  }
  if (ADVISORY.test(title) && NO_EXPLOIT.test(all) && !explicitHead) topic = 'advisory with no reported exploitation';

  let breach: boolean;
  if (topic) {
    breach = explicitHead && headScore >= 8;
    why.push(breach ? `reads like ${topic} but the lead reports an incident` : `not a breach: ${topic}`);
  } else {
    breach = score >= 3 && (headScore > 0 || bodyScore >= 4.5);
    if (breach) why.push(`breach: ${[...labels].slice(0, 3).join(', ')}${followUp ? ' (later development)' : ''}`);
    else if (score > 0) why.push('not a breach: incident words only in passing');
    else why.push('not a breach: no incident reported');
  }
  return { breach, score, headScore, explicitHead, followUp, incidentSentences, why };
}

// ---------------------------------------------------------------------------------------------------
// Healthcare

export const HEALTH_TERMS: [RegExp, number][] = [
  [/\bpatients?\b/gi, 2],
  [/\b(hospitals?|health ?systems?|health ?care|healthcare|health network|medical cent(?:er|re)s?|clinics?|physicians?|doctors?|nurses?)\b/gi, 1.5],
  [/\b(phi|protected health information|hipaa|health (?:data|information|records?)|medical (?:records?|information|data|histor\w+)|electronic (?:health|medical) records?|ehrs?|emrs?)\b/gi, 2],
  [/\b(health (?:plans?|insurers?|insurance(?: company)?|care id)|payers?|medicare|medicaid|insurers?|members' health|health benefits?)\b/gi, 2],
  [/\b(drug ?store(?: chain)?s?|pharmacy chains?)\b/gi, 2.5],
  [/\b(pharmac(?:y|ies)|pharmacists?|prescriptions?|drug (?:distributor|wholesaler)s?|pharmaceutical)\b/gi, 1.5],
  [/\b(diagnos\w+|clinical|treatment|lab(?:oratory)? (?:tests?|results)|medical|dental|behavio(?:u)?ral health|transcription)\b/gi, 1],
  [/\b(notaufnahme|notfall\w*|operationen|medizinisch\w*|urgences|soins|médic\w+|urgencias|sanidad|cirug\w+)\b/giu, 1],
  [/\b(santé|hôpital|hôpitaux|centre hospitalier|hospitali\w+|clinique|krankenhaus|krankenhäuser|klinik|klinikum|uniklinik|patienten|ospedale|pazienti|sanitari\w*|hospital(?:es)?|clínica|pacientes|salud)\b/giu, 1.5],
  [/\b(genetic (?:data|information|testing|test|profiles?)|dna (?:data|tests?|testing|profiles?)|ancestry and health)\b/gi, 2],
  [/\b(health (?:and|or) financial (?:information|details|data)|health details)\b/gi, 2],
];


export interface HealthcareDecision {
  healthcare: boolean;
  score: number;
  why: string[];
}

/**
 * Whether the breached organisation (or, without a breach, the subject) is a provider, payer, pharmacy or a vendor
 * handling health data. Reads the title, the lead and the sentences about the primary organisation, so a passing
 * "NHS" in a payroll story does not make it a health story.
 */
const HEALTH_CATEGORY = /\b(genetic\w*|genomic\w*|dna|ehr|emr|revenue cycle|clearinghouse|coding|transcription|clinical|release of information|labs?|laborator\w+|imaging|medical|pharmac\w+|population health|wellness|patient|telehealth|payer|health\w*|care|diagnostic\w*|dental|supply chain|group purchasing)\b/i;

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
    const near = sentence.zone !== 'body' || focus.has(sentence.order);
    const weight = near ? 1 : 0.3;
    // Most sentences hold none of the terms: the words they need (see word-gates.ts) rule them out without a scan.
    const may = gates.health.mayMatch(sentence.text);
    for (let i = 0; i < HEALTH_TERMS.length; i += 1) {
      // A term the sentence cannot hold is skipped (its match would have been null).
      if (!may[i]) continue;
      const [re, w] = HEALTH_TERMS[i]!;
      re.lastIndex = 0;
      const matches = sentence.text.match(re);
      if (!matches) continue;
      for (const m of matches) {
        const k = m.toLowerCase();
        // Distinct terms count fully; repeats of one word saturate.
        score += (seen.has(k) ? 0.25 : 1) * w * weight;
        seen.add(k);
      }
    }
  }
  if (primaryName && /\b(health|healthcare|hospital|medical|clinic|care|pharmacy|diagnostics|dental|physicians?|medicine|rx|labs?)\b/i.test(primaryName)) {
    score += 3;
  }
  // The watchlist says what a vendor does: a breached EHR or billing vendor handles health data by definition.
  if (primaryCategory && HEALTH_CATEGORY.test(primaryCategory)) score += 3;
  const healthcare = score >= 2.5;
  const terms = [...seen].slice(0, 3).join(', ');
  return {
    healthcare,
    score,
    why: [healthcare ? `healthcare (${score.toFixed(1)}): ${terms}` : `not healthcare (${score.toFixed(1)})${terms ? `: only ${terms}` : ''}`],
  };
}
