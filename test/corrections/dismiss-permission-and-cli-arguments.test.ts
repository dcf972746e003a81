import { describe, expect, it } from 'vitest';
import type { Actor, AlertView } from '../../src/core/chat.js';
import { permits, type Roles } from '../../src/interaction/roles.js';
import { Store } from '../../src/store/store.js';
import { runCli, tempDbPath } from '../cli/run-cli.js';
import carecloudCase from '../slack/fixtures/alert-carecloud.json' with { type: 'json' };
import { createChatCore } from '../support/chat-core.js';

const actor = (userId: string): Actor => ({ platform: 'slack', userId, userName: userId });

describe('"Not this vendor" permission', () => {
  it('follows the acknowledge column of the roles table for every roles configuration', () => {
    const configurations: Roles[] = [
      { admins: [], responders: [] },
      { admins: [], responders: ['URESP'] },
      { admins: ['UADMIN'], responders: [] },
      { admins: ['UADMIN'], responders: ['URESP'] },
    ];
    for (const roles of configurations) {
      for (const who of ['URESP', 'UADMIN', 'USOMEONE']) {
        expect(permits(roles, actor(who), 'dismiss'), `${who} with ${JSON.stringify(roles)}`).toBe(
          permits(roles, actor(who), 'acknowledge'),
        );
      }
    }
    // Where it differs from muting: with only admins configured, anyone may dismiss one alert.
    expect(permits({ admins: ['UADMIN'], responders: [] }, actor('USOMEONE'), 'dismiss')).toBe(true);
  });
});

describe('"Not this vendor" never learns to silence a vendor under its own name', () => {
  it('dismisses an alert whose breached party was the vendor itself but learns no exclusion', async () => {
    const core = createChatCore();
    try {
      const alert = carecloudCase.input as AlertView;
      core.addAlert(alert);
      const outcome = await core.dismissAlert({ incidentId: alert.incidentId, actor: actor('URESP') });
      expect(outcome).toMatchObject({ kind: 'dismissed', exclusion: null });
      expect(core.store.corrections.dismissal(alert.incidentId)).toMatchObject({ vendor: 'CareCloud' });
      expect(core.store.corrections.exclusions()).toEqual([]);
    } finally {
      core.close();
    }
  });
});

describe('vendorwatch watchlist exclusions: arguments', () => {
  it('refuses an ID that is not a whole number, or a stray argument, with exit 1 and the usage', async () => {
    for (const args of [['--remove', 'abc'], ['--remove', '-1'], ['--remove'], ['--purge']]) {
      const result = await runCli(['watchlist', 'exclusions', ...args], {});
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('Usage: vendorwatch watchlist exclusions [--remove ID]');
    }
    expect((await runCli(['watchlist', 'exclusions', '--remove', 'abc'], {})).stderr).toContain('"abc" is not an exclusion ID');
  });

  it('lists feed text in an exclusion inert: no terminal escapes or bidi overrides reach the operator', async () => {
    const db = tempDbPath();
    const store = Store.open(db);
    store.corrections.addExclusion({
      vendor: 'Epic Systems',
      organisation: 'Epic\u001b[2J\u001b]0;owned\u0007 Games\u202e',
      incidentId: null,
      platform: 'slack',
      userId: 'U1',
      userName: 'Ann\u001b[31m',
      at: '2026-03-30T12:00:00.000Z',
    });
    store.close();
    const listed = await runCli(['watchlist', 'exclusions'], { VENDORWATCH_DB: db, LOG_LEVEL: 'silent' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(listed.stdout).toContain('1  Epic Systems  not for "Epic [2J ]0;owned Games"  by Ann [31m (slack) at 2026-03-30 12:00 UTC');
  });
});
