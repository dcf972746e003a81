import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FilingEntry,
  filingItem,
  filingText,
  isCyberCandidate,
  MAX_FILING_TEXT_CHARS,
  parseEdgarAtom,
  parseSec8k,
  primaryDocumentUrl,
  readFilingDocument,
} from '../../src/sources/sec-8k.js';
import { createHostRateLimiter, secUserAgent } from '../../src/sources/sec-rate-limit.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const EDGAR = join(import.meta.dirname, 'fixtures', 'edgar');
const read = (name: string) => readFileSync(join(EDGAR, name), 'utf8');
const ATOM_URL = 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom';
const NOW = new Date('2025-03-18T00:00:00Z');

const NORTHWIND_INDEX = 'https://www.sec.gov/Archives/edgar/data/1987001/000198700125000011/0001987001-25-000011-index.htm';

let server: FeedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** EDGAR on loopback: every index page and document of the fixtures at its real path. */
async function startEdgar(): Promise<FeedServer> {
  const routes: Parameters<typeof startFeedServer>[0] = {};
  const filings: [string, string, string[]][] = [
    ['1987001', '0001987001-25-000011', ['nwhs-20250314.htm']],
    ['1987001', '0001987001-25-000015', ['nwhs-20250317.htm']],
    ['1987002', '0001987002-25-000007', []],
    ['1987003', '0001193125-25-051234', ['d812345d8k.htm']],
    ['1987004', '0001987004-25-000003', ['mdl-20250312.htm']],
  ];
  for (const [cik, accession, documents] of filings) {
    const folder = `/Archives/edgar/data/${cik}/${accession.replace(/-/g, '')}`;
    routes[`${folder}/${accession}-index.htm`] = { kind: 'feed', file: join(EDGAR, `${accession}-index.htm`), contentType: 'text/html' };
    for (const document of documents)
      routes[`${folder}/${document}`] = { kind: 'feed', file: join(EDGAR, document), contentType: 'text/html' };
  }
  return startFeedServer(routes);
}

/** The fetcher the pipeline is expected to hand over: rate-limited per host, with SEC's User-Agent. */
function edgarFetcher(): (url: string) => Promise<string> {
  const limiter = createHostRateLimiter();
  const userAgent = secUserAgent('security@hospital.example');
  return async (url) => {
    await limiter.acquire(new URL(url).host);
    const response = await fetch(url, { headers: { 'user-agent': userAgent } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  };
}

describe('the EDGAR current-events Atom', () => {
  it('gives each 8-K and 8-K/A entry its form, filer, CIK, accession, filing day, items and index page', async () => {
    const { entries, skipped } = await parseEdgarAtom(read('getcurrent-8k.atom'), ATOM_URL, { now: NOW });
    expect(skipped).toBe(0);
    expect(entries.map((entry) => entry.accession)).toEqual([
      '0001987001-25-000015',
      '0001987004-25-000003',
      '0001193125-25-051234',
      '0001987002-25-000007',
      '0001987001-25-000011',
    ]);
    expect(entries[4]).toEqual({
      form: '8-K',
      company: 'Northwind Health Systems, Inc.',
      cik: '0001987001',
      accession: '0001987001-25-000011',
      filed: '2025-03-14',
      items: [
        { number: '1.05', title: 'Material Cybersecurity Incidents' },
        { number: '9.01', title: 'Financial Statements and Exhibits' },
      ],
      indexUrl: NORTHWIND_INDEX,
      updated: new Date('2025-03-14T12:05:33Z'),
    });
    expect(entries[0]?.form).toBe('8-K/A');
    expect(entries[1]?.company).toBe('Meridale Logistics Holdings Corp /DE/');
  });

  it('picks the cyber candidates: Item 1.05, 8.01 or 7.01, and every 8-K/A', async () => {
    const { entries } = await parseEdgarAtom(read('getcurrent-8k.atom'), ATOM_URL, { now: NOW });
    expect(entries.map((entry) => [entry.accession, isCyberCandidate(entry)])).toEqual([
      ['0001987001-25-000015', true],
      ['0001987004-25-000003', true],
      ['0001193125-25-051234', true],
      ['0001987002-25-000007', false],
      ['0001987001-25-000011', true],
    ]);
    expect(isCyberCandidate({ form: '8-K', items: [{ number: '7.01', title: '' }] })).toBe(true);
    expect(isCyberCandidate({ form: '8-K/A', items: [{ number: '2.02', title: '' }] })).toBe(true);
  });

  it('reads a company name with parentheses, and leaves out forms other than 8-K and 8-K/A', async () => {
    const atom = read('getcurrent-8k.atom')
      .replace('Quillfeather Analytics Corp (0001987002)', 'Quillfeather (Nevada) Analytics Corp (0001987002)')
      .replace('<title>8-K - TALLOWBROOK', '<title>8-K12B - TALLOWBROOK');
    const { entries, skipped } = await parseEdgarAtom(atom, ATOM_URL, { now: NOW });
    expect(skipped).toBe(0);
    expect(entries.map((entry) => entry.company)).toContain('Quillfeather (Nevada) Analytics Corp');
    expect(entries.map((entry) => entry.accession)).not.toContain('0001193125-25-051234');
  });

  it('skips an entry without an accession number or CIK and names what was wrong', async () => {
    const atom = read('getcurrent-8k.atom')
      .replace(/accession-number=0001987002-25-000007/, 'accession-number=none')
      .replace('AccNo:&lt;/b&gt; 0001987002-25-000007', 'AccNo:&lt;/b&gt; none')
      .replace(
        'Northwind Health Systems, Inc. (0001987001) (Filer)</title>\n<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/1987001/000198700125000015',
        'Northwind Health Systems, Inc. (Filer)</title>\n<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/1987001/000198700125000015',
      );
    const { entries, skipped, problems } = await parseEdgarAtom(atom, ATOM_URL, { now: NOW });
    expect(entries).toHaveLength(3);
    expect(skipped).toBe(2);
    expect(problems.join(' ')).toMatch(/"accession"/);
    expect(problems.join(' ')).toMatch(/"form"|"cik"/);
  });

  it('keeps hostile filer names as inert text: no control characters, markup kept literally, length capped', async () => {
    const atom = read('getcurrent-8k.atom').replace(
      'Quillfeather Analytics Corp (0001987002)',
      // XML 1.0 admits no C0 controls, but C1 (0x9B is a terminal's CSI) and bidi overrides pass.
      `&lt;!channel&gt; *Quill*\u009b[2J\u202eCorp ${'Q'.repeat(600)} (0001987002)`,
    );
    const { items } = await parseSec8k(atom, { feedUrl: ATOM_URL, now: NOW });
    const item = items.find((candidate) => candidate.identity === '0001987002-25-000007');
    expect(item?.party?.name.startsWith('<!channel> *Quill* [2JCorp QQQ')).toBe(true);
    expect(item?.party?.name.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(item)).not.toMatch(/[\u009b\u202e]/);
  });

  it('skips an entry whose title is too long to hold its CIK, and reads the rest', async () => {
    const atom = read('getcurrent-8k.atom').replace('Quillfeather Analytics Corp (0001987002)', `${'Q'.repeat(50_000)} (0001987002)`);
    const { entries, skipped } = await parseEdgarAtom(atom, ATOM_URL, { now: NOW });
    expect(skipped).toBe(1);
    expect(entries).toHaveLength(4);
  });

  it('refuses a body that is no feed', async () => {
    await expect(parseSec8k('<!DOCTYPE html><html><body>Access denied</body></html>', { feedUrl: ATOM_URL })).rejects.toThrow(
      /HTML page, not a feed/,
    );
  });
});

describe('the filing index page', () => {
  it('names the primary 8-K document, unwrapping the inline-XBRL viewer link', () => {
    expect(primaryDocumentUrl(read('0001987001-25-000011-index.htm'), NORTHWIND_INDEX)).toBe(
      'https://www.sec.gov/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm',
    );
  });

  it('takes the 8-K row, not the first row, and a plain link as it is', () => {
    const index = read('0001193125-25-051234-index.htm').replace(
      /(<tr>\s*<th)/,
      '<tr><td>0</td><td>Exhibit first</td><td><a href="/Archives/edgar/data/1987003/000119312525051234/d812345dex991.htm">x</a></td><td>EX-99.1</td><td>1</td></tr>$1',
    );
    expect(
      primaryDocumentUrl(index, 'https://www.sec.gov/Archives/edgar/data/1987003/000119312525051234/0001193125-25-051234-index.htm'),
    ).toBe('https://www.sec.gov/Archives/edgar/data/1987003/000119312525051234/d812345d8k.htm');
  });

  it('names an 8-K/A document for an amendment', () => {
    expect(
      primaryDocumentUrl(
        read('0001987001-25-000015-index.htm'),
        'https://www.sec.gov/Archives/edgar/data/1987001/000198700125000015/0001987001-25-000015-index.htm',
      ),
    ).toBe('https://www.sec.gov/Archives/edgar/data/1987001/000198700125000015/nwhs-20250317.htm');
  });

  const withPrimaryLink = (href: string) =>
    read('0001987001-25-000011-index.htm').replace(
      'href="/ix?doc=/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm"',
      `href="${href}"`,
    );

  it.each([
    ['a javascript: link', 'javascript:alert(document.cookie)'],
    ['a data: link', 'data:text/html,<script>alert(1)</script>'],
    ['a file: link', 'file:///etc/passwd'],
    ['an ftp link on the SEC host', 'ftp://www.sec.gov/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm'],
    ['another host', 'https://evil.example/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm'],
    ['a protocol-relative link to another host', '//evil.example/Archives/edgar/data/1987001/000198700125000011/x.htm'],
    ['the viewer pointing at another host', '/ix?doc=//evil.example/x.htm'],
    ['the viewer pointing at a full URL', '/ix?doc=https://evil.example/x.htm'],
    ['a link with credentials', 'https://user:pass@www.sec.gov/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm'],
    ['another filing of the same host', '/Archives/edgar/data/1987001/000198700125000099/other.htm'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses %s', (_label, href) => {
    expect(primaryDocumentUrl(withPrimaryLink(href), NORTHWIND_INDEX)).toBeNull();
  });

  it('gives nothing for a page without the documents table, or an index URL that is not http(s)', () => {
    expect(primaryDocumentUrl('<html><body>Maintenance</body></html>', NORTHWIND_INDEX)).toBeNull();
    expect(primaryDocumentUrl(read('0001987001-25-000011-index.htm'), 'file:///tmp/index.htm')).toBeNull();
    expect(primaryDocumentUrl(read('0001987001-25-000011-index.htm'), 'not a url')).toBeNull();
  });

  it('reads only the first rows of a hostile table with a hundred thousand rows, quickly', () => {
    const rows = '<tr><td>1</td><td>x</td><td><a href="x.htm">x</a></td><td>EX-99</td><td>1</td></tr>'.repeat(100_000);
    const started = performance.now();
    expect(primaryDocumentUrl(`<table class="tableFile" summary="Document Format Files">${rows}</table>`, NORTHWIND_INDEX)).toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('the 8-K document', () => {
  it('is read from the first item to the signatures, without the hidden XBRL header or the cover page', () => {
    const text = filingText(read('nwhs-20250314.htm'));
    expect(text.startsWith('Item 1.05 Material Cybersecurity Incidents.')).toBe(true);
    expect(text).toContain('deployed ransomware and exfiltrated certain files');
    expect(text).not.toMatch(/0001987001|nwhs-20250314\.xsd|Check the appropriate box|duly caused this report/);
  });

  it('is capped', () => {
    const huge = `<html><body><p>Item 8.01 Other Events.</p>${'<p>An unauthorized party accessed systems. </p>'.repeat(20_000)}</body></html>`;
    expect(filingText(huge).length).toBeLessThanOrEqual(MAX_FILING_TEXT_CHARS);
  });

  it('keeps everything but the hidden XBRL header when the document has no item headings', () => {
    expect(filingText('<p>Plain <b>notice</b> text.</p>')).toBe('Plain notice text.');
    const hidden =
      '<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:EntityCentralIndexKey">0001987001</ix:nonNumeric></ix:hidden></ix:header></div>';
    expect(filingText(`<html><body>${hidden}<p>Plain notice text.</p></body></html>`)).toBe('Plain notice text.');
  });
});

describe('following cyber filings over loopback', () => {
  it('reads the index page and document of each candidate only, with the contact in every User-Agent', async () => {
    server = await startEdgar();
    const base = server.url('').replace(/\/$/, '');
    const atom = read('getcurrent-8k.atom').replaceAll('https://www.sec.gov', base);
    const { items } = await parseSec8k(atom, { feedUrl: ATOM_URL, now: NOW, fetchText: edgarFetcher() });

    const paths = server.requests.map((request) => request.path);
    expect(paths).toHaveLength(8);
    expect(paths.some((path) => path.includes('1987002'))).toBe(false);
    for (const request of server.requests) expect(request.headers['user-agent']).toBe('Vendorwatch security@hospital.example');

    const northwind = items.find((item) => item.identity === '0001987001-25-000011');
    expect(northwind?.provenance).toBe('sec-filing');
    expect(northwind?.party).toEqual({ name: 'Northwind Health Systems, Inc.', cik: '0001987001' });
    expect(northwind?.canonicalUrl).toBe(`${base}/Archives/edgar/data/1987001/000198700125000011/0001987001-25-000011-index.htm`);
    expect(northwind?.title).toBe('Northwind Health Systems reports a material cybersecurity incident in an SEC 8-K filing');
    expect(northwind?.text).toContain('listing Item 1.05 (Material Cybersecurity Incidents), Item 9.01');
    expect(northwind?.text).toContain('detected unauthorized activity');
    expect(northwind?.facts).toEqual({ form: '8-K', items: ['1.05', '9.01'] });

    const earnings = items.find((item) => item.identity === '0001987002-25-000007');
    expect(earnings?.text).not.toContain('could not be read');
    const amendment = items.find((item) => item.identity === '0001987001-25-000015');
    expect(amendment?.title).toBe('Northwind Health Systems amends its SEC report of a material cybersecurity incident (Form 8-K/A)');
    expect(amendment?.text).toContain('approximately 61,300 patients');
  });

  it('keeps a filing whose index page cannot be fetched, on its feed entry alone, and says so', async () => {
    server = await startEdgar();
    server.route('/Archives/edgar/data/1987001/000198700125000011/0001987001-25-000011-index.htm', { kind: 'status', status: 503 });
    const base = server.url('').replace(/\/$/, '');
    const atom = read('getcurrent-8k.atom').replaceAll('https://www.sec.gov', base);
    const { items } = await parseSec8k(atom, { feedUrl: ATOM_URL, now: NOW, fetchText: edgarFetcher() });
    const northwind = items.find((item) => item.identity === '0001987001-25-000011');
    expect(northwind?.title).toBe('Northwind Health Systems reports a material cybersecurity incident in an SEC 8-K filing');
    expect(northwind?.text).toContain("The filing's own document could not be read (the index page could not be fetched: HTTP 503)");
    expect(items).toHaveLength(5);
  });

  it('does not follow an index page whose 8-K link leaves the SEC host', async () => {
    server = await startEdgar();
    const base = server.url('').replace(/\/$/, '');
    const hostile = read('0001987001-25-000011-index.htm').replace(
      '/ix?doc=/Archives/edgar/data/1987001/000198700125000011/nwhs-20250314.htm',
      'http://169.254.169.254/latest/meta-data/',
    );
    server.route('/Archives/edgar/data/1987001/000198700125000011/0001987001-25-000011-index.htm', {
      kind: 'feed',
      body: hostile,
      contentType: 'text/html',
    });
    const entry: FilingEntry = {
      form: '8-K',
      company: 'Northwind Health Systems, Inc.',
      cik: '0001987001',
      accession: '0001987001-25-000011',
      filed: '2025-03-14',
      items: [{ number: '1.05', title: 'Material Cybersecurity Incidents' }],
      indexUrl: `${base}/Archives/edgar/data/1987001/000198700125000011/0001987001-25-000011-index.htm`,
      updated: null,
    };
    const fetched: string[] = [];
    const fetchText = edgarFetcher();
    const document = await readFilingDocument(entry, async (url) => {
      fetched.push(url);
      return fetchText(url);
    });
    expect(document).toEqual({ status: 'unavailable', reason: 'the index page lists no 8-K document on the SEC host' });
    expect(fetched).toEqual([entry.indexUrl]);
    expect(filingItem(entry, ATOM_URL, document).text).toContain('this rests on the EDGAR feed entry alone');
  });

  it('without a fetcher, makes items from the feed alone and fetches nothing', async () => {
    const { items } = await parseSec8k(read('getcurrent-8k.atom'), { feedUrl: ATOM_URL, now: NOW });
    expect(items).toHaveLength(5);
    for (const item of items) expect(item.text).not.toContain('could not be read');
  });
});
