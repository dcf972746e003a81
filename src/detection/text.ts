import type { Article } from '../core/types.js';

// Turns a page opening (menus, bylines, captions, repeated headlines, teasers about other stories) into the
// sentences that carry the story. Everything downstream (matching, cues, facts, summary) reads only these, so a
// teaser about another incident can trigger nothing.

/** Caps keep a hostile or huge feed entry from costing more than a normal one. */
const MAX_TITLE_CHARS = 500;
const MAX_TEXT_CHARS = 20_000;

export type SentenceZone = 'title' | 'lead' | 'body';

export interface Sentence {
  text: string;
  zone: SentenceZone;
  /** Order among the story's sentences (title is 0). */
  order: number;
  /** True for a subhead: counts for matching and cues, never for the summary or facts. */
  heading: boolean;
  /**
   * Opens an item of the page's own list ("1) GATEWAY: …", "INSURANCE | …", a heading "3. N sued"); a paragraph's
   * number and label are cut from `text`, a heading keeps its own.
   */
  item?: boolean;
}

export interface PreparedArticle {
  id: string;
  title: string;
  sentences: Sentence[];
  /** Title and story sentences joined by newlines: the text vendor matching runs on. */
  mainText: string;
  /** The outlet, when known (its name in the text is a byline, not a party). */
  source: string | null;
  /** YYYY-MM-DD from the article, or from a date line at the top of the page when the field is empty. */
  published: string | null;
  droppedLines: number;
  /** The page has a section that tells the incident ("What happened", "Cybersecurity incident"): a notice or filing. */
  incidentSection: boolean;
}

const LEAD_SENTENCES = 4;
const ITEM_LEAD_SENTENCES = 3;

// Lines a fetcher meets around every story: navigation, bylines, credits, promos, share widgets.
const BOILERPLATE: RegExp[] = [
  // An 8-K's cover page: the form's own furniture, before the item that tells the incident.
  /^(?:united states\s+securities and exchange commission|washington,? d\.?c\.?\s+\d{5}|form 8-k(?:\/a)?|current report(?: pursuant to[^.]*)?|pursuant to section 13 or 15\(d\)|\(exact name of registrant|date of report \(date of earliest event reported\)|\(amendment no\.?\s*\d+\)|commission file number|check the appropriate box|\(state or other jurisdiction|explanatory note\b)/i,
  // A class-action notice's legal furniture ("Case No. 3:24-cv-00418", "A federal court authorized this notice.").
  /^(?:case no\.?\s*[\d:]|civil action no\.|an? (?:federal|state|u\.s\.|district|superior) court (?:has )?(?:authorized|approved|ordered) this notice|this is not a solicitation from a lawyer|you are not being sued)/i,
  /^(image|photo|picture|credit|caption|source|illustration)s?\s*(credit|courtesy)?\s*[:(]/i,
  /^(image|photo)s? courtesy of\b/i,
  /\b(getty images|shutterstock|istockphoto|alamy|ap photo)\b/i,
  /^\(?photo:/i,
  /^\[?(related|see also|read more|also read|read also|more from|recommended|trending|most read|you may also like|popular)\s*[:\]]/i,
  /^(related|see also|read more|also read|more stories|recommended|trending now|most popular|latest news|you might also like)$/i,
  /©/,
  /^(original source|source of article|canonical|retrieved|publisher|author|written by|by)\s*:/i,
  /\bis the (top|leading|premier|number one|no\.? ?1) source of\b/i,
  /\bas your preferred source\b/i,
  /^(loading|advertisement|sponsored|ad)\W*$/i,
  /^(no items in menu|hello, what are you searching for|connect with us|jump to main content|copied link to clipboard)\W*$/i,
  /^(toll-free|phone|tel|fax|e-?mail)\s*[:|]/i,
  /^reading time\b/i,
  // A breadcrumb ("Home > News"): navigation, never a heading that the story under it would be filed below.
  /^(home|start|inicio|início|accueil|startseite|homepage)\s*[>»›/|]/i,
  /^posted:?\s/i,
  /^(link to issue|this issue's contents|navigate|page \d+|p\. \d+ of \d+)\b/i,
  /^https?:\/\/\S+$/i,
  /^!\[.*\]\(.*\)$/,
  /^- \[.*\]\(https?:.*\)$/,
];

// Words that make a line a "read this next" marker: the heading after it belongs to another story.
const TEASER_MARKER = /^(related|see also|read more|also read|more stories|recommended|trending|most read|up next|more on this)\W*$/i;

// Instructions addressed to a language model are data like any other text, but they never describe an incident:
// dropping them keeps them out of every decision, fact and summary.
const PROMPT_LIKE =
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|any|your)\b.{0,30}\b(instructions?|prompts?|rules|directives)\b|\b(system prompt|you are (now )?(an? )?(ai|assistant|language model|chatbot)|as an ai\b|new instructions?:|assistant:|\bclassify this (article|story) as\b|\bmark this (article|story|item) as\b|output (only|the following))/i;

const ABBREVIATIONS =
  /\b(?:U\.S|U\.K|Inc|Ltd|Corp|Co|Dr|Mr|Mrs|Ms|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|vs|approx|est|Gov|Sen|Rep|Jr|Sr|Mt|Ft|Ave|Dept|Univ|N\.Y|D\.C|N\.J|Ill|Calif|Mass|Pa|Ala|Kan|Fla|Wash|Tenn|Ind|Mich|Minn|Mo|Va|Ariz|Colo|Conn|Ga|Ky|La|Md|Nev|Okla|Ore|Wis)\.$/;

// Zero-width characters and soft hyphens sit inside words ("Care\u200bCloud"): they are deleted, never read as a
// space, or the word would split and its vendor go unmatched. Bidi controls reorder what a reader sees and carry
// no text of their own.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Most lines hold none of these: one test saves three replacements.
const NEEDS_SPACE_WORK = /[\u00a0\u00ad\u2000-\u200f\u202a-\u202f\u205f\u2060-\u2064\u2066-\u2069\u3000\ufeff\t]| {2}/;

export function normaliseSpace(text: string): string {
  if (!NEEDS_SPACE_WORK.test(text)) return text.trim();
  return text
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

// Markdown images say nothing about the story (their alt text is a caption, and a caption's words are no facts);
// a link reads as its label.
const MD_IMAGE = /!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}(?:\s+"[^"\n]{0,300}")?\)/g;
const MD_LINK = /\[([^\]\n]{1,300})\]\([^)\s]{0,2000}(?:\s+"[^"\n]{0,300}")?\)/g;

function stripMarkdownLinks(text: string): string {
  if (!text.includes('](')) return text;
  return text.replace(MD_IMAGE, ' ').replace(MD_LINK, '$1');
}

/** Longer "sentences" (pages without full stops) are cut, so every pattern runs on bounded input. */
export const MAX_SENTENCE_CHARS = 1000;

function capLength(sentence: string): string[] {
  if (sentence.length <= MAX_SENTENCE_CHARS) return [sentence];
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_SENTENCE_CHARS);
    const at = cut > MAX_SENTENCE_CHARS / 2 ? cut : MAX_SENTENCE_CHARS;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

function splitSentences(line: string): string[] {
  const out: string[] = [];
  // Candidate breaks: end punctuation, optional closing quote/bracket, whitespace, then an opening character.
  const re = /([.!?…]["”’)\]]*)\s+(?=["“‘(]?[A-Z0-9À-Ý])/g;
  let start = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(line)) !== null) {
    const end = match.index + match[1]!.length;
    const candidate = line.slice(start, end);
    // "U.S." or "Jan." followed by a capital is rarely the end of a sentence.
    if (ABBREVIATIONS.test(candidate) || /\b[A-Z]\.$/.test(candidate)) continue;
    out.push(candidate.trim());
    start = re.lastIndex;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0).flatMap(capLength);
}

const WORD_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}&'’-]*/gu;

/** Lower-case word tokens, for overlap tests. */
function wordTokens(text: string): string[] {
  return text.toLowerCase().match(WORD_TOKEN) ?? [];
}

const STOP = new Set(
  'a an the of to in on at for by with and or but is are was were be been has have had its it this that from as after over into about says said new how why what who than more'.split(
    ' ',
  ),
);

/** Whether a content word of the text (no stop word, three letters or more) is one of `subject`. */
function sharesContentToken(text: string, subject: Set<string>): boolean {
  // Token by token, so a block that names the subject early is not tokenised to its end.
  const lower = text.toLowerCase();
  WORD_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_TOKEN.exec(lower)) !== null) {
    const t = m[0];
    if (t.length > 2 && !STOP.has(t) && subject.has(t)) {
      WORD_TOKEN.lastIndex = 0;
      return true;
    }
  }
  return false;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/** A test for "this line is just the headline again" (pages repeat it in breadcrumbs, cards and share bars). */
export function repeatTest(title: string): (line: string) => boolean {
  const titleTokens = wordTokens(title);
  const b = titleTokens.join(' ');
  const titleSet = new Set(titleTokens);
  return (line) => {
    if (!b) return false;
    // Cheap length check first: most lines are not near the title's length.
    if (line.length < title.length * 0.5 || line.length > title.length * 1.6) return false;
    const tokens = wordTokens(line);
    const a = tokens.join(' ');
    if (!a) return false;
    if (a === b) return true;
    if (a.length < b.length * 0.6 || a.length > b.length * 1.4) return false;
    return a.includes(b) || b.includes(a) || overlap(new Set(tokens), titleSet) > 0.9;
  };
}

function isHeadingLike(line: string): boolean {
  if (/[.!?:;"”’)…]$/.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words <= 18;
}

// One pattern for all boilerplate lines: a line is tested once, not once per kind of noise.
const BOILERPLATE_ANY = new RegExp(BOILERPLATE.map((re) => `(?:${re.source})`).join('|'), 'i');

// Words of a site's own furniture. Only a short line is furniture for them: a story sentence may well say that an
// attacker "used a stolen login" or planted a cookie.
const FURNITURE_WORDS =
  /\b(subscribe|newsletter|sign up|log in|login|cookie|privacy policy|terms of (service|use)|all rights reserved|copyright|skip to (main )?content|follow us|share this|share on|click here|download the|instant, no-cost download)\b/i;
const FURNITURE_LINE_CHARS = 140;

function isBoilerplate(line: string): boolean {
  if (line.length < 2) return true;
  if (line.length < 400 && PROMPT_LIKE.test(line)) return true;
  if (line.length < FURNITURE_LINE_CHARS && FURNITURE_WORDS.test(line)) return true;
  return line.length < 300 && BOILERPLATE_ANY.test(line);
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const DATE_LINE = new RegExp(
  `^(?:[a-z]+,?\\s+)?(?:(${MONTHS})[a-z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})|(\\d{1,2})\\s+(${MONTHS})[a-z]*\\.?,?\\s+(\\d{4}))\\b.{0,60}$`,
  'i',
);

function dateFromLine(line: string): string | null {
  const m = DATE_LINE.exec(line.replace(/^[_*•\s]+/, ''));
  if (!m) return null;
  const monthName = (m[1] ?? m[5] ?? '').toLowerCase().slice(0, 3);
  const month = MONTHS.split('|').indexOf(monthName) + 1;
  const day = Number(m[2] ?? m[4]);
  const year = Number(m[3] ?? m[6]);
  if (month < 1 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Block {
  lines: string[];
  heading: string | null;
  /** The heading came right after a "Related" / "Read more" marker. */
  teaser?: boolean;
}

/** Subject words of the story: what a paragraph must share to belong to it. */
function subjectTokens(title: string, lines: string[]): Set<string> {
  const tokens = new Set<string>();
  const capitalised = (text: string) => text.match(/\b[A-Z][\p{L}\p{N}&-]{2,}/gu) ?? [];
  for (const t of capitalised(title)) tokens.add(t.toLowerCase());
  // The most frequent capitalised word of the page's opening names the subject when the title is generic.
  const counts = new Map<string, number>();
  for (const line of lines.slice(0, 12)) {
    for (const t of capitalised(line)) {
      const k = t.toLowerCase();
      if (!STOP.has(k)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  for (const [k, n] of top) if (n >= 2) tokens.add(k);
  return tokens;
}

export function prepareArticle(article: Article): PreparedArticle {
  const title = withoutSiteName(
    normaliseSpace(stripMarkdownLinks(article.title.slice(0, MAX_TITLE_CHARS))).replace(/^#+\s*/, ''),
    article.source ?? null,
  );
  // Phases in functions of their own: each compiles on its own and early, and a rare page shape met late
  // recompiles one phase rather than the whole preparation.
  const page = keptLines(pageLines(article.text), title, article.published ?? null);
  const story = storyLinesOf(page.kept, page.teaserHeadings, title);
  const split = sentencesOf(title, story.lines);
  const dropped = page.dropped + story.dropped + split.dropped;
  const mainText = split.sentences.map((s) => s.text).join('\n');
  return {
    id: article.id,
    title,
    sentences: split.sentences,
    mainText,
    source: article.source ?? null,
    published: page.published,
    droppedLines: dropped,
    incidentSection: story.lines.some((line) => line.leadAgain === true),
  };
}

/**
 * A page title is often "Site | Headline" or "Headline | Site": the site's name (the article's source) is no part of
 * the headline, and read as one it would make the outlet the story's subject.
 */
function withoutSiteName(title: string, source: string | null): string {
  if (!source) return title;
  const site = siteKey(source);
  if (!site) return title;
  // "The Breach Sheet #187: card skimmer at…": a newsletter's name and issue number open its headline.
  const issue = ISSUE_PREFIX.exec(title);
  if (issue && siteKey(issue[1]!) === site && issue[0].length < title.length) title = title.slice(issue[0].length);
  if (!/\s[|–—]\s/.test(title)) return title;
  const parts = title.split(/\s[|–—]\s/);
  if (parts.length < 2) return title;
  const kept = parts.filter((p) => siteKey(p) !== site);
  return kept.length > 0 && kept.length < parts.length ? kept.join(' | ') : title;
}

/** A title opening with a name, an issue number and a colon ("The Monitor Minute #112: "). */
const ISSUE_PREFIX = /^(.{3,60}?)\s+(?:#|No\.\s*|Issue\s+|Vol\.\s*\d+,?\s*(?:No\.\s*)?)\d{1,5}\s*[:–—-]\s+/i;

function siteKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The page's lines, bullets, heading marks and underscores stripped and spaces normalised. */
function pageLines(text: string): string[] {
  return (
    text
      .slice(0, MAX_TEXT_CHARS)
      .split(/\r?\n/)
      // "Software.It confirmed": a lost space after a full stop would glue two sentences and two names together.
      .map((l) => (l.includes('.') ? l.replace(/(\p{Ll}{2})\.(\p{Lu}\p{Ll})/gu, '$1. $2') : l))
      .map((l) =>
        normaliseSpace(
          l
            .replace(/^\s*(?:[•▪◦●▼►*]|[-–—](?=\s))\s*/, '')
            .replace(/^#+\s*/, '')
            .replace(/^_+|_+$/g, ''),
        ),
      )
  );
}

interface KeptLines {
  kept: string[];
  /** Indexes in `kept` of headings that came right after a "Related" marker. */
  teaserHeadings: Set<number>;
  published: string | null;
  dropped: number;
}

/** The lines that can be story: date lines, teaser markers, boilerplate and repeated headlines dropped. */
function keptLines(rawLines: string[], title: string, articlePublished: string | null): KeptLines {
  let published = articlePublished;
  let dropped = 0;
  const kept: string[] = [];
  let skipNextHeading = false;
  const teaserHeadings = new Set<number>();
  const isTitleRepeat = repeatTest(title);
  for (const [i, line] of rawLines.entries()) {
    if (!line) continue;
    if (!published && i < 8) {
      const d = dateFromLine(line);
      if (d) {
        published = d;
        dropped += 1;
        continue;
      }
    }
    if (TEASER_MARKER.test(line)) {
      skipNextHeading = true;
      dropped += 1;
      continue;
    }
    if (skipNextHeading && isHeadingLike(line)) {
      // The teaser's standfirst under it goes too when it is about another story (judged with the blocks below).
      skipNextHeading = false;
      teaserHeadings.add(kept.length);
      kept.push(normaliseSpace(stripMarkdownLinks(line)));
      continue;
    }
    skipNextHeading = false;
    if (isBoilerplate(line) || isTitleRepeat(line) || dateFromLine(line)) {
      dropped += 1;
      continue;
    }
    // Stripped after the boilerplate tests, which know a line that is only an image or a link list.
    const plain = line.includes('](') ? normaliseSpace(stripMarkdownLinks(line)) : line;
    if (plain) kept.push(plain);
  }
  return { kept, teaserHeadings, published, dropped };
}

/** The lines of the story, each under the heading before it; teaser cards about other stories dropped. */
function storyLinesOf(kept: string[], teaserHeadings: Set<number>, title: string): { lines: StoryLine[]; dropped: number } {
  let dropped = 0;
  // Group lines under the heading-like line before them; an off-topic heading with a short standfirst is a teaser
  // card for another story.
  const subject = subjectTokens(
    title,
    kept.filter((_, i) => !teaserHeadings.has(i)),
  );
  const blocks: Block[] = [{ lines: [], heading: null }];
  for (const [i, line] of kept.entries()) {
    if (teaserHeadings.has(i)) blocks.push({ lines: [], heading: line, teaser: true });
    else if (isHeadingLike(line)) blocks.push({ lines: [], heading: line });
    else blocks[blocks.length - 1]!.lines.push(line);
  }
  // A page with two or more capitalised section labels ("FOLLOW-UPS", "ALSO BREACHED") is a newsletter: its labelled
  // sections are its own items, however little they share with the title.
  const isSectionLabel = (heading: string | null): heading is string =>
    heading !== null && !NOTICE_SECTION.test(heading.trim()) && /\p{Lu}/u.test(heading) && heading === heading.toUpperCase();
  const labelledSections = blocks.filter((b) => !b.teaser && isSectionLabel(b.heading) && b.lines.join(' ').length >= 80).length;
  const storyLines: StoryLine[] = [];
  for (const [i, block] of blocks.entries()) {
    const body = block.lines.join(' ');
    const all = `${block.heading ?? ''} ${body}`;
    const onTopic = sharesContentToken(all, subject);
    // A breach notice's own sections ("What happened", "What we are doing") are the story, never a teaser card.
    const noticeSection = block.heading !== null && NOTICE_SECTION.test(block.heading.trim());
    // A numbered heading ("2) Plan tally grows") is an item of the page's own list (a newsletter), not a teaser.
    const numberedItem = block.heading !== null && NUMBERED_HEADING.test(block.heading.trim());
    const newsletterSection = labelledSections >= 2 && !block.teaser && isSectionLabel(block.heading) && body.length >= 80;
    // Teaser cards follow the story: the first block of prose under a masthead or letterhead is the story itself.
    const opensStory =
      body.length >= STORY_OPENING_CHARS &&
      /\p{Ll}[.!?](?:\s|$)/u.test(body) &&
      !body.includes(' | ') &&
      !storyLines.some((l) => !l.heading && l.text.length >= STORY_OPENING_CHARS);
    const teaser =
      i > 0 &&
      !opensStory &&
      block.heading !== null &&
      !onTopic &&
      !noticeSection &&
      !numberedItem &&
      !newsletterSection &&
      body.length < 400;
    if (teaser) {
      dropped += 1 + block.lines.length;
      continue;
    }
    if (block.teaser) {
      // A heading after a "Related" marker is another story's even when it shares a word with this one.
      dropped += 1;
      for (const line of block.lines) storyLines.push({ text: line, heading: false });
      continue;
    }
    if (block.heading !== null) {
      // Lone short lines (menus, names, widgets) carry nothing; subheads of the story are kept for cues.
      if (block.heading.split(/\s+/).length >= 3) storyLines.push({ text: block.heading, heading: true });
      else dropped += 1;
    }
    // A breach notice's "What happened" section is its lead, however long the greeting above it.
    const opensNotice = block.heading !== null && NOTICE_WHAT_HAPPENED.test(block.heading.trim());
    // "LAB PORTAL BREACH", "COURTROOM": a newsletter's section labels head items of their own (a notice's own
    // "WHAT HAPPENED" is one story, not an item).
    const sectionLabel = isSectionLabel(block.heading);
    for (const [j, line] of block.lines.entries())
      storyLines.push({
        text: line,
        heading: false,
        ...(opensNotice && j === 0 ? { leadAgain: true } : {}),
        ...(sectionLabel && j === 0 ? { sectionItem: true } : {}),
      });
  }
  return { lines: storyLines, dropped };
}

/** A line this long is prose of the story, not a menu, a name or a widget. */
const STORY_OPENING_CHARS = 60;

interface StoryLine {
  text: string;
  heading: boolean;
  /** The lead starts again here (the first line under a notice's "What happened"). */
  leadAgain?: boolean;
  /** The first line under a newsletter's capitalised section label ("LAB PORTAL BREACH"): an item of its own. */
  sectionItem?: boolean;
}

/** The headings of a breach notice's sections (US notices follow one template), in the languages we read. */
const NOTICE_SECTION =
  /^(?:(?:the\s+)?(?:cyber ?security|security|data(?: security)?|privacy) (?:incident|event|breach)|data breach|what (?:happened|has happened|occurred|information was involved|we are doing|you can do|is being done)|for more information|qu[ée] (?:pas[óo]|sucedi[óo]|ocurri[óo])|o que aconteceu|que s['’]est-il pass[ée]|was ist passiert|wat is er gebeurd)\s*[?:.]?$/i;

/** The heading of a breach notice's account of the incident, in the languages we read. */
const NOTICE_WHAT_HAPPENED =
  /^(?:what happened|what has happened|what occurred|(?:the\s+)?(?:cyber ?security|security|data(?: security)?|privacy) (?:incident|event|breach)|data breach|qu[ée] (?:pas[óo]|sucedi[óo]|ocurri[óo])|o que aconteceu|que s['’]est-il pass[ée]|was ist passiert|wat is er gebeurd)\s*[?:.]?$/i;

// "1) GATEWAY: ", "2. ", or a section label and a bar ("FOOD SERVICE | ", "BANKING (not a breach) | ") before a long item.
const NUMBERED_ITEM_PREFIX =
  /^(?:\d{1,2}[.)]\s+(?:\p{Lu}[\p{Lu}&/ -]{1,30}:\s+)?|\p{Lu}[\p{Lu}&/ -]{2,30}(?:\s+\([^()|]{1,30}\))?\s+\|\s+(?=[^|]{80,}$))/u;

/** The item of an SEC current report that tells a cybersecurity incident. */
const FILING_INCIDENT_ITEM = /^item\s+1\.05\b/i;

/** A heading that opens with its number ("2) Plan tally grows"): an item of the page's own list. */
const NUMBERED_HEADING = /^\d{1,2}[.)]\s/;

/** The title and the story lines as sentences, each with its zone and order. */
function sentencesOf(title: string, storyLines: StoryLine[]): { sentences: Sentence[]; dropped: number } {
  let dropped = 0;
  const sentences: Sentence[] = [{ text: title, zone: 'title', order: 0, heading: false }];
  let order = 1;
  let bodyCount = 0;
  for (const line of storyLines) {
    if (line.heading) {
      // "3. Tapestry Clinical sued": a numbered heading opens an item of the newsletter.
      const numbered = NUMBERED_HEADING.test(line.text);
      const zone = bodyCount < LEAD_SENTENCES ? 'lead' : 'body';
      sentences.push({ text: line.text, zone, order: order++, heading: true, ...(numbered ? { item: true } : {}) });
      continue;
    }
    // "Item 1.05 Material Cybersecurity Incidents.": an 8-K's account of the incident starts its lead again, after the
    // cover page and any explanatory note.
    if (line.leadAgain || FILING_INCIDENT_ITEM.test(line.text)) bodyCount = 0;
    const suspicious = PROMPT_LIKE.test(line.text);
    // "1) GATEWAY: Slim CD, the …": the item's number and section label are no part of its first sentence.
    const itemPrefix = NUMBERED_ITEM_PREFIX.exec(line.text)?.[0] ?? '';
    const startsItem = itemPrefix !== '' || line.sectionItem === true;
    // Each item of a newsletter is a story of its own: its opening sentences are a lead, wherever the item stands.
    if (startsItem) bodyCount = Math.min(bodyCount, LEAD_SENTENCES - ITEM_LEAD_SENTENCES);
    for (const [k, split] of splitSentences(line.text.slice(itemPrefix.length)).entries()) {
      if (suspicious && PROMPT_LIKE.test(split)) {
        dropped += 1;
        continue;
      }
      const item = k === 0 && startsItem;
      const zone = bodyCount < LEAD_SENTENCES ? 'lead' : 'body';
      sentences.push({ text: split, zone, order: order++, heading: false, ...(item ? { item } : {}) });
      bodyCount += 1;
    }
  }
  return { sentences, dropped };
}
