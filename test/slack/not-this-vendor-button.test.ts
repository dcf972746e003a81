import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/core/chat.js';
import carecloudCase from './fixtures/alert-carecloud.json' with { type: 'json' };
import { ALERT_CHANNEL, blockActionBody, blocksOf, postSigned, type SlackTestRig, startSlackRig } from './support/slack-harness.js';

const carecloud = carecloudCase.input as AlertView;
const ALERT_TS = '1767225600.000100';

let rig: SlackTestRig;
let eventsUrl: string;

beforeEach(async () => {
  rig = await startSlackRig();
  eventsUrl = `${rig.host.url}/slack/events`;
  rig.core.addAlert(carecloud);
  rig.core.linkMessage(carecloud.incidentId, 'slack', ALERT_CHANNEL, ALERT_TS);
  // The wrong match "Not this vendor" corrects: the breached party was another company the text called CareCloud.
  rig.core.store.db.prepare('UPDATE incidents SET organisation = ? WHERE id = ?').run('CareCloud Dental Partners', carecloud.incidentId);
});
afterEach(async () => {
  await rig.close();
});

async function click(extra: { userId?: string; userName?: string; value?: string } = {}): Promise<number> {
  const body = blockActionBody({
    actionId: 'vw_not_vendor',
    value: extra.value ?? String(carecloud.incidentId),
    messageTs: ALERT_TS,
    responseUrl: rig.api.responseUrl('action'),
    ...(extra.userId ? { userId: extra.userId } : {}),
    ...(extra.userName ? { userName: extra.userName } : {}),
  });
  return (await postSigned(eventsUrl, body)).status;
}

describe('"Not this vendor" on a Slack alert', () => {
  it('dismisses the alert: the message shows who, the exclusion is stored, reminders stop', async () => {
    expect(await click({ userName: 'jordan.reyes' })).toBe(200);
    await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0 && rig.api.callsTo('chat.postEphemeral').length > 0);
    const update = rig.api.callsTo('chat.update')[0]!;
    expect(update.params).toMatchObject({ channel: ALERT_CHANNEL, ts: ALERT_TS });
    const blocks = JSON.stringify(blocksOf(update.params));
    expect(blocks).toContain('Dismissed by *jordan.reyes* at 2026-03-28 09:30 UTC: not CareCloud');
    expect(blocks).not.toContain('"vw_not_vendor"');
    expect(blocks).not.toContain('"vw_ack"');
    expect(rig.core.store.corrections.dismissal(carecloud.incidentId)).toMatchObject({ userId: 'UJORDAN01', vendor: 'CareCloud' });
    expect(rig.core.store.corrections.exclusions()).toEqual([
      expect.objectContaining({
        vendor: 'CareCloud',
        organisation: 'CareCloud Dental Partners',
        userName: 'jordan.reyes',
        platform: 'slack',
      }),
    ]);
    const far = new Date('2027-01-01T00:00:00Z');
    expect(rig.core.store.incidents.dueForReminder(far, far)).toEqual([]);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('watchlist exclusions --remove 1');
  });

  it('a user the roles do not allow is told so and nothing changes', async () => {
    rig.core.setRoles({ admins: [], responders: ['S0RESPOND'] });
    await click({ userId: 'UINTERN01' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain(
      'You cannot dismiss this alert: Only Vendorwatch responders may mark an alert',
    );
    expect(rig.core.store.corrections.dismissal(carecloud.incidentId)).toBeNull();
    expect(rig.core.store.corrections.exclusions()).toEqual([]);
    expect(rig.api.callsTo('chat.update')).toHaveLength(0);
  });

  it('a button whose value names another incident than its message dismisses nothing', async () => {
    rig.core.addAlert({ ...carecloud, incidentId: 2, incidentKey: 'carecloud-2026-04' });
    await click({ value: '2' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('does not know this alert');
    expect(rig.core.store.corrections.dismissal(1)).toBeNull();
    expect(rig.core.store.corrections.dismissal(2)).toBeNull();
    expect(rig.core.store.corrections.exclusions()).toEqual([]);
  });
});
