// An Adaptive Card action's data (the incident id) comes back from the client and proves nothing: over loopback,
// through the real adapter, an invoke counts only when its replyToId is a message we posted as that incident's
// alert in that conversation, as Slack buttons count only on their own alert message.

import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger } from './support/capture-logger.js';
import { loadAlert } from './support/load-fixture.js';
import { GENERAL_CHANNEL, type LoopbackHarness, postAlertAndRecord, startLoopbackHarness } from './support/loopback-harness.js';

const VERBS = ['ack', 'mute7d', 'notVendor', 'refresh'] as const;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function installedWithAlert(): Promise<{ h: LoopbackHarness; logs: ReturnType<typeof captureLogger> }> {
  const logs = captureLogger();
  const h = await startLoopbackHarness({ logger: logs.logger });
  cleanups.push(() => h.close());
  expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
  h.core.addAlert({ ...loadAlert('carecloud-alert'), incidentId: 2, incidentKey: 'other-2026-04' });
  // The alert is posted and stored: a valid card exists, the invokes below just do not come from it.
  await postAlertAndRecord(h, GENERAL_CHANNEL, 1);
  return { h, logs };
}

/** The invoke Teams sends for a click, as the test shapes it. */
function invoke(h: LoopbackHarness, verb: string, replyToId: string | null, incidentId = 1): Record<string, unknown> {
  const activity = h.activity('invoke-card-action', { CARD_ID: replyToId ?? 'x', VERB: verb });
  if (replyToId === null) {
    delete activity.replyToId;
    (activity.conversation as Record<string, unknown>).id = GENERAL_CHANNEL;
  }
  (activity.value as { action: { data: { incidentId: number } } }).action.data.incidentId = incidentId;
  return activity;
}

async function expectNothingDone(h: LoopbackHarness, res: { status: number; text: string }): Promise<void> {
  expect(res.status).toBe(400);
  expect(res.text).not.toContain('AdaptiveCard');
  expect(h.core.acknowledgeCalls).toEqual([]);
  expect(h.core.muteCalls).toEqual([]);
  expect(h.core.acknowledgement(1)).toBeNull();
  expect(h.core.activeMute('CareCloud')).toBeNull();
  expect(h.core.store.corrections.dismissal(1)).toBeNull();
  expect(h.connector.delivered('update')).toEqual([]);
}

describe('Teams card actions are bound to their card', () => {
  it.each(VERBS)('%s without a replyToId acknowledges, mutes and refreshes nothing', async (verb) => {
    const { h, logs } = await installedWithAlert();
    await expectNothingDone(h, await h.post(invoke(h, verb, null)));
    expect(
      logs.lines().some((l) => l.level === 40 && l.msg === 'teams: card action from a message that is no Vendorwatch alert; refused'),
    ).toBe(true);
  });

  it.each(VERBS)('%s from a message that is no stored alert acknowledges, mutes and refreshes nothing', async (verb) => {
    const { h } = await installedWithAlert();
    await expectNothingDone(h, await h.post(invoke(h, verb, '1711199999999')));
  });

  it.each(VERBS)("%s from incident 2's card naming incident 1 acknowledges, mutes and refreshes nothing", async (verb) => {
    const { h } = await installedWithAlert();
    const other = await postAlertAndRecord(h, GENERAL_CHANNEL, 2);
    await expectNothingDone(h, await h.post(invoke(h, verb, other.messageId, 1)));
    expect(h.core.acknowledgement(2)).toBeNull();
  });
});
