import type { Rule, RuleTable } from './rule.js';

// The phrases that say how an organisation named in a sentence stands to the incident: tied to it (binds, which
// score a candidate), the platform it went through, an affected customer or partner, or another incident held up
// for comparison. They read a copy of the sentence in which the candidate's name is replaced by NAME_SLOT (one
// pattern for every name: building a regex per candidate and article would cost more than all the rest of
// detection); `<org>` stands for it in the examples.

export const NAME_SLOT = 'QQORGQQ';
const N = NAME_SLOT;

/** A phrase tying a name to the incident, with the points it earns the name. */
export interface BindRule extends Rule {
  weight: number;
}

const INCIDENT_WORDS = String.raw`(?:data |security |cyber ?security |cyber[- ]?|ransomware |hacking |system |network |server |privacy |mega |e-?mail |account )?(?:breach(?:es)?|hack|cyber[- ]?attack|attack|incident|data theft|theft|intrusion|compromise|leak|exposure|event|skimm(?:er|ing)|break-?in)`;
const MONTH_WORDS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?|spring|summer|fall|autumn|winter|last year[’']s|last month[’']s";
/** "It belonged to", "file names pointed to": who owned data that leaked is named next. */
export const DATA_OWNER_FRAME = String.raw`\b(?:(?:it|they|the (?:bucket|container|database|server|files|data|records))\s+(?:belonged|belongs|belong)|(?:file names|references|metadata|the files|the data|the records)\b[^.;]{0,40}?\b(?:pointed|traced|led)(?: back)?)\s+to`;
export const BINDS: readonly BindRule[] = [
  // "N data breach", "N's breach", "N ransomware attack"
  {
    weight: 4,
    label: 'named in "<org> breach"',
    example: '<org> data breach exposed 4,000 records.',
    counterExample: '<org> data was moved to a new host.',
    // "Passline Identity's September breach", "Nudgewell's open cloud bucket".
    pattern: new RegExp(
      String.raw`${N}(?:[’']s?)?\s+(?:\d{4}\s+|recent\s+|massive\s+|alleged\s+|reported\s+|(?:${MONTH_WORDS})\s+)?(?:${INCIDENT_WORDS}|open (?:cloud |storage |s3 )*(?:bucket|database|server))\b`,
      'iu',
    ),
  },
  // "breach at N", "attack on N", "hack of N's network", "ransomware attack against N"
  {
    weight: 4,
    label: 'named in "breach at <org>"',
    example: 'The ransomware attack on <org> closed two clinics.',
    counterExample: 'The attack surface of the network grew, <org> said.',
    pattern: new RegExp(
      String.raw`\b${INCIDENT_WORDS}\s+(?:at|on|of|against|hits?|hitting|affecting|involving|targeting|impacting|that hit|that struck|that affected)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?${N}`,
      'iu',
    ),
  },
  // The same in the other languages we read: "Cyberangriff auf seine Tochter N", "aanval op N", "attaque contre N".
  {
    weight: 4,
    label: 'named in a translated "attack on <org>"',
    example: 'Klangwerk meldete einen Cyberangriff auf seine amerikanische Tochter <org>.',
    counterExample: 'Klangwerk meldete einen Rekordumsatz seiner Tochter <org>.',
    pattern: new RegExp(
      // After a possessive only its subsidiary ("auf seine Tochter N"): "auf seine Cloud-Plattform" is its own system.
      String.raw`(?:(?:cyber|hacker|ransomware-?)angriff|angriff|aanval|cyberaanval|hackaanval|attaque|cyberattaque|ataque|ciberataque|attacco)\s+(?:auf|op|contre|contra|a|al|à|alla|ao)\s+(?:(?:(?:die|den|das|der|het|de|la|le|les|el|il|lo|o|l['’])\s+)?(?:(?!(?:seine|ihre|seinen|ihren|zijn|haar|sa|son|su|sua|sein|ihr)\s)[\p{Ll}-]+\s+){0,2}?|(?:seine|ihre|seinen|ihren|zijn|haar|sa|son|su|sua)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:tochter\p{Ll}*|dochter\p{Ll}*|filiale|filial|subsidiária|controllata)\s+)${N}`,
      'iu',
    ),
  },
  // The attackers as the subject, in the Romance languages we read: "i criminali che hanno colpito i N", "os
  // criminosos que atingiram o N", "los atacantes que golpearon a N".
  {
    weight: 4,
    label: 'hit by the attackers (translated)',
    example: 'I dati sono finiti nelle mani dei criminali informatici che a giugno hanno colpito i <org>, la catena di laboratori.',
    counterExample: 'La crisi ha colpito i <org> e altri fornitori.',
    pattern: new RegExp(
      String.raw`\b(?:criminali|aggressori|hacker|pirati|criminosos|atacantes|invasores|cibercriminosos|ciberdelincuentes|delincuentes)\b[^.;]{0,60}?\b(?:hanno|ha|avevano|aveva)?\s*(?:colpito|violato|attaccato|atingiram|atingiu|atacaram|invadiram|golpearon|atacaron|vulneraron)\s+(?:(?:i|il|la|le|lo|gli|l['’]|o|a|os|as|el|los|las|al)\s+)?${N}`,
      'iu',
    ),
  },
  // A researcher's find in the other languages we read: "un conteneur de stockage mal configuré appartenant à N",
  // "una base de datos perteneciente a N", "um servidor pertencente à N".
  {
    weight: 3,
    label: 'its exposed data (translated)',
    example: 'Un chercheur a repéré un conteneur de stockage en ligne mal configuré appartenant à <org>.',
    counterExample: 'Un chercheur a repéré une voiture appartenant à <org>.',
    pattern: new RegExp(
      String.raw`\b(?:conteneur|stockage|base de données|serveur|contenedor|almacenamiento|base de datos|servidor|banco de dados|armazenamento|contenitore|archivio|database|bucket)\b[^.;]{0,80}?\b(?:appartenant (?:à|au|aux)|perteneciente a|pertenecientes a|pertencente (?:a|à|ao)|pertencentes (?:a|à|ao)|appartenente a|di proprietà di)\s+(?:la\s+|le\s+|l['’]|el\s+|o\s+|a\s+)?${N}`,
      'iu',
    ),
  },
  // Who it was, said right after the incident without naming it: "…is getroffen door een datalek. Het gaat om N uit
  // Texas", "Es handelt sich um N", "Il s'agit de N".
  {
    weight: 4,
    label: 'named as the one the incident was at',
    example: 'Het gaat om <org> uit Texas, dat zuurstof bij patiënten thuis bezorgt.',
    counterExample: 'Het gaat goed met <org>, zegt de woordvoerder.',
    pattern: new RegExp(
      String.raw`^(?:Het gaat om|Es handelt sich um|Il s['’]agit d[eu]|Se trata de|Trata-se d[aoe]|Si tratta d(?:i|el|ella))\s+(?:de\s+|het\s+|die\s+|der\s+|la\s+|le\s+|l['’]|el\s+|a\s+|o\s+|il\s+)?${N}`,
      'iu',
    ),
  },
  // Its systems entered, in German: "Unbekannte hatten sich Zugang zu einem E-Mail-Postfach und zur Dateiablage von N
  // verschafft".
  {
    weight: 4,
    label: 'its systems entered (translated)',
    example: 'Unbekannte hatten sich im Juli Zugang zu einem E-Mail-Postfach und zur Dateiablage von <org> verschafft.',
    counterExample: 'Kunden haben Zugang zu den Dokumenten von <org> über das Portal.',
    pattern: new RegExp(
      String.raw`\bsich\b[^.;]{0,40}?\bZugang\s+(?:zu|zum|zur)\b[^.;]{0,100}?\b(?:von|bei|des|der)\s+${N}[^.;]{0,30}?\bverschafft`,
      'iu',
    ),
  },
  // Class 7 in the other languages: "Het lek zat niet bij het ziekenhuis zelf, maar bij N", "la fuite ne vient pas de
  // l'hôpital mais de N": the breach placed at the vendor, not at the customer telling it.
  {
    weight: 4,
    label: 'the leak placed at it (translated)',
    example: 'Het lek zat niet bij het ziekenhuis zelf, maar bij <org>, het Amerikaanse bedrijf.',
    counterExample: 'Het ziekenhuis werkt samen met <org>, het Amerikaanse bedrijf.',
    pattern: new RegExp(
      String.raw`\b(?:lek|datalek|inbreuk|hack|aanval|fuite|faille|fallo|brecha|falha|vazamento|violazione|leck|datenleck)\b[^.;]{0,80}?\b(?:maar|mais|sino|mas|ma|sondern)\s+(?:bij|chez|de|en|na|no|presso|bei)\s+(?:de\s+|het\s+|la\s+|le\s+|el\s+|a\s+|o\s+|der\s+|dem\s+)?${N}`,
      'iu',
    ),
  },
  // A newsletter item's heading: "Prescriber accounts taken over at N", "Patient files exposed at N".
  {
    weight: 4,
    label: 'what was hit at it',
    example: 'Prescriber accounts taken over at <org>.',
    counterExample: 'Prescriber accounts moved over at <org>.',
    pattern: new RegExp(
      String.raw`\b(?:accounts|logins|mailboxes|inboxes|records|files|data|systems|servers|databases|images|documents|recordings|reports|details|information)\s+(?:were\s+|was\s+)?(?:taken over|hijacked|breached|hacked|stolen|exposed|compromised|encrypted|leaked)\s+at\s+(?:the\s+)?${N}`,
      'iu',
    ),
  },
  // "N says hackers…", "N confirmed a data breach", "N was hit by ransomware"
  {
    weight: 3,
    label: 'subject of a breach verb',
    example: '<org> said hackers copied patient files.',
    counterExample: '<org> opened a new clinic.',
    pattern: new RegExp(
      String.raw`${N}(?:\s*\([^()]{1,20}\),?)?(?:(?:,[^,]{0,120}){1,2},|,\s+(?:which|who|that)\b[^.;]{0,160}?,|\s+(?:subsidiary|unit|division|affiliate))?\s+[“"]?(?:has\s+|have\s+|had\s+|is\s+|was\s+|been\s+|also\s+|now\s+|itself\s+|recently\s+|officially\s+)*(?:says?|impacted|said|confirm\w*|disclos\w*|reveal\w*|admit\w*|concede\w*|report\w*|notif\w*|announc\w*|discover\w*|detect\w*|learned|found|identif\w*|suffer\w*|experienc\w*|hit|struck|targeted|breached|hacked|attacked|compromised|fell|falls|fallen|flags?|warns?|begins?|began|started|telling|told|informed|left|recover\w*|bouncing|grappling|dealing|wrestling|investigat\w*(?!\s+(?:potential\s+|possible\s+)?(?:claims|legal claims|a (?:potential |possible )?(?:class action|lawsuit)))|restor\w*|alerted|issues|posts|mailed|mails|mailing|e-?mailed|e-?mails|wrote|writes|texted|messaged|sent|sending|(?:finished|completed|continues|continued|started|began|begun)\s+(?:notif\w*|mailing|sending)|agreed|settle\w*|resolves?|faces|victim|became aware)\b`,
      'iu',
    ),
  },
  // A newsletter's follow-up item: "N amended its federal filing to 431,090 people", "N's entry on the portal now lists
  // 182,400 people": a count of its breach revised, in a sentence that tells the incident.
  {
    weight: 3,
    label: 'its breach count revised',
    example: '<org> amended its federal filing to 431,090 people after finding more records from its February intrusion.',
    counterExample: '<org> amended its federal filing to add a new board member.',
    pattern: new RegExp(
      String.raw`${N}(?:\s+(?:has\s+|have\s+)?(?:amended|updated|raised|revised|increased)\s+(?:its|the)\s+(?:[\w-]+\s+){0,2}?(?:filing|count|tally|total|notice|report|entry)(?:\s+with\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?\s+to|[’']s\s+(?:[\w-]+\s+){0,3}?(?:count|tally|total|entry|filing|notice)\b[^.;]{0,50}?\b(?:now (?:lists|shows|stands at|counts)|(?:grows|grew|rose|climbed|jumped|increased) to|stands at)|\s+(?:has\s+)?(?:filed|reported|submitted|posted|gave)\s+(?:its|a|the)\s+(?:final\s+|updated\s+|revised\s+)?(?:count|tally|total|number)\b[^.;]{0,60}?:?)\s+(?:about\s+|nearly\s+|more than\s+)?\d[\d,.]*`,
      'iu',
    ),
  },
  // A reader's account of the letter: "I got a letter from a company called N saying someone logged in…".
  {
    weight: 3,
    label: 'the sender of the breach letter',
    example: 'Today I got a letter from a company called <org> saying someone logged in with a stolen account.',
    counterExample: 'Today I got a letter from <org> about my new plan.',
    pattern: new RegExp(
      String.raw`\b(?:letter|notice|notification|e-?mail|message)\s+from\s+(?:a (?:company|firm|vendor|business) (?:called|named)\s+|the (?:company|firm|vendor)\s+)?${N}\s+(?:saying|that said|stating|telling (?:me|us|him|her|them)|informing (?:me|us|him|her|them)|to say|about (?:a|an|the) (?:data |security |cyber ?security )?(?:breach|incident|event))`,
      'iu',
    ),
  },
  // Class 7 in a customer's release: "The City has been notified by N, the contractor that monitors its cameras, that
  // city information was among files taken during a ransomware attack on the company."
  {
    weight: 4,
    label: 'class 7: the contractor that notified the customer of its own attack',
    example:
      'The city has been notified by <org>, the contractor that monitors its cameras, that files were taken in a ransomware attack on the company.',
    counterExample: 'The city has been notified by <org> that its contract will not be renewed.',
    pattern: new RegExp(
      String.raw`\b(?:been|was|were|is)\s+(?:notified|informed|told|alerted)\s+by\s+${N}\b[^.;]{0,200}?\b(?:(?:attack|breach|intrusion|incident|hack)\s+(?:on|at|of|against)\s+(?:the\s+)?(?:company|firm|contractor|vendor|its\s+(?:own\s+)?(?:systems?|network|servers?))|its\s+(?:own\s+)?(?:systems?|network|servers?)\s+(?:was|were|had been)\s+(?:breached|hacked|attacked|accessed|compromised|encrypted))`,
      'iu',
    ),
  },
  // "N's statement to me: a replica was left open…": its own account of what happened.
  {
    weight: 3,
    label: 'its own account of the incident',
    example: "<org>'s statement to me: a replica was left open by a configuration change.",
    counterExample: "<org>'s statement on its new pricing was short.",
    pattern: new RegExp(
      String.raw`${N}[’']s\s+(?:statement|explanation|reply|response|answer|letter|notice)(?:\s+to\s+(?:me|us|customers|clients|reporters|[\w-]+))?\s*:`,
      'iu',
    ),
  },
  // "hackers got into N's systems", "attack targeting N"
  {
    weight: 3,
    label: 'object of the attack',
    example: 'Hackers broke into the systems of <org> in May.',
    counterExample: 'Hackers are a worry, <org> said.',
    // "got into its Microsoft Azure environment": what follows "its" is the subject's own system, not the target.
    pattern: new RegExp(
      String.raw`\b(?:hackers?|attackers?|threat actors?|criminals?|cybercriminals?|intruders?|group|gang|actor|party)\b[^.;]{0,60}?\b(?:into|accessed|breached|compromised|targeted|hit|attacked|against|from|infiltrated|struck)\s+(?:the\s+)?(?:(?!its\b|their\b)[\w-]+\s+){0,2}?${N}`,
      'iu',
    ),
  },
  // "access to the payment page of N", "data in the systems of N", "N, whose portal was compromised"
  {
    weight: 3,
    label: 'its systems or data were hit',
    example: 'Attackers had access to the payment page of <org>.',
    counterExample: 'Staff had access to training at <org>.',
    pattern: new RegExp(
      String.raw`\b(?:access(?:ed)?\s+to|into|in|from|breach(?:ed)?\s+of|compromise\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:systems?|networks?|servers?|portal|(?:web\s+)?pages?|databases?|website|environment|accounts?)\s+(?:of|at|belonging to|run by|operated by)\s+(?:the\s+)?${N}|${N},?\s+(?:(?:LLC|Inc|Ltd|Corp)\.?,\s+)?(?:the\s+(?:[\w-]+\s+){0,4}?(?:vendor|company|firm|provider|maker|unit|agency|service)\s+)?whose\s+(?:[\w-]+\s+){0,3}?(?:systems?|networks?|servers?|portal|pages?|databases?|website|data cent(?:er|re)s?)\s+(?:was|were|had been|has been)\s+(?:\w+\s+)?(?:compromised|breached|hacked|accessed|infiltrated|attacked|hit|encrypted|struck)`,
      'iu',
    ),
  },
  // Class 7, a customer's notice of its vendor's breach: "a third-party billing company, N, suffered…", "hackers broke
  // into systems of its software vendor, N". The role noun before the name says N is the vendor whose systems were hit.
  {
    weight: 4,
    label: "class 7: the vendor named by its role in a customer's notice",
    example: 'A third-party billing company, <org>, suffered a ransomware attack.',
    counterExample: 'The billing company said <org> was not involved.',
    pattern: new RegExp(
      // Owned by the customer ("its software vendor, N", "a third-party billing company, N") or a supplier's noun
      // ("a vendor, N"); "the security firm N" describes N, it does not make it anyone's vendor.
      String.raw`\b(?:(?:its|their|our|one of (?:its|their|our)|(?:the\s+)?(?!it)[\w-]+[’']s)\s+(?!parent\b|holding\b|sister\b|owner\b|former\b)(?:third[- ]party\s+)?(?:[\w-]+\s+){0,2}?(?:vendors?|contractors?|suppliers?|business associates?|(?:service\s+)?providers?|compan(?:y|ies)|firms?|processors?|partners?|clearinghouse|benefits? managers?|(?:benefits?|claims?|plan|third[- ]party)\s+administrators?|(?:collection|billing|staffing|answering)\s+agenc(?:y|ies))|(?:a|an|the)\s+third[- ]party\s+(?:[\w-]+\s+){0,2}?(?:vendors?|contractors?|suppliers?|(?:service\s+)?providers?|compan(?:y|ies)|firms?|processors?|partners?)|(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:vendors?|contractors?|suppliers?|business associates?|clearinghouse)|(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:firm|company|vendor|provider|contractor)\s+(?:that|which|who)\s+[^,.;]{1,60}(?=,)),?\s+(?:[\w.' ]+-based\s+)?${N}\b(?![’']s)`,
      'iu',
    ),
  },
  // Class 7 with the role after the name: "Relaywise, the Austin company that delivers its text messages, was
  // breached". What it does for "its"/"our" customer makes it the customer's supplier.
  {
    weight: 4,
    label: 'class 7: the vendor named by its role after its name',
    example: '<org>, the Austin company that delivers its text messages, was breached in August.',
    counterExample: '<org>, the Austin company that makes text-messaging software, was breached in August.',
    pattern: new RegExp(
      String.raw`${N},\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|vendor|provider|contractor|subcontractor|supplier|service)\s+(?:that|which|who)\s+[^,.;]{0,60}?\b(?:its|their|our)\b[^,.;]{0,40},\s+(?:was|were|had been|has been|is|said|says|discovered|detected|suffered|reported)\b`,
      'iu',
    ),
  },
  // Class 7 again, from the vendor's side of a customer's notice: "N told the clinic that files taken from its
  // systems…", "N said an attacker got into its network", "N informed the county that attackers had broken into the
  // company's own network". Whoever says the intruders were in its own systems is the breached party.
  {
    weight: 4,
    label: 'it said intruders were in its own systems',
    example: '<org> told the clinic on Friday that hackers had broken into its network.',
    counterExample: '<org> told the clinic on Friday that hackers had broken into the clinic network.',
    pattern: new RegExp(
      String.raw`${N}(?:,[^;]{0,160}?,)?\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:told|informed|notified|alerted|warned|said|says|confirmed|disclosed|explained)\b[^.;]{0,100}?\b(?:(?:hackers?|attackers?|intruders?|criminals?|cybercriminals?|threat actors?|someone|an? (?:unauthori[sz]ed|unknown|outside) (?:party|person|actor|individual|third party))\b[^.;]{0,100}?\b(?:(?:into|accessed|access(?:\s+to)?|reached|entered|breached|compromised|infiltrated|encrypted|in|on|from)\s+(?:one of\s+)?(?:the company[’']s|the firm[’']s|its)\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?(?:systems?|networks?|servers?|platform|environment|accounts?|databases?|email|computers?|tools?|infrastructure|portal|console|mailbox(?:es)?)|(?:into|accessed|access(?:\s+to)?|reached|entered|breached|compromised|infiltrated)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:internal|staging|test|development|corporate|support|admin\w*)\s+(?:[\w-]+\s+)?(?:environment|systems?|servers?|network|console|accounts?|databases?|portal))|(?:files|data|records|information)\b[^.;]{0,60}?\b(?:taken|stolen|copied|removed|exfiltrated|accessed)\s+from\s+its\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:systems?|networks?|servers?|platform|environment))`,
      'iu',
    ),
  },
  // Class 7 in a customer's first-person notice: "The vendor is N, which prints our statements", "Our answering
  // service is N". The notice names the party where the incident happened by its role, then says who it is.
  {
    weight: 4,
    label: 'class 7: the vendor named by its role in a notice ("the vendor is <org>")',
    example: 'The vendor is <org>, which prints and mails patient statements on our behalf.',
    counterExample: 'The vendor is not <org>, which only hosts our website.',
    pattern: new RegExp(
      // Also as an aside: "The payroll company, N, has told us…", "We have asked the vendor, N, for a full account".
      String.raw`\b(?:the|our|that|this)\s+(?:[\w-]+\s+){0,3}?(?:vendor|company|provider|service|supplier|contractor|partner|processor|benefits? manager|administrator|firm|unit|subsidiary|division|agency)(?:\s+(?:involved\s+|in question\s+|concerned\s+)?(?:is|was)\s+${N}|,\s+${N}(?:,[^,;]{0,60})?,\s+(?:which|who|has|had|told|informed|said|says|for|to)\b)`,
      'iu',
    ),
  },
  // A follow-up's apposition: "N, the scheduling call-centre vendor hit in February, listed 1.1 million people".
  {
    weight: 3,
    label: 'named as the one hit, in apposition',
    example: '<org>, the call-centre vendor hit in February, listed 1,146,302 individuals.',
    counterExample: '<org>, the call-centre vendor hired in February, listed 12 new clients.',
    pattern: new RegExp(
      String.raw`${N},\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:vendor|company|firm|provider|maker|insurer|plan|lab|laboratory|hospital|clinic|practice|agency|service|network|group|processor|administrator|clearinghouse)\s+(?:that was\s+|which was\s+|)(?:hit|breached|hacked|attacked|struck|compromised|targeted)\s+(?:in|by|last|earlier|this|with|on)\b`,
      'iu',
    ),
  },
  // A newsletter item headed by the name, then the party by its role: "N: the benefits manager hit by ransomware…".
  {
    weight: 4,
    label: 'heads an item as the party an attack hit',
    example: '<org>: the pharmacy benefit manager hit by ransomware in February says claims are flowing again.',
    counterExample: '<org>: the pharmacy benefit manager says claims are flowing again.',
    pattern: new RegExp(
      String.raw`${N}\s*[:—–]\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,4}?(?:(?:that|which|who)\s+(?:was|were)\s+)?(?:hit|struck|targeted|breached|hacked|attacked|compromised)\s+(?:by|in|with|last|earlier|this)\b`,
      'iu',
    ),
  },
  // "An email account that was taken over at N", "accessed member information at its subsidiary, N".
  {
    weight: 3,
    label: 'its data or systems hit at it',
    example: "Billing details were in an email account that was taken over at <org>, the practice's billing company.",
    counterExample: 'Billing details were taken over to the new system, the practice said of <org>.',
    pattern: new RegExp(
      String.raw`(?:\b(?:accessed|taken over|breached|hacked|compromised|copied|stolen|exposed|encrypted|infiltrated|viewed|hit)\b(?:[^.;]|\.(?=\d))` +
        String.raw`{0,80}?\bat|\b(?:copied|stolen|taken|exfiltrated|downloaded)\s+from(?:\s+(?:a|the))?(?:\s+(?:company|firm|vendor|provider)\s+(?:called|named))?|\b(?:attackers?|hackers?|intruders?)\s+at|\b(?:on|in)\s+(?:the\s+)?(?:servers?|systems?|networks?|computers?)\s+(?:at|of|run by))` +
        String.raw`\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+,?\s+){0,5}?${N}`,
      'iu',
    ),
  },
  // The same party by its role later in the sentence: "tests sent to N … while the Columbus reference lab recovers
  // from a cyberattack".
  {
    weight: 3,
    label: 'named, then its role hit later in the sentence',
    example: 'Clinics that send tests to <org> must reroute them while the reference lab recovers from a cyberattack.',
    counterExample: 'Clinics that send tests to <org> must reroute them while the hospital hires staff.',
    pattern: new RegExp(
      String.raw`${N}\b[^.;]{0,140}?\b(?:while|after|as|because|since)\s+the\s+(?:[\w-]+\s+){0,3}?(?:lab|laboratory|company|firm|vendor|provider|hospital|health system|clinic|insurer|plan)\s+(?:recovers?|is recovering|was hit|is hit|suffered|reported|investigates|restores?)\b`,
      'iu',
    ),
  },
  // A researcher's find: "a bucket containing files belonging to N", "an open database of N".
  {
    weight: 3,
    label: 'its exposed data',
    // Also "a search cluster belonging to N", "a bucket with no authentication that belonged to N".
    example: 'We found an open bucket containing 1.6 million files belonging to <org>.',
    counterExample: 'The files belonging to the patients were mailed, <org> said.',
    pattern: new RegExp(
      String.raw`\b(?:bucket|database|server|storage|archive|repository|cluster|index|instance|folder)\b(?:[^.;]|\.(?=\d)){0,80}?\b(?:belonging to|(?:that\s+|which\s+)?belong(?:ed|s)?\s+to|owned by|run by|operated by|of)\s+(?:the\s+)?${N}`,
      'iu',
    ),
  },
  // Class 7: "the data was taken from systems run by N", "a database managed by N": the systems were N's to run.
  {
    weight: 3,
    label: 'its systems, run by it',
    example: 'The data was taken from systems run by <org>, the company that prints its letters.',
    counterExample: 'The data was taken from systems, the company run by <org> said.',
    pattern: new RegExp(
      String.raw`\b(?:systems?|servers?|databases?|platform|portal|environment|network|storage|cloud|application|service|software system)\s+(?:that\s+(?:is|was|are|were)\s+|(?:is|was|are|were)\s+)?(?:run|hosted|operated|managed|maintained|administered)\s+by\s+(?:the\s+)?(?:[\p{Lu}][\w&-]*(?:\s+[\p{Lu}][\w&-]*){0,2}[’']s\s+)?${N}|\b(?:service|version|platform|system|environment|cloud|portal|product)\s+(?:that|which)\s+${N}\s+(?:runs|hosts|operates|manages)\b`,
      'iu',
    ),
  },
  // A regulator's portal entry retold: "the entry names N, a Fort Washington firm, as a business associate".
  {
    weight: 4,
    label: 'named by a regulator as the breached business associate',
    example: 'The entry on the regulator site names <org>, a software firm, as a business associate.',
    counterExample: 'The entry names <org> as the contact for questions.',
    pattern: new RegExp(
      String.raw`\b(?:names|lists|listed|identifies|identified)\s+${N}\b[^.;]{0,120}?\bas\s+(?:a|the)\s+(?:business associate|covered entity|breached entity|reporting entity)\b`,
      'iu',
    ),
  },
  // A regulator's listing quoted in a story: "Name of entity: N".
  {
    weight: 4,
    label: 'named in a regulator listing',
    example: 'Name of entity: <org> / State: GA / Type: Hacking/IT Incident',
    counterExample: 'Name of the game: <org> / Type: Hacking/IT Incident',
    pattern: new RegExp(String.raw`\b(?:name of (?:covered )?entity|entity name|organi[sz]ation name|covered entity)\s*:\s*${N}`, 'iu'),
  },
  // Class 7 in a regulator's form: "Breach occurred at a third-party service provider: Yes (N, subcontractor)".
  {
    weight: 4,
    label: "class 7: the vendor named by its role in a regulator's form",
    example: 'Breach occurred at a third-party service provider: Yes (<org>, subcontractor)',
    counterExample: 'Breach occurred at a third-party service provider: No (<org> filed directly)',
    pattern: new RegExp(
      String.raw`\b(?:breach occurred at|occurred at|incident at|name of)\s+(?:a|the)\s+third[- ]party\s+(?:service\s+)?(?:provider|vendor|business associate)\s*[:?]?\s*(?:yes\b[\s,;:-]*)?\(?\s*${N}`,
      'iu',
    ),
  },
  // Class 3's follow-ups: "patients sued N over the breach", "a class action against N", "settlement with N".
  {
    weight: 3,
    label: 'named as the defendant of a later development',
    example: 'Patients filed a class action against <org> over the breach.',
    counterExample: 'Patients filed a class action against the hospital, <org> reported.',
    pattern: new RegExp(
      String.raw`\b(?:sued|sues|suing|(?:lawsuits?|class[- ]actions?|suits?|complaints?|charges|settlements?|judgments?)\s+(?:(?:was|were|has been|have been)\s+)?(?:filed\s+)?(?:(?:last|this|on|in)\s+\w+\s+)?(?:in\s+(?:\w+\s+){1,3}?court\s+)?(?:(?:in|since|on)\s+[\w ,]{2,30}?\s+)?(?:against|with)|fined|penali[sz]ed)\s+(?:the\s+)?${N}|\b(?:lawsuit|class[- ]action|suit|complaint)\b[^.;]{0,80}?\b(?:says|said|claims|alleges|alleged|argues|accuses)\s+(?:that\s+)?${N}\b`,
      'iu',
    ),
  },
  // Class 8 in a parent's filing, from the unit's side: "a ransomware attack on the information technology environment
  // of its wholly owned subsidiary, N, LLC": the unit whose systems were hit is the breached party.
  {
    weight: 4.5,
    label: 'class 8: the subsidiary whose systems were hit',
    // Also "a cybersecurity incident affecting its wholly owned subsidiary <org>, LLC".
    example: 'A ransomware attack on the information technology environment of its wholly owned subsidiary, <org>, was material.',
    counterExample: 'The company sold its wholly owned subsidiary, <org>, in May.',
    pattern: new RegExp(
      String.raw`\b${INCIDENT_WORDS}\s+(?:on|at|against|in|of|affecting|involving|impacting)\s+(?:(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:environment|systems?|networks?|servers?|infrastructure|platform)\s+(?:of|at|used by)\s+)?(?:its|their|the company['’]s)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+|indirect\s+)?(?:[\w-]+\s+){0,3}?(?:subsidiary|unit|affiliate)\s*,?\s+${N}|\b${INCIDENT_WORDS}\s+(?:affecting|at|on|involving|impacting)\s+${N}(?:,?\s+(?:LLC|Inc\.?|Corp\.?|Ltd\.?))?(?:\s*\([^()]{1,40}\))?,\s+(?:a|an)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?(?:[\w-]+\s+){0,2}?(?:subsidiary|unit|affiliate)\b`,
      'iu',
    ),
  },
  // The same unit as the subject of its parent's filing: "N, LLC ("N"), a wholly owned subsidiary of P, Inc. (the
  // "Company") that the Company acquired in 2023, identified ransomware encrypting servers".
  {
    weight: 4.5,
    label: 'class 8: the subsidiary whose systems were hit, as its filing’s subject',
    example: '<org>, LLC ("Foresight"), a wholly owned subsidiary of Altamira Inc., identified ransomware encrypting servers.',
    counterExample: '<org>, a wholly owned subsidiary of Altamira Inc., launched a new scheduling module.',
    pattern: new RegExp(
      String.raw`${N}(?:,?\s+(?:LLC|Inc\.?|Corp\.?|Ltd\.?))?(?:\s*\([^()]{1,40}\))?,\s+(?:a|an)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?(?:[\w-]+\s+){0,2}?(?:subsidiary|unit|division|affiliate)\s+(?:of|that|which)\s+(?:[^.;]|\.(?=\s*[(,"“\p{Ll}])){0,180}?\b(?:(?:identified|detected|discovered|experienced|suffered|became aware of|was hit by|was attacked)\b[^.;]{0,40}?\b(?:ransomware|intrusion|unauthori[sz]ed|attack|incident|breach|malware|encrypt\w*|suspicious)|(?:was|were)\s+(?:told|notified|informed|alerted)\s+by\s+(?:an?\s+)?(?:independent\s+)?(?:security\s+)?researchers?\b)`,
      'iu',
    ),
  },
  // The unit whose environment the filing says was entered: "gained access to the email and file-sharing environment
  // used by N, LLC ("N"), a wholly owned subsidiary of the Company".
  {
    weight: 4.5,
    label: 'class 8: the subsidiary whose systems were hit, by the environment it uses',
    example:
      'An unauthorized third party had gained access to the email environment used by <org>, LLC, a wholly owned subsidiary of the Company.',
    counterExample: 'An unauthorized third party had gained access to the email environment used by <org>, a customer of the Company.',
    pattern: new RegExp(
      String.raw`\b(?:access(?:ed)?\s+(?:to\s+)?|into\s+|in\s+)(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:environment|systems?|networks?|servers?|mailboxes|e-?mail)\s+(?:used|run|operated|managed)\s+by\s+${N}(?:,?\s+(?:LLC|Inc\.?|Corp\.?|Ltd\.?))?(?:\s*\([^()]{1,40}\))?,\s+(?:a|an)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?(?:[\w-]+\s+){0,2}?(?:subsidiary|unit|division|affiliate)\b`,
      'iu',
    ),
  },
  // Class 3's follow-ups told from the payer's side: "N agreed to pay $650,000 to resolve the attorney general's
  // investigation of the exposure", "N will pay $2 million to settle claims over last year's attack".
  {
    weight: 3,
    label: 'settled over its breach',
    example: '<org>, now owned by a larger group, agreed to pay $650,000 to resolve the state investigation of the bucket it left open.',
    counterExample: '<org> agreed to pay $650,000 to resolve a contract dispute with a supplier.',
    pattern: new RegExp(
      String.raw`${N}(?:,[^,;]{0,80},)?\s+(?:has\s+|had\s+)?(?:agreed to (?:pay|settle)|will pay|paid|pays|settled|reached (?:a|an)\s+(?:[\w$.,-]+\s+){0,3}?(?:settlement|agreement))\b[^.;]{0,200}?\b(?:investigation|probe|inquiry|lawsuits?|claims|suits?|class[- ]actions?|allegations)\s+(?:of|over|into|about|stemming from|tied to|related to|from|after)\s+(?:the|its|a|an|last\s+\w+[’']s)\b[^.;]{0,80}?\b(?:breach|exposure|incident|bucket|attack|hack|leak|intrusion|compromise|ransomware|database|server|left|exposed)`,
      'iu',
    ),
  },
  // Class 10, the same ties in the other languages we read: "ataque contra N", "fuite de données chez N", "Datenleck
  // bei N", "datalek bij N", "N sofreu um ataque", "N a été victime", "N wurde Opfer".
  {
    weight: 3,
    label: 'class 10: tied to the incident in another language',
    example: 'Fuite de données chez <org> : des dossiers de patients dérobés.',
    counterExample: 'Nouvelle clinique chez <org> à Lyon.',
    pattern: new RegExp(
      String.raw`\b(?:ciberataque|ataque(?: de ransomware| hacker| cibernético| informático)?|brecha de (?:datos|seguridad)|filtración|vazamento de dados|violação de dados|cyberattaque|attaque(?: informatique)?|fuite de données|piratage|cyberangriff|hackerangriff|ransomware-angriff|datenleck|datenpanne|cyberaanval|datalek|hack|ransomware-aanval|(?:it-)?sicherheitsvorfall|beveiligingsincident)\s+(?:a|al|à|à la|au|contra|contre|en|na|no|chez|bei|auf|gegen|bij|op|tegen|de|du|des|do|da|von|van|an)\s+(?:la\s+|el\s+|o\s+|a\s+|l['’]|le\s+|der\s+|die\s+|das\s+|de\s+|het\s+)?(?:(?:[\p{L}-]+\s+){0,2}(?:dochter\p{L}*|tochter\p{L}*|filiale|filial|subsidiária|proveedor\p{L}*|fournisseur|anbieter|dienstleister|leverancier|fornecedor\p{L}*|prestataire|laboratori(?:um|o)|laboratoire|labor|ziekenhuis|krankenhaus|klinik|hôpital|clinique|hospital|clínica|empresa|bedrijf|unternehmen|entreprise|société|zorgverzekeraar|versicherer)\s+)?${N}|\b(?:l['’]affaire|el caso|o caso|der Fall|de zaak)\s+${N}|\b(?:procedimiento sancionador|demanda|multa|sanción|denuncia|plainte|amende|Bußgeld|boete|processo)\s+(?:contra|contre|gegen|tegen|à|a)\s+(?:la\s+|el\s+|le\s+|der\s+|die\s+|de\s+|het\s+)?${N}|${N}\b[^.;]{0,120}?\b(?:que|qui|die|dat)\s+(?:sufrió|sofreu|a subi|erlitt|trof)\b|${N}\s+(?:sufrió|sufre|ha sufrido|sofreu|sofre|foi (?:alvo|vítima)|a (?:été|subi)|est victime|wurde(?: zum)? Opfer|ist Opfer|wurde (?:angegriffen|gehackt)|is (?:getroffen|gehackt|slachtoffer)|werd (?:getroffen|gehackt)|confirmou|confirmó|informou|informó|a confirmé|bestätigte|bevestigde|meldt)\b`,
      'iu',
    ),
  },
  // "copied study-participant exports from N's cloud storage": where the data was taken from is the breached party.
  {
    weight: 3,
    label: 'data taken from its systems',
    example: "An intruder copied exports from <org>'s cloud storage.",
    counterExample: "An analyst copied the exports to <org>'s cloud storage.",
    pattern: new RegExp(
      String.raw`\b(?:cop(?:y|ied|ying)|st(?:o|ea)l(?:e|en|ing)?|t(?:ake|ook|aken|aking)|exfiltrat\w+|download\w*|pull(?:ed)?|grabb?(?:ed)?|siphon\w*|scrap(?:e|ed))\b[^.;]{0,80}?\bfrom\s+(?:the\s+)?${N}(?:[’']s)?\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:systems?|servers?|storage|databases?|networks?|environment|cloud|portal|platform|buckets?|file[- ]transfer)\b`,
      'iu',
    ),
  },
  // Who exposed data belongs to: "It belonged to N", "File names pointed to N".
  {
    weight: 3,
    label: 'the exposed data traced to it',
    example: 'File names and internal references pointed to <org>, a Minneapolis company.',
    counterExample: 'Researchers pointed to <org> as an example of good practice.',
    pattern: new RegExp(String.raw`${DATA_OWNER_FRAME}\s+(?:the\s+)?${N}`, 'iu'),
  },
  // "N's systems / network / servers / customer data"
  {
    weight: 2,
    label: 'named in "<org>\'s systems"',
    example: "<org>'s servers were encrypted.",
    counterExample: "<org>'s chief executive resigned.",
    pattern: new RegExp(
      String.raw`${N}[’']s?\s+(?:own\s+|internal\s+|legacy\s+|computer\s+|\w+\s+)?(?:systems?|networks?|servers?|data|databases?|environment|infrastructure|files|records|customers['’]? data|patients['’]? data|it estate|workspace|platform was|storage|buckets?|backups?|portal|email system)`,
      'iu',
    ),
  },
];

/** "<org> customers", "a flaw in <org>'s gateways", "data kept in <org>": the incident went through its product. */
export const PLATFORM_PHRASES: readonly Rule[] = [
  {
    label: 'attacks on its customers',
    pattern: new RegExp(
      String.raw`\b(?:attacks?|campaign|wave|breaches|targeting|targeted|aimed at|hitting|victims?|compromised|among)\b[^.]{0,40}?(?:${N}[’']?s?\s+(?:customers|clients|users|tenants)\b|\b(?:customers|clients|users|tenants) of\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?${N})`,
      'iu',
    ),
    example: 'The campaign targeted <org> customers across the country.',
    counterExample: '<org> customers praised the new app.',
  },
  {
    label: 'made by it',
    pattern: new RegExp(
      // Made, built or sold by N: N's product. Run, hosted or managed by N makes N the operator whose systems were hit
      // (the bind "its systems, run by it").
      String.raw`\b(?:made|developed|built|sold)\s+(?:by|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?${N}`,
      'iu',
    ),
    example: 'The portal was made by <org>.',
    counterExample: 'The portal was hosted by <org>.',
  },
  {
    label: 'attack through its product',
    pattern: new RegExp(
      String.raw`\b(?:via|through|using)\s+(?:the\s+|its\s+|a\s+)?${N}[’']?s?\s+(?:\w+\s+)?(?:platform|cloud|software|tool|service|product|environment|instance|workspace|file transfer)`,
      'iu',
    ),
    example: 'The attackers got in through the <org> file transfer tool.',
    counterExample: 'The attackers got in through <org> staff accounts.',
  },
  {
    label: 'its product named',
    pattern: new RegExp(
      String.raw`${N}[’']?s?\s+(?:file[- ]transfer|cloud|platform|data (?:environment|platform|cloud)|software|tool|product)\b`,
      'iu',
    ),
    example: 'Files were taken from the <org> cloud.',
    counterExample: '<org> confirmed the attack.',
  },
  {
    label: 'a tool made by it',
    pattern: new RegExp(String.raw`\b(?:tool|software|platform|product|system|service)\s+(?:made|developed|built|sold)\s+by\s+${N}`, 'iu'),
    example: 'The clinic used software made by <org>.',
    counterExample: 'The clinic used software it made itself, <org> said.',
  },
  {
    label: 'a flaw in its product',
    pattern: new RegExp(
      // Not "a flaw in its own portal": the product of the story's subject, which is then the breached party.
      String.raw`\b(?:flaw|vulnerabilit\w+|bug|zero-day|weakness|hole)\s+in\s+(?:the\s+|a\s+)?(?:(?!its\b|their\b)[\w-]+\s+){0,3}?${N}`,
      'iu',
    ),
    example: 'Hackers used a flaw in <org> gateways.',
    counterExample: 'Hackers found a flaw in the hospital network, <org> said.',
  },
  {
    label: 'maker of the product',
    pattern: new RegExp(String.raw`(?:developer|maker|vendor|provider) of (?:the\s+)?(?:[\w-]+\s+){0,4}?,?\s*${N}`, 'iu'),
    example: 'The attackers targeted the vendor of the <org> platform.',
    counterExample: 'The attackers targeted a vendor, <org> said.',
  },
  {
    label: 'described as the maker',
    pattern: new RegExp(String.raw`${N},?\s+(?:which|that)\s+(?:develops|makes|provides|supplies)`, 'iu'),
    example: '<org>, which develops the billing software, was not breached.',
    counterExample: '<org>, which was breached in May, notified patients.',
  },
  {
    label: 'attacks on it that reached its customers',
    pattern: new RegExp(String.raw`attacks? on\s+${N}\b[^.]{0,40}\bcustomers`, 'iu'),
    example: 'Attacks on <org> cloud customers continued.',
    counterExample: 'Attacks on <org> continued for weeks.',
  },
  {
    label: 'it patched the flaw',
    pattern: new RegExp(
      String.raw`${N}\s+(?:has\s+|have\s+)?(?:patch\w*|fix\w*|released (?:fixes|patches|updates)|issued (?:fixes|patches|updates))\b[^.]{0,60}\b(?:vulnerabilit\w+|flaws?|bugs?|zero-days?)`,
      'iu',
    ),
    example: '<org> has patched the vulnerability.',
    counterExample: '<org> has patched things up with its partners.',
  },
  {
    label: 'its flaw exploited',
    pattern: new RegExp(
      String.raw`\b(?:exploit\w*|abus\w*|us(?:ed|ing))\s+(?:the\s+|a\s+|an\s+)?${N}(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?(?:vulnerabilit\w+|flaws?|bugs?|zero-days?)`,
      'iu',
    ),
    example: 'The gang exploited a <org> vulnerability.',
    counterExample: 'The gang exploited weak passwords at <org>.',
  },
  {
    label: 'breach through it',
    pattern: new RegExp(
      String.raw`\b(?:breach(?:es)?|thefts?|attacks?|intrusions?)\s+(?:from|via|through)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?${N}`,
      'iu',
    ),
    example: 'The thefts via <org> hit dozens of firms.',
    counterExample: 'After the thefts, <org> hired guards.',
  },
  {
    label: 'data kept with it',
    pattern: new RegExp(
      String.raw`\b(?:kept|keeps|stored|stores|hosted|hosts)\s+(?:[\w-]+\s+){0,2}?(?:data|files|records|information)\s+(?:in|on|with)\s+(?:the\s+)?${N}`,
      'iu',
    ),
    example: 'The clinic kept patient files on <org>.',
    counterExample: 'The clinic kept patient files in a locked room.',
  },
  {
    label: 'traced to its platform',
    pattern: new RegExp(
      String.raw`\b(?:tied|linked|traced)\s+to\s+(?:the\s+|a\s+)?(?:cloud|software|vendor|provider|platform|tool|third[- ]party|file[- ]transfer)\b[^.]{0,30}?${N}`,
      'iu',
    ),
    example: 'The breach was traced to a third-party platform, <org>.',
    counterExample: 'The breach was traced to a stolen laptop at <org>.',
  },
  {
    label: 'flaws in its products',
    pattern: new RegExp(
      String.raw`${N}\b[^.]{0,60}\b(?:vulnerabilit\w+|flaws?|zero-days?|bugs?)\s+in\s+(?:its|their)\s+(?:[\w-]+\s+){0,6}?(?:gateways?|appliances?|software|products?|devices?|platform|servers?|VPNs?|firewalls?|tools?)\b`,
      'iu',
    ),
    example: '<org> disclosed two zero-days in its VPN appliances.',
    counterExample: '<org> disclosed a breach of its VPN.',
  },
  {
    label: 'named as a third-party platform',
    pattern: new RegExp(
      String.raw`\bthird[- ]party (?:cloud |software |file[- ]transfer )?(?:platform|provider|vendor|tool|software),?\s+${N}`,
      'iu',
    ),
    example: 'Data sat with a third-party vendor, <org>.',
    counterExample: 'A third party told <org> about the leak.',
  },
];

/** An affected-party phrase; a decisive one settles it in one sentence, however often the story names the party. */
export interface AffectedRule extends Rule {
  decisive?: boolean;
  /** Says it is someone's supplier ("the hospital relies on N"), which a customer's notice makes the breached party. */
  supplier?: boolean;
}

/** "<org>, one of the vendor's customers", "<org> said its own systems were not affected": a customer or partner hit by another's breach. */
export const AFFECTED_PHRASES: readonly AffectedRule[] = [
  {
    label: 'named as a customer',
    pattern: new RegExp(
      String.raw`${N},?\s+(?:a|an|one of (?:its|the|their|[\w&-]+['’]s))\s+(?:\w+\s+)?(?:customers?|clients?|partners?)\b`,
      'iu',
    ),
    example: '<org>, a customer of the vendor, was affected.',
    counterExample: '<org>, a vendor to hospitals, was breached.',
  },
  {
    label: 'among the named customers',
    pattern: new RegExp(
      String.raw`\b(?:customers?|clients?|partners?|organi[sz]ations?|providers?|hospitals?|health systems?|victims?|companies|firms)\b,?\s+(?:such as|including|like|include|included|among them|are|were)\b[^.]{0,120}?${N}`,
      'iu',
    ),
    example: 'Affected clients include <org>.',
    counterExample: 'Clients of <org> were not told.',
  },
  {
    label: 'listed among others',
    pattern: new RegExp(String.raw`\b(?:among them|including)\s+(?:[^.]{0,120}?)${N}`, 'iu'),
    example: 'Several firms were hit, including <org>.',
    counterExample: 'The attack hit <org>, including its labs.',
  },
  {
    label: 'said not to touch it',
    pattern: new RegExp(String.raw`\bnot (?:touch|affect|involve|compromise|access|impact)\w*\s+(?:any\s+of\s+)?${N}`, 'iu'),
    example: 'The breach did not affect <org>.',
    counterExample: 'The breach affected <org>.',
  },
  {
    label: 'its own systems not affected',
    pattern: new RegExp(
      // "N's own systems, including our patient portal, were not involved": a list or an aside may stand between.
      String.raw`${N}[’']?s?\s+(?:own\s+)?(?:computer\s+)?(?:systems?|networks?|patient portals?|electronic health record systems?)(?:,[^.;]{0,120}?)?\s+(?:were|was)\s+not\b`,
      'iu',
    ),
    example: "<org>'s own systems were not affected.",
    counterExample: "<org>'s systems were encrypted.",
  },
  {
    label: 'no unauthorised access to it',
    pattern: new RegExp(String.raw`\b(?:no|without)\s+unauthori[sz]ed access to\s+(?:its|${N}[’']?s?)`, 'iu'),
    example: 'There was no unauthorized access to <org> systems.',
    counterExample: 'There was unauthorized access to <org> systems.',
  },
  {
    label: 'it says its systems were not hit',
    pattern: new RegExp(
      String.raw`${N}\s+(?:said|says|stated|added)\s+(?:that\s+)?(?:its|their)\s+(?:own\s+)?(?:systems?|networks?|platform|servers?|portals?)\s+(?:were|was|are|is)\s+not\b`,
      'iu',
    ),
    example: '<org> said its systems were not breached.',
    counterExample: '<org> said its systems were breached.',
  },
  {
    label: 'hit through a breach at another firm',
    pattern: new RegExp(
      String.raw`${N}\b[^.]{0,80}\b(?:after|following|from|in|due to|because of)\s+(?:a |the )?(?:data |security |cyber ?security )?(?:breach|incident|attack|hack|cyber[- ]?attack)\s+(?:at|on|of|involving|affecting)\s+(?:its |a |the |their )?(?:[\w-]+\s+){0,3}?(?!${N})[A-Z]`,
      'iu',
    ),
    example: '<org> notified patients after a breach at Harbor Billing.',
    counterExample: '<org> notified patients after a breach.',
  },
  // Class 7, the customer's side of a contractor's notice: "The City has been notified by Watchtower, the contractor
  // that monitors its cameras, that city information was among files taken during a ransomware attack on the company."
  {
    label: 'notified by its contractor of the contractor’s attack',
    decisive: true,
    pattern: new RegExp(
      String.raw`${N}\s+(?:has|had|have)\s+been\s+(?:notified|informed|told|alerted)\s+by\s+(?:its\s+|their\s+)?(?:[\w-]+\s+){0,3}?\p{Lu}[^.;]{0,200}?\b(?:attack|breach|intrusion|incident|hack)\s+(?:on|at|of|against)\s+(?:the\s+)?(?:company|firm|contractor|vendor)\b`,
      'iu',
    ),
    example:
      'The <org> has been notified by Watchtower, the contractor that monitors its cameras, that files were taken in a ransomware attack on the company.',
    counterExample: '<org> has been notified by the state that its grant was approved.',
  },
  {
    label: 'hit through a breach at its vendor',
    decisive: true,
    pattern: new RegExp(
      String.raw`${N}\b(?!,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|vendor|provider|contractor)\b)(?:[^.]|\.\d){0,200}\b(?:breach|incident|attack|hack|cyber[- ]?attack|compromise|ransomware|mistake|error|misconfiguration|lapse)\s+(?:at|on|of|involving|affecting|through|via|by)\s+(?:its\s+|their\s+|one of (?:its|their)\s+|an?\s+third[- ]party\s+|an?\s+)?(?!the\s)(?:[\w-]+\s+){0,3}?(?:vendors?|contractors?|suppliers?|(?:service )?providers?|partners?|agency|business associates?|collectors?|processors?|IT (?:company|firm))\b`,
      'iu',
    ),
    example: '<org> said a breach at one of its vendors exposed files.',
    counterExample: '<org> said a breach at its headquarters exposed files.',
  },
  // Class 7, the customer's side: "Riverbend Clinic notifies patients of third-party billing breach", "N says a
  // vendor's breach exposed patient data". N told its patients; the breach was at its vendor.
  {
    label: "class 7: its notice of a vendor's breach",
    decisive: true,
    pattern: new RegExp(
      String.raw`${N}\b(?!,\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|vendor|provider|contractor)\b)(?:[^.]|\.\d){0,160}\b(?:(?:third[- ]party|vendor|supplier|contractor|business associate)(?:[’']s)?\s+(?:[\w-]+\s+){0,2}?(?:data\s+)?(?:breach|incident|attack|hack|cyber[- ]?attack|compromise|hacked|breached|open storage|exposed|unsecured)|(?:run|operated|managed|hosted) by\s+(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:vendor|contractor|supplier|provider)|(?:through|via|from|at)\s+(?:(?:its|their|a|the)\s+)?(?:[\w-]+\s+){0,2}?(?:vendor|supplier|contractor|business associate|IT (?:company|firm|provider|vendor)|managed(?:[- ]service| IT)? provider|(?:outside|third[- ]party|external) (?:firm|company|provider|contractor)|(?:answering|call|billing|mail(?:ing)?|print(?:ing)?|transcription|collection|staffing|payroll|messaging|texting|reminder|interpreting|courier)\s+(?:services?|compan(?:y|ies)|firms?|agenc(?:y|ies)|vendors?|providers?))|(?:after|when|as|because|since)\s+(?:its|their|our)\s+(?:[\w-]+\s+){0,3}?(?:vendors?|suppliers?|contractors?|providers?|business associates?|processors?|benefits? managers?|administrators?)(?:,[^,.;]{0,80},)?\s+(?:was|were|had been|has been|got)\s+(?:\w+\s+)?(?:breached|hacked|hit|attacked|compromised)|(?:breach|incident|attack|hack|cyber[- ]?attack|compromise)\s+(?:on|at|of|against)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:company|firm|vendor|provider|contractor|supplier)\s+(?:that|which|who)\s+[^.;]{0,60}?\b(?:its|their|our)\b)\b`,
      'iu',
    ),
    example: '<org> notifies patients of third-party billing breach.',
    counterExample: '<org> notifies patients of a ransomware attack.',
  },
  // Class 8, a parent telling of an incident at one of its units: "Brightwater discloses intrusion at its help-desk
  // software unit". The unit is the breached party, however often the story names the parent.
  {
    label: 'class 8: an incident at its unit or subsidiary',
    decisive: true,
    pattern: new RegExp(
      String.raw`${N}\b[^.;]{0,80}?\b(?:breach|intrusion|incident|attack|hack|cyber[- ]?attack|compromise|ransomware)\s+(?:at|in|on|of|affecting|involving)\s+(?:its|their|one of (?:its|their))\s+(?:[\w-]+\s+){0,4}?(?:subsidiary|subsidiaries|unit|units|division|affiliate|business unit|business units)\b`,
      'iu',
    ),
    example: '<org> discloses intrusion at its help-desk software unit.',
    counterExample: '<org> discloses intrusion at its headquarters.',
  },
  // Class 8 in a parent's filing: "N said its claims-processing subsidiary, Tessera, had been hit by ransomware", "N
  // said its lab subsidiary detected ransomware", "an unauthorized party accessed member information at its pharmacy
  // benefit subsidiary", "a server run by N's statements unit". The unit was hit, the parent only reports it. Not a
  // division ("its Sustainability Business division was hit"): a division is the company itself, not another one.
  {
    label: 'class 8: its unit or subsidiary was hit',
    decisive: true,
    pattern: new RegExp(
      String.raw`${N}(?:,?\s+(?:Inc|Corp|Co|Ltd|LLC|L\.P)\.)?[^.;]{0,120}?\bits\s+(?:[\w-]+\s+){0,4}?(?:subsidiary|unit|affiliate)\b(?:,\s+[^,;]{2,60},|(?:\s+\p{Lu}[\w&.-]*){1,5}(?:,?\s+(?:LLC|Inc\.?|Ltd\.?|Corp\.?|GmbH))?)?\s+(?:had\s+been\s+|has\s+been\s+|was\s+|were\s+|had\s+|has\s+)?(?:detected|discovered|identified|found|hit|struck|attacked|breached|hacked|targeted|suffered|experienced|encrypted)\b|${N}(?:,?\s+(?:Inc|Corp|Co|Ltd|LLC|L\.P)\.)?[^.;]{0,120}?\b(?:accessed|breached|hit|encrypted|compromised|stole|took|copied|exfiltrated)\b[^.;]{0,60}?\b(?:at|in|of|from)\s+its\s+(?:[\w-]+\s+){0,4}?(?:subsidiary|unit|affiliate)\b|\b(?:breach|intrusion|incident|attack|hack|ransomware|servers?|systems?|networks?)\b[^.;]{0,40}?\b(?:at|in|on|of|run by|operated by|belonging to)\s+${N}[’']s\s+(?:[\w-]+\s+){0,4}?(?:subsidiary|unit|affiliate)\b|${N}\b[^.;]{0,40}?\b(?:said|says|disclosed|confirmed|reported)\b[^.;]{0,120}?\b(?:stole|took|copied|accessed|encrypted|hit|attacked|breached)\b[^.;]{0,60}?,\s+(?:the|a|an)\s+[^,.;]{0,60}?\b(?:it|the company)\s+(?:bought|acquired|owns|purchased|took over)\b`,
      'iu',
    ),
    example:
      '<org> said its claims-processing subsidiary, Tessera, had been hit by a ransomware attack; its wholly owned subsidiary Lumora Imaging, LLC detected unauthorized activity.',
    counterExample: '<org> said its claims-processing subsidiary, Tessera, had been sold to a rival.',
  },
  // Class 8, the owner named beside the breached company: "a subsidiary of N", "N, the parent of…", "N, which
  // acquired Beta last year". The parent stays a party unless its own systems are the ones the story says were hit.
  // "Its … division" is not here: a division is the company itself.
  {
    label: 'class 8: the parent or owner of the breached company',
    pattern: new RegExp(
      String.raw`\b(?:subsidiary|unit|affiliate)\s+(?:that|which)\s+(?:the\s+)?${N}(?:,?\s+(?:Inc|Corp|LLC|Ltd)\.?)?(?:\s*\([^()]{1,30}\))?\s+(?:acquired|bought|owns|purchased|took over)\b|\b(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:subsidiary|unit|division|affiliate|arm|business|brand)\s+of|owned by|acquired by|bought by|part of)\s+(?:the\s+)?${N}|\b(?:controllat[ao] da(?:l|lla)?|filiale d(?:i|el|ella)|subsidiária d[aoe]|filial d[aoe]|propriedade d[aoe]|\p{L}*dochter(?:bedrijf|onderneming)? van|tochter(?:gesellschaft|firma|unternehmen)? (?:des|der|von))\s+(?:gruppo\s+|grupo\s+|groupe\s+)?(?:(?:het|de|des|der|la|le|il|lo|o|a|el)\s+)?(?:\p{Lu}\p{Ll}+(?:e|en|er|es|o|a|i|s)?\s+(?=\p{Ll}))?(?:[\p{Ll}-]+\s+){0,2}?${N}|${N},\s+(?:the|its)\s+(?:parent|owner|(?:parent|holding) company)\s+of\b|${N},?\s+which\s+(?:acquired|bought|owns|purchased|took over)\b|${N}\b[^.;]{0,120}\b(?:(?:at|in|of|bij|op|chez|en|na|bei)\s+)?(?:its|their|zijn|haar|sa|son|su|sua|seiner|ihrer|seine|ihre|seinen|ihren)\s+(?:(?!${N})[\p{L}-]+\s+){0,4}?(?:subsidiary|unit|affiliate|dochter\p{L}*|filiale|filial|subsidiária|tochter\p{L}*)|(?<!(?:\b(?:its|their|the|a|at|in|on)|[’']s)\s+)${N}\s+(?:unit|subsidiary)\s+(?=\p{Lu})`,
      'iu',
    ),
    example: '<org>, which acquired the lab last year, said it was reviewing the matter.',
    counterExample: '<org>, which was breached last year, said it was reviewing the matter.',
  },
  {
    label: 'it says it was caught up',
    pattern: new RegExp(
      String.raw`${N}\s+(?:said|confirmed|says|told)\b[^.]{0,60}\b(?:caught up|among (?:those|the)|affected by|impacted by|one of the|one of (?:many|several|numerous|dozens of|hundreds of|thousands of|\d[\d,]*)\b)`,
      'iu',
    ),
    example: '<org> confirmed it was among those affected.',
    counterExample: '<org> confirmed the attack on Monday.',
  },
  {
    label: 'named among the victims',
    pattern: new RegExp(
      String.raw`${N}\b[^.]{0,60}\b(?:are|were|is|was)\s+(?:also\s+)?among\s+(?:those|the (?:victims|companies|firms|organi[sz]ations))`,
      'iu',
    ),
    example: '<org> was also among the victims.',
    counterExample: '<org> was the first to report it.',
  },
  {
    label: 'it says it too was hit',
    pattern: new RegExp(
      String.raw`${N}\b[^.]{0,60}\b(?:confirmed|said|says|told|admitted)\b[^.]{0,30}\b(?:they|it|its staff|its employees|their staff)\b[^.]{0,20}?\s(?:too\s+|also\s+)?(?:were|was|had been|have been|got|had)\s+(?:too\s+|also\s+)?(?:affected|impacted|hit|caught up|among|told)\b`,
      'iu',
    ),
    example: '<org> admitted it was hit too.',
    counterExample: '<org> admitted it had hired the attackers.',
  },
  {
    label: 'uses it',
    supplier: true,
    // What an intruder "used" is the way in, not a supplier: "someone used a stolen login to reach N".
    pattern: new RegExp(
      String.raw`\b(?<!\b(?:someone|somebody|attackers?|hackers?|intruders?|criminals?|actors?|thieves|scammers?)\s+(?:had\s+|has\s+|have\s+)?)(?:uses|used|relies on|relied on|works with|worked with)\b[^.]{0,40}${N}`,
      'iu',
    ),
    example: 'The hospital relies on <org> for billing.',
    counterExample: '<org> relies on the hospital for referrals.',
  },
  {
    label: 'it uses the platform',
    pattern: new RegExp(
      String.raw`${N}\s+(?:uses|used|relied on|relies on|works with|partners with|(?:is|was) (?:a|one of the) (?:client|customer))`,
      'iu',
    ),
    example: '<org> is a client of the vendor.',
    counterExample: '<org> is a vendor to clinics.',
  },
  {
    label: 'it told its own customers',
    pattern: new RegExp(
      String.raw`${N}[^.]{0,40}\b(?:informed|told|notified|alerted) (?:its|their) (?:customers|patients|members|staff|employees)\b`,
      'iu',
    ),
    example: '<org> notified its patients on Friday.',
    counterExample: '<org> notified regulators on Friday.',
  },
];

// Class 1, an outlet or wire service named like an organisation: "Reuters reported", "according to Lantern Wire",
// "first reported by The Ledger", "via Meridian Post", a byline ("By Dana Roe, Lantern Wire"). A name that stands
// only in such frames is the outlet, never a party of the breach.
export const OUTLET_FRAMES: readonly Rule[] = [
  {
    label: 'class 1: the source a story is credited to',
    pattern: new RegExp(
      String.raw`\b(?:(?:first |originally |as )?reported (?:by|to)|told|via|(?:with )?reporting (?:by|from)|(?:a |an )?(?:report|investigation|story|article|interview) (?:by|in|from|with)|(?:confirmed|said|wrote|explained) (?:to|in an? (?:email|statement|interview) (?:to|with))|(?:seen|obtained|reviewed|viewed) by)\s+(?:the\s+)?${N}`,
      'iu',
    ),
    example: 'The attack was first reported by <org>; a notice seen by <org> said so.',
    counterExample: 'The attack on <org> was reported to police.',
  },
  {
    label: 'class 1: an outlet reporting',
    pattern: new RegExp(
      String.raw`${N}\s+(?:first\s+|previously\s+|also\s+)?(?:reported|reports|reporting|has reported|learned|revealed|wrote)\s*(?:$|[.,;:)]|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\w+day)\b|(?:earlier|last|this) (?:week|month)\b|yesterday|today|citing\b)`,
      'iu',
    ),
    example: 'Hackers took the files, <org> reported on Tuesday.',
    counterExample: '<org> reported a data breach on Tuesday.',
  },
  {
    label: 'class 1: a law firm investigating claims',
    pattern: new RegExp(
      String.raw`${N}\s+(?:LLP\s+|LLC\s+|P\.?C\.?\s+)?(?:is|are|has been|have been)\s+(?:now\s+)?investigating\s+(?:potential\s+|possible\s+)?(?:claims|legal claims|a (?:potential |possible )?(?:class action|lawsuit|data breach (?:claim|lawsuit|class action)))\b`,
      'iu',
    ),
    example: '<org> is investigating claims on behalf of people whose data was involved in the incident.',
    counterExample: '<org> is investigating the intrusion with outside experts.',
  },
  {
    label: 'class 1: a byline',
    pattern: new RegExp(
      String.raw`^(?:[Bb]y|[Vv]on|[Pp]or|[Pp]ar|[Dd]oor)\s+\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]+){0,2}(?:,|\s+(?:and|&)\s+\p{Lu}[\p{L}'.-]+(?:\s+\p{Lu}[\p{L}'.-]+){0,2},|\s+(?:of|for|at|\|)|\s*[|–—-])\s*(?:the\s+)?${N}`,
      'u',
    ),
    example: 'By Dana Whitfield, <org>',
    counterExample: 'Hackers broke into <org>',
  },
];

// "According to" and "citing" credit companies too ("according to T-Mobile"): they make an outlet only of a name
// with a masthead word.
export const OUTLET_SOFT_FRAME: Rule = {
  label: 'class 1: credited, and a masthead',
  pattern: new RegExp(String.raw`\b(?:according to|citing)\s+(?:the\s+)?${N}`, 'iu'),
  example: 'The data was stolen, according to <org>.',
  counterExample: 'The data was stolen from <org>.',
};
export const MASTHEAD: Rule = {
  label: 'class 1: a masthead word ends the name',
  pattern:
    /\b(?:News|Times|Post|Journal|Wire|Daily|Herald|Tribune|Gazette|Press|Magazine|Media|Radio|Today|Insider|Reporter|Ledger|Chronicle|Observer|Register|Record|Review|Weekly|Dive|Digest|Bulletin|Dispatch|Courier|Telegraph|Monitor|Sentinel|Newswire|Wire Service|Letter|Newsletter|Brief|Briefing|Roundup)$/u,
  example: 'Lantern Daily',
  counterExample: 'Lantern Health',
};

// A name inside a comparison clause ("reminiscent of the N breach", "compared the outage to the N attack", "like
// the N hack") is another incident held up for scale, wherever the sentence stands, headline included.
export const COMPARED_NAME: Rule = {
  label: 'named in a comparison',
  pattern: new RegExp(
    String.raw`\b(?:reminiscent of|compar\w+\b[^.;]{0,60}?\b(?:to|with)|comparable to|similar to|akin to|not unlike|like|echo(?:es|ing)?(?: of)?|recall(?:s|ing)?|evok\w+|mirror(?:s|ing)?|on the scale of|rivals?|dwarf\w*|eclips\w+|surpass\w*|since)\s+(?:that of\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?${N}`,
    'iu',
  ),
  example: 'The outage was reminiscent of the <org> breach.',
  counterExample: 'The outage hit <org> hard.',
};

/** Every rule of this module, for the table test. */
export const RULE_TABLES: RuleTable[] = [
  { name: 'binds', rules: BINDS, nameSlot: NAME_SLOT },
  { name: 'platform phrases', rules: PLATFORM_PHRASES, nameSlot: NAME_SLOT },
  { name: 'affected-party phrases', rules: AFFECTED_PHRASES, nameSlot: NAME_SLOT },
  { name: 'comparison', rules: [COMPARED_NAME], nameSlot: NAME_SLOT },
  { name: 'outlet frames', rules: [...OUTLET_FRAMES, OUTLET_SOFT_FRAME], nameSlot: NAME_SLOT },
  { name: 'mastheads', rules: [MASTHEAD] },
];
