import type { Vendor } from '../../core/types.js';
import type { MentionFinder, VendorMention } from '../mentions.js';
import { PLACE_AFTER, PLACE_BEFORE } from '../organisation-names.js';
import { type Automaton, buildAutomaton, selectLeftmostLongest } from './aho-corasick.js';
import { isCommonWord } from './common-words.js';
import {
  LEGAL_SUFFIXES,
  leadingLegalSuffix,
  normaliseTerm,
  normaliseTransient,
  tokeniseTerm,
  trailingLegalSuffix,
} from './normalise-text.js';
import { createNotNameFilter, type NotNameFilter } from './not-names.js';
import { ROLE_NOUN } from './role-nouns.js';
import { isBackgroundWord, profileTerm, satisfiesCase, type TermProfile } from './term-profile.js';

// Finds watchlist vendors in article text. One Aho-Corasick pass finds every name, alias and product; a scan
// outward from the dots finds domains. Strong terms are accepted as found; weak ones ("Epic", "Quest", "ADP")
// only with corroboration: another term of the same vendor, the vendor's own context words, healthcare words
// around the mention, or an organisation named repeatedly (or as one: "Okta said") in a security story. A weak
// term glued to another capitalised name ("Epic Games") is another organisation, and so is every other bare
// use of it in that text unless healthcare words crowd around it. Capitals at a sentence start prove nothing.

// The mention shape is detection's (src/detection/mentions.ts): the matcher implements it.
export type { MentionKind, VendorMention } from '../mentions.js';

export interface VendorMatcher extends MentionFinder {
  find(text: string): VendorMention[];
}

export interface VendorMatcherOptions {
  /** Longer texts are cut: a hostile feed entry must not cost more than a long article. */
  maxTextChars?: number;
  /** Words either side of a weak mention searched for context. */
  contextWindow?: number;
}

const DEFAULT_MAX_TEXT_CHARS = 1_000_000;
const DEFAULT_CONTEXT_WINDOW = 20;

interface TermEntry {
  vendorIndex: number;
  term: string;
  kind: 'name' | 'alias' | 'product';
  profile: TermProfile;
}

interface VendorContext {
  /** Tokens of all of the vendor's terms: "Epic MyChart" is one vendor, not "Epic" plus another company. */
  ownTokens: readonly string[];
  /** Distinctive words of its name, category and parent: "Diagnostics" near "Quest" says which Quest. */
  contextTokens: readonly string[];
}

const HEALTHCARE_WORDS = new Set([
  'hospital',
  'hospitals',
  'patient',
  'patients',
  'health',
  'healthcare',
  'clinic',
  'clinics',
  'clinical',
  'clinician',
  'clinicians',
  'medical',
  'medicine',
  'medicines',
  'medicaid',
  'medicare',
  'medication',
  'medications',
  'physician',
  'physicians',
  'nurse',
  'nurses',
  'nursing',
  'doctor',
  'doctors',
  'pharmacy',
  'pharmacies',
  'pharmacist',
  'pharmacists',
  'pharmaceutical',
  'pharmaceuticals',
  'pharma',
  'radiology',
  'radiologist',
  'radiologists',
  'laboratory',
  'laboratories',
  'lab',
  'labs',
  'diagnostic',
  'diagnostics',
  'diagnosis',
  'oncology',
  'cardiology',
  'pediatric',
  'pediatrics',
  'paediatric',
  'surgery',
  'surgeries',
  'surgical',
  'surgeon',
  'surgeons',
  'dental',
  'dentist',
  'dentists',
  'telehealth',
  'telemedicine',
  'ehr',
  'ehrs',
  'emr',
  'emrs',
  'hipaa',
  'phi',
  'payer',
  'payers',
  'prescription',
  'prescriptions',
  'caregiver',
  'caregivers',
  'inpatient',
  'outpatient',
  'biotech',
  'hhs',
  // Feeds carry translations and foreign outlets: the same context in Spanish, Portuguese, Italian, French, German.
  'paciente',
  'pacientes',
  'salud',
  'saude',
  'hospitales',
  'clinica',
  'clinicas',
  'sanitario',
  'sanitaria',
  'medico',
  'medicos',
  'ospedale',
  'ospedali',
  'paziente',
  'pazienti',
  'hopital',
  'hopitaux',
  'sante',
  'krankenhaus',
  'klinik',
  'kliniken',
  'patienten',
  'gesundheit',
]);

function isHealthcareWord(token: string): boolean {
  return HEALTHCARE_WORDS.has(token);
}

const SECURITY_WORDS = new Set([
  'breach',
  'breached',
  'breaches',
  'hack',
  'hacked',
  'hacker',
  'hackers',
  'hacking',
  'cyberattack',
  'cyberattacks',
  'ransomware',
  'attack',
  'attacks',
  'attackers',
  'stolen',
  'compromised',
  'compromise',
  'leak',
  'leaked',
  'exposed',
  'intrusion',
  'malware',
  'extortion',
  'exploited',
  'exfiltrated',
  'exfiltration',
  'unauthorized',
  'unauthorised',
  'cybersecurity',
  'cyber',
  'incident',
  'ciberataque',
  'ciberseguridad',
  'brecha',
  'filtracion',
  'attacco',
  'informatico',
  'violazione',
  'piratage',
  'cyberattaque',
  'cyberangriff',
  'hackerangriff',
]);

/** Words of company names that say nothing about which company ("Systems", "Software", "Group"). */
const CORPORATE_WORDS = new Set([
  'systems',
  'system',
  'software',
  'solutions',
  'technologies',
  'technology',
  'tech',
  'group',
  'holdings',
  'holding',
  'partners',
  'services',
  'service',
  'international',
  'global',
  'america',
  'americas',
  'health',
  'healthcare',
  'medical',
  'industries',
  'communications',
  'associates',
  'company',
  'enterprises',
  'networks',
  'network',
  'digital',
  'data',
  'cloud',
  'platform',
  'platforms',
  'management',
  'consulting',
  'other',
  'sciences',
  'worldwide',
  'usa',
  'north',
  'national',
  'labs',
  'by',
  'the',
  'and',
  'of',
]);

/** Capitalised words after a weak term that describe it rather than naming another company ("Epic EHR"). */
const DESCRIPTIVE_WORDS = new Set([
  'ehr',
  'ehrs',
  'emr',
  'emrs',
  'it',
  'ceo',
  'cfo',
  'cio',
  'ciso',
  'cto',
  'coo',
  'api',
  'apis',
  'saas',
  'rcm',
  'pacs',
  'hie',
  'says',
  'said',
  'spokesperson',
  'customers',
  'customer',
  'users',
  'breach',
  'hack',
  // A suit or a settlement named after the company ("the Parley Settlement", "Parley Data Incident Litigation").
  'settlement',
  'litigation',
  'lawsuit',
  'data',
  'incident',
  'ransomware',
  'cyberattack',
]);

/** Verbs news uses for what an organisation says or does. */
const REPORTING_VERBS = new Set([
  'said',
  'says',
  'confirmed',
  'confirms',
  'disclosed',
  'discloses',
  'announced',
  'announces',
  'reported',
  'notified',
  'notifies',
  'told',
  'stated',
  'states',
  'acknowledged',
  'acknowledges',
  'admitted',
  'admits',
  'warned',
  'warns',
  'filed',
  'agreed',
  'declined',
  'denied',
  'denies',
  'revealed',
  'reveals',
]);
/** Words after a name that make it an organisation: its verbs, its people, its sites, its customers. */
const ORGANISATION_CUES = new Set([
  ...REPORTING_VERBS,
  'spokesperson',
  'spokeswoman',
  'spokesman',
  'officials',
  'executives',
  'customers',
  'clients',
  'employees',
  'hospitals',
  'facilities',
  'clinics',
  'members',
  'ceo',
  'subsidiary',
  'headquarters',
]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that']);
/** Nouns that make a capitalised run an organisation's name rather than a product's. */
const ORGANISATION_KIND_WORDS = new Set([
  'center',
  'centre',
  'centers',
  'clinic',
  'clinics',
  'hospital',
  'hospitals',
  'medical',
  'group',
  'partners',
  'associates',
  'laboratories',
  'pharmacy',
  'institute',
  'foundation',
  'equipment',
  'supply',
  'supplies',
  'company',
  'corporation',
  'bank',
  'university',
  'college',
  'school',
  'district',
  'county',
  'agency',
  'practice',
  'underwriters',
  'insurance',
  'holdings',
  'bancorp',
  'outfitters',
  'industries',
]);

/** Capitalised function words: "The Quest" or "At Epic" do not make a compound name. */
const FUNCTION_WORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'but',
  'at',
  'in',
  'on',
  'of',
  'for',
  'with',
  'by',
  'from',
  'to',
  'as',
  'its',
  'their',
  'our',
  'his',
  'her',
  'this',
  'that',
  'these',
  'those',
  'after',
  'before',
  'when',
  'while',
  'why',
  'how',
  'what',
  'new',
  'says',
  'said',
  'via',
  'like',
  'about',
  'against',
  'over',
  'under',
  'into',
  'if',
  'is',
  'was',
  'has',
  'had',
  'will',
  'than',
  'both',
  'all',
  'also',
  'including',
  'like',
  'both',
  'between',
  'because',
  'where',
  'whose',
  'which',
  'who',
  'then',
  'however',
  'meanwhile',
  'update',
  'updated',
  'exclusive',
  'report',
  'reports',
  'breaking',
  'u',
  's',
  'us',
  'uk',
]);

/** No context word or suffix is longer: a 1 MB blob of base64 must not be decoded (or spread into a call). */
const MAX_TOKEN_DECODE = 64;
/** Neighbouring words are read this far at most, for the same reason. */
const MAX_NEIGHBOUR_CHARS = 64;
const LEGAL_SUFFIX_INITIALS = new Set(LEGAL_SUFFIXES.map((suffix) => (suffix[0] as string).charCodeAt(0)));
const WORD_AFTER = /[\p{L}\p{N}][\p{L}\p{N}&'’.-]{0,63}/uy;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface WatchlistIndex {
  /** Every distinct normalised term, padded with the spaces that bound it in normalised text. */
  patterns: string[];
  /** The terms behind each pattern (several vendors can share one). */
  patternEntries: TermEntry[][];
  domainEntries: Map<string, { vendorIndex: number; term: string }[]>;
  contexts: VendorContext[];
}

/**
 * `items.map(fn)`, but always a packed array sized to fit. Optimised, V8's `map` builds holey arrays: the first
 * matcher's arrays came out packed and a later one's holey, and `find`, optimised on the packed ones, deopted
 * ("wrong map") and was compiled a second time. Pushing leaves spare slots; the copy drops them.
 */
function mapPacked<T, U>(items: readonly T[], fn: (item: T) => U): U[] {
  const out: U[] = [];
  for (const item of items) out.push(fn(item));
  return out.slice();
}

/** The watchlist's terms, domains and context words, in arrays sized to fit (pushing leaves spare slots). */
function indexWatchlist(vendors: Vendor[]): WatchlistIndex {
  const patternIndex = new Map<string, number>();
  const patternEntries: TermEntry[][] = [];
  const patterns: string[] = [];
  const domainEntries = new Map<string, { vendorIndex: number; term: string }[]>();
  const contexts: VendorContext[] = [];
  // One string per distinct token across the watchlist ("health", "systems" recur in thousands of names).
  const internedTokens = new Map<string, string>();
  const intern = (token: string): string => {
    const known = internedTokens.get(token);
    if (known !== undefined) return known;
    internedTokens.set(token, token);
    return token;
  };

  vendors.forEach((vendor, vendorIndex) => {
    const ownTokens = new Set<string>();
    const terms: { term: string; kind: 'name' | 'alias' | 'product' }[] = [
      { term: vendor.name, kind: 'name' },
      ...vendor.aliases.map((term) => ({ term, kind: 'alias' as const })),
      ...vendor.products.map((term) => ({ term, kind: 'product' as const })),
    ];
    // A product whose first word is coined and the rest everyday words ("MOVEit Transfer") is often written by
    // that first word alone ("MOVEit software").
    for (const product of vendor.products) {
      const words = product.trim().split(/\s+/u);
      const tokens = normaliseTerm(product).split(' ');
      if (words.length < 2 || tokens.length < 2) continue;
      const head = words[0] as string;
      if (tokeniseTerm(head).length !== 1 || (tokens[0] as string).length < 4) continue;
      if (!tokens.slice(1).every((t) => isCommonWord(t))) continue;
      if (!profileTerm(head, 'product').weak) terms.push({ term: head, kind: 'product' });
    }
    const seen = new Set<string>();
    for (const { term, kind } of terms) {
      const normalised = normaliseTerm(term);
      if (normalised.length === 0 || seen.has(normalised)) continue;
      seen.add(normalised);
      const profile = profileTerm(term, kind);
      profile.tokens = mapPacked(profile.tokens, intern);
      for (const token of normalised.split(' ')) ownTokens.add(token);
      const key = ` ${normalised} `;
      let index = patternIndex.get(key);
      if (index === undefined) {
        index = patterns.length;
        patternIndex.set(key, index);
        patterns.push(key);
        patternEntries.push([]);
      }
      (patternEntries[index] as TermEntry[]).push({ vendorIndex, term, kind, profile });
    }
    for (const domain of vendor.domains) {
      const key = domain
        .trim()
        .toLowerCase()
        .replace(/^www\./, '')
        .replace(/\.$/, '');
      if (key.length === 0) continue;
      const list = domainEntries.get(key) ?? [];
      if (!list.some((e) => e.vendorIndex === vendorIndex)) list.push({ vendorIndex, term: domain });
      domainEntries.set(key, list);
    }
    const contextTokens = new Set<string>();
    const contextSources = [vendor.name, ...vendor.aliases, vendor.category ?? '', vendor.parent ?? ''];
    for (const source of contextSources) {
      for (const token of tokeniseTerm(source)) {
        if (!isBackgroundWord(token) && !CORPORATE_WORDS.has(token) && leadingLegalSuffix([token]) === 0) {
          contextTokens.add(token);
        }
      }
    }
    // Arrays, not Sets: a vendor has a handful of these words, and 20,000 small Sets cost megabytes.
    contexts.push({ ownTokens: mapPacked([...ownTokens], intern), contextTokens: mapPacked([...contextTokens], intern) });
  });

  for (const [key, list] of domainEntries) domainEntries.set(key, list.slice());
  return { patterns, patternEntries: mapPacked(patternEntries, (entries) => entries.slice()), domainEntries, contexts };
}

export function createVendorMatcher(vendors: Vendor[], options: VendorMatcherOptions = {}): VendorMatcher {
  return new WatchlistMatcher(vendors, options);
}

/**
 * A class rather than a closure returned by the factory: every matcher then runs the one `find` on the prototype,
 * reading its state from `this`. A closure per matcher made V8 specialise `find`'s optimised code to the first
 * matcher's captured variables, and compile it afresh (200+ ms of CPU) for each matcher built after it.
 */
class WatchlistMatcher implements VendorMatcher {
  // Every field is set in the constructor, always in this order and with the same types: one shape for all
  // matchers, so the property loads in `find` stay monomorphic.
  private readonly vendors: Vendor[];
  private readonly maxTextChars: number;
  private readonly window: number;
  private readonly automaton: Automaton;
  private readonly patternEntries: TermEntry[][];
  /** Whether every term behind a pattern has a case rule, so a hit must be checked against the text's casing. */
  private readonly patternNeedsCase: boolean[];
  private readonly domainEntries: Map<string, { vendorIndex: number; term: string }[]>;
  private readonly contexts: VendorContext[];
  /** The watchlist's `not` names, or null when no vendor has any. */
  private readonly notNames: NotNameFilter | null;

  constructor(vendors: Vendor[], options: VendorMatcherOptions) {
    this.vendors = vendors;
    this.maxTextChars = options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
    this.window = options.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
    // Built apart so that what `find` keeps is only what it reads: the patterns' texts and their index are the
    // automaton's business once it is built (10,000 vendors make 23,000 of them).
    const index = indexWatchlist(vendors);
    this.automaton = buildAutomaton(index.patterns);
    this.patternEntries = index.patternEntries;
    this.patternNeedsCase = mapPacked(index.patternEntries, (entries) => !entries.some((e) => e.profile.caseRule === 'any'));
    this.domainEntries = index.domainEntries;
    this.contexts = index.contexts;
    this.notNames = createNotNameFilter(vendors);
  }

  find(input: string): VendorMention[] {
    const { vendors, maxTextChars, window, automaton, patternEntries, patternNeedsCase, domainEntries, contexts } = this;
    const text = input.length > maxTextChars ? input.slice(0, maxTextChars) : input;
    // The normalised text lives in a scratch buffer shared by all matchers; it stays valid through this call
    // (nothing here normalises another text: term lookups use their own buffer). The offset maps are read in the
    // two loops below; the codes, which the document reads lazily, are copied out.
    const normalised = normaliseTransient(text);
    const doc = new Document(text, normalised.codes.slice(0, normalised.length), window);
    const candidates: Candidate[] = [];

    const domainHits = findDomains(text, domainEntries);
    const raw = automaton.scan(normalised.codes, normalised.length);
    const usable: { pattern: number; start: number; end: number }[] = [];
    for (let k = 0; k < raw.count; k++) {
      const pattern = raw.pattern[k] as number;
      const match = { pattern, start: raw.start[k] as number, end: raw.end[k] as number };
      if (!patternNeedsCase[pattern]) {
        usable.push(match);
        continue;
      }
      const start = normalised.starts[match.start + 1] as number;
      const end = normalised.ends[match.end - 2] as number;
      // Most case-sensitive hits are lowercase everyday words ("change", "epic"): reject those without a slice.
      if (!hasUppercase(text, start, end)) {
        const entries = patternEntries[pattern] as TermEntry[];
        if (!entries.some((e) => e.profile.caseRule === 'any')) continue;
      }
      const surface = text.slice(start, end);
      const entries = patternEntries[pattern] as TermEntry[];
      if (entries.some((e) => satisfiesCase(e.profile.caseRule, surface, e.term))) usable.push(match);
    }
    let domainCursor = 0;
    for (const match of selectLeftmostLongest(usable, 1)) {
      const start = normalised.starts[match.start + 1] as number;
      const end = normalised.ends[match.end - 2] as number;
      while (domainCursor < domainHits.length && (domainHits[domainCursor] as DomainHit).end <= start) domainCursor++;
      const domain = domainHits[domainCursor];
      if (domain && domain.start < end) continue;
      const surface = text.slice(start, end);
      for (const entry of patternEntries[match.pattern] as TermEntry[]) {
        if (!satisfiesCase(entry.profile.caseRule, surface, entry.term)) continue;
        candidates.push({ entry, start, end, normStart: match.start, normEnd: match.end, surface });
      }
    }

    const mentions: VendorMention[] = [];
    const strongVendors = new Map<number, string>();
    for (const hit of domainHits) {
      for (const { vendorIndex, term } of hit.entries) {
        mentions.push({
          vendor: vendors[vendorIndex] as Vendor,
          term,
          kind: 'domain',
          start: hit.start,
          end: hit.end,
          strength: 'strong',
          accepted: true,
          reason: `domain ${term}`,
        });
        if (!strongVendors.has(vendorIndex)) strongVendors.set(vendorIndex, `domain ${term}`);
      }
    }

    // First the strong ones, so that weak mentions can lean on them.
    const weak: Candidate[] = [];
    // The words of each vendor's names the text uses in full ("Florence Virtual Nursing").
    const strongWords = new Map<number, Set<string>>();
    for (const candidate of candidates) {
      const { entry } = candidate;
      const suffixed = doc.legalSuffixAfter(candidate.normEnd);
      if (!entry.profile.weak || suffixed) {
        const reason = suffixed && entry.profile.weak ? `${entry.kind} "${entry.term}" with legal suffix` : `${entry.kind} "${entry.term}"`;
        mentions.push(toMention(candidate, 'strong', true, reason));
        if (!strongVendors.has(entry.vendorIndex)) strongVendors.set(entry.vendorIndex, `${entry.kind} "${entry.term}"`);
        const words = strongWords.get(entry.vendorIndex) ?? new Set<string>();
        for (const t of entry.profile.tokens) words.add(t);
        strongWords.set(entry.vendorIndex, words);
      } else {
        weak.push(candidate);
      }
    }

    // A weak term seen glued to another name anywhere ("Epic Games") tells what the text means by it.
    const foreignNames = new Map<string, string>();
    const foreignOrganisations = new Set<string>();
    const foreignOf = new Map<Candidate, string>();
    for (const candidate of weak) {
      const foreign = doc.foreignNeighbour(candidate, contexts[candidate.entry.vendorIndex] as VendorContext);
      if (foreign) {
        foreignOf.set(candidate, foreign);
        const key = candidate.entry.profile.tokens.join(' ');
        if (!foreignNames.has(key)) foreignNames.set(key, foreign);
        if (doc.namesOrganisationAfter(candidate.end)) foreignOrganisations.add(key);
      }
    }

    // A one-word alias the text uses as a town ("Bend, Ore.", "its stores in Bend") is that town wherever it stands
    // alone in this text, even beside the vendor's full name ("Bendwise"), unless that full name holds the word
    // ("Florence Virtual Nursing", then "Florence, SC" once): then only the town's own mentions are the town.
    const placeTerms = new Map<string, string>();
    const placeMentions = new Set<Candidate>();
    for (const candidate of weak) {
      if (candidate.entry.profile.tokens.length !== 1) continue;
      const key = candidate.entry.profile.tokens.join(' ');
      const after = text.slice(candidate.end, candidate.end + PLACE_CONTEXT_CHARS);
      const before =
        text
          .slice(Math.max(0, candidate.start - PLACE_CONTEXT_CHARS), candidate.start)
          .split('\n')
          .pop() ?? '';
      // "patients of Foresight's practice": a possessive makes it the company, whatever frames it.
      if (/^['’]s\b/.test(after)) continue;
      if (!PLACE_AFTER.pattern.test(after) && !PLACE_BEFORE.pattern.test(before)) continue;
      placeMentions.add(candidate);
      if (!placeTerms.has(key))
        placeTerms.set(
          key,
          text
            .slice(Math.max(0, candidate.start - 12), candidate.end + 8)
            .replace(/\s+/g, ' ')
            .trim(),
        );
    }

    const capitalisedCounts = new Map<string, number>();
    for (const candidate of weak) {
      if (/\p{Lu}/u.test(candidate.surface) && !doc.isSentenceStart(candidate.start) && !doc.inTitleLine(candidate.start)) {
        const key = `${candidate.entry.vendorIndex}:${candidate.entry.profile.tokens.join(' ')}`;
        capitalisedCounts.set(key, (capitalisedCounts.get(key) ?? 0) + 1);
      }
    }

    // Judge each weak mention on its own evidence; mentions with none may still follow an accepted one.
    const verdicts = new Map<Candidate, Verdict>();
    const acceptedVendors = new Map<number, string>(strongVendors);
    for (const candidate of weak) {
      const verdict = judgeWeak(candidate);
      verdicts.set(candidate, verdict);
      if (verdict.accepted && !acceptedVendors.has(candidate.entry.vendorIndex)) {
        acceptedVendors.set(candidate.entry.vendorIndex, `${candidate.entry.kind} "${candidate.entry.term}"`);
      }
    }
    for (const candidate of weak) {
      let verdict = verdicts.get(candidate) as Verdict;
      const { entry } = candidate;
      const what = `${entry.kind} "${entry.term}" (${entry.profile.ambiguity})`;
      if (!verdict.accepted && verdict.open) {
        const other = acceptedVendors.get(entry.vendorIndex);
        if (other) verdict = { accepted: true, open: false, reason: `as elsewhere in the text (${other})` };
      }
      const mention = toMention(candidate, 'weak', verdict.accepted, `${what} ${verdict.reason}`);
      const partOf = verdict.accepted ? undefined : foreignOf.get(candidate);
      mentions.push(partOf === undefined ? mention : { ...mention, partOf });
    }

    mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    return this.notNames ? this.notNames(text, mentions) : mentions;

    function judgeWeak(candidate: Candidate): Verdict {
      const { entry } = candidate;
      const foreign = foreignOf.get(candidate);
      if (foreign) return { accepted: false, open: false, reason: `is part of another name: "${foreign}"` };
      const place = placeTerms.get(entry.profile.tokens.join(' '));
      const shortForm = entry.profile.tokens.every((t) => strongWords.get(entry.vendorIndex)?.has(t));
      if (place && (!shortForm || placeMentions.has(candidate)))
        return { accepted: false, open: false, reason: `is a place in this text ("${place}")` };
      const corroboration = strongVendors.get(entry.vendorIndex);
      if (corroboration) return { accepted: true, open: false, reason: `corroborated by ${corroboration}` };
      const around = doc.windowTokens(candidate.normStart, candidate.normEnd);
      const elsewhere = foreignNames.get(entry.profile.tokens.join(' '));
      if (elsewhere) {
        // "Epic Hyperdrive" in a hospital story is a product this watchlist does not list, not another company:
        // plenty of healthcare words around this mention outweigh the compound seen elsewhere.
        // Not when the compound is itself an organisation's name ("Bloom Fertility Center"): then a bare "Bloom"
        // in the same healthcare story is that organisation's short name.
        const healthWords = new Set(around.filter(isHealthcareWord));
        const compoundIsOrganisation = foreignOrganisations.has(entry.profile.tokens.join(' '));
        if (healthWords.size >= 2 && entry.kind !== 'product' && !compoundIsOrganisation) {
          return {
            accepted: true,
            open: false,
            reason: `in healthcare context ("${[...healthWords].slice(0, 2).join('", "')}") despite "${elsewhere}"`,
          };
        }
        return { accepted: false, open: false, reason: `but the text means "${elsewhere}"` };
      }
      const context = contexts[entry.vendorIndex] as VendorContext;
      const own = around.find((t) => context.contextTokens.includes(t) && !entry.profile.tokens.includes(t));
      if (own) return { accepted: true, open: false, reason: `near "${own}"` };
      // A product named by an everyday word ("Edison", "Haiku") says nothing without its maker.
      if (entry.kind === 'product') return { accepted: false, open: true, reason: 'without its vendor in the text' };
      const cue = doc.organisationCue(candidate);
      if (cue === 'title') return { accepted: false, open: false, reason: 'used as a title or common noun ("the … said")' };
      // At a sentence start or in a title-case headline a capital says nothing ("Progress was slow"), unless
      // the words around it treat it as an organisation ("Premier said", "Olympus, the maker of …").
      const capitalsUninformative =
        entry.profile.ambiguity === 'everyday word' && (doc.isSentenceStart(candidate.start) || doc.inTitleLine(candidate.start));
      if (capitalsUninformative && !cue) return { accepted: false, open: true, reason: 'capitalised only by position' };
      const healthcare = around.find(isHealthcareWord);
      if (healthcare) return { accepted: true, open: false, reason: `in healthcare context ("${healthcare}")` };
      const key = `${entry.vendorIndex}:${entry.profile.tokens.join(' ')}`;
      const security = around.find((t) => SECURITY_WORDS.has(t));
      if (security && ((capitalisedCounts.get(key) ?? 0) >= 2 || cue)) {
        return {
          accepted: true,
          open: false,
          reason: cue ? `named as an organisation in a security story` : 'named repeatedly in a security story',
        };
      }
      return { accepted: false, open: true, reason: 'without corroboration' };
    }

    function toMention(candidate: Candidate, strength: 'strong' | 'weak', accepted: boolean, reason: string): VendorMention {
      return {
        vendor: vendors[candidate.entry.vendorIndex] as Vendor,
        term: candidate.entry.term,
        kind: candidate.entry.kind,
        start: candidate.start,
        end: candidate.end,
        strength,
        accepted,
        reason,
      };
    }
  }
}

interface Verdict {
  accepted: boolean;
  /** Rejected only for want of evidence: another accepted mention of the vendor may settle it. */
  open: boolean;
  reason: string;
}

/** How far before and after a one-word alias a place's frame ("stores in", ", Ore.") is read. */
const PLACE_CONTEXT_CHARS = 40;

interface Candidate {
  entry: TermEntry;
  start: number;
  end: number;
  normStart: number;
  normEnd: number;
  surface: string;
}

interface DomainHit {
  start: number;
  end: number;
  entries: { vendorIndex: number; term: string }[];
}

function isHostCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
}

function hasUppercase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) return true;
    if (code >= 128 && /\p{Lu}/u.test(text.charAt(i))) return true;
  }
  return false;
}

/**
 * Host names in text, URLs and e-mail addresses, matched on the vendor's domain or any subdomain of it. Found
 * from the dots outward (native indexOf) rather than with a regex tried at every character.
 */
function findDomains(text: string, domains: Map<string, { vendorIndex: number; term: string }[]>): DomainHit[] {
  const hits: DomainHit[] = [];
  if (domains.size === 0) return hits;
  let dot = text.indexOf('.');
  while (dot >= 0) {
    if (dot === 0 || !isHostCode(text.charCodeAt(dot - 1)) || !isHostCode(text.charCodeAt(dot + 1))) {
      dot = text.indexOf('.', dot + 1);
      continue;
    }
    let start = dot - 1;
    while (
      start > 0 &&
      (isHostCode(text.charCodeAt(start - 1)) || (text.charCodeAt(start - 1) === 0x2e && isHostCode(text.charCodeAt(start - 2))))
    )
      start--;
    let end = dot + 1;
    while (
      end < text.length &&
      (isHostCode(text.charCodeAt(end)) || (text.charCodeAt(end) === 0x2e && isHostCode(text.charCodeAt(end + 1))))
    )
      end++;
    const next = text.indexOf('.', end);
    // A host glued to other word characters ("xcarecloud.comx", "carecloud.comé") is not this one.
    const glued = (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) || (end < text.length && WORD_CHAR.test(text.charAt(end)));
    while (text.charCodeAt(start) === 0x2d) start++;
    while (end > start && text.charCodeAt(end - 1) === 0x2d) end--;
    if (!glued && end - start <= 253) {
      const labels = text.slice(start, end).toLowerCase().split('.');
      for (let k = 0; k < labels.length - 1; k++) {
        const entries = domains.get(labels.slice(k).join('.'));
        if (entries) {
          hits.push({ start, end, entries });
          break;
        }
      }
    }
    dot = next;
  }
  return hits;
}

/** Per-text lazily built views used to judge weak mentions. */
class Document {
  private tokenStarts: Int32Array | null = null;
  private tokenCount = 0;
  private readonly titleLines = new Map<number, boolean>();
  private readonly tokenCache = new Map<number, string>();
  private lineBreaks: number[] | null = null;

  constructor(
    private readonly text: string,
    /** The normalised text's codes, exactly as many as it has. */
    private readonly codes: Uint16Array,
    private readonly window: number,
  ) {}

  /** Whether a legal suffix follows the match ending at normalised offset `normEnd` ("Premier, Inc."). */
  legalSuffixAfter(normEnd: number): boolean {
    // Every legal suffix starts with one of these letters: most matches are settled without decoding a token.
    const next = this.codes[normEnd] ?? 0;
    if (!LEGAL_SUFFIX_INITIALS.has(next)) return false;
    const tokens = this.tokensFrom(normEnd - 1, 3);
    return leadingLegalSuffix(tokens) > 0;
  }

  /** Up to `count` normalised tokens starting at normalised offset `from` (a space). */
  private tokensFrom(from: number, count: number): string[] {
    const { codes } = this;
    const { length } = codes;
    const out: string[] = [];
    let i = from;
    while (out.length < count && i < length) {
      while (i < length && codes[i] === 0x20) i++;
      const begin = i;
      while (i < length && codes[i] !== 0x20) i++;
      if (i > begin) out.push(String.fromCharCode(...codes.subarray(begin, Math.min(i, begin + MAX_TOKEN_DECODE))));
    }
    return out;
  }

  private ensureTokens(): Int32Array {
    if (this.tokenStarts) return this.tokenStarts;
    const { codes } = this;
    const { length } = codes;
    const starts = new Int32Array(Math.max(1, length >> 1));
    let count = 0;
    for (let i = 1; i < length; i++) {
      if (codes[i] !== 0x20 && codes[i - 1] === 0x20) starts[count++] = i;
    }
    this.tokenStarts = starts;
    this.tokenCount = count;
    return starts;
  }

  /** Tokens within the window either side of the match [normStart, normEnd). */
  windowTokens(normStart: number, normEnd: number): string[] {
    const starts = this.ensureTokens();
    const first = this.tokenIndexAt(starts, normStart + 1);
    let last = this.tokenIndexAt(starts, normEnd - 1) - 1;
    if (last < first) last = first;
    const from = Math.max(0, first - this.window);
    const to = Math.min(this.tokenCount - 1, last + this.window);
    const out: string[] = [];
    for (let t = from; t <= to; t++) {
      if (t >= first && t <= last) continue;
      out.push(this.tokenText(t));
    }
    return out;
  }

  /** Mentions cluster, so their windows overlap: each token is decoded once per text. */
  private tokenText(t: number): string {
    const cached = this.tokenCache.get(t);
    if (cached !== undefined) return cached;
    const starts = this.tokenStarts as Int32Array;
    const { codes } = this;
    const { length } = codes;
    const begin = starts[t] as number;
    let end = begin;
    while (end < length && end < begin + MAX_TOKEN_DECODE && codes[end] !== 0x20) end++;
    const token = String.fromCharCode(...codes.subarray(begin, Math.min(end, begin + MAX_TOKEN_DECODE)));
    this.tokenCache.set(t, token);
    return token;
  }

  /** Index of the first token starting at or after normalised offset `offset`. */
  private tokenIndexAt(starts: Int32Array, offset: number): number {
    let lo = 0;
    let hi = this.tokenCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  isSentenceStart(start: number): boolean {
    let i = start - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t' || '"“‘\'([«'.includes(this.text[i] as string))) i--;
    if (i < 0) return true;
    return '\n\r.!?:;|•–—-'.includes(this.text[i] as string);
  }

  private ensureLineBreaks(): number[] {
    if (this.lineBreaks) return this.lineBreaks;
    const breaks: number[] = [];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) breaks.push(i);
    this.lineBreaks = breaks;
    return breaks;
  }

  /** Whether the line holding `offset` is a headline in title case, where capitals say nothing. */
  inTitleLine(offset: number): boolean {
    const breaks = this.ensureLineBreaks();
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    const lineStart = lo > 0 ? (breaks[lo - 1] as number) + 1 : 0;
    const cached = this.titleLines.get(lineStart);
    if (cached !== undefined) return cached;
    const lineEnd = lo < breaks.length ? (breaks[lo] as number) : this.text.length;
    const words = this.text.slice(lineStart, Math.min(lineEnd, lineStart + 2000)).match(/\p{L}{4,}/gu) ?? [];
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    const result = words.length >= 2 && capitalised / words.length >= 0.7;
    this.titleLines.set(lineStart, result);
    return result;
  }

  /**
   * The compound name a weak mention is part of ("Epic Games", "Blue Quest"), or null: a capitalised word right
   * next to it, on the same line, that is not one of the vendor's own words, a function word or a legal suffix.
   */
  foreignNeighbour(candidate: Candidate, context: VendorContext): string | null {
    const next = this.wordAfter(candidate.end);
    // A headline capitalises every word, so a capital after the mention there says nothing, unless the words after
    // it name a kind of organisation ("3. Pharos Marine Underwriters hit by ransomware").
    if (this.inTitleLine(candidate.start))
      return next && this.isForeignWord(next, context) && this.namesOrganisationAfter(candidate.end)
        ? `${candidate.surface} ${next}`
        : null;
    if (next && this.isForeignWord(next, context)) return `${candidate.surface} ${next}`;
    if (!this.isSentenceStart(candidate.start)) {
      const prev = this.wordBefore(candidate.start);
      if (prev && this.isForeignWord(prev, context)) return `${prev} ${candidate.surface}`;
    }
    return null;
  }

  /**
   * Whether the capitalised words after a position name a kind of organisation ("… Fertility Center",
   * "… Home Medical Equipment"), which makes the whole run another organisation's name.
   */
  namesOrganisationAfter(end: number): boolean {
    const run = /^(?:[ \t]+(?:&[ \t]+)?\p{Lu}[\p{L}'’.-]*){1,4}/u.exec(this.text.slice(end, end + 80));
    if (!run) return false;
    return run[0].split(/[ \t&]+/u).some((word) => ORGANISATION_KIND_WORDS.has(word.toLowerCase().replace(/[.'’-]+$/u, '')));
  }

  /**
   * Whether the words next to a mention treat it as an organisation: a reporting verb or a corporate noun after it
   * ("Premier said", "Ascension hospitals"), a possessive, or an apposition ("Olympus, the maker of …"). 'title'
   * when a determiner before and a verb after make it a title or common noun ("the Premier said").
   */
  organisationCue(candidate: Candidate): 'cue' | 'title' | null {
    const after = this.text.slice(candidate.end, candidate.end + 12);
    if (/^['’]s\b/u.test(after)) return 'cue';
    if (/^,\s+(?:the|a|an)\s/iu.test(after)) return 'cue';
    const next = this.wordAfter(candidate.end);
    if (!next || !ORGANISATION_CUES.has(next.toLowerCase())) return null;
    const prev = this.wordBefore(candidate.start);
    if (prev && DETERMINERS.has(prev.toLowerCase()) && REPORTING_VERBS.has(next.toLowerCase())) return 'title';
    return 'cue';
  }

  private isForeignWord(word: string, context: VendorContext): boolean {
    if (!/^\p{Lu}/u.test(word)) return false;
    if (/['’]s$/u.test(word)) return false;
    const tokens = tokeniseTerm(word);
    const first = tokens[0];
    if (!first) return false;
    if (context.ownTokens.includes(first) || FUNCTION_WORDS.has(first) || DESCRIPTIVE_WORDS.has(first)) return false;
    if (ROLE_NOUN.pattern.test(word)) return false;
    if (leadingLegalSuffix(tokens) > 0) return false;
    return true;
  }

  private wordAfter(end: number): string | null {
    let i = end;
    while (i < this.text.length && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    if (i === end || i >= this.text.length) return null;
    WORD_AFTER.lastIndex = i;
    const m = WORD_AFTER.exec(this.text);
    return m ? m[0].replace(/[.'’-]+$/u, '') : null;
  }

  private wordBefore(start: number): string | null {
    let i = start - 1;
    while (i >= 0 && (this.text[i] === ' ' || this.text[i] === '\t')) i--;
    if (i === start - 1 || i < 0) return null;
    const end = i + 1;
    const floor = Math.max(0, end - MAX_NEIGHBOUR_CHARS);
    while (i >= floor && /[\p{L}\p{N}&'’.-]/u.test(this.text[i] as string)) i--;
    const word = this.text.slice(i + 1, end).replace(/^[.'’-]+/u, '');
    return word.length > 0 ? word : null;
  }
}

export interface WeakTerm {
  vendor: string;
  term: string;
  kind: 'name' | 'alias' | 'product';
  /** Why it needs corroboration: "everyday word", "short acronym", … */
  why: string;
}

/** The watchlist terms the matcher accepts only with corroboration, for `watchlist check` to show. */
export function listWeakTerms(vendors: Vendor[]): WeakTerm[] {
  const out: WeakTerm[] = [];
  for (const vendor of vendors) {
    const terms: [string, 'name' | 'alias' | 'product'][] = [
      [vendor.name, 'name'],
      ...vendor.aliases.map((a): [string, 'alias'] => [a, 'alias']),
      ...vendor.products.map((p): [string, 'product'] => [p, 'product']),
    ];
    for (const [term, kind] of terms) {
      // Written in full with its legal suffix ("Premier Inc.") a term is strong; its bare form is listed apart.
      if (normaliseTerm(term).length === 0 || trailingLegalSuffix(tokeniseTerm(term)) > 0) continue;
      const profile = profileTerm(term, kind);
      if (profile.weak) out.push({ vendor: vendor.name, term, kind, why: profile.ambiguity });
    }
  }
  return out;
}
