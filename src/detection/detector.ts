import type { Article, Detection, Vendor, VendorMatch, VendorRole } from '../core/types.js';
import { classifyBreach, classifyHealthcare, GENERIC_NOTICE_TITLE } from './cues.js';
import { type DateReader, isDeadline } from './dates.js';
import { createDetectionState, type DetectionState } from './detection-state.js';
import { DEVELOPMENT, extractFacts, isDevelopmentDate, parseCount } from './facts.js';
import { createVendorMatcher } from './matching/vendor-matcher.js';
import type { MentionFinder, MentionFinderFactory, VendorMention } from './mentions.js';
import { analyseOrganisations, listVendorMentions, type OrganisationAnalysis, type OrgCandidate } from './organisations.js';
import type { Rule, RuleTable } from './rule.js';
import { type IncidentSignature, monthIndex, orgRef } from './signature.js';
import { summarise } from './summary.js';
import { type PreparedArticle, prepareArticle } from './text.js';
import { DETECTION } from './weights.js';

// One article in, one explained decision out: is it a breach, is it healthcare, who was breached, which watchlist
// vendors are involved and how, what it says (facts), a short summary, and the signature grouping needs. Feed text
// is only ever matched against patterns; nothing in it is followed as an instruction.

/** Another incident a roundup reports, with the signature its own grouping needs. */
export interface SeparateIncident {
  organisation: string;
  vendor: string | null;
  /** The roundup's sentences about it. */
  summary: string;
  signature: IncidentSignature;
}

export type ArticleDetection = Detection & { signature: IncidentSignature; separate: SeparateIncident[] };

export interface Detector {
  detect(article: Article): ArticleDetection;
}

export interface DetectorOptions {
  /** Builds the vendor matcher; the watchlist's own matcher (src/detection/matching/) by default. */
  createMatcher?: MentionFinderFactory;
}

export function createDetector(watchlist: Vendor[], options: DetectorOptions = {}): Detector {
  const factory = options.createMatcher ?? createVendorMatcher;
  const matcher: MentionFinder = factory(watchlist);
  const state = createDetectionState();
  return { detect: (article) => detectArticle(article, matcher, state) };
}

const SURVEY: Rule = {
  label: 'a survey or report about many organisations',
  pattern:
    /^(?:survey|report|study|poll|research|analysis|data|stats?|opinion|podcast|webinar)\b|\b(?:survey|study|report finds|researchers find|statistics|stats|(?:figures|data|numbers|records) show|analysis (?:finds|shows)|hit (?:a )?record|record (?:year|high|number)|all-time high|most ever|\d+\s?%|percent|per cent|trends?|predictions?|lessons|how to|tips|best practices|year in review)\b/i,
  example: 'Survey: ransomware attacks on hospitals rose 30% last year',
  counterExample: 'Harbor Point Clinic confirms ransomware attack',
};

const AGAINST_ATTACKERS: Rule = {
  label: 'action against the attackers',
  pattern:
    /\b(?:seiz\w+|took control of|takes? down|taken down|takedown|dismantl\w+|arrest\w*|charg(?:ed|es)|indict\w*|extradit\w+|sanction\w*|sentenc\w+|convict\w*|pleads? guilty|bust\w*|crackdown)\b/i,
  example: "Police seize the gang's leak site",
  counterExample: 'Gang leaks clinic files',
};

const THEFT_IN_TITLE = /\b(?:stole|stolen|breached|hacked|broke into|exfiltrated|accessed (?:its|the company's))\b/i;

const FLAW_TITLE: Rule = {
  label: 'a headline about flaws',
  pattern: /\b(?:vulnerabilit\w+|flaws?|zero-days?|cve-\d{4}-\d+|bugs?|patch\w*)\b/i,
  example: 'Attackers exploit zero-days in gateway appliances',
  counterExample: 'Attackers steal patient files from clinic',
};

// A notice under a generic title ("Notice of Data Event") whose opening says the event touched no one's information:
// the title's incident is withdrawn by the notice itself.
const NOTICE_OF_NO_EFFECT: Rule = {
  label: 'a notice that says no information was affected',
  pattern:
    /\bno (?:\w+ ){0,2}(?:information|data|records?)\b[^.]{0,60}\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:affected|involved|impacted|accessed|acquired|exposed|compromised)\b|\b(?:did|does|has|have) not (?:\w+ )?(?:affect|involve|impact|expose|compromise)\w* (?:any |the )?(?:\w+ ){0,2}(?:information|data|records?)\b/i,
  example: 'Pemberton Mills is providing this notice to confirm that no personal information was affected.',
  counterExample: 'Pemberton Mills is providing notice of an event that may affect the privacy of some information.',
};

const INCIDENT_CONTEXT: Rule = {
  label: 'incident words in a body sentence',
  pattern: /\b(attack|incident|breach|intrusion|compromise|hack|unauthori[sz]ed|exfiltrat|stole|stolen|accessed)\w*/i,
  example: 'The intrusion began in March.',
  counterExample: 'The clinic opened in March.',
};

// Background about the attackers ("active since late 2024") dates the group, not the incident.
const BACKGROUND: Rule = {
  label: 'background about the attackers',
  pattern:
    /\b(emerged|active since|has been active|been operating|first (?:seen|appeared|spotted|observed)|(?:which|that|who) (?:appeared|surfaced|showed up|was first seen) in|founded|established|since (?:late |early |mid-?)?(?:19|20)\d\d|known for|track record|reputation|usually gets in|typically (?:gets in|breaks in|targets))\b/i,
  example: 'The group has been active since 2021.',
  counterExample: 'The group encrypted the servers in May.',
};

// Class 3's counterpart: a report that says its incident is not the organisation's earlier one. Read in the head.
const ANOTHER_INCIDENT: Rule = {
  label: 'another incident at the same organisation',
  pattern:
    /\b(?:second|another|new|fresh|separate|third|latest in a string of)\s+(?:[\w-]+\s+){0,2}?(?:breach|incident|attack|cyber-?attack|hack|intrusion)\b|\b(?:hit|breached|hacked|attacked|targeted) (?:once )?again\b|\bagain\s+(?:got into|broke into|breached|hacked|hit|accessed|targeted|attacked)\b|\bfor the second time\b|\b(?:two|both) incidents (?:are|were) (?:not connected|unrelated)\b/i,
  example: 'Brightwater Billing reports second breach in a year',
  counterExample: 'Brightwater Billing reports breach',
};

const SECOND_INCIDENT: Rule = {
  label: 'a second incident at the same organisation, told in the body',
  pattern:
    /\b(?:second|third) (?:data |security |cyber ?security |ransomware )?(?:breach|incident|attack|cyber-?attack|hack|intrusion)\b|\bfor the second time\b|\b(?:two|both) incidents (?:are|were) (?:not connected|unrelated)\b/i,
  example: 'It is the second security incident at the firm in just over a year.',
  counterExample: 'Plex reset passwords after a separate intrusion at the streaming company.',
};

const OTHER_INCIDENT: Rule = {
  label: 'another incident in the sentence',
  pattern:
    /\b(previous(?:ly)?|earlier (?:incident|breach|attack)|separate|unrelated|another (?:incident|breach|attack)|prior (?:incident|breach)|other high-profile|in 20\d\d alone|largest ever|biggest (?:single )?breach ever|record[- ]setting|(?:second|third)\b[^.;]{0,30}\b(?:in|within) (?:less than |under |just over |about )?(?:a|one|two|three|\d+) (?:years?|months?))\b/i,
  example: 'A separate breach in 2019 exposed other files.',
  counterExample: 'The breach in May exposed files.',
};

function detectArticle(article: Article, matcher: MentionFinder, state: DetectionState): ArticleDetection {
  const prepared = prepareArticle(article);
  return decide(prepared, matcher.find(prepared.mainText), state);
}

// Kept apart from the matcher call: compiled code that calls the matcher is tied to that matcher's function, and a
// new detector (a watchlist reload) throws it away. Only the two lines above are recompiled then, not the decision.
function decide(prepared: PreparedArticle, mentions: VendorMention[], state: DetectionState): ArticleDetection {
  const breach = classifyBreach(prepared, state.gates);
  const orgs = breach.breach
    ? analyseOrganisations(prepared, mentions, breach.incidentSentences, state.organisations)
    : listVendorMentions(prepared, mentions, state.organisations);
  const why: string[] = [...breach.why];

  const overruled = breach.breach ? notABreachAfterAll(prepared, orgs, breach.explicitHead) : null;
  if (overruled) {
    breach.breach = false;
    why.splice(0, why.length, overruled);
  }
  const primary = breach.breach ? orgs.primary : null;
  const separate = breach.breach ? orgs.separate : [];
  const involved = new Set(orgs.organisations);
  const vendors: VendorMatch[] = [];
  for (const c of orgs.candidates) {
    if (!c.vendor) continue;
    const role = separate.includes(c) ? 'primary' : roleOf(c, breach.breach, primary, involved);
    vendors.push({ name: c.vendor.name, role, matched: [...c.terms][0] ?? c.vendor.name });
    why.push(`${c.vendor.name}: ${role}${roleReason(c, role)}`);
  }
  for (const r of orgs.rejected) why.push(`${r.mention.vendor.name} not matched: ${r.reason}`);
  for (const m of mentions) if (!m.accepted) why.push(`${m.vendor.name} not matched: ${m.reason}`);
  // Roles are listed primary first, then related, then mentions.
  const rank: Record<VendorRole, number> = { primary: 0, related: 1, mention: 2 };
  vendors.sort((a, b) => rank[a.role] - rank[b.role]);
  const dedup = vendors.filter((v, i) => vendors.findIndex((w) => w.name === v.name) === i);

  const focus = primary ? primary.sentences : new Set<number>();
  const subject = primary ?? orgs.candidates[0] ?? null;
  const healthcare = classifyHealthcare(prepared, state.gates, focus, subject?.name ?? null, subject?.vendor?.category ?? null);
  why.push(...healthcare.why);
  if (breach.breach) why.push(...orgs.why);
  const alert = breach.breach && dedup.some((v) => v.role === 'primary');
  if (alert) why.push('alert: a watchlist vendor is the breached party');

  const organisations = breach.breach ? orgs.organisations : [];
  const otherNames = orgs.candidates.filter((c) => !involved.has(c.name) && c.reasons.length > 0).flatMap((c) => [...c.forms]);
  const facts = breach.breach ? extractFacts(prepared, breach.incidentSentences, state, { otherNames }) : [];
  const summary = summarise({
    prepared,
    incidentSentences: breach.incidentSentences,
    subjectForms: primary ? [...primary.forms] : [],
    gates: state.gates,
  });
  // A roundup's later items tell other incidents ("In a separate incident, N says…"): their sentences neither date
  // the lead's incident nor make it "another incident" at the lead's organisation.
  const itemsOfOthers = new Set<number>();
  for (const c of separate) {
    const outside = outsideItem(
      prepared,
      c,
      [primary, ...separate].filter((o): o is OrgCandidate => o !== null && o !== c),
    );
    for (const s of prepared.sentences) if (!outside.has(s.order)) itemsOfOthers.add(s.order);
  }
  const signature = buildSignature(prepared, state.dates, {
    breach: breach.breach,
    incidentSentences: breach.incidentSentences,
    candidates: orgs.candidates,
    primary,
    organisations,
    othersSentences: itemsOfOthers,
    followUp: breach.followUp,
    vendors: dedup.filter((v) => !separate.some((c) => c.vendor?.name === v.name)),
    threatActors: facts.filter((f) => f.name === 'threat_actor').map((f) => f.value),
    counts: facts
      .filter((f) => f.name === 'people_affected' || f.name === 'records_affected')
      .map((f) => parseCount(f.value))
      .filter((n) => Number.isFinite(n) && n >= 100),
    otherNames,
  });

  const separateIncidents: SeparateIncident[] = separate.map((c) => ({
    organisation: c.name,
    vendor: c.vendor?.name ?? null,
    summary: summarise({
      prepared,
      incidentSentences: new Set([...breach.incidentSentences].filter((order) => c.sentences.has(order))),
      subjectForms: [...c.forms],
      gates: state.gates,
      only: c.sentences,
    }),
    // "Another incident" is said of the roundup's first incident, if of any: never of the ones it lists after it.
    signature: withoutAnother(
      buildSignature(prepared, state.dates, {
        breach: true,
        // Its dates come from the sentences about it alone: the roundup's other incidents have their own.
        incidentSentences: new Set([...breach.incidentSentences].filter((order) => c.sentences.has(order))),
        candidates: [c],
        primary: c,
        organisations: [c.name],
        vendors: c.vendor ? [{ name: c.vendor.name, role: 'primary', matched: c.vendor.name }] : [],
        threatActors: [],
        counts: [],
        otherNames: [],
        // Only its own item of the roundup dates it: the headline, the lead and the other items tell other incidents.
        othersSentences: outsideItem(
          prepared,
          c,
          [primary, ...separate].filter((o): o is OrgCandidate => o !== null && o !== c),
        ),
      }),
    ),
  }));

  return {
    articleId: prepared.id,
    breach: breach.breach,
    healthcare: healthcare.healthcare,
    vendors: dedup,
    alert,
    organisations,
    summary,
    facts,
    // Repeated phrases (one per mention of a rejected name) say nothing new.
    why: [...new Set(why)].slice(0, DETECTION.maxWhy),
    signature,
    ...(separateIncidents.length > 0
      ? { separateIncidents: separateIncidents.map(({ organisation, vendor }) => ({ organisation, vendor })) }
      : {}),
    separate: separateIncidents,
  };
}

/** Why a story with incident words is not a breach report after all, once its breached party is known; null when it is one. */
function notABreachAfterAll(prepared: PreparedArticle, orgs: OrganisationAnalysis, explicitHead: boolean): string | null {
  // A trend piece or survey ("ransomware attacks on hospitals rose 30%") names no breached party and states no
  // specific intrusion: incident words alone do not make it a breach report.
  if (!orgs.primary && !explicitHead) return 'not a breach: no breached organisation named and no specific intrusion stated';
  // "Police seize the gang's leak site": the attackers are the story, and no victim is named.
  if (!orgs.primary && AGAINST_ATTACKERS.pattern.test(prepared.title))
    return 'not a breach: action against the attackers, no breached organisation named';
  if (GENERIC_NOTICE_TITLE.test(prepared.title)) {
    const opening = prepared.sentences
      .filter((s) => s.zone !== 'title')
      .slice(0, 3)
      .map((s) => s.text)
      .join(' ');
    if (NOTICE_OF_NO_EFFECT.pattern.test(opening)) return 'not a breach: a generic notice that says no information was affected';
  }
  if (!orgs.primary && SURVEY.pattern.test(prepared.title))
    return 'not a breach: a survey or report about many organisations, none named as breached';
  // "Attackers exploited zero-days in X's gateways": when the only party is the maker of the exploited product and
  // the headline is about its flaws, the story is an advisory about exploitation, not a breach at the maker.
  if (
    (!orgs.primary || (orgs.primary.platform && orgs.organisations.length === 1)) &&
    FLAW_TITLE.pattern.test(prepared.title) &&
    // "F5 says hackers stole BIG-IP source code and details of unfixed bugs": the maker itself was robbed.
    !THEFT_IN_TITLE.test(prepared.title)
  ) {
    return 'not a breach: flaws in a product exploited, no breached organisation named';
  }
  return null;
}

function roleOf(c: OrgCandidate, breach: boolean, primary: OrgCandidate | null, involved: Set<string>): VendorRole {
  if (!breach) return 'mention';
  if (primary === c) return 'primary';
  if (involved.has(c.name)) return 'related';
  return 'mention';
}

function roleReason(c: OrgCandidate, role: VendorRole): string {
  if (role === 'primary') return ` (${c.reasons[0] ?? 'the story is about it'})`;
  // The phrase that made it a platform or a customer is named, so a wrong role points at the rule to change.
  if (role === 'related')
    return c.platform
      ? ` (platform of the breach: ${c.platformPhrase})`
      : c.affected
        ? ` (affected customer or partner: ${c.affectedPhrase})`
        : ' (party of the breach)';
  if (c.passing) return ' (named in passing)';
  return ' (named, not involved)';
}

interface IncidentDates {
  months: Set<number>;
  /** Months of later developments (lawsuits, settlements, letters): they follow the incident, they do not date it. */
  laterMonths: Set<number>;
  years: Set<number>;
  bareMonths: Set<number>;
}

/** The dates the article gives its incident: from the head and the incident sentences, not other incidents' or the attackers' background. */
function incidentDates(
  prepared: PreparedArticle,
  reader: DateReader,
  incidentSentences: Set<number>,
  otherNames: string[],
  /** Sentences that name some organisation but none of the incident's parties: their dates are someone else's. */
  aboutOthers: ReadonlySet<number>,
): IncidentDates {
  const dates: IncidentDates = { months: new Set(), laterMonths: new Set(), years: new Set(), bareMonths: new Set() };
  for (const s of prepared.sentences) {
    if (s.zone === 'body' && !incidentSentences.has(s.order) && !INCIDENT_CONTEXT.pattern.test(s.text)) continue;
    if (
      aboutOthers.has(s.order) ||
      OTHER_INCIDENT.pattern.test(s.text) ||
      BACKGROUND.pattern.test(s.text) ||
      otherNames.some((n) => n.length > 2 && s.text.includes(n))
    )
      continue;
    addSentenceDates(dates, reader, s.text.replace(DATELINE, ''), prepared.published);
  }
  return dates;
}

/** Whether `name` opens the sentence ("Plex said…", "Separately, the Plex team…"): the sentence is about it. */
function opensSentence(text: string, name: string): boolean {
  const at = text.indexOf(name);
  return at >= 0 && /^(?:[\p{L}]+,\s+)?(?:the\s+)?$/iu.test(text.slice(0, at));
}

// "SEATTLE, Oct 4 (Northwind Press) -": the day the story was filed, not a date of the incident.
const DATELINE = /^[A-Z][A-Z .'-]{2,40},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)\s*(?:\([^)]{1,60}\))?\s*[-–—]\s*/;

function addSentenceDates(dates: IncidentDates, reader: DateReader, text: string, published: string | null): void {
  for (const f of reader.find(text)) {
    const d = reader.resolve(f, published);
    if (!d || isDeadline(text, f.index)) continue;
    // "A lawsuit filed on March 3": the development's date, which may come months after the incident's.
    if (d.year !== null && d.month !== null && isDevelopmentDate(text, f.index)) {
      dates.laterMonths.add(monthIndex(d.year, d.month));
      continue;
    }
    if (d.year !== null && d.month !== null) dates.months.add(monthIndex(d.year, d.month));
    else if (d.year !== null) dates.years.add(d.year);
    else if (d.month !== null) dates.bareMonths.add(d.month);
  }
  // "Said on Tuesday that it will pay…": a relative date in a sentence about a development is that development's.
  const development = DEVELOPMENT.pattern.test(text);
  for (const d of reader.relative(text, published)) {
    if (d.year !== null && d.month !== null) (development ? dates.laterMonths : dates.months).add(monthIndex(d.year, d.month));
    else if (d.year !== null && !development) dates.years.add(d.year);
  }
}

/** Years stated alone that no stated month already covers. */
function yearsWithoutMonths(dates: IncidentDates): number[] {
  const covered = new Set<number>();
  for (const m of dates.months) covered.add(Math.floor(m / 12));
  const out: number[] = [];
  for (const y of dates.years) if (!covered.has(y)) out.push(y);
  return out;
}

function withoutAnother(signature: IncidentSignature): IncidentSignature {
  return { ...signature, another: false };
}

/**
 * The sentences outside a roundup item's own stretch: from the first sentence past the headline that names it to the
 * next numbered item or the next sentence that names another of the roundup's parties.
 */
function outsideItem(prepared: PreparedArticle, c: OrgCandidate, others: OrgCandidate[]): Set<number> {
  const body = prepared.sentences.filter((s) => s.zone !== 'title');
  const start = body.findIndex((s) => c.sentences.has(s.order));
  const inside = new Set<number>();
  for (let i = start; i >= 0 && i < body.length; i += 1) {
    const s = body[i]!;
    if (i > start && !c.sentences.has(s.order) && (s.item === true || others.some((o) => o.sentences.has(s.order)))) break;
    inside.add(s.order);
  }
  return new Set(prepared.sentences.map((s) => s.order).filter((order) => !inside.has(order)));
}

interface SignatureInput {
  breach: boolean;
  incidentSentences: Set<number>;
  candidates: OrgCandidate[];
  primary: OrgCandidate | null;
  organisations: string[];
  vendors: VendorMatch[];
  threatActors: string[];
  /** People or records affected, as numbers. */
  counts: number[];
  otherNames: string[];
  /** Sentences about the page's other incidents (a roundup's other items): their dates are not this incident's. */
  othersSentences?: ReadonlySet<number>;
  /** The head tells a later development of the breach (a lawsuit, a settlement, a final count). */
  followUp?: boolean;
}

function buildSignature(
  prepared: PreparedArticle,
  reader: DateReader,
  {
    breach,
    incidentSentences,
    candidates,
    primary,
    organisations,
    vendors,
    threatActors,
    counts,
    otherNames,
    othersSentences,
    followUp = false,
  }: SignatureInput,
): IncidentSignature {
  const parties = candidates.filter((c) => c === primary || organisations.includes(c.name));
  // A sentence another organisation opens ("Plex said the flaw had been fixed in May 2020"), naming none of the
  // incident's parties, is about that organisation; "The company, owned by Intuit, said…" is still about the primary.
  const aboutOthers = new Set<number>(othersSentences);
  for (const c of candidates) {
    if (parties.includes(c) || c.mentions === 0) continue;
    for (const order of c.sentences) {
      const text = prepared.sentences.find((s) => s.order === order)?.text ?? '';
      const opensWith = [...c.forms].some((f) => opensSentence(text, f));
      if (opensWith && !parties.some((p) => p.sentences.has(order))) aboutOthers.add(order);
    }
  }
  const dates = breach
    ? incidentDates(prepared, reader, incidentSentences, otherNames, aboutOthers)
    : { months: new Set<number>(), laterMonths: new Set<number>(), years: new Set<number>(), bareMonths: new Set<number>() };
  // Years of the publication itself are not incident dates, but they bound them.
  const platforms = candidates.filter((c) => c.platform && c !== primary).map((c) => c.key);
  const orgRefs = organisations.map((name) => orgRef(name)).filter((o) => !platforms.includes(o.key));
  const primaryRef = primary ? orgRef(primary.name) : null;
  // Short forms the article also uses ("PJ&A") travel with the primary, so other outlets' short forms match.
  if (primary)
    for (const f of primary.forms)
      if (/^[A-Z0-9&.-]{2,8}$/.test(f) && !orgRefs.some((o) => o.key === orgRef(f).key)) orgRefs.push(orgRef(f));
  // "The company is not connected to Tympan Hearing Network": a name the story sets apart never ties it to that
  // name's incident.
  const setApart = (c: OrgCandidate) =>
    c.sentences.size > 0 && [...c.sentences].every((order) => DENIED_LINK.pattern.test(prepared.sentences[order]?.text ?? ''));
  const entities = candidates
    .filter((c) => c.mentions > 0 && !setApart(c))
    .slice(0, DETECTION.maxSignatureEntities)
    .map((c) => c.key)
    .filter((k) => k.length >= 3);
  return {
    version: 1,
    primary: primaryRef,
    orgs: orgRefs,
    platforms,
    vendors: vendors.filter((v) => v.role !== 'mention').map((v) => v.name),
    months: [...dates.months].sort((a, b) => a - b),
    laterMonths: [...dates.laterMonths].sort((a, b) => a - b),
    counts: [...new Set(counts)].slice(0, 6),
    // In the body "a separate intrusion" is as often another organisation's: only the unmistakable forms count there.
    // A later development (a lawsuit, a final count) that says in its body "the two incidents are unrelated" is
    // setting an older incident it mentions apart from its own, not reporting a new one.
    another:
      breach &&
      prepared.sentences.some(
        (s) =>
          !aboutOthers.has(s.order) &&
          (s.zone === 'body' ? !followUp && SECOND_INCIDENT.pattern.test(s.text) : ANOTHER_INCIDENT.pattern.test(s.text)),
      ),
    years: yearsWithoutMonths(dates).sort(),
    bareMonths: [...dates.bareMonths].sort((a, b) => a - b),
    published: prepared.published ? [prepared.published, prepared.published] : null,
    entities,
    threatActors,
    articles: 1,
  };
}

const DENIED_LINK: Rule = {
  label: 'a link to another organisation denied',
  pattern:
    /\b(?:not (?:connected|related|affiliated|linked) (?:to|with)|unrelated to|no (?:relation|connection|affiliation|link) (?:to|with)|not to be confused with|(?:is|was) not the same (?:company|firm|organi[sz]ation))\b/i,
  example: 'The company is not connected to the hearing-aid administrator hit in the spring.',
  counterExample: 'The company is a unit of the hearing-aid administrator hit in the spring.',
};

/** The rules that overrule or date a decision, for the table test. */
export const RULE_TABLES: RuleTable[] = [
  {
    name: 'decision',
    rules: [
      SURVEY,
      AGAINST_ATTACKERS,
      FLAW_TITLE,
      NOTICE_OF_NO_EFFECT,
      INCIDENT_CONTEXT,
      BACKGROUND,
      OTHER_INCIDENT,
      ANOTHER_INCIDENT,
      DENIED_LINK,
    ],
  },
];
