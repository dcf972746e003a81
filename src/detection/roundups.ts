import type { OrgCandidate } from './organisations.js';
import type { Rule } from './rule.js';
import type { PreparedArticle } from './text.js';
import { ORGANISATION } from './weights.js';

// Step 6 of who was breached (class 9 of issue 15): a roundup of separate incidents ("Beta and Delta report separate
// hacks", a weekly digest) says its incidents are unrelated, and each party is tied to its own incident in sentences
// that do not name the primary. organisations.ts asks these after choosing the primary.
export const ROUNDUP: Rule = {
  label: 'class 9: a roundup of separate incidents',
  pattern:
    /\b(?:separately\b|separate (?:[\w-]+ )?(?:incidents?|breach(?:es)?|attacks?|hacks?|intrusions?|cyber-?attacks?|items|stories|reports|filings)|unrelated|in other (?:news|incidents|breaches)|round-?up|digest|this week in|(?:week|month|year) in (?:review|breaches|security)|in another (?:incident|breach|attack)|elsewhere,|meanwhile,|also (?:this week|on (?:monday|tuesday|wednesday|thursday|friday))|nothing to do with each other|(?:two|three|four|five|several) (?:separate |unrelated )?(?:items|stories) this week)\b/i,
  example: 'Two clinics report separate hacks',
  counterExample: 'The clinic reported a hack',
};

/** A numbered issue of a newsletter ("Triage Brief #87: …", "Issue 212"): several stories, whatever its headings. */
const ISSUE = /(?:^|\s)#\d{1,4}\b|\bissue\s+#?\d{1,4}\b/i;
function isIssue(prepared: PreparedArticle): boolean {
  return prepared.sentences.some((s) => s.zone !== 'body' && ISSUE.test(s.text));
}

/** Headings of a numbered list ("1) Messaging vendor suits consolidated"): a newsletter's items, each its own story. */
function numberedItems(prepared: PreparedArticle): number {
  // A heading ("2) Plan tally grows") or a paragraph that opens with its number ("1) GATEWAY: N, the …"): text.ts marks
  // both as items.
  return prepared.sentences.filter((s) => s.item).length;
}

/** Where the story first tells of a candidate, past its headline: sentence order, then place in the sentence. */
export function firstTold(prepared: PreparedArticle, c: OrgCandidate): number {
  for (const s of prepared.sentences) {
    if (s.zone === 'title' || !c.sentences.has(s.order)) continue;
    const at = Math.min(...[...c.forms].map((f) => s.text.indexOf(f)).filter((i) => i >= 0));
    return s.order * 10_000 + (Number.isFinite(at) ? at : 0);
  }
  return Number.MAX_SAFE_INTEGER;
}

/** Step 6. The breached parties of the other incidents a roundup reports; [] for a story of one incident. */
export function separateIncidents(prepared: PreparedArticle, ranked: OrgCandidate[], primary: OrgCandidate | null): OrgCandidate[] {
  if (!primary || !(prepared.sentences.some((s) => ROUNDUP.pattern.test(s.text)) || numberedItems(prepared) >= 2 || isIssue(prepared)))
    return [];
  const out: OrgCandidate[] = [];
  for (const c of ranked) {
    // A vendor a phrase made a platform can still have an incident of its own in a roundup ("SonicWall said attackers
    // broke into its MySonicWall cloud service"): its own bound sentences decide.
    if (c === primary || c.affected || (c.platform && !c.vendor) || c.outlet || out.length >= ORGANISATION.maxSeparateIncidents) continue;
    // A name only a Title Case headline gave ("That Reached Your") is a guess, not a party.
    if (![...c.sentences].some((order) => prepared.sentences.find((s) => s.order === order)?.zone !== 'title')) continue;
    // Its own incident: a strong bind in a sentence that does not name the primary (nor any party already taken).
    const own = [...c.boundSentences].some((order) => !primary.sentences.has(order) && !out.some((o) => o.sentences.has(order)));
    if (own) out.push(c);
  }
  return out;
}
