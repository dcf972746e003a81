// Whether a teaser is worth reading in full: a breach cue, a watchlist vendor, a health cue, or the organisation of an
// incident already known. This is a pre-filter that decides a page request, not a detection rule: it is meant to be
// broader than the detector (a teaser that leaves the story unsaid often has no breached party yet, so the detector
// calls it "not a breach"), and a wrong "yes" costs one request. Items with no signal at all are never fetched.

import type { Detection } from '../core/types.js';

/**
 * Words reporting that something was broken into or taken. Deliberately stems and plain words: a teaser is read
 * for whether its page may report a breach, not for whether it does.
 */
const BREACH_CUE =
  /\b(?:breach\w*|hack(?:s|ed|ers?|ing)?|ransomware|extort\w*|cyber-?\s?(?:attack|incident|intrusion|event)\w*|(?:security|data|network|privacy) (?:incident|event|exposure)s?|data (?:theft|leak|exposure)|leak(?:s|ed)?|stolen|stole|exfiltrat\w*|unauthori[sz]ed (?:access|party|parties|actor|individual|third part\w+)|compromised?|intrusions?|threat actors?|attackers?|malicious (?:activity|actor)|exposed (?:data|records|information|files)|encrypted (?:systems|files|servers)|outage|disrupt\w*|notif(?:y|ies|ied|ying) (?:patients|customers|individuals|members|employees)|8-K|Item 1\.05)\b/i;

/** Words placing a story in healthcare (the sector the watchlist serves). */
const HEALTH_CUE =
  /\b(?:health\w*|hospitals?|patients?|medical|clinic(?:s|al)?|physicians?|pharmac\w+|HIPAA|PHI|protected health information|HHS|OCR|Medicare|Medicaid|insurers?|health plans?|dental|laborator(?:y|ies)|radiology|imaging|EHR|EMR|electronic (?:health|medical) records?|billing)\b/i;

/** One phrase for `why`: what the teaser shows. Null when nothing does. */
export type SignalFinder = (title: string, text: string, teaserDetection: Detection) => string | null;

/**
 * Builds the finder for one cycle. `knownOrganisations` are the breached organisations and vendors of incidents
 * already stored: a teaser naming one may carry the next fact or source of a known incident.
 */
export function createSignalFinder(knownOrganisations: readonly string[]): SignalFinder {
  const known = knownOrganisationFinder(knownOrganisations);
  return (title, text, detection) => {
    const both = `${title}\n${text}`;
    const vendor = detection.vendors[0];
    if (vendor) return `watchlist vendor ${vendor.name}`;
    if (detection.breach) return 'breach report';
    const cue = BREACH_CUE.exec(both);
    if (cue) return `breach cue "${cue[0]}"`;
    const organisation = known(both);
    if (organisation) return `organisation of a known incident (${organisation})`;
    if (detection.healthcare) return 'healthcare story';
    const health = HEALTH_CUE.exec(both);
    if (health) return `health cue "${health[0]}"`;
    return null;
  };
}

/** Organisation names shorter than this are too often ordinary words or initials to mean the organisation. */
const MIN_ORGANISATION_CHARS = 3;
const MAX_KNOWN = 5_000;

/** Finds the first known organisation named in a text, as a whole word and with its own capitalisation. */
function knownOrganisationFinder(names: readonly string[]): (text: string) => string | null {
  const distinct = [...new Set(names.map((name) => name.trim()).filter((name) => name.length >= MIN_ORGANISATION_CHARS))].slice(
    0,
    MAX_KNOWN,
  );
  // Most texts name none of them: one pass of includes() per name is cheap; the word check runs on hits only.
  return (text) => {
    for (const name of distinct) {
      let at = text.indexOf(name);
      while (at !== -1) {
        const before = text.charAt(at - 1);
        const after = text.charAt(at + name.length);
        if (!isWordChar(before) && !isWordChar(after)) return name;
        at = text.indexOf(name, at + 1);
      }
    }
    return null;
  };
}

function isWordChar(char: string): boolean {
  return char !== '' && /[\p{L}\p{N}_]/u.test(char);
}
