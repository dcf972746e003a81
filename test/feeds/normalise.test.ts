import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, fingerprintItem, htmlToPlainText } from '../../src/feeds/normalise.js';
import { parseFeedDate } from '../../src/feeds/parse-date.js';

describe('canonicalizeUrl', () => {
  it('drops tracking parameters and the fragment, lowercases the host and sorts what is left', () => {
    expect(
      canonicalizeUrl(
        'https://News.Example.COM/2026/03/story?utm_source=rss&z=2&utm_medium=feed&fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&_hsenc=x&ref=home&a=1#comments',
      ),
    ).toBe('https://news.example.com/2026/03/story?a=1&z=2');
  });

  it('gives one canonical form to links that differ only by tracking', () => {
    const a = canonicalizeUrl('https://example.org/p?id=5&utm_campaign=x');
    const b = canonicalizeUrl('https://EXAMPLE.org/p?utm_source=y&id=5#top');
    expect(a).toBe(b);
    expect(a).toBe('https://example.org/p?id=5');
  });

  it('removes the query mark when nothing is left, and default ports', () => {
    expect(canonicalizeUrl('http://example.org:80/feed?utm_source=a')).toBe('http://example.org/feed');
  });

  it('refuses everything that is not http(s)', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'file:///etc/passwd',
      'ftp://x.example/a',
      'mailto:a@b.example',
      'not a url',
      '',
    ]) {
      expect(canonicalizeUrl(url)).toBeNull();
    }
  });

  it('drops credentials and refuses absurdly long links', () => {
    expect(canonicalizeUrl('https://user:pass@example.org/a')).toBe('https://example.org/a');
    expect(canonicalizeUrl(`https://example.org/${'a'.repeat(5000)}`)).toBeNull();
  });

  it("unwraps Google's redirect links to the publisher's", () => {
    expect(canonicalizeUrl('https://www.google.com/url?rct=j&sa=t&url=https://vendor.example/news%3Fid%3D1%26utm_source%3Dx&ct=ga')).toBe(
      'https://vendor.example/news?id=1',
    );
  });

  it('keeps a meaningful source parameter but drops source=rss tagging', () => {
    expect(canonicalizeUrl('https://medium.example/p/abc?source=rss----123')).toBe('https://medium.example/p/abc');
    expect(canonicalizeUrl('https://data.example/q?source=hhs')).toBe('https://data.example/q?source=hhs');
  });
});

describe('fingerprintItem', () => {
  it('ignores case, whitespace, punctuation and accents', () => {
    expect(fingerprintItem('Vendor Breach: 1.2M Patients', 'Café systems were hit.')).toBe(
      fingerprintItem('vendor breach 1 2m patients', 'CAFE   systems were hit'),
    );
  });

  it('tells different stories apart, and title from text', () => {
    expect(fingerprintItem('Vendor A breached', 'details')).not.toBe(fingerprintItem('Vendor B breached', 'details'));
    expect(fingerprintItem('ab', 'c')).not.toBe(fingerprintItem('a', 'bc'));
  });
});

describe('htmlToPlainText', () => {
  it('drops tags, images, link targets and scripts, decodes entities and folds whitespace', () => {
    const html =
      '<h1>Big   news</h1>\n\n<p>Hello&nbsp;<a href="https://tracker.example/x">there</a> &amp; <img src="x.png" alt="pic"> welcome</p><script>alert(1)</script><style>p{}</style>';
    expect(htmlToPlainText(html)).toBe('Big news\nHello there & welcome');
  });

  it('leaves no markup from broken HTML', () => {
    expect(htmlToPlainText('<p>unclosed <b>bold <i>text')).toBe('unclosed bold text');
    expect(htmlToPlainText('')).toBe('');
  });
});

describe('parseFeedDate', () => {
  const now = new Date('2026-03-10T00:00:00Z');
  it.each([
    ['Mon, 02 Mar 2026 09:00:00 GMT', '2026-03-02T09:00:00.000Z'],
    ['Mon, 02 Mar 2026 09:00:00 +0100', '2026-03-02T08:00:00.000Z'],
    ['Mon, 02 Mar 2026 04:00:00 EST', '2026-03-02T09:00:00.000Z'],
    ['Mon, 02 Mar 2026 10:00:00 CET', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T10:00:00+01:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02 09:00:00', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02', '2026-03-02T00:00:00.000Z'],
    ['Seg, 02 Mar 2026 06:00:00 -0300', '2026-03-02T09:00:00.000Z'],
    ['Lun, 02 févr. 2026 09:00:00 +0000', '2026-02-02T09:00:00.000Z'],
    ['March 2, 2026 9:00 AM', '2026-03-02T09:00:00.000Z'],
    ['2 March 2026', '2026-03-02T00:00:00.000Z'],
  ])('reads %s', (raw, iso) => {
    expect(parseFeedDate(raw, now)?.toISOString()).toBe(iso);
  });

  it.each(['', 'soon', 'Monday', 'Fri, 01 Jan 2100 00:00:00 GMT', '1970-01-01T00:00:00Z', 'x'.repeat(500)])(
    'treats %j as no date',
    (raw) => {
      expect(parseFeedDate(raw, now)).toBeNull();
    },
  );
});

describe('htmlToPlainText on text with no markup', () => {
  it('skips the HTML parse and reads exactly as the same text inside a tag would', () => {
    const plain = [
      'CareCloud said on Monday that an intruder\n\nreached a database.',
      '  tabs\tand\r\nCRLF \f form feeds  ',
      'Care\u200bCloud and a non-breaking\u00a0space',
      'a > b, which is not a tag',
      `${'long text '.repeat(15_000)}`,
    ];
    for (const text of plain) expect(htmlToPlainText(text)).toBe(htmlToPlainText(`<span>${text}</span>`));
    expect(htmlToPlainText('line one\nline two')).toBe('line one line two');
  });
});
