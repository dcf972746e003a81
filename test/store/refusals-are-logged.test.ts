import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InteractionService } from '../../src/interaction/interaction-service.js';
import { createLogger } from '../../src/log.js';
import { SqliteAsyncStore } from '../../src/store/sqlite-async-store.js';
import { Store } from '../../src/store/store.js';

describe('refused interactions', () => {
  it('are logged with who tried, on which platform, and change nothing', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'vw-refusal-')), 'vendorwatch.db'));
    const incident = store.incidents.create({
      key: 'carecloud-2026-03',
      vendor: 'CareCloud',
      organisation: 'CareCloud',
      title: 't',
      summary: 's',
      healthcare: true,
      signature: {},
      at: new Date(),
    });
    store.incidents.setAlertState(incident.id, 'alerted', new Date());
    const vendor = { name: 'CareCloud', aliases: [], products: [], domains: [], criticality: 'high' as const };
    const service = new InteractionService({
      store: SqliteAsyncStore.wrap(store),
      vendors: new Map([['CareCloud', vendor]]),
      finder: { find: () => ({ kind: 'found', vendor }) },
      roles: { admins: ['U0ADMIN01'], responders: ['S0RESPOND'] },
      logger: createLogger({ level: 'info', destination: sink }),
      onChange: () => {},
      announce: async () => {},
    });
    const intern = { platform: 'teams' as const, userId: 'aad-intern-0001', userName: 'Intern' };

    expect((await service.acknowledge({ incidentId: incident.id, actor: intern })).kind).toBe('forbidden');
    expect((await service.muteVendor({ vendor: 'CareCloud', actor: intern, days: 7 })).kind).toBe('forbidden');
    expect(store.interactions.acknowledgement(incident.id)).toBeNull();
    expect(store.interactions.activeMute('CareCloud', new Date())).toBeNull();
    const refusals = lines.filter((line) => String(line.msg).includes('refused'));
    expect(refusals).toHaveLength(2);
    for (const refusal of refusals) expect(refusal).toMatchObject({ actor: 'aad-intern-0001', platform: 'teams' });

    // A Slack user group in the responders role may acknowledge.
    const responder = { platform: 'slack' as const, userId: 'U0SOMEONE', userName: 'Sam', groups: ['S0RESPOND'] };
    expect((await service.acknowledge({ incidentId: incident.id, actor: responder })).kind).toBe('acknowledged');
    store.close();
  });
});
