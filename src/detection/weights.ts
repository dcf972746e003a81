import type { SentenceZone } from './text.js';

// Every score weight, threshold and window size of detection, named, in one place. The weights of single rules
// (a cue, a health term, a bind) stand in their rule tables; these are the ones that combine them. Changing one
// moves many decisions at once: run the golden corpus and `npm run eval` (see README.md, "How to change a rule").

/** Is it a breach report (cues.ts)? */
export const BREACH = {
  /** A cue counts this many times over by where it stands: a headline or lead that reports an incident outweighs passing mentions. */
  zoneWeight: { title: 2, lead: 1.5, body: 0.5 } satisfies Record<SentenceZone, number>,
  /** Several cues usually fire on one sentence: the strongest counts fully, each other one this share of its weight. */
  extraCueShare: 0.25,
  /** Body cues add up to at most this. */
  bodyCap: 4,
  /** A breach scores at least this… */
  threshold: 3,
  /** …with a cue in the head, or this much from the body alone. */
  bodyOnlyThreshold: 4.5,
  /** An article that reads like another topic (earnings, a deal, an advisory) is a breach only with an explicit incident in the head scoring this. */
  topicOverrideHeadScore: 8,
  /** Characters before a cue read for generic ("built to stop") or hypothetical ("could be") wording. */
  contextBeforeCue: 40,
} as const;

/** Is it about healthcare (cues.ts)? */
export const HEALTHCARE = {
  /** A term away from the head and the breached party's sentences counts this share. */
  farTermShare: 0.3,
  /** A term met again counts this share. */
  repeatShare: 0.25,
  /** The breached party's name is a health name ("… Health", "… Hospital"). */
  healthNameBonus: 3,
  /** The breached vendor's watchlist category is a health one (EHR, billing, labs…). */
  healthCategoryBonus: 3,
  threshold: 2.5,
} as const;

/** Who was breached (organisations.ts). */
export const ORGANISATION = {
  /** A bind counts this many times over by where it stands. */
  zoneWeight: { title: 1.5, lead: 1, body: 0.5 } satisfies Record<SentenceZone, number>,
  /** A bind in a sentence that names the organisation in passing counts this share. */
  passingBindShare: 0.2,
  /** Binds add up to at most this. */
  bindCap: 14,
  /** Each sentence naming it, up to mentionCap of them, adds perMention. */
  mentionCap: 6,
  perMention: 0.7,
  inTitle: 3,
  /** Named within the first leadSubjectChars characters of a lead sentence about the incident. */
  leadSubject: 2.5,
  leadSubjectChars: 40,
  /** Each head (title or lead) sentence naming it. */
  perHeadMention: 0.5,
  /** Named only in passing ("like the … breach"): its score is multiplied by this. */
  passingFactor: 0.3,
  /** The outlet's own name with no bind (a byline): likewise. */
  outletFactor: 0.3,
  /** A platform or an affected customer is primary only when nothing fits better: its score is multiplied by these for ranking. */
  platformFactor: 0.4,
  affectedFactor: 0.6,
  /** The best candidate is the primary breached party from this adjusted score. */
  primaryThreshold: 3,
  /** An affected customer yields the primary to a bound party scoring this. */
  victimMinScore: 3,
  /** Another tied party is listed among the breached organisations from this score. */
  involvedMinScore: 2.5,
  maxOrganisations: 8,
  /** Candidates scored with the phrase patterns: the most named (a head mention counting focusHeadMentionWeight times), plus every vendor. */
  maxScored: 6,
  focusHeadMentionWeight: 3,
  /** Candidates besides vendors read for platform and affected-party phrases: the best scored. */
  maxContenders: 3,
  /** Platform and affected-party phrases reach this many characters before the first mention and after the last. */
  phraseReachBefore: 170,
  phraseReachAfter: 220,
  /** An affected customer: affected-party phrases in at least one in this many of the sentences naming it. */
  mentionsPerAffectedPhrase: 3,
  /** Reasons kept per candidate (the first is quoted in `why`). */
  maxReasons: 3,
  /** In a roundup, a bind of this weight or more ties a party to an incident of its own. */
  separateIncidentBind: 3,
  /** How far into an item the name alone heads its first incident sentence may be. */
  itemReach: 3,
  /** A notice under a generic title is the organisation's it names first, within this many sentences. */
  noticeAuthorWithin: 3,
  /** Opening sentences in which a notice in the first person tells its incident. */
  ownNoticeWithin: 6,
  /** The closing sentences of a letter, where its author signs it. */
  signOffSentences: 2,
  /** Separate incidents kept from one roundup besides the primary's. */
  maxSeparateIncidents: 4,
} as const;

/** Which incident a report joins (incident-similarity.ts, grouping.ts). */
export const GROUPING = {
  /** The same breached party, by name, acronym or short/long form. */
  samePrimary: 10,
  /** One report's breached party is a party (customer, vendor) of the other's, and they share a victim: plus one per victim. */
  partyOfBoth: 6,
  /** Different breached parties but this many victims in common… */
  minSharedParties: 3,
  /** …score this plus one per victim. */
  sharedParties: 5,
  /** One side names no breached party; the other's is named in it. */
  namedInBoth: 5,
  /** One names the other's breached party among its story names, and they share a count or the attackers. */
  namedOnceWithAFact: 4,
  /** Neither names a breached party: this plus the share of names in common, from entityMatch of them… */
  sameNames: 3,
  entityMatch: 0.5,
  /** …and at least this many names in common. */
  minSharedNames: 3,
  /** Both state the same count of people or records affected (within countTolerance of each other). */
  sameCount: 2,
  countTolerance: 0.02,
  /** Both name the same attackers. */
  sameActor: 1.5,
  /** A report that calls itself another incident shares the incident's dates only with its dates from this many months before it. */
  recentMonths: 3,
  /** A report joins the best incident scoring at least this; otherwise it opens a new one. */
  joinThreshold: 3,
} as const;

/** What the article states (facts.ts). */
export const FACTS = {
  /** Values kept per fact (data types excepted). */
  maxValuesPerFact: 4,
  maxValueChars: 120,
  /** Characters before an attack-type word read for a hedge ("whether ransomware was deployed"). */
  hedgeBefore: 60,
  /** A date belongs to the nearest date verb within this many characters… */
  dateVerbReach: 90,
  /** …a verb after the date counting this many times its distance. */
  verbAfterDateFactor: 3,
} as const;

/** Which sentences make the summary (summary.ts). */
export const SUMMARY = {
  sentences: 3,
  minSentenceChars: 40,
  incidentSentence: 3,
  namesSubject: 2,
  /** Each distinct informative word (numbers, months, incident words), up to informativeCap of them. */
  perInformativeWord: 0.5,
  informativeCap: 6,
  /** Early sentences earn earlyBonus, less perSentenceOrder for each sentence before them. */
  earlyBonus: 3,
  perSentenceOrder: 0.25,
  longSentenceChars: 400,
  longSentencePenalty: 2,
  shortSentenceChars: 60,
  shortSentencePenalty: 1,
} as const;

/** What a detection carries (detector.ts). */
export const DETECTION = {
  /** `why` phrases kept per article. */
  maxWhy: 24,
  /** Names kept in an incident signature for articles with no named breached party. */
  maxSignatureEntities: 30,
} as const;
