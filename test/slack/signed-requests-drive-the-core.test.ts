import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/core/chat.js';
import carecloudCase from './fixtures/alert-carecloud.json' with { type: 'json' };
import {
  ALERT_CHANNEL,
  blockActionBody,
  blocksOf,
  messageEventBody,
  postSigned,
  type SlackTestRig,
  slashCommandBody,
  startSlackRig,
} from './support/slack-harness.js';

const carecloud = carecloudCase.input as AlertView;
const ALERT_TS = '1767225600.000100';

let rig: SlackTestRig;
let eventsUrl: string;

beforeEach(async () => {
  rig = await startSlackRig();
  eventsUrl = `${rig.host.url}/slack/events`;
  rig.core.addAlert(carecloud);
  rig.core.linkMessage(carecloud.incidentId, 'slack', ALERT_CHANNEL, ALERT_TS);
});
afterEach(async () => {
  await rig.close();
});

const respondedTo = (id: string) => rig.api.responses.filter((r) => r.path === `/respond/${id}`);

async function command(text: string, id: string, extra: { userId?: string } = {}): Promise<Record<string, unknown>> {
  const result = await postSigned(eventsUrl, slashCommandBody({ text, responseUrl: rig.api.responseUrl(id), ...extra }));
  expect(result.status).toBe(200);
  await rig.api.waitFor(() => respondedTo(id).length > 0);
  return respondedTo(id)[0]!.body;
}

async function click(
  actionId: string,
  extra: { userId?: string; userName?: string; value?: string; messageTs?: string; channel?: string } = {},
): Promise<number> {
  const body = blockActionBody({
    actionId,
    ...(extra.channel ? { channel: extra.channel } : {}),
    value: extra.value ?? String(carecloud.incidentId),
    messageTs: extra.messageTs ?? ALERT_TS,
    responseUrl: rig.api.responseUrl('action'),
    ...(extra.userId ? { userId: extra.userId } : {}),
    ...(extra.userName ? { userName: extra.userName } : {}),
  });
  return (await postSigned(eventsUrl, body)).status;
}

describe('signed requests drive the core', () => {
  it('checks the bot token with auth.test once at start', () => {
    expect(rig.api.callsTo('auth.test')).toHaveLength(1);
    expect(rig.adapter.mode).toBe('http');
  });

  it('/vendor-incidents carecloud answers ephemerally with the incident', async () => {
    const answer = await command('carecloud', 'c1');
    expect(answer.response_type).toBe('ephemeral');
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('CareCloud reports an intruder in one of its EHR environments');
    expect(blocks).toContain(':red_circle: open');
    expect(blocks).toContain('4 sources');
  });

  it('a fuzzy name or an alias finds the vendor too', async () => {
    expect(JSON.stringify((await command('Care Cloud', 'c2')).blocks)).toContain('CareCloud reports an intruder');
    expect(JSON.stringify((await command('talkEHR', 'c3')).blocks)).toContain('CareCloud reports an intruder');
  });

  it('an unknown vendor gets the closest suggestions', async () => {
    // Two letters off: one typo would be taken as CareCloud itself.
    const answer = await command('carclod', 'c4');
    expect(answer.text).toContain('No vendor on the watchlist matches');
    expect(answer.text).toContain('*CareCloud*');
  });

  it('no argument or help prints usage', async () => {
    expect(String((await command('', 'c5')).text)).toMatch(/^Usage: \/vendor-incidents/);
    expect(String((await command('help', 'c6')).text)).toMatch(/^Usage: \/vendor-incidents/);
  });

  it('recent lists the last 7 days across vendors', async () => {
    const answer = await command('recent', 'c7');
    expect(JSON.stringify(answer.blocks)).toContain('Incidents of the last 7 days');
    expect(JSON.stringify(answer.blocks)).toContain('CareCloud: ');
  });

  it('links each listed incident to its alert, resolving an opaque slack:CHANNEL:TS with chat.getPermalink', async () => {
    const answer = await command('carecloud', 'c8');
    expect(rig.api.callsTo('chat.getPermalink')[0]!.params).toMatchObject({ channel: ALERT_CHANNEL, message_ts: ALERT_TS });
    expect(JSON.stringify(answer.blocks)).toContain(
      `<https://fake-hospital.slack.com/archives/${ALERT_CHANNEL}/p1767225600000100|CareCloud reports`,
    );
  });

  it('an over-long command gets a clear answer and reaches no lookup', async () => {
    const answer = await command('x'.repeat(500), 'c9');
    expect(JSON.stringify(answer.blocks)).toContain('takes at most 200');
  });

  it('mute VENDOR 7d and unmute VENDOR reach the core', async () => {
    expect(String((await command('mute care cloud 7d', 'c10')).text)).toContain('*CareCloud* is muted until');
    expect(rig.core.muteCalls).toMatchObject([
      { input: { vendor: 'care cloud', days: 7, actor: { userId: 'UJORDAN01' } }, outcome: { kind: 'muted', vendor: 'CareCloud' } },
    ]);
    expect(rig.core.activeMute('CareCloud')).toMatchObject({ userId: 'UJORDAN01', until: '2026-04-04T09:30:00.000Z' });
    expect(String((await command('unmute CareCloud', 'c11')).text)).toContain('no longer muted');
    expect(rig.core.unmuteCalls).toMatchObject([{ input: { vendor: 'CareCloud' }, outcome: { kind: 'unmuted', vendor: 'CareCloud' } }]);
    expect(rig.core.activeMute('CareCloud')).toBeNull();
  });

  it('the Acknowledge button records who and updates the message to show it', async () => {
    expect(await click('vw_ack', { userName: 'jordan.reyes' })).toBe(200);
    await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0);
    expect(rig.core.acknowledgement(1)).toMatchObject({
      platform: 'slack',
      userId: 'UJORDAN01',
      userName: 'jordan.reyes',
      at: '2026-03-28T09:30:00.000Z',
    });
    // The user's Slack groups travel with the actor: roles may name a group (S…).
    expect(rig.core.acknowledgeCalls.map((call) => call.input.actor.groups)).toEqual([['S0RESPOND']]);
    const update = rig.api.callsTo('chat.update')[0]!;
    expect(update.params).toMatchObject({ channel: ALERT_CHANNEL, ts: ALERT_TS });
    const blocks = JSON.stringify(blocksOf(update.params));
    expect(blocks).toContain('Acknowledged by *jordan.reyes* at 2026-03-28 09:30 UTC');
    expect(blocks).not.toContain('"vw_ack"');
  });

  it('a second Acknowledge gets a polite ephemeral and is not recorded twice', async () => {
    await click('vw_ack');
    await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0);
    await click('vw_ack', { userId: 'UPRIYA001', userName: 'priya' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    const ephemeral = rig.api.callsTo('chat.postEphemeral')[0]!;
    expect(ephemeral.params.user).toBe('UPRIYA001');
    expect(ephemeral.params.text).toContain('already acknowledged by *jordan.reyes*');
    expect(rig.core.acknowledgeCalls.map((call) => call.outcome.kind)).toEqual(['acknowledged', 'already']);
    expect(rig.core.acknowledgement(1)).toMatchObject({ userId: 'UJORDAN01' });
    expect(rig.api.callsTo('chat.update')).toHaveLength(1);
  });

  it('a refused user gets an ephemeral explanation and nothing is recorded', async () => {
    rig.core.setRoles({ admins: [], responders: ['S0RESPOND'] });
    await click('vw_ack', { userId: 'UINTERN01' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain(
      'You cannot acknowledge this alert: Only Vendorwatch responders may acknowledge alerts.',
    );
    expect(rig.core.acknowledgeCalls.map((call) => call.outcome.kind)).toEqual(['forbidden']);
    expect(rig.core.acknowledgement(1)).toBeNull();
    expect(rig.api.callsTo('chat.update')).toHaveLength(0);
  });

  it('a button whose value names another incident than its message is refused', async () => {
    rig.core.addAlert({ ...carecloud, incidentId: 2, incidentKey: 'carecloud-2026-04' });
    await click('vw_ack', { value: '2' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('does not know this alert');
    expect(rig.core.acknowledgeCalls).toEqual([]);
    expect(rig.core.acknowledgement(1)).toBeNull();
    expect(rig.core.acknowledgement(2)).toBeNull();
  });

  it('a button naming an incident that does not exist changes nothing and says so', async () => {
    await click('vw_ack', { value: '999999', messageTs: '1767225600.999999' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('does not know this alert');
    expect(rig.core.acknowledgeCalls).toEqual([]);
    expect(rig.api.callsTo('chat.update')).toHaveLength(0);
  });

  it("the alert's own button clicked from a copy in another channel is refused", async () => {
    await click('vw_ack', { channel: 'C0OTHER999' });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('does not know this alert');
    expect(rig.core.acknowledgeCalls).toEqual([]);
    expect(rig.core.acknowledgement(1)).toBeNull();
  });

  it('Mute vendor 7 days mutes through the core and refreshes the alert', async () => {
    await click('vw_mute_7d');
    await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0);
    expect(rig.core.muteCalls).toMatchObject([
      { input: { vendor: 'CareCloud', days: 7 }, outcome: { kind: 'muted', vendor: 'CareCloud' } },
    ]);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params.text).toContain('muted until 2026-04-04 09:30 UTC');
    expect(JSON.stringify(blocksOf(rig.api.callsTo('chat.update')[0]!.params))).toContain('muted until 2026-04-04 09:30 UTC');
  });

  it('Details posts every fact and source ephemerally', async () => {
    await click('vw_details');
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    const blocks = JSON.stringify(blocksOf(rig.api.callsTo('chat.postEphemeral')[0]!.params));
    expect(blocks).toContain('incident details');
    expect(blocks).toContain('870,000');
    expect(blocks).toContain('Patchline Security Blog');
  });

  it('a thread reply "ack <comment>" acknowledges with the comment and the user\'s name', async () => {
    const status = (
      await postSigned(eventsUrl, messageEventBody({ text: 'ack calling the vendor now', ts: '1767225700.000200', threadTs: ALERT_TS }), {
        contentType: 'application/json',
      })
    ).status;
    expect(status).toBe(200);
    await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0);
    expect(rig.core.acknowledgement(1)).toMatchObject({
      userId: 'UPRIYA001',
      userName: 'Priya Natarajan',
      comment: 'calling the vendor now',
    });
    expect(JSON.stringify(blocksOf(rig.api.callsTo('chat.update')[0]!.params))).toContain('calling the vendor now');
  });

  it('ignores bot messages, non-ack replies, top-level messages and threads that are not alerts', async () => {
    const send = (body: string) => postSigned(eventsUrl, body, { contentType: 'application/json' });
    await send(messageEventBody({ text: 'ack', ts: '1767225700.000301', threadTs: ALERT_TS, botId: 'BOTHER001', subtype: 'bot_message' }));
    await send(messageEventBody({ text: 'looking at it', ts: '1767225700.000302', threadTs: ALERT_TS }));
    await send(messageEventBody({ text: 'ack', ts: '1767225700.000303' }));
    await send(messageEventBody({ text: 'ack', ts: '1767225700.000304', threadTs: '1767225000.000001' }));
    // A last reply that does count proves the ones before were processed (events are handled in order here).
    await send(messageEventBody({ text: 'ACK', ts: '1767225700.000305', threadTs: ALERT_TS }));
    await rig.api.waitFor(() => rig.core.acknowledgeCalls.length > 0);
    expect(rig.core.acknowledgeCalls).toHaveLength(1);
    expect(rig.core.acknowledgement(1)).toMatchObject({ userId: 'UPRIYA001', comment: null });
  });

  it('a refused thread "ack" is explained ephemerally in that thread', async () => {
    rig.core.setRoles({ admins: [], responders: ['UJORDAN01'] });
    await postSigned(eventsUrl, messageEventBody({ text: 'ack', ts: '1767225700.000400', threadTs: ALERT_TS }), {
      contentType: 'application/json',
    });
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params).toMatchObject({
      user: 'UPRIYA001',
      thread_ts: ALERT_TS,
      channel: ALERT_CHANNEL,
    });
    expect(rig.core.acknowledgement(1)).toBeNull();
  });

  it("answers Slack's URL verification challenge when the request URL is saved", async () => {
    const result = await postSigned(eventsUrl, JSON.stringify({ token: 't', challenge: 'c-3a7f', type: 'url_verification' }), {
      contentType: 'application/json',
    });
    expect(result.status).toBe(200);
    expect(result.text).toContain('c-3a7f');
  });

  it('a core failure is answered with an apology instead of silence', async () => {
    rig.core.lookupVendor = async () => {
      throw new Error('store unreachable');
    };
    expect(String((await command('carecloud', 'c-fail')).text)).toContain('could not do that just now');
    rig.core.acknowledge = async () => {
      throw new Error('store unreachable');
    };
    await click('vw_ack');
    await rig.api.waitFor(() => rig.api.callsTo('chat.postEphemeral').length > 0);
    expect(rig.api.callsTo('chat.postEphemeral')[0]!.params).toMatchObject({ user: 'UJORDAN01', channel: ALERT_CHANNEL });
  });

  it('refuses a badly signed request with 401 and calls nothing', async () => {
    const result = await postSigned(eventsUrl, slashCommandBody({ text: 'carecloud', responseUrl: rig.api.responseUrl('bad') }), {
      secret: 'not-the-secret',
    });
    expect(result.status).toBe(401);
    expect(rig.api.responses).toHaveLength(0);
  });

  it('refuses a replayed request older than 5 minutes with 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await postSigned(
      eventsUrl,
      blockActionBody({ actionId: 'vw_ack', value: '1', messageTs: ALERT_TS, responseUrl: rig.api.responseUrl('old') }),
      { timestamp: stale },
    );
    expect(result.status).toBe(401);
    expect(rig.core.acknowledgeCalls).toEqual([]);
  });

  it('answers 404 for other paths under /slack/', async () => {
    const response = await fetch(`${rig.host.url}/slack/other`, { method: 'POST', body: '' });
    expect(response.status).toBe(404);
  });
});
