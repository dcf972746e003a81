import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/core/chat.js';
import { createLogger } from '../../src/log.js';
import carecloudCase from './fixtures/alert-carecloud.json' with { type: 'json' };
import {
  ALERT_CHANNEL,
  BOT_TOKEN,
  blockActionBody,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
  startSlackRig,
} from './support/slack-harness.js';

describe('secrets never reach the logs', () => {
  it('logs of deliveries, failures and requests at debug level hold no token or signing secret', async () => {
    const sink = new PassThrough();
    const chunks: string[] = [];
    sink.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const rig = await startSlackRig({ logger: createLogger({ level: 'debug', destination: sink }) });
    try {
      const alert = carecloudCase.input as AlertView;
      rig.core.addAlert(alert);
      rig.api.failNext('chat.postMessage', { status: 500 });
      const posted = await rig.adapter.postAlert({ platform: 'slack', address: ALERT_CHANNEL }, alert, 'dlv-1');
      rig.core.linkMessage(alert.incidentId, 'slack', ALERT_CHANNEL, posted.messageId);
      rig.api.failNext('chat.postMessage', { error: 'invalid_auth' });
      await rig.adapter.postAlert({ platform: 'slack', address: ALERT_CHANNEL }, alert, 'dlv-2').catch(() => undefined);
      const url = `${rig.host.url}/slack/events`;
      await postSigned(url, slashCommandBody({ text: 'carecloud', responseUrl: rig.api.responseUrl('s') }));
      await postSigned(
        url,
        blockActionBody({ actionId: 'vw_ack', value: '1', messageTs: posted.messageId, responseUrl: rig.api.responseUrl('a') }),
      );
      await postSigned(url, slashCommandBody({ text: 'x', responseUrl: rig.api.responseUrl('bad') }), { secret: 'wrong' });
      await rig.api.waitFor(() => rig.api.callsTo('chat.update').length > 0 && rig.api.responses.length > 0);
    } finally {
      await rig.close();
    }
    const logs = chunks.join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).toContain('chat.postMessage');
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
    expect(logs).not.toMatch(/xox[bp]-[A-Za-z0-9]/);
  });
});
