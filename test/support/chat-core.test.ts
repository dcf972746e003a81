// The shared test core (test/support/chat-core.ts) must store an alert so that the real core hands adapters that
// same alert back; otherwise the Slack and Teams tests would check the adapters against data the core never gave.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/core/chat.js';
import { FACT_LABELS } from '../../src/incidents/alert-view.js';
import { createChatCore } from './chat-core.js';

const FACT_ORDER = Object.keys(FACT_LABELS);

/** The alert as the core renders any stored alert: facts in the core's order, with the core's labels. */
function asTheCoreShowsIt(view: AlertView): AlertView {
  return {
    ...view,
    // The core always says whether an alert was dismissed ("Not this vendor"); the fixtures predate the field.
    dismissal: view.dismissal ?? null,
    facts: [...view.facts]
      .sort((a, b) => FACT_ORDER.indexOf(a.name) - FACT_ORDER.indexOf(b.name))
      .map((fact) => ({ ...fact, label: FACT_LABELS[fact.name] })),
  };
}

const slackFixtures = join(import.meta.dirname, '..', 'slack', 'fixtures');
const teamsFixtures = join(import.meta.dirname, '..', 'teams', 'fixtures');
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

// alert-hostile.json is a renderer input made worse than anything the core gives (facts from outlets that are no
// source, links that are no http(s)); the renderers' own tests take it directly.
const alerts: [string, AlertView][] = [
  ...readdirSync(slackFixtures)
    .filter((file) => file.startsWith('alert-') && file.endsWith('.json') && file !== 'alert-hostile.json')
    .sort()
    .map((file): [string, AlertView] => [`slack/fixtures/${file}`, (read(join(slackFixtures, file)) as { input: AlertView }).input]),
  ['teams/fixtures/carecloud-alert.json', read(join(teamsFixtures, 'carecloud-alert.json')) as AlertView],
];

describe('the shared chat core', () => {
  it('has alerts to check', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(5);
  });

  it.each(alerts)('gives back %s as it was added', async (_name, fixture) => {
    const view = { ...fixture, incidentId: 1 };
    const core = createChatCore({ now: () => new Date('2026-03-28T09:30:00.000Z') });
    try {
      expect(core.addAlert(view)).toBe(1);
      expect(await core.alertView(1)).toEqual(asTheCoreShowsIt(view));
    } finally {
      core.close();
    }
  });

  it('refuses alerts added out of incidentId order, so tests naming incident 1 or 2 mean what they say', () => {
    const core = createChatCore();
    const [, view] = alerts[0]!;
    expect(() => core.addAlert({ ...view, incidentId: 2 })).toThrow(/add alerts in the order of their incidentId/);
    core.close();
  });

  it('records what adapters asked, refusals included, and keeps the answer the real core gave', async () => {
    const core = createChatCore({ roles: { admins: [], responders: ['U0RESP001'] } });
    const [, view] = alerts.find(([, v]) => v.acknowledgement === null && v.mutedUntil === null)!;
    core.addAlert({ ...view, incidentId: 1 });
    const bystander = { platform: 'slack' as const, userId: 'U0OTHER01', userName: 'bo' };
    const responder = { platform: 'slack' as const, userId: 'U0RESP001', userName: 'rae' };
    await core.acknowledge({ incidentId: 1, actor: bystander });
    await core.acknowledge({ incidentId: 1, actor: responder, comment: 'on it' });
    expect(core.acknowledgeCalls.map((call) => [call.input.actor.userId, call.outcome.kind])).toEqual([
      ['U0OTHER01', 'forbidden'],
      ['U0RESP001', 'acknowledged'],
    ]);
    expect(core.acknowledgement(1)).toMatchObject({ userId: 'U0RESP001', comment: 'on it' });
    core.setRoles({ admins: [], responders: [] });
    expect((await core.muteVendor({ vendor: view.vendor.name, actor: bystander, days: 7 })).kind).toBe('muted');
    expect(core.activeMute(view.vendor.name)).toMatchObject({ userId: 'U0OTHER01' });
    core.close();
  });
});
