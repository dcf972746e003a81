import { describe, expect, it } from 'vitest';
import { cutMrkdwn, escapeMrkdwn, fitLines, linkMrkdwn, mentionFor, safeHttpUrl } from '../../adapters/slack/escape-mrkdwn.js';
import { renderAlert } from '../../adapters/slack/render-alert.js';
import type { AlertView } from '../../src/core/chat.js';
import carecloud from './fixtures/alert-carecloud.json' with { type: 'json' };
import hostile from './fixtures/alert-hostile.json' with { type: 'json' };

// Everything Slack would turn into a ping, a channel link or a clickable link, in any text we send.
const DANGEROUS = [
  /<!(channel|here|everyone)/,
  /<@[UW]/,
  /<#C/,
  /<!subteam/,
  /(?<!\u200D)@(here|channel|everyone)\b/i,
  /<javascript:/i,
  /<data:/i,
  /<https:\/\/evil/,
];

function allText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allText);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allText);
  return [];
}

describe('feed text cannot create mentions or links', () => {
  it('escapes &, < and > so no Slack markup can be formed', () => {
    expect(escapeMrkdwn('<!channel> & <@U123|x> <#C42> <!subteam^S1>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123|x&gt; &lt;#C42&gt; &lt;!subteam^S1&gt;',
    );
  });

  it('makes bare @here, @channel and @everyone inert with a zero-width joiner', () => {
    expect(escapeMrkdwn('ping @here and @Channel and @everyone')).toBe('ping @\u200Dhere and @\u200DChannel and @\u200Deveryone');
  });

  it('drops bidi overrides and zero-width characters that could disguise text', () => {
    expect(escapeMrkdwn('Care\u200bCloud \u202eevil\u202c')).toBe('CareCloud evil');
    // A zero-width character cannot be used to smuggle a broadcast word past the joiner either.
    expect(escapeMrkdwn('@\u200bhere')).toBe('@\u200Dhere');
  });

  it('links only http(s) URLs and shows the label alone for javascript: and data: URLs', () => {
    expect(linkMrkdwn('javascript:alert(1)', 'Click')).toBe('Click');
    expect(linkMrkdwn('data:text/html,<b>x</b>', 'Data')).toBe('Data');
    expect(linkMrkdwn('https://user:pw@host.test/', 'Creds')).toBe('Creds');
    expect(safeHttpUrl('ftp://host.test/file')).toBeNull();
    expect(linkMrkdwn('https://news.test/a?b=1&c=2', 'News')).toBe('<https://news.test/a?b=1&amp;c=2|News>');
  });

  it('escapes link labels so a | or > cannot end the link early', () => {
    expect(linkMrkdwn('https://news.test/', 'A | B > C')).toBe('<https://news.test/|A ¦ B &gt; C>');
    expect(linkMrkdwn('https://news.test/x|y', 'ok')).toBe('<https://news.test/x%7Cy|ok>');
  });

  it('mentions an owner only when it is a Slack user or group id', () => {
    expect(mentionFor('U0123ABCD')).toBe('<@U0123ABCD>');
    expect(mentionFor('<@W0123ABCD>')).toBe('<@W0123ABCD>');
    expect(mentionFor('S0SECTEAM')).toBe('<!subteam^S0SECTEAM>');
    expect(mentionFor('Dana Whitfield')).toBeNull();
    expect(mentionFor('U0123 <!channel>')).toBeNull();
  });

  it('renders a hostile alert with no dangerous markup anywhere in the payload', () => {
    const message = renderAlert(hostile.input as AlertView, { mentionOwner: true, deliveryId: 'd1' });
    const texts = allText(message);
    for (const text of texts) {
      for (const pattern of DANGEROUS) expect(text, `${pattern} in ${text}`).not.toMatch(pattern);
    }
    // The hostile text did reach the payload, made inert: the checks above looked at it.
    expect(texts.join('\n')).toContain('&lt;!everyone&gt;');
  });

  it('cuts escaped text with an ellipsis without breaking an entity or a link', () => {
    const cut = cutMrkdwn(`${'a'.repeat(8)}&amp;rest`, 11);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
    const link = cutMrkdwn(`abc <https://x.test/|label> tail`, 10);
    expect(link).toBe('abc …');
    expect(fitLines(['head', 'one', 'two', 'three'], 16, (n) => `+${n}`)).toBe('head\none\ntwo\n+1');
  });

  it('keeps every field within Block Kit limits however long the feed text is', () => {
    const base = carecloud.input as AlertView;
    const huge: AlertView = {
      ...base,
      vendor: { ...base.vendor, name: 'V'.repeat(400) },
      title: '<'.repeat(5000),
      summary: '&'.repeat(9000),
      facts: Array.from({ length: 12 }, (_, i) => ({
        name: 'status',
        label: `Fact ${i}`,
        values: Array.from({ length: 40 }, (_, j) => ({ value: `value ${j} ${'x'.repeat(200)}`, sources: ['Outlet & Co'] })),
      })),
      sources: Array.from({ length: 120 }, (_, i) => ({
        title: `Report ${i} ${'t'.repeat(500)}`,
        url: `https://news${i}.test/${'p'.repeat(300)}`,
        outlet: `Outlet ${i} ${'o'.repeat(300)}`,
        published: '2026-03-27',
      })),
      related: Array.from({ length: 300 }, (_, i) => `Related ${i}`),
    };
    const message = renderAlert(huge, { mentionOwner: false, deliveryId: 'd' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    // Every kind of block the limits below are about is there to be checked.
    for (const type of ['header', 'section', 'context']) expect(message.blocks.map((block) => block.type)).toContain(type);
    expect(message.blocks.some((block) => block.type === 'section' && (block.fields ?? []).length > 0)).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(3000);
    for (const block of message.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section') {
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
        expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
      }
      if (block.type === 'context') for (const element of block.elements) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
    const sources = message.blocks.find((block) => block.type === 'section' && block.text?.text.startsWith('*Sources (120)*'));
    expect(sources && sources.type === 'section' ? sources.text?.text : '').toMatch(/…and \d+ more\. Press \*Details\*/);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(true);
  });
});

describe('C1 control characters', () => {
  it('are dropped like C0 ones, so slash-command text or a user name cannot carry terminal escapes', () => {
    expect(escapeMrkdwn('a\u009b31mb\u0085c')).toBe('a31mbc');
  });
});
