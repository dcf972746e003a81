// Article pages as news sites serve them: a head with scripts and structured data, a header with navigation, the
// story, share buttons, a related-stories box, a newsletter box, a footer. The related stories name other
// organisations on purpose: a page read whole would make them look involved.

export interface PageStory {
  title: string;
  /** Paragraphs separated by newlines. */
  text: string;
  outlet: string;
  published?: string | null;
}

export interface PageOptions {
  /** Headlines of other stories, shown as related links. */
  related?: string[];
  /** Extra markup placed before the story (a cookie banner that is not a wall, an ad). */
  beforeStory?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export function articlePage(story: PageStory, options: PageOptions = {}): string {
  const paragraphs = story.text
    .split('\n')
    .filter((p) => p.trim() !== '')
    .map((p) => `      <p>${escapeHtml(p)}</p>`)
    .join('\n');
  const related = (options.related ?? [])
    .map(
      (headline) => `        <li><a href="/news/${slug(headline)}"><span class="kicker">Breaches</span> ${escapeHtml(headline)}</a></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(story.title)} | ${escapeHtml(story.outlet)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/assets/site.css">
  <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
  <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${escapeHtml(story.title)}"}</script>
  <style>body{font-family:sans-serif}.nav a{margin:0 4px}</style>
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">${escapeHtml(story.outlet)}</a>
    <nav class="nav main-menu">
      <ul>
        <li><a href="/news">News</a></li><li><a href="/ransomware">Ransomware</a></li><li><a href="/healthcare">Healthcare</a></li>
        <li><a href="/data-breaches">Data breaches</a></li><li><a href="/vulnerabilities">Vulnerabilities</a></li>
        <li><a href="/podcasts">Podcasts</a></li><li><a href="/events">Events</a></li><li><a href="/subscribe">Subscribe</a></li>
      </ul>
    </nav>
    <form class="search" action="/search"><input name="q" placeholder="Search"></form>
  </header>
  <div class="breadcrumb"><a href="/">Home</a> › <a href="/data-breaches">Data breaches</a></div>
  ${options.beforeStory ?? ''}
  <main>
    <article class="post">
      <h1 class="entry-title">${escapeHtml(story.title)}</h1>
      <div class="meta"><span class="byline">By <a rel="author" href="/staff/desk">News Desk</a></span>${story.published ? ` <time datetime="${story.published}">${story.published}</time>` : ''}</div>
      <div class="share"><a href="/share/x">Share on X</a> <a href="/share/li">Share on LinkedIn</a> <a href="/share/mail">Email</a></div>
      <div class="entry-content">
${paragraphs}
      </div>
      <div class="tags"><a href="/tag/breach">breach</a> <a href="/tag/healthcare">healthcare</a></div>
    </article>
    <aside class="sidebar related-posts">
      <h2>Related stories</h2>
      <ul>
${related}
      </ul>
    </aside>
    <aside class="newsletter">
      <h3>Get the daily briefing</h3>
      <p>Sign up for our newsletter and never miss a breach story.</p>
      <form action="/newsletter"><input type="email" name="email"><button>Sign up</button></form>
    </aside>
  </main>
  <footer class="site-footer">
    <nav><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/advertise">Advertise</a></nav>
    <p>© 2026 ${escapeHtml(story.outlet)}. All rights reserved. Reproduction without permission is prohibited.</p>
  </footer>
  <script src="/assets/site.js" async></script>
</body>
</html>
`;
}

/** A page that shows only a consent dialog, as some European publishers answer before any choice is stored. */
export function consentWallPage(title: string, outlet: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${escapeHtml(outlet)}</title></head>
<body>
  <div class="consent-dialog" role="dialog">
    <h1>We value your privacy</h1>
    <p>We and our 843 partners store and/or access information on a device, such as cookies, and process personal data, such as unique identifiers and standard information sent by a device, for personalised ads and content, ad and content measurement, and audience insights.</p>
    <p>With your permission we and our partners may use precise geolocation data and identification through device scanning. You may click to consent to our and our partners' processing as described above.</p>
    <p>Alternatively you may access more detailed information and change your preferences before consenting or to refuse consenting. Some partners do not ask for your consent but rely on their legitimate interest.</p>
    <button>Accept all</button> <button>Reject all</button> <a href="/privacy-settings">Manage preferences</a>
  </div>
</body></html>
`;
}

/** A page whose story stops after its first lines, behind a subscription prompt. */
export function paywallPage(title: string, outlet: string, firstLines: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${escapeHtml(outlet)}</title></head>
<body>
  <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
  <article><h1>${escapeHtml(title)}</h1><p>${escapeHtml(firstLines)}</p>
  <div class="paywall"><p>Subscribe now to continue reading. Already a subscriber? Log in to continue.</p></div></article>
  <footer><p>© 2026 ${escapeHtml(outlet)}</p></footer>
</body></html>
`;
}
