// `merge <id> <id>` to the Teams bot: over loopback through the real adapter, against the fake Bot Framework
// connector and the real core. The pointer in the merged incident's thread is a delivery the worker posts in that
// thread (as it posts reminders); here the queued delivery is checked, the Slack end-to-end test sees it posted.

import { afterEach, describe, expect, it } from 'vitest';
import { cardTexts } from './support/card-links.js';
import { loadAlert } from './support/load-fixture.js';
import { GENERAL_CHANNEL, type LoopbackHarness, postAlertAndRecord, startLoopbackHarness } from './support/loopback-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function twoAlerts(): Promise<LoopbackHarness> {
  const h = await startLoopbackHarness();
  cleanups.push(() => h.close());
  expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
  h.core.addAlert({ ...loadAlert('carecloud-alert'), incidentId: 2, incidentKey: 'carecloud-2026-11' });
  await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
  await postAlertAndRecord(h, GENERAL_CHANNEL, 2);
  return h;
}

const lastReplyText = (h: LoopbackHarness): string => {
  const calls = [...h.connector.delivered('send'), ...h.connector.delivered('reply')];
  const body = calls.at(-1)!.body as { attachments: { content: unknown }[] };
  return cardTexts(body.attachments[0]!.content).join('\n');
};

describe('Teams: merge <id> <id>', () => {
  it('merges the second incident into the first and queues the pointer for its thread', async () => {
    const h = await twoAlerts();
    const sources = h.core.store.incidents.sourceItemIds(1).length;
    expect(sources).toBeGreaterThan(0);
    expect((await h.post(h.activity('message-channel-mention', { TEXT: 'merge 1 carecloud-2026-11' }))).status).toBe(200);
    expect(lastReplyText(h)).toContain(`carecloud-2026-11 is merged into ${h.core.store.incidents.byId(1)!.key}`);
    expect(h.core.store.corrections.mergedFrom(2)).toMatchObject({ intoId: 1, platform: 'teams', userName: 'Priya Raman' });
    const pointer = h.core.store.db
      .prepare(`SELECT platform, address, payload FROM deliveries WHERE incident_id = 2 AND kind = 'notice'`)
      .all() as { platform: string; address: string; payload: string }[];
    expect(pointer).toHaveLength(1);
    expect(pointer[0]).toMatchObject({ platform: 'teams', address: GENERAL_CHANNEL });
    expect(JSON.parse(pointer[0]!.payload).notice).toMatchObject({
      kind: 'merge',
      text: expect.stringContaining('Priya Raman merged this incident'),
    });
  });

  it('refuses anyone but admins once admins are configured, and a merge of an incident with itself', async () => {
    const h = await twoAlerts();
    h.core.setRoles({ admins: ['0d0d0d0d-0000-4000-8000-00000000ad01'], responders: [] });
    await h.post(h.activity('message-channel-mention', { TEXT: 'merge 1 2' }));
    expect(lastReplyText(h)).toContain('You cannot merge incidents: Only Vendorwatch admins may merge incidents.');
    expect(h.core.store.corrections.mergedFrom(2)).toBeNull();

    h.core.setRoles({ admins: [], responders: [] });
    await h.post(h.activity('message-channel-mention', { TEXT: 'merge 2 2' }));
    expect(lastReplyText(h)).toContain('are the same incident');
    await h.post(h.activity('message-channel-mention', { TEXT: 'merge 2' }));
    expect(lastReplyText(h)).toContain('Name two incidents by id or key');
    expect(h.core.store.corrections.mergedFrom(2)).toBeNull();
  });
});
