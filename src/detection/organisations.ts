import type { Vendor } from '../core/types.js';
import { GENERIC_NOTICE_TITLE, OWN_INCIDENT } from './cues.js';
import type { GuardedRule } from './guarded-rule.js';
import { firstMatching, type GatedAlternatives, gatedAlternatives, type LiteralGate, literalGate } from './literal-gate.js';
import { isCommonWord } from './matching/common-words.js';
import type { VendorMention } from './mentions.js';
import {
  containsWord,
  countMidSentence,
  findNames,
  GUARDED_RULES as NAME_GUARDED_RULES,
  NAME_RULES,
  NOT_A_VICTIM,
  type RawName,
  titleCased,
} from './organisation-names.js';
import {
  AFFECTED_PHRASES,
  BINDS,
  COMPARED_NAME,
  DATA_OWNER_FRAME,
  MASTHEAD,
  NAME_SLOT,
  OUTLET_FRAMES,
  OUTLET_SOFT_FRAME,
  PLATFORM_PHRASES,
} from './organisation-rules.js';
import { allMatches } from './regex-matches.js';
import { firstTold, ROUNDUP, separateIncidents } from './roundups.js';
import type { Rule, RuleTable } from './rule.js';
import type { PreparedArticle } from './text.js';
import { ORGANISATION } from './weights.js';

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
  /** Made an affected customer by a decisive phrase (its notice of a vendor's breach). */
  affectedDecisive: boolean;
  /** Every affected-party phrase that matched says it supplies someone ("the hospital relies on it"). */
  affectedAsSupplier: boolean;
  /** Some affected-party phrase matched ("its own network was not accessed"), though too few to make it a customer. */
  affectedHint: boolean;
  /** The platform and affected-party phrases that made it one (their labels, for `why`). */
  platformPhrase: string | null;
  affectedPhrase: string | null;
  passing: boolean;
  /** Named only as the outlet a story is credited to ("Reuters reported", a byline): never a party. */
  outlet: boolean;
  reasons: string[];
  /** Sentences in which a strong bind ties it to an incident (for roundups of separate incidents). */
  boundSentences: Set<number>;
  /** Sentences that name it. */
  sentences: Set<number>;
  /** Longer names of others that hold one of its forms ("Portage County" for "Portage"): never masked as it. */
  foreignNames: Set<string>;
}

const SUFFIX =
  /(?:,?\s+(?:inc|incorporated|llc|llp|ltd|limited|corp|corporation|co|company|plc|pllc|lp|sa|ag|gmbh|nv|bv|group|holdings?|us|usa|uk))+\.?$/i;

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
      tokens = new Set(
        [vendor.name, ...vendor.aliases, ...vendor.products, vendor.parent ?? ''].flatMap((t) => this.orgKey(t).split(' ')).filter(Boolean),
      );
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

/** The sentence with every word-bounded occurrence of the forms replaced by the placeholder. */
function maskForms(text: string, forms: string[], foreign: ReadonlySet<string> = new Set()): string {
  let out = text;
  for (const form of forms) {
    let from = 0;
    for (;;) {
      const at = out.indexOf(form, from);
      if (at < 0) break;
      const before = at === 0 ? '' : out[at - 1]!;
      const after = out[at + form.length] ?? '';
      const partOfAnother = foreign.size > 0 && [...foreign].some((name) => out.startsWith(name, at));
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after) || partOfAnother) {
        from = at + 1;
        continue;
      }
      out = out.slice(0, at) + SLOT + out.slice(at + form.length);
      from = at + SLOT.length;
    }
  }
  return out;
}

// The phrase patterns are unicode and case-insensitive, which V8 scans many times slower than plain ones: each also
// knows the words it needs besides the placeholder (see literal-gate.ts), so a masked sentence without them skips it.
const SLOT = NAME_SLOT;
const BIND_GATES = BINDS.map((b) => literalGate(b.pattern, SLOT));
// The platform and affected-party phrases are tried one by one, each only where the sentence holds its words; a
// sentence holding none of any phrase's words skips them all.
const PLATFORM_BRANCHES = gatedAlternatives(
  PLATFORM_PHRASES.map((r) => r.pattern),
  SLOT,
);
const AFFECTED_BRANCHES = gatedAlternatives(
  AFFECTED_PHRASES.map((r) => r.pattern),
  SLOT,
);
const COMPARED_NAME_GATE = literalGate(COMPARED_NAME.pattern, SLOT);
/** Every pattern of this module run behind a pre-filter, with its filter. */
export const GUARDED_RULES: GuardedRule[] = [
  ...BINDS.map((b, i) => guarded(`binds: ${b.label}`, b.pattern, BIND_GATES[i]!, SLOT)),
  guarded('compared name', COMPARED_NAME.pattern, COMPARED_NAME_GATE, SLOT),
  ...alternativesGuarded('platform', PLATFORM_BRANCHES),
  ...alternativesGuarded('affected', AFFECTED_BRANCHES),
  ...NAME_GUARDED_RULES,
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
    {
      name: `${family}: any`,
      matches: (text) => alternatives.members.some((m) => m.re.test(text)),
      mayMatch: (text) => alternatives.gate.mayMatchText(text),
      placeholder: SLOT,
    },
  ];
}

const DECISIVE_AFFECTED = AFFECTED_PHRASES.filter((r) => r.decisive);
const VENDOR_BY_ROLE = 'class 7: the vendor named by its role';
const REGULATOR_LISTING = 'named in a regulator listing';
// A name follows (the flag `i` would make a capital-letter test match any letter anyway).
const DATA_OWNER = new RegExp(String.raw`${DATA_OWNER_FRAME}\s+(?=\p{L})`, 'iu');
const OWN_SYSTEMS_HIT = 'it said intruders were in its own systems';
const UNIT_SYSTEMS_HIT = 'class 8: the subsidiary whose systems were hit';

/**
 * "The company", "The Florida blood center", "This health system", "The Carlisle, Pa., coding company": a sentence
 * going on about the one just named.
 */
export const THE_REFERENT =
  /^(?:The|This)\s+(?:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?,\s+(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+),\s+)?(?:[\w-]+\s+){0,3}?(?:company|firm|vendor|provider|hospital|health system|system|cent(?:er|re)|lab|laboratory|organi[sz]ation|insurer|plan|clinic|practice|agency|group|business|retailer|bank|school|district|university|city|county|exchange|app|startup|service|manager|administrator|processor|clearinghouse)\b/;
const HEADED_ITEM = 'heads an item that reports an incident';
/** ", Inc.", " LLC", ", Ltd": a company's legal form right after its name. */
const LEGAL_FORM_AFTER = /^,?\s+(?:Inc|LLC|L\.L\.C|Ltd|Corp|Co|GmbH|AG|S\.A|B\.V|N\.V|PLC|LLP)\b/;
/** ", now owned by N,", ", a unit of N,": an aside naming the owner of the one a sentence goes on about. */
const OWNER_ASIDE =
  /^,\s+(?:now\s+|since\s+\w+\s+)?(?:owned by|a (?:unit|subsidiary|division|part|brand) of|part of|acquired by|bought by|which (?:[\w-]+\s+){0,2}?(?:acquired|bought|owns))\b[^,;.]{0,80},/i;
/** An item's sentence that opens with the incident: "An intruder read…", "Ransomware encrypted…", "Hackers stole…". */
const INCIDENT_OPENING =
  /^(?:an?|the)?\s*(?:intruders?|hackers?|attackers?|ransomware|criminals?|cybercriminals?|an unauthori[sz]ed (?:party|person|user)|researchers found|malicious code|a (?:cyber-?attack|data breach|breach))\b/i;

/** A list item's number or bullet before its heading. */
const LIST_MARK = /^[\s\d.):•*-]+/;

/** Whether a sentence is a list item's heading made of the candidate's name (an ordinal, a date in brackets at most). */
function headsTheNext(text: string, c: OrgCandidate): boolean {
  const rest = [...c.forms].reduce((t, f) => t.replace(f, ''), text);
  if (rest === text) return false;
  if (/^[\s\d.):•*-]*(?:\([^)]{0,30}\))?[\s.:]*$/.test(rest)) return true;
  // "3. Tapestry Clinical sued.", "Lullaby Health count climbs again.": a short item heading the name leads.
  return opensItem(text, c) && rest.replace(LIST_MARK, '').trim().split(/\s+/).length <= 4;
}

/** An item's sentence that opens with the name ("Safeplate Systems mails letters to 46,118 people."). */
function opensItem(text: string, c: OrgCandidate): boolean {
  const heading = text.replace(LIST_MARK, '');
  return [...c.forms].some((f) => f.length >= 3 && heading.startsWith(f));
}

/** A sentence that names the party the previous one spoke of by its role: "The vendor, N, …". */
const THE_ROLE_NAMED = /^(?:The|That|This) (?:[\w-]+ ){0,2}(?:vendor|contractor|supplier|company|firm|provider|business associate),/;
/** "Het gaat om N", "Es handelt sich um N": who it was, said beside the incident without repeating it. */
const IDENTIFIED = /^(?:Het gaat om|Es handelt sich um|Il s['’]agit d[eu]|Se trata de|Trata-se d[aoe]|Si tratta d(?:i|el|ella)) /;

/** A post's headline: "<Author> on <Platform>: …". */
const POST_AUTHOR = /^(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})(?:,\s+[^:]{1,30})?\s+on\s+\p{Lu}[\p{L}.]*\s*:/u;

/** A name that opens with a possessive: "Halverson's Curitiba", "Acme's Denver". */
const POSSESSOR = /^(\p{Lu}[\p{L}&-]+)[’']s\s+\p{Lu}/u;

/** A notice saying which vendor it was: "The vendor is Quillmark…", "Our answering service is Cardinal…". */
const THE_ROLE_IS =
  /\b(?:[Tt]he|[Oo]ur|[Tt]hat|[Tt]his)\s+(?:[\w-]+\s+){0,3}?(?:vendor|company|provider|service|supplier|contractor|partner|processor|benefits? manager|administrator|firm|unit|subsidiary|division|agency)(?:\s+(?:involved\s+|in question\s+|concerned\s+)?(?:is|was)\s+|,\s+)\p{Lu}/u;

/** A lawsuit against someone, which the next sentence ties to the incident. */
const LAWSUIT_AGAINST =
  /\b(?:class[- ]actions?|lawsuits?|suits?|complaints?)\b[^.;]{0,60}?\b(?:against|says|said|claims|alleges|argues|accuses|cent(?:red|ered)\s+on|focus(?:ed|es)\s+on|stems?\s+from|stemmed\s+from|concerns|concerned)\b/i;

/** The sentence before or after reports the incident (a lawsuit's sentence sits beside the breach it is about). */
function besideIncident(prepared: PreparedArticle, i: number, incidentSentences: Set<number>): boolean {
  return [prepared.sentences[i - 1], prepared.sentences[i + 1]].some(
    (s) => s !== undefined && s.zone !== 'title' && incidentSentences.has(s.order),
  );
}

/** A line of a regulator's listing quoted in a story ("Name of entity: …"). */
const LISTING_LINE = /^(?:name of (?:covered )?entity|entity name|organi[sz]ation name)\s*:/i;
const DATA_PLACE = /\b(?:data|records|files|information)\b[^.;]{0,40}\b(?:sat|stored|kept|held|housed|lived)\b/i;

const COMPARISON: Rule = {
  label: 'comparison words in a lead sentence',
  pattern: /\b(compar\w+|similar to|reminiscent of|ranks?|ranking|separate|unrelated)\b/i,
  example: 'The breach ranks among the largest this year.',
  counterExample: 'Hackers stole names and addresses.',
};
const PASSING: Rule = {
  label: 'named in passing',
  pattern:
    /\b(like|such as|similar to|compar\w+|reminiscent|behind|ranks?|ranking|largest|biggest|second[- ]largest|earlier|previous(?:ly)?|prior|last year|separate|unrelated|another|also (?:hit|breached|targeted)|other (?:victims|companies|high-profile)|among the other|in recent years|record[- ]setting|years? ago|remember|(?:may|might|will|can|you) recall|since the|after the|following the|in the wake of|high-profile)\b/i,
  example: 'It was the second-largest breach this year.',
  counterExample: 'Hackers stole names and addresses.',
};

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
  'breach data hack attack cyberattack ransomware incident security cybersecurity electronic health record records ehr emr system systems platform patient portal inc llc corp corporation company group holdings the of s servers server network cloud outage software services customers'.split(
    ' ',
  ),
);

export interface OrganisationAnalysis {
  candidates: OrgCandidate[];
  primary: OrgCandidate | null;
  /** Names of the breached organisations, primary first. */
  organisations: string[];
  /** Breached parties of other, separate incidents the article also reports (a roundup), strongest first. */
  separate: OrgCandidate[];
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

// The analysis in the steps its comments number. Step 1 (the names a story uses) is organisation-names.ts.
function analyse(
  prepared: PreparedArticle,
  mentions: VendorMention[],
  incidentSentences: Set<number>,
  memo: OrganisationMemo,
  useTitleCase: boolean,
): OrganisationAnalysis {
  // 1. Names found by regex in each sentence (titles in Title Case are read through the names found elsewhere).
  const offsets = sentenceOffsets(prepared);
  const { rawNames, surnames, actors } = findNames(prepared, mentions, memo, useTitleCase, offsets);
  // 2. Vendors and names become candidates.
  const byKey = new Map<string, OrgCandidate>();
  const rejected = addCandidates(byKey, prepared, mentions, rawNames, surnames, actors, memo);
  // 3. Short forms join the full names.
  mergeShortForms(byKey);
  addDefinedTerms(prepared, byKey);
  // 4. Scores, then platforms and affected customers among the few that matter.
  const candidates = [...byKey.values()];
  const masks = scoreCandidates(prepared, candidates, incidentSentences, outletKeys(prepared, memo));
  markPlatformsAndCustomers(masks);
  // 5. The primary breached party and the other parties.
  const chosen = choosePrimary(candidates);
  // A parent's filing names the parent in its title and letterhead, and its unit only where it says the unit was hit
  // ("…access to the environment used by N, a wholly owned subsidiary of the Company"): the unit is the breached
  // party, unless the parent itself is tied to the incident.
  const unit = candidates.find((c) => c.mentions > 0 && c.reasons.some((r) => r.startsWith(UNIT_SYSTEMS_HIT)));
  if (unit && chosen.primary && chosen.primary !== unit && chosen.primary.reasons.length === 0) {
    chosen.primary = unit;
    chosen.organisations = [unit.name, ...chosen.organisations.filter((name) => name !== unit.name)];
    chosen.why = [`primary: ${unit.name} (${unit.reasons.find((r) => r.startsWith(UNIT_SYSTEMS_HIT))})`];
  }
  // A notice under a generic title ("Aviso sobre un incidente de seguridad") is posted by the organisation it opens
  // with, in whatever language the rest of it is written.
  const ownAccount = toldByItsOwnOrganisation(prepared, incidentSentences);
  const notice = GENERIC_NOTICE_TITLE.test(prepared.title) || ownAccount;
  if (!chosen.primary && notice) {
    // Unless the notice says which vendor it was ("The vendor is N"): a customer's notice of its vendor's breach.
    const vendor = chosen.candidates.find((c) => c.mentions > 0 && !c.outlet && c.reasons.some((r) => r.startsWith(VENDOR_BY_ROLE)));
    if (vendor) {
      chosen.primary = vendor;
      chosen.organisations = [vendor.name, ...chosen.organisations.filter((name) => name !== vendor.name)];
      chosen.why.push(`primary: ${vendor.name} (the vendor a customer's notice names)`);
    }
  }
  if (!chosen.primary && notice) {
    // The site that published the notice wrote it; otherwise the organisation it opens with (its letterhead), or,
    // for a letter in the first person, the one that signs it.
    const publisher = outletKeys(prepared, memo);
    const lastOrder = prepared.sentences.at(-1)?.order ?? 0;
    const signs = (c: OrgCandidate) => ownAccount && [...c.sentences].some((order) => order > lastOrder - ORGANISATION.signOffSentences);
    const author = chosen.candidates
      .filter((c) => c.mentions > 0 && !c.outlet && !c.platform)
      .sort(
        (a, b) =>
          Number(publisher.has(b.key)) - Number(publisher.has(a.key)) ||
          Number(signs(b)) - Number(signs(a)) ||
          firstTold(prepared, a) - firstTold(prepared, b),
      )[0];
    if (
      author &&
      (firstTold(prepared, author) < ORGANISATION.noticeAuthorWithin * 10_000 ||
        (ownAccount && (publisher.has(author.key) || signs(author))))
    ) {
      chosen.primary = author;
      chosen.organisations = [author.name, ...chosen.organisations.filter((name) => name !== author.name)];
      chosen.why.push(
        `primary: ${author.name} (${ownAccount ? 'the author of a notice telling its own incident' : 'the author of a notice under a generic title'})`,
      );
    }
  }
  // "Update for our community" on Tilbury Memorial Hospital's own site, which names itself only in its masthead (the
  // site's name, left out of the story): a notice in the first person is the publisher's.
  const publisherName = prepared.source?.trim() ?? '';
  if (!chosen.primary && ownAccount && PUBLISHER_ORGANISATION.test(publisherName)) {
    const key = memo.orgKey(publisherName);
    const publisher = byKey.get(key) ?? newCandidate(key, publisherName, null);
    if (!byKey.has(key)) {
      byKey.set(key, publisher);
      chosen.candidates.push(publisher);
    }
    publisher.mentions = Math.max(publisher.mentions, 1);
    chosen.primary = publisher;
    chosen.organisations = [publisher.name, ...chosen.organisations.filter((name) => name !== publisher.name)];
    chosen.why.push(`primary: ${publisher.name} (the publisher of a notice telling its own incident)`);
  }
  const found = separateIncidents(prepared, chosen.candidates, chosen.primary);
  if (found.length === 0) return { ...chosen, separate: found, rejected };
  // A roundup's own incident is the one it leads with, watchlist vendor or not; the others are its separate
  // incidents, and each vendor among them is alerted into its own. (Leading with the first vendor's item instead
  // filed a newsletter under an incident it only mentions third, and split it from its lead's other reports.)
  const [first, ...separate] = [chosen.primary!, ...found].sort((a, b) => firstTold(prepared, a) - firstTold(prepared, b));
  if (first !== chosen.primary) {
    chosen.organisations = [first!.name, ...chosen.organisations.filter((name) => name !== first!.name)];
    chosen.primary = first!;
    chosen.why = [`primary: ${first!.name} (the incident the roundup leads with)`];
  }
  const apart = new Set(separate.map((c) => c.name));
  return {
    ...chosen,
    organisations: chosen.organisations.filter((name) => !apart.has(name)),
    separate,
    rejected,
    why: [...chosen.why, ...separate.map((c) => `separate incident: ${c.name} (${c.reasons[0] ?? 'bound to its own incident'})`)],
  };
}

/** A notice in the first person ("a security incident at our firm"), told in its opening sentences. */
function toldByItsOwnOrganisation(prepared: PreparedArticle, incidentSentences: Set<number>): boolean {
  return prepared.sentences
    .filter((s) => s.zone !== 'title')
    .slice(0, ORGANISATION.ownNoticeWithin)
    .some((s) => incidentSentences.has(s.order) && OWN_INCIDENT.pattern.test(s.text));
}

function newCandidate(key: string, name: string, vendor: Vendor | null): OrgCandidate {
  return {
    key,
    name,
    forms: new Set(),
    vendor,
    terms: new Set(),
    score: 0,
    mentions: 0,
    inTitle: false,
    platform: false,
    affected: false,
    affectedDecisive: false,
    affectedAsSupplier: false,
    affectedHint: false,
    foreignNames: new Set(),
    platformPhrase: null,
    affectedPhrase: null,
    passing: false,
    outlet: false,
    reasons: [],
    boundSentences: new Set(),
    sentences: new Set(),
  };
}

/**
 * Step 2. Each accepted vendor mention joins its vendor's candidate, unless it is inside another organisation's name
 * ("Epic" in "Epic Games": that organisation, not the vendor); each other name becomes a candidate of its own key.
 * Returns the vendor mentions judged to be part of another name.
 */
function addCandidates(
  byKey: Map<string, OrgCandidate>,
  prepared: PreparedArticle,
  mentions: VendorMention[],
  rawNames: RawName[],
  surnames: Set<string>,
  actors: Set<string>,
  memo: OrganisationMemo,
): OrganisationAnalysis['rejected'] {
  const rejected: OrganisationAnalysis['rejected'] = [];
  const candidate = (key: string, name: string, vendor: Vendor | null): OrgCandidate => {
    let c = byKey.get(key);
    if (!c) {
      c = newCandidate(key, name, vendor);
      byKey.set(key, c);
    }
    return c;
  };
  const vendorSpans: { mention: VendorMention; key: string }[] = [];
  const otherOwners = new Map<string, string>();
  const foreignOf = new Map<string, Set<string>>();
  // The matcher's own verdicts: "Portage" in "Portage County" is part of another name.
  for (const mention of mentions) {
    const other = mention.accepted ? undefined : mention.partOf;
    if (other === undefined) continue;
    // "Ivanti Connect Secure VPN" holds the vendor's own product words: it is the vendor's, not another's.
    const own = memo.vendorTokens(mention.vendor);
    const surface = prepared.mainText.slice(mention.start, mention.end);
    const ownWords = memo
      .orgKey(other.replace(surface, ' '))
      .split(' ')
      .some((t) => t && own.has(t));
    if (ownWords) continue;
    foreignOf.set(mention.vendor.name, (foreignOf.get(mention.vendor.name) ?? new Set()).add(other));
    // "Fathom Dental Laboratory" named in full: a bare "Fathom" in its story is that lab, as below for names the
    // matcher let through.
    const fullName = rawNames.find((r) => r.span.start <= mention.start && r.span.end >= mention.end && r.name.startsWith(`${surface} `));
    if (fullName && namesAnotherCompany(fullName.name.slice(surface.length + 1), false))
      otherOwners.set(surface.toLowerCase(), fullName.name);
  }
  const accepted: { mention: VendorMention; surface: string }[] = [];
  for (const mention of mentions) {
    if (!mention.accepted) continue;
    const surface = prepared.mainText.slice(mention.start, mention.end);
    // "A ransomware gang called Hive": the attackers' name, though a vendor is called that too.
    if (actors.has(memo.orgKey(surface))) {
      rejected.push({ mention, reason: `"${surface}" names the attackers` });
      continue;
    }
    const containing = rawNames.find((r) => r.span.start <= mention.start && r.span.end >= mention.end && r.name.length > surface.length);
    if (containing) {
      const extra = memo
        .orgKey(containing.name.replace(surface, ' '))
        .split(' ')
        .filter((t) => t && !GENERIC_REMAINDER.has(t));
      const ownTokens = memo.vendorTokens(mention.vendor);
      const foreign = extra.filter((t) => !ownTokens.has(t));
      if (foreign.length > 0 && !/^of\b/i.test(containing.name.slice(containing.name.indexOf(surface) + surface.length).trim())) {
        rejected.push({ mention, reason: `"${surface}" is part of "${containing.name}"` });
        if (foreign.length === extra.length)
          foreignOf.set(mention.vendor.name, (foreignOf.get(mention.vendor.name) ?? new Set()).add(containing.name));
        // Only a plain company name built on the word ("Cadenza Wealth Partners"), not a product ("NetScaler Gateway"),
        // a unit ("Olympus Corporation of the Americas") or a compound ("Kaseya-Angriff").
        const rest = containing.name.startsWith(`${surface} `) ? containing.name.slice(surface.length + 1) : '';
        const ownProduct = rest.split(/\s+/).some((t) => ownTokens.has(memo.orgKey(t)));
        // One word after it is a company too when a legal form follows ("Headcount Workforce, Inc.").
        const incorporated = LEGAL_FORM_AFTER.test(prepared.mainText.slice(containing.span.end, containing.span.end + 12));
        if (namesAnotherCompany(rest, incorporated) && !ownProduct) otherOwners.set(surface.toLowerCase(), containing.name);
        continue;
      }
    }
    accepted.push({ mention, surface });
  }
  // Class 4 the other way round: once the story names "Cadenza Wealth Partners", a bare "Cadenza" is that firm's short
  // name, not the watchlist's "Cadenza Health Messaging" (unless the story names the vendor by a longer form too).
  const namedInFull = new Set(accepted.filter((a) => a.surface.includes(' ')).map((a) => a.mention.vendor.name));
  // Several vendors answering to one bare alias ("Anchor"): it is the one the story also names in full.
  const bareOwners = new Map<string, Set<string>>();
  for (const { mention, surface } of accepted)
    if (!surface.includes(' ')) bareOwners.set(surface, (bareOwners.get(surface) ?? new Set()).add(mention.vendor.name));
  for (const { mention, surface } of accepted) {
    const owner = otherOwners.get(surface.toLowerCase());
    if (owner !== undefined && !namedInFull.has(mention.vendor.name)) {
      rejected.push({ mention, reason: `"${surface}" is the short name of "${owner}"` });
      continue;
    }
    const sharers = bareOwners.get(surface);
    const namedSharer = sharers && sharers.size > 1 ? [...sharers].find((v) => v !== mention.vendor.name && namedInFull.has(v)) : undefined;
    if (namedSharer !== undefined && !namedInFull.has(mention.vendor.name)) {
      rejected.push({ mention, reason: `"${surface}" is the short name of "${namedSharer}", which the story names in full` });
      continue;
    }
    const key = memo.orgKey(mention.vendor.name);
    const c = candidate(key, mention.vendor.name, mention.vendor);
    c.forms.add(surface);
    c.terms.add(mention.term);
    for (const name of foreignOf.get(mention.vendor.name) ?? []) c.foreignNames.add(name);
    vendorSpans.push({ mention, key });
  }

  // A generic notice title ("Aviso de Incidente de Seguridad") names the kind of notice, never who posted it.
  const genericTitleEnd = GENERIC_NOTICE_TITLE.test(prepared.sentences[0]?.text ?? '') ? (prepared.sentences[0]?.text.length ?? 0) : 0;
  const postAuthor = POST_AUTHOR.exec(prepared.title)?.[1];
  for (const raw of rawNames) {
    if (!raw.name.includes(' ') && surnames.has(raw.name.toLowerCase())) continue;
    if (raw.span.start < genericTitleEnd) continue;
    const vendorHit = vendorSpans.find((v) => raw.span.start <= v.mention.end && raw.span.end >= v.mention.start);
    if (vendorHit) {
      // "Perry Johnson & Associates of Nevada", "Oracle Health's" and "Cerner Corporation" all name the vendor.
      byKey.get(vendorHit.key)!.forms.add(raw.name);
      continue;
    }
    if (NOT_A_VICTIM.pattern.test(raw.name)) continue;
    // "the attack on Halverson's Curitiba call centre": the first word of a vendor the story names in full, as the
    // owner of what was hit, is that vendor.
    const possessor = POSSESSOR.exec(raw.name)?.[1];
    if (possessor && !isCommonWord(possessor.toLowerCase())) {
      const owner = [...byKey.values()].find((c) => c.vendor && c.key.startsWith(`${memo.orgKey(possessor)} `));
      if (owner) {
        owner.forms.add(possessor);
        continue;
      }
    }
    // "Marisol Achterberg on Profolio: I found…": a post's headline opens with its author.
    if (postAuthor !== undefined && raw.name === postAuthor) continue;
    // A headline's first word is capitalised whatever it is: "Payroll provider Tideline says…" names no "Payroll".
    if (raw.span.start === 0 && !raw.name.includes(' ') && isCommonWord(raw.name.toLowerCase())) continue;
    const key = memo.orgKey(raw.name);
    if (!key || key.length < 2) continue;
    const c = candidate(key, raw.name, null);
    c.forms.add(raw.name);
    if (raw.name.length > c.name.length && !isAcronym(raw.name)) c.name = raw.name;
  }

  return rejected;
}

/**
 * What follows a vendor's word in a longer name ("Wealth Partners" in "Cadenza Wealth Partners") makes that name
 * another company's: plain capitalised words, two to four of them, or one when a legal form follows ("Headcount
 * Workforce, Inc."). Not a unit ("… of the Americas").
 */
function namesAnotherCompany(rest: string, incorporated: boolean): boolean {
  const words = incorporated ? PLAIN_NAME_ONE_WORD_OR_MORE : PLAIN_NAME_TWO_WORDS_OR_MORE;
  return words.test(rest) && !/\b(?:of|de|der|des)\b/i.test(rest);
}
const PLAIN_NAME_TWO_WORDS_OR_MORE = /^(?:\p{Lu}[\p{L}&.'’-]*\s+){1,3}\p{Lu}[\p{L}&.'’-]*$/u;
const PLAIN_NAME_ONE_WORD_OR_MORE = /^(?:\p{Lu}[\p{L}&.'’-]*\s+){0,3}\p{Lu}[\p{L}&.'’-]*$/u;

/**
 * A filing, an order or a notice defines the short name it then uses: 'Umbrella Administrators, LLC ("Respondent")',
 * 'Pembury Health, Inc. (the "Company")'. The defined term is that organisation's name in the rest of the text.
 */
function addDefinedTerms(prepared: PreparedArticle, byKey: Map<string, OrgCandidate>): void {
  const text = prepared.mainText;
  for (const m of allMatches(DEFINED_TERM, text)) {
    const term = m[1]!;
    // "the Company" of an 8-K is the filer, often a parent reporting its unit's breach: only a defined term that names
    // this party alone ("Respondent", "Acme") is taken.
    if (FILER_TERMS.test(term)) continue;
    const before = text.slice(Math.max(0, m.index - DEFINED_NAME_REACH), m.index);
    for (const c of byKey.values()) if ([...c.forms].some((f) => f.length >= 3 && f !== term && before.endsWith(f))) c.forms.add(term);
  }
}
/** A name's legal form, if any, then its defined term in brackets: ', LLC ("Respondent")', ' (the "Company")'. */
const DEFINED_TERM =
  /(?:,?\s+(?:LLC|L\.L\.C\.|Inc\.?|Corp\.?|Ltd\.?|L\.P\.|Co\.))?\s*\((?:the\s+|hereinafter\s+)?["“](\p{Lu}[\p{L}&.'’ -]{2,30}?)["”]\)/gu;
/** How far before a defined term its name may start. */
const DEFINED_NAME_REACH = 120;

/** A site named like an organisation ("Tilbury Memorial Hospital", "Dovecote Schools Ltd"), not an outlet or a domain. */
const PUBLISHER_ORGANISATION =
  /^(?:\p{Lu}[\p{L}'’&.-]*\s+){0,5}(?:Hospital|Health|Healthcare|Medical Center|Medical Centre|Clinic|Clinics|Center|Centre|Pharmacy|Laboratories|Labs?|Systems|Services|Group|Partners|Associates|Inc\.?|LLC|Ltd\.?|LLP|Corporation|Company|Foundation|University|College|School|Schools|District|County|City)$/u;

const FILER_TERMS = /^(?:Company|Corporation|Registrant|Issuer|Parent|Group|Holdings|Firm|Business)$/i;

/** Step 3. Acronyms and short forms merge into the full name the article also uses ("PJ&A", "M&S", "Kettering"). */
function mergeShortForms(byKey: Map<string, OrgCandidate>): void {
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
      // Class 4, a short and a long form of one name in one story ("Palisade" for "Palisade Staffing"). Into a vendor
      // only when the short form is no everyday word ("Quest" may be anyone's quest).
      const sameByPrefix =
        short.key.length >= 4 &&
        long.key.startsWith(`${short.key} `) &&
        (!long.vendor ||
          (!short.key.includes(' ') &&
            // An everyday word ("Cardinal") joins only a vendor the story names in full too ("Cardinal Answering
            // Services … Cardinal has told us").
            (!isCommonWord(short.key) || [...long.forms].some((f) => orgKey(f).startsWith(`${short.key} `)))));
      const lf = formKeys.get(long)!;
      const intoVendor = long.vendor !== null && (lf.keys.has(short.key) || (acr !== null && lf.acronyms.has(acr)));
      if (sameByAcronym || sameByPrefix || intoVendor) {
        for (const f of short.forms) long.forms.add(f);
        byKey.delete(short.key);
        break;
      }
    }
  }
}

/** The outlet's own name (byline, "confirmed to Ars") is never the breached party: the keys of its parts. */
function outletKeys(prepared: PreparedArticle, memo: OrganisationMemo): Set<string> {
  const sourceTokens = new Set<string>();
  for (const part of (prepared.source ?? '').split(/[()|,]|\bvia\b|\bfrom\b/i)) {
    const k = memo.orgKey(part.replace(/\b(story|mirror|republished|copy|blog|news story)\b/gi, ''));
    if (k) sourceTokens.add(k);
  }
  return sourceTokens;
}

/**
 * Step 4. Each candidate's score from the sentences that name it. Presence is a plain substring test; the phrase
 * patterns run only for the few candidates the title and lead are about (and vendors), on their own sentences.
 * Returns, for each candidate scored with them, its sentences with its name masked.
 */
function scoreCandidates(
  prepared: PreparedArticle,
  candidates: OrgCandidate[],
  incidentSentences: Set<number>,
  sourceTokens: Set<string>,
): Map<OrgCandidate, string[]> {
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
  // How many candidates name each sentence: "named by another than c" is then one lookup.
  const namers = new Map<number, number>();
  for (const hits of presence.values()) for (const i of new Set(hits)) namers.set(i, (namers.get(i) ?? 0) + 1);
  // "…a container anyone could open. It held a million records. File names pointed to N": the sentences that say who
  // owned what leaked, found once for every candidate they name.
  const ownerSentences = new Set<number>();
  for (const i of namers.keys()) {
    const text = prepared.sentences[i]!.text;
    if (DATA_OWNER.test(text) && [1, 2, 3, 4].some((k) => incidentSentences.has(prepared.sentences[i - k]?.order ?? -1)))
      ownerSentences.add(i);
  }
  const masks = new Map<OrgCandidate, string[]>();
  const headOf = (c: OrgCandidate) => (presence.get(c) ?? []).filter((i) => prepared.sentences[i]!.zone !== 'body').length;
  const focus = new Set(
    [...candidates]
      .filter((c) => c.mentions > 0)
      .sort(
        (a, b) =>
          headOf(b) * ORGANISATION.focusHeadMentionWeight + b.mentions - (headOf(a) * ORGANISATION.focusHeadMentionWeight + a.mentions),
      )
      .slice(0, ORGANISATION.maxScored)
      .concat(candidates.filter((c) => c.vendor && c.mentions > 0)),
  );
  for (const c of candidates) {
    const hits = presence.get(c) ?? [];
    const headNamed = headOf(c);
    if (!focus.has(c)) {
      c.score =
        Math.min(c.mentions, ORGANISATION.mentionCap) * ORGANISATION.perMention +
        (c.inTitle ? ORGANISATION.inTitle : 0) +
        headNamed * ORGANISATION.perHeadMention;
      continue;
    }
    const forms = [...c.forms].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
    let bindScore = 0;
    let passingHits = 0;
    let leadSubject = false;
    const maskedOf: string[] = [];
    for (const i of hits) {
      const s = prepared.sentences[i]!;
      // Whose exposed data it was ("File names pointed to N") is said once, often far down a researcher's post: it
      // weighs as if the lead said it.
      const ownerOfExposed = ownerSentences.has(i);
      const zw = ownerOfExposed ? ORGANISATION.zoneWeight.lead : ORGANISATION.zoneWeight[s.zone];
      // A lead sentence about where the data sat ("The data sat in a database managed by N") ties N too.
      const previous = prepared.sentences[i - 1];
      const incident =
        incidentSentences.has(s.order) ||
        s.zone === 'title' ||
        (s.zone === 'lead' && DATA_PLACE.test(s.text)) ||
        LISTING_LINE.test(s.text) ||
        // "…got into databases run by its billing vendor. The vendor, AccuDoc Solutions, prepares the statements."
        (previous !== undefined && incidentSentences.has(previous.order) && THE_ROLE_NAMED.test(s.text)) ||
        ownerOfExposed ||
        // A notice saying which vendor it was, anywhere in a story that reports an incident.
        (incidentSentences.size > 0 && THE_ROLE_IS.test(s.text)) ||
        // "Five class actions against N were combined. The suits stem from last October's compromise…"
        (LAWSUIT_AGAINST.test(s.text) && besideIncident(prepared, i, incidentSentences)) ||
        (IDENTIFIED.test(s.text) && besideIncident(prepared, i, incidentSentences));
      const masked = maskForms(s.text, forms, c.foreignNames);
      const maskedLower = masked.toLowerCase();
      const passing =
        (s.zone === 'body' ? PASSING.pattern.test(s.text) : s.zone === 'lead' && COMPARISON.pattern.test(s.text)) ||
        (masked.includes(SLOT) && COMPARED_NAME_GATE.mayMatch(maskedLower, masked) && COMPARED_NAME.pattern.test(masked));
      if (passing) passingHits += 1;
      maskedOf.push(masked);
      if (!incident) continue;
      if (s.zone === 'lead' && forms.some((f) => s.text.indexOf(f) >= 0 && s.text.indexOf(f) < ORGANISATION.leadSubjectChars))
        leadSubject = true;
      let best = 0;
      let label = '';
      for (let b = 0; b < BINDS.length; b += 1) {
        const bind = BINDS[b]!;
        if (bind.weight > best && BIND_GATES[b]!.mayMatch(maskedLower, masked) && bind.pattern.test(masked)) {
          best = bind.weight;
          label = bind.label;
        }
      }
      if (best > 0) {
        if (best >= ORGANISATION.separateIncidentBind) c.boundSentences.add(s.order);
        bindScore += best * zw * (passing ? ORGANISATION.passingBindShare : 1);
        if (c.reasons.length < ORGANISATION.maxReasons && !c.reasons.includes(label)) c.reasons.push(label);
      }
    }
    // "OneBlood. The Florida blood center has begun mailing letters…": the next sentence goes on about it as "the
    // company", "the blood center"; its binds are the named one's when it names no other organisation.
    const namesOwn = new Set(hits);
    const namedByOther = (j: number) => (namers.get(j) ?? 0) > (namesOwn.has(j) ? 1 : 0);
    for (const i of hits) {
      // "2) SUMMIT BIOMEDICAL SERVICES. Patient letters … are landing. A field engineer's mailbox, compromised …": an
      // item the name alone heads is about it, down to its first sentence that tells an incident.
      const own = prepared.sentences[i]!;
      if ((own.item || own.heading) && headsTheNext(own.text, c)) {
        for (let j = i + 1; j <= i + ORGANISATION.itemReach && j < prepared.sentences.length; j += 1) {
          const s = prepared.sentences[j]!;
          if (s.item || s.heading || namedByOther(j)) break;
          if (!incidentSentences.has(s.order)) continue;
          // The sentence right after is the next block's to judge, unless the heading is a list item's own.
          if ((j > i + 1 || own.item) && !c.boundSentences.has(s.order)) {
            c.boundSentences.add(s.order);
            bindScore += ORGANISATION.separateIncidentBind * ORGANISATION.zoneWeight[s.zone];
            if (c.reasons.length < ORGANISATION.maxReasons && !c.reasons.includes(HEADED_ITEM)) c.reasons.push(HEADED_ITEM);
          }
          break;
        }
      }
      const next = prepared.sentences[i + 1];
      // The next sentence may name it again ("…accessed its Pinecrest Worklist platform"), never another party, unless
      // the other is only its owner in an aside ("The app, now owned by N, agreed to pay…"): class 8's parent.
      if (!next || next.zone === 'title' || !incidentSentences.has(next.order)) continue;
      const referent = THE_REFERENT.exec(next.text);
      if (namedByOther(i + 1) && !(referent && OWNER_ASIDE.test(next.text.slice(referent[0].length)))) continue;
      // "1. Bellwether Coding Services (May). An intruder read the mailboxes…": an item of a list that the name heads.
      const heading = referent ? null : headsTheNext(prepared.sentences[i]!.text, c);
      if (!referent && !heading) continue;
      const masked = referent ? SLOT + next.text.slice(referent[0].length) : `${SLOT}: ${next.text}`;
      if (heading && INCIDENT_OPENING.test(next.text)) {
        c.boundSentences.add(next.order);
        bindScore += ORGANISATION.separateIncidentBind * ORGANISATION.zoneWeight[next.zone];
        if (c.reasons.length < ORGANISATION.maxReasons && !c.reasons.includes(HEADED_ITEM)) c.reasons.push(HEADED_ITEM);
        continue;
      }
      let bound = false;
      for (let b = 0; b < BINDS.length; b += 1) {
        const bind = BINDS[b]!;
        if (bind.weight < ORGANISATION.separateIncidentBind || !bind.pattern.test(masked)) continue;
        c.boundSentences.add(next.order);
        bindScore += bind.weight * ORGANISATION.zoneWeight[next.zone];
        if (c.reasons.length < ORGANISATION.maxReasons && !c.reasons.includes(bind.label)) c.reasons.push(bind.label);
        bound = true;
        break;
      }
      // "1. Safeplate Systems mails letters to 46,118 people. The Madison company … says someone used a stolen login":
      // an item the name opens, which the next sentence goes on to tell, is about it whatever verb that sentence uses.
      if (!bound && referent && prepared.sentences[i]!.item && opensItem(prepared.sentences[i]!.text, c)) {
        c.boundSentences.add(next.order);
        bindScore += ORGANISATION.separateIncidentBind * ORGANISATION.zoneWeight[next.zone];
        if (c.reasons.length < ORGANISATION.maxReasons && !c.reasons.includes(HEADED_ITEM)) c.reasons.push(HEADED_ITEM);
      }
    }
    c.passing = passingHits > 0 && passingHits === c.mentions;
    c.score =
      Math.min(bindScore, ORGANISATION.bindCap) +
      Math.min(c.mentions, ORGANISATION.mentionCap) * ORGANISATION.perMention +
      (c.inTitle ? ORGANISATION.inTitle : 0) +
      (leadSubject ? ORGANISATION.leadSubject : 0) +
      headNamed * ORGANISATION.perHeadMention;
    masks.set(c, maskedOf);
    if (c.passing) c.score *= ORGANISATION.passingFactor;
    // The outlet's own name is a byline ("(NewsNation) —"), unless the outlet is the breached company itself.
    if (sourceTokens.has(c.key) && c.reasons.length === 0) c.score *= ORGANISATION.outletFactor;
    // Named only where a story is credited ("…, Reuters reported", "via Meridian Post"): the outlet, not a party.
    const masthead = MASTHEAD.pattern.test(c.name);
    const credited = maskedOf.filter(
      (m) => OUTLET_FRAMES.some((r) => r.pattern.test(m)) || (masthead && OUTLET_SOFT_FRAME.pattern.test(m)),
    ).length;
    // A masthead with nothing tying it to the incident ("Portal Weekly" atop a newsletter) is the outlet too.
    // So is the page's own masthead ("The Outpatient Security Letter: three items"), whatever its headline seems to say.
    // …and the page's own outlet once a frame credits it anywhere ("in a notice seen by Recovery Tech Report").
    const ownMasthead =
      (masthead && [...sourceTokens].some((k) => k === c.key || k.endsWith(` ${c.key}`))) || (sourceTokens.has(c.key) && credited > 0);
    if (
      !c.vendor &&
      ((credited > 0 && (credited === maskedOf.length || c.reasons.length === 0)) || (masthead && c.reasons.length === 0) || ownMasthead)
    ) {
      c.outlet = true;
      c.score *= ORGANISATION.outletFactor;
    }
  }

  return masks;
}

/**
 * Step 4, continued. Platform and affected-party phrases only matter for the candidates in the running for primary
 * and for vendors (whose role they decide): the patterns are the costliest of all, so they run for those alone.
 */
function markPlatformsAndCustomers(masks: Map<OrgCandidate, string[]>): void {
  const contenders = new Set([...masks.keys()].sort((a, b) => b.score - a.score).slice(0, ORGANISATION.maxContenders));
  for (const [c, maskedOf] of masks) {
    // A vendor with no tie to the incident is a mention whatever these phrases say.
    // Vendors are few, and a platform is often named once ("a flaw in MOVEit software"), so they are always read.
    if (!contenders.has(c) && !(c.vendor && !c.passing)) continue;
    let platformHits = 0;
    let affectedHits = 0;
    let platformPhrase: string | null = null;
    let affectedPhrase: string | null = null;
    let supplierHits = 0;
    // One platform phrase settles it, and so do as many affected-party phrases as the rule below needs.
    const affectedNeeded = Math.max(1, Math.ceil(c.mentions / ORGANISATION.mentionsPerAffectedPhrase));
    for (const full of maskedOf) {
      if (platformHits > 0 && affectedHits >= affectedNeeded) break;
      // The phrases reach only so far either side of the name.
      const first = full.indexOf(SLOT);
      const last = full.lastIndexOf(SLOT);
      const masked =
        first < 0
          ? full
          : full.slice(Math.max(0, first - ORGANISATION.phraseReachBefore), last + SLOT.length + ORGANISATION.phraseReachAfter);
      const lower = masked.toLowerCase();
      if (platformHits === 0) {
        const phrase = firstMatching(PLATFORM_BRANCHES, masked, lower);
        if (phrase >= 0) {
          platformHits += 1;
          platformPhrase = PLATFORM_PHRASES[phrase]!.label;
        }
      }
      if (affectedHits < affectedNeeded) {
        const phrase = firstMatching(AFFECTED_BRANCHES, masked, lower);
        if (phrase >= 0) {
          // "Trinity Health: patients caught up in vendor's ransomware attack" says it all in one sentence.
          const rule = AFFECTED_PHRASES[phrase]!;
          const decisive = rule.decisive === true;
          affectedHits += decisive ? affectedNeeded : 1;
          if (decisive) c.affectedDecisive = true;
          if (rule.supplier) supplierHits += 1;
          affectedPhrase ??= AFFECTED_PHRASES[phrase]!.label;
        }
      }
    }
    // A unit its parent's filing says was hit ("an attack on the environment of its subsidiary, N") is the breached
    // party, whichever of its products the filing goes on to name.
    c.platform = platformHits > 0 && !c.reasons.some((r) => r.startsWith(UNIT_SYSTEMS_HIT));
    // A customer's notice settles it wherever it stands, even after other phrases already made the count.
    if (!c.affectedDecisive && maskedOf.some((m) => DECISIVE_AFFECTED.some((r) => r.pattern.test(m)))) {
      c.affectedDecisive = true;
      affectedHits = Math.max(affectedHits, affectedNeeded);
      affectedPhrase ??= DECISIVE_AFFECTED.find((r) => maskedOf.some((m) => r.pattern.test(m)))!.label;
    }
    c.affected = affectedHits > 0 && affectedHits >= Math.ceil(c.mentions / ORGANISATION.mentionsPerAffectedPhrase);
    c.affectedAsSupplier = c.affected && supplierHits === affectedHits;
    c.affectedHint = affectedHits > 0 && supplierHits < affectedHits;
    // Named as the customer's vendor ("hosted by its vendor, N"), or saying intruders were in its own systems ("an
    // intruder got into its support portal … the CAD software itself was not accessed"): the breached party, never a
    // customer, whatever else matched short of a customer's notice.
    if (
      c.reasons.some((r) => r.startsWith(VENDOR_BY_ROLE) || r.startsWith(UNIT_SYSTEMS_HIT)) ||
      (!c.affectedDecisive && c.reasons.includes(OWN_SYSTEMS_HIT))
    ) {
      c.affected = false;
      c.affectedDecisive = false;
    }
    c.platformPhrase = c.platform ? platformPhrase : null;
    c.affectedPhrase = c.affected ? affectedPhrase : null;
  }
}

/** Step 5. A platform or an affected customer is primary only when nothing else is a better fit. */
function choosePrimary(candidates: OrgCandidate[]): Omit<OrganisationAnalysis, 'rejected' | 'separate'> {
  const ranked = candidates.filter((c) => c.mentions > 0).sort((a, b) => adjusted(b) - adjusted(a) || b.mentions - a.mentions);
  // An affected customer ("Quest said its own systems were not affected") yields to a named party the incident is
  // tied to that is neither a customer nor a platform: the one whose systems were entered.
  const top = ranked[0];
  if (top?.affected) {
    // A customer's notice of its vendor's breach (a decisive phrase) yields even to a vendor a phrase made a platform:
    // the customer says the breach was at the vendor.
    const toVendor = top.affectedDecisive;
    const victim = ranked.find(
      (c) =>
        c !== top &&
        (!c.affected || (toVendor && c.affectedAsSupplier)) &&
        (!c.platform || (toVendor && c.vendor !== null)) &&
        !c.passing &&
        !c.outlet &&
        // After a customer's notice of its vendor's breach, the organisation the story names most besides the
        // customer is that vendor, even where no phrase ties it to the incident by itself.
        (c.reasons.length > 0 || (toVendor && c.score >= ORGANISATION.victimMinScore * 2)) &&
        c.score >= ORGANISATION.victimMinScore,
    );
    if (victim) {
      ranked.splice(ranked.indexOf(victim), 1);
      ranked.unshift(victim);
    }
  }
  // Class 7 told by the customer: "Meridex said its PACS vendor, Lumora, told it an attacker had taken files … Meridex
  // said its own network was not accessed". One phrase is enough for the customer when it names its vendor by role.
  const lead = ranked[0];
  // So does a regulator's form its filer files for a breach at a third-party provider the form names.
  if (lead && !lead.affected && (lead.affectedHint || lead.reasons.includes(REGULATOR_LISTING))) {
    const byRole = ranked.find(
      (c) => c !== lead && !c.affected && !c.passing && !c.outlet && c.reasons.some((r) => r.startsWith(VENDOR_BY_ROLE)),
    );
    if (byRole && byRole.score >= ORGANISATION.victimMinScore) {
      lead.affected = true;
      lead.affectedPhrase ??= "class 7: its notice of its vendor's breach";
      ranked.splice(ranked.indexOf(byRole), 1);
      ranked.unshift(byRole);
    }
  }
  // A platform or customer bound to the incident is still the primary when nothing fits better: a vendor whose own
  // portal's flaw was abused is the only party a story about it names.
  const best = ranked[0];
  const primary =
    best && (adjusted(best) >= ORGANISATION.primaryThreshold || (best.reasons.length > 0 && best.score >= ORGANISATION.primaryThreshold))
      ? best
      : null;
  const why: string[] = [];
  if (primary) why.push(`primary: ${primary.name} (${primary.reasons[0] ?? (primary.inTitle ? 'named in the title' : 'most named')})`);

  const organisations: string[] = [];
  if (primary) organisations.push(primary.name);
  for (const c of ranked) {
    if (c === primary || organisations.length >= ORGANISATION.maxOrganisations) continue;
    if (c.passing || c.outlet) continue;
    // A watchlist product the incident went through is a party to it however often the story names it.
    const involved =
      ((c.platform || c.affected || c.reasons.length > 0) && c.score >= ORGANISATION.involvedMinScore) || (c.vendor !== null && c.platform);
    if (involved) organisations.push(c.name);
  }
  return { candidates: ranked, primary, organisations, why };
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
      c = newCandidate(memo.orgKey(m.vendor.name), m.vendor.name, m.vendor);
      byVendor.set(m.vendor.name, c);
    }
    c.forms.add(prepared.mainText.slice(m.start, m.end));
    c.terms.add(m.term);
    c.mentions += 1;
  }
  const candidates = [...byVendor.values()].sort((a, b) => b.mentions - a.mentions);
  return { candidates, primary: null, organisations: [], separate: [], rejected: [], why: [] };
}

function adjusted(c: OrgCandidate): number {
  let s = c.score;
  if (c.platform) s *= ORGANISATION.platformFactor;
  if (c.affected) s *= ORGANISATION.affectedFactor;
  return s;
}

/** The rules this module reads names with, for the table test. */
export const RULE_TABLES: RuleTable[] = [
  NAME_RULES,
  { name: 'passing mentions', rules: [COMPARISON, PASSING] },
  { name: 'roundups', rules: [ROUNDUP] },
];
