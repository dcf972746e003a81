// Who may acknowledge alerts and who may mute vendors, read from the config file's `roles`. Acknowledging and
// muting are decided separately, because they differ in reach: an acknowledgement speaks for one alert, a mute
// silences a vendor's alerts for everyone.
//
// "Not this vendor" (dismiss) follows the acknowledge column: it speaks for one alert, like an acknowledgement.
//
// | roles configured  | acknowledge, dismiss   | mute / unmute                                    |
// | ----------------- | ---------------------- | ------------------------------------------------ |
// | none              | anyone                 | anyone                                           |
// | responders only   | responders             | responders (the nearest thing to admins there is) |
// | admins only       | anyone                 | admins                                           |
// | both              | responders and admins  | admins                                           |

import type { Actor, Permission, Platform } from '../core/chat.js';

export interface Roles {
  /** Slack user ids, Slack user-group ids (S…) and Teams AAD object ids. Empty: see the table above. */
  admins: string[];
  responders: string[];
}

/** The ids an actor is known by: the user id, and on Slack the user groups the user belongs to. */
function idsOf(actor: Actor): string[] {
  return [actor.userId, ...(actor.groups ?? [])];
}

const isIn = (ids: string[], role: string[]): boolean => ids.some((id) => role.includes(id));

/** True when the roles allow `actor` to do what `permission` names (`admin` counts as muting). */
export function permits(roles: Roles, actor: Actor, permission: Permission): boolean {
  const ids = idsOf(actor);
  if (permission === 'acknowledge' || permission === 'dismiss')
    return roles.responders.length === 0 || isIn(ids, roles.responders) || isIn(ids, roles.admins);
  if (roles.admins.length > 0) return isIn(ids, roles.admins);
  // With responders but no admins, a mute must not be open to everybody: responders are the trusted group.
  if (roles.responders.length > 0) return isIn(ids, roles.responders);
  return true;
}

/** What to tell a refused user: who may, and how to get that right. */
export function refusalReason(roles: Roles, permission: Permission): string {
  const fix = 'Ask the Vendorwatch operator to add you to `roles` in the config file.';
  if (permission === 'acknowledge') {
    const who = roles.admins.length > 0 ? 'responders and admins' : 'responders';
    return `Only Vendorwatch ${who} may acknowledge alerts. ${fix}`;
  }
  if (permission === 'dismiss') {
    const who = roles.admins.length > 0 ? 'responders and admins' : 'responders';
    return `Only Vendorwatch ${who} may mark an alert "Not this vendor". ${fix}`;
  }
  const who = roles.admins.length > 0 ? 'admins' : 'responders';
  if (permission === 'admin') return `Only Vendorwatch ${who} may merge incidents. ${fix}`;
  return `Only Vendorwatch ${who} may mute or unmute vendors. ${fix}`;
}

/**
 * The start-up warning for a bot that takes chat input with no roles configured, naming the setting; null when
 * roles restrict something. Slash commands work from any channel and the Teams bot from any chat with it, so
 * "anyone" is everyone in the workspace or tenant, not only the alert channel's members.
 */
export function unrestrictedRolesWarning(roles: Roles, configFile: string | null, platforms: readonly Platform[]): string | null {
  if (roles.admins.length > 0 || roles.responders.length > 0) return null;
  const who: string[] = [];
  if (platforms.includes('slack')) who.push('anyone in the Slack workspace (the slash command works from any channel)');
  if (platforms.includes('teams')) who.push('anyone who can chat with the Teams bot (its commands and cards work from any chat with it)');
  if (who.length === 0) return null;
  const where = configFile
    ? `the config file ${configFile}`
    : 'a config file (vendorwatch.config.json, or the file VENDORWATCH_CONFIG names)';
  return (
    `No roles are configured: ${who.join(' and ')} may acknowledge alerts and mute vendors. ` +
    `Set "roles": {"admins": [...], "responders": [...]} in ${where} to restrict them.`
  );
}
