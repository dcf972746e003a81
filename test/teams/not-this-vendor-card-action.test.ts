// "Not this vendor" on the Teams alert card: an Action.Execute over loopback through the real adapter, against the
// fake Bot Framework connector and the real core.

import { afterEach, describe, expect, it } from 'vitest';
import { cardTexts } from './support/card-links.js';
import { GENERAL_CHANNEL, type LoopbackHarness, postAlertAndRecord, startLoopbackHarness } from './support/loopback-harness.js';

const PRIYA_AAD = '3a9b7c1d-0000-4000-8000-00000000bb02';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function installedWithAlert(): Promise<{ h: LoopbackHarness; messageId: string }> {
  const h = await startLoopbackHarness();
  cleanups.push(() => h.close());
  expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
  const posted = await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
  // The wrong match "Not this vendor" corrects: the breached party was another company the text called CareCloud.
  h.core.store.db.prepare('UPDATE incidents SET organisation = ? WHERE id = ?').run('CareCloud Dental Partners', 1);
  return { h, messageId: posted.messageId };
}

const cardOf = (body: Record<string, unknown>): unknown => (body.attachments as { content: unknown }[])[0]!.content;

describe('"Not this vendor" on a Teams alert card', () => {
  it('dismisses the alert: the card and the posted message show who, the exclusion is stored', async () => {
    const { h, messageId } = await installedWithAlert();
    const posted = JSON.stringify(h.connector.delivered('send').at(-1)?.body ?? h.connector.delivered('reply').at(-1)?.body);
    expect(posted).toContain('"verb":"notVendor"');

    const res = await h.post(h.activity('invoke-card-action', { CARD_ID: messageId, VERB: 'notVendor' }));
    expect(res.status).toBe(200);
    const answer = res.json() as { statusCode: number; type: string; value: unknown };
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const answerText = cardTexts(answer.value).join('\n');
    expect(answerText).toContain('Dismissed by **Priya Raman** (teams) at 2026-03-28 09:30 UTC: not CareCloud');
    expect(answerText).toContain('watchlist exclusions --remove 1');
    expect(JSON.stringify(answer.value)).not.toContain('"verb":"notVendor"');
    expect(JSON.stringify(answer.value)).not.toContain('"verb":"ack"');

    const [edit] = h.connector.delivered('update');
    expect(edit).toMatchObject({ conversationId: GENERAL_CHANNEL, activityId: messageId });
    expect(cardTexts(cardOf(edit!.body)).join('\n')).toContain('Dismissed by **Priya Raman** (teams)');

    expect(h.core.store.corrections.dismissal(1)).toMatchObject({ platform: 'teams', userId: PRIYA_AAD, vendor: 'CareCloud' });
    expect(h.core.store.corrections.exclusions()).toEqual([
      expect.objectContaining({ vendor: 'CareCloud', organisation: 'CareCloud Dental Partners', userName: 'Priya Raman' }),
    ]);

    const again = await h.post(h.activity('invoke-card-action', { CARD_ID: messageId, VERB: 'notVendor' }));
    expect(cardTexts((again.json() as { value: unknown }).value).join('\n')).toContain('already dismissed');
    expect(h.connector.delivered('update')).toHaveLength(1);
  });

  it('refuses a user the roles do not allow and records nothing', async () => {
    const { h, messageId } = await installedWithAlert();
    h.core.setRoles({ admins: [], responders: ['0d0d0d0d-0000-4000-8000-00000000re99'] });
    const res = await h.post(h.activity('invoke-card-action', { CARD_ID: messageId, VERB: 'notVendor' }));
    expect(res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String((res.json() as { value: unknown }).value)).toContain('cannot dismiss this alert');
    expect(h.core.store.corrections.dismissal(1)).toBeNull();
    expect(h.connector.delivered('update')).toHaveLength(0);
  });
});
