// The line a merged incident's alert gains names the person who merged it: a display name chosen on Slack or
// Teams, so untrusted. It must not ping anyone, link anywhere or add markup, on either platform, and the buttons
// that no longer apply are gone.

import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../adapters/slack/render-alert.js';
import { renderAlertCard } from '../../adapters/teams/render-alert-card.js';
import type { AlertView } from '../../src/core/chat.js';
import { cardTexts, markdownLinks } from '../teams/support/card-links.js';
import { loadAlert } from '../teams/support/load-fixture.js';

const HOSTILE_NAME = '<!channel> @here [win a prize](https://evil.example/x) <@U0ADMIN01> **bold**';

function mergedAlert(userName: string): AlertView {
  const alert = loadAlert('carecloud-alert');
  return {
    ...alert,
    // An owner Slack would mention on an open alert.
    vendor: { ...alert.vendor, owner: 'U0OWNER01' },
    incidentId: 2,
    incidentKey: 'carecloud-2026-11',
    merge: { platform: 'teams', userId: 'aad-1', userName, at: '2026-11-21T12:00:00.000Z', intoKey: 'carecloud-2026-03' },
  };
}

describe('the merged line on an alert', () => {
  it('on Slack: says where the story went, who and when, with the name inert and no Acknowledge or Not this vendor', () => {
    const plain = renderAlert(mergedAlert('Priya Raman'), { mentionOwner: true });
    const blocks = JSON.stringify(plain.blocks);
    expect(blocks).toContain('Merged into *carecloud-2026-03* by *Priya Raman* at 2026-11-21 12:00 UTC; later reports go there.');
    expect(blocks).not.toMatch(/"action_id":"vw_(ack|not_vendor)"/);
    // A merged alert calls nobody: the owner is not mentioned either.
    expect(blocks).not.toContain('<@U0OWNER01>');
    expect(JSON.stringify(renderAlert({ ...mergedAlert('Priya Raman'), merge: null }, { mentionOwner: true }).blocks)).toContain(
      '<@U0OWNER01>',
    );

    const hostile = renderAlert(mergedAlert(HOSTILE_NAME), { mentionOwner: false });
    const text = `${JSON.stringify(hostile.blocks)}\n${hostile.text}`;
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toMatch(/<!(channel|here|everyone)|<@U0ADMIN01|<https:\/\/evil/);
    expect(text).not.toMatch(/(?<!\u200D)@here\b/);
  });

  it('on Teams: says where the story went, who and when, with the name inert and no Acknowledge or Not this vendor', () => {
    const plain = renderAlertCard(mergedAlert('Priya Raman'));
    expect(cardTexts(plain).join('\n')).toContain(
      'Merged into **carecloud-2026-03** by **Priya Raman** (teams) at 2026-11-21 12:00 UTC; later reports go there.',
    );
    expect(JSON.stringify(plain)).not.toMatch(/"verb":"(ack|notVendor)"/);
    expect(JSON.stringify(plain)).toContain('"verb":"refresh"');

    const hostile = renderAlertCard(mergedAlert(HOSTILE_NAME));
    const line = cardTexts(hostile).find((t) => t.includes('Merged into'))!;
    expect(markdownLinks(hostile).filter((link) => link.url.includes('evil'))).toEqual([]);
    expect(line).not.toContain('https://evil');
    expect(line).not.toMatch(/(?<!\\)\*\*bold(?<!\\)\*\*/);
  });
});
