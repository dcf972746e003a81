import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/chat.js';
import { permits, type Roles } from '../../src/interaction/roles.js';
import { runCli } from '../cli/run-cli.js';

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

describe('vendorwatch watchlist exclusions: arguments', () => {
  it('refuses an ID that is not a whole number, or a stray argument, with exit 1 and the usage', async () => {
    for (const args of [['--remove', 'abc'], ['--remove', '-1'], ['--remove'], ['--purge']]) {
      const result = await runCli(['watchlist', 'exclusions', ...args], {});
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain('Usage: vendorwatch watchlist exclusions [--remove ID]');
    }
    expect((await runCli(['watchlist', 'exclusions', '--remove', 'abc'], {})).stderr).toContain('"abc" is not an exclusion ID');
  });
});
