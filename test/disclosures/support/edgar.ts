// EDGAR on loopback, in its real shapes: the "current events" Atom of 8-K filings, each filing's index page (the
// "Document Format Files" table naming the primary document, linked through the inline-XBRL viewer) and the
// document itself, at the paths EDGAR serves them from. Companies, CIKs and accession numbers are made up, except
// CareCloud's CIK, which is public.

import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { FeedRoute, FeedServer } from '../../support/feed-server.js';

export const EDGAR_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'edgar');

export interface Filing {
  form: '8-K' | '8-K/A';
  company: string;
  /** Ten digits. */
  cik: string;
  accession: string;
  /** YYYY-MM-DD. */
  filed: string;
  items: [number: string, title: string][];
  /** The primary document's file name; its body, HTML. Absent: the feed entry only (not a cyber candidate). */
  document?: { name: string; html: string };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `/Archives/edgar/data/1582982/000158298226000009` */
export function filingFolder(filing: Pick<Filing, 'cik' | 'accession'>): string {
  return `/Archives/edgar/data/${Number(filing.cik)}/${filing.accession.replace(/-/g, '')}`;
}

export function indexPath(filing: Pick<Filing, 'cik' | 'accession'>): string {
  return `${filingFolder(filing)}/${filing.accession}-index.htm`;
}

/** The getcurrent Atom listing the filings, newest first, with links on `base` (the loopback server). */
export function edgarAtom(base: string, filings: Filing[]): string {
  const entries = filings.map((filing) => {
    const items = filing.items.map(([number, title]) => `&lt;br&gt;Item ${number}: ${escapeXml(title)}`).join('\n');
    return `<entry>
<title>${filing.form} - ${escapeXml(filing.company)} (${filing.cik}) (Filer)</title>
<link rel="alternate" type="text/html" href="${base}${indexPath(filing)}"/>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; ${filing.filed} &lt;b&gt;AccNo:&lt;/b&gt; ${filing.accession} &lt;b&gt;Size:&lt;/b&gt; 120 KB
${items}
</summary>
<updated>${filing.filed}T17:02:11-04:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="${filing.form}"/>
<id>urn:tag:sec.gov,2008:accession-number=${filing.accession}</id>
</entry>`;
  });
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings</title>
<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>
<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>
<updated>2026-03-27T18:00:00-04:00</updated>
${entries.join('\n')}
</feed>
`;
}

/** A filing's index page: the documents table, the 8-K linked through the inline-XBRL viewer as EDGAR does. */
export function indexPage(filing: Filing): string {
  const document = filing.document?.name ?? 'missing.htm';
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html><head><title>EDGAR Filing Documents for ${filing.accession}</title></head>
<body>
<div id="formName"><strong>Form ${filing.form}</strong> - Current report</div>
<div class="formDiv">
<p>Document Format Files</p>
<table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">1</td><td scope="row">${filing.form}</td><td scope="row"><a href="/ix?doc=${filingFolder(filing)}/${document}">${document}</a> iXBRL</td><td scope="row">${filing.form}</td><td scope="row">30112</td></tr>
<tr class="evenRow"><td scope="row">2</td><td scope="row"></td><td scope="row"><a href="${filingFolder(filing)}/${document.replace(/\.htm$/, '.xsd')}">schema</a></td><td scope="row">EX-101.SCH</td><td scope="row">3220</td></tr>
</table>
</div>
</body></html>
`;
}

/** The routes of the filings' index pages and documents (the Atom is routed by the caller, at its own path). */
export function filingRoutes(filings: Filing[], wrap: (route: FeedRoute) => FeedRoute = (route) => route): Record<string, FeedRoute> {
  const routes: Record<string, FeedRoute> = {};
  for (const filing of filings) {
    if (filing.document === undefined) continue;
    routes[indexPath(filing)] = wrap({
      kind: 'feed',
      body: indexPage(filing),
      contentType: 'text/html; charset=utf-8',
      validators: 'none',
    });
    routes[`${filingFolder(filing)}/${filing.document.name}`] = wrap({
      kind: 'feed',
      body: filing.document.html,
      contentType: 'text/html; charset=utf-8',
      validators: 'none',
    });
  }
  return routes;
}

export function addRoutes(server: FeedServer, routes: Record<string, FeedRoute>): void {
  for (const [path, route] of Object.entries(routes)) server.route(path, route);
}

const fixture = (name: string) => readFileSync(join(EDGAR_FIXTURES, name), 'utf8');

/** CareCloud's Item 1.05 8-K about the March 2026 intrusion (CareCloud's real CIK; the text is ours). */
export const CARECLOUD_8K: Filing = {
  form: '8-K',
  company: 'CareCloud, Inc.',
  cik: '0001582982',
  accession: '0001582982-26-000009',
  filed: '2026-03-27',
  items: [
    ['1.05', 'Material Cybersecurity Incidents'],
    ['9.01', 'Financial Statements and Exhibits'],
  ],
  document: { name: 'ccld-20260327.htm', html: fixture('ccld-20260327.htm') },
};

/** Quarterly results: Items 2.02 and 9.01, never followed. */
export const QUILLFEATHER_EARNINGS: Filing = {
  form: '8-K',
  company: 'Quillfeather Analytics Corp',
  cik: '0001987002',
  accession: '0001987002-26-000004',
  filed: '2026-03-26',
  items: [
    ['2.02', 'Results of Operations and Financial Condition'],
    ['9.01', 'Financial Statements and Exhibits'],
  ],
};

/** Item 8.01 about a share buyback: followed (8.01 may be an incident), and its text says it is not one. */
export const TALLOWBROOK_BUYBACK: Filing = {
  form: '8-K',
  company: 'TALLOWBROOK INDUSTRIES INC',
  cik: '0001987003',
  accession: '0001193125-26-061877',
  filed: '2026-03-26',
  items: [
    ['8.01', 'Other Events'],
    ['9.01', 'Financial Statements and Exhibits'],
  ],
  document: { name: 'tlbk-8k-20260326.htm', html: fixture('tlbk-8k-20260326.htm') },
};

/** A handler route that records when each request arrived and with which User-Agent, then serves `route`'s body. */
export function recording(
  log: { path: string; at: number; userAgent: string | undefined }[],
  body: () => string,
  contentType = 'text/html; charset=utf-8',
): FeedRoute {
  return {
    kind: 'handler',
    handle: (req: IncomingMessage, res: ServerResponse) => {
      log.push({ path: req.url ?? '', at: performance.now(), userAgent: req.headers['user-agent'] });
      res.writeHead(200, { 'content-type': contentType }).end(body());
    },
  };
}
