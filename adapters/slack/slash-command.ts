// Parsing `/vendor-incidents` text. The text is typed by any workspace member: bounded and validated here,
// trusted as a typed command afterwards.

export const MAX_COMMAND_TEXT = 200;
const MAX_MUTE_DAYS = 90;

export type SlashCommand =
  | { kind: 'help' }
  | { kind: 'too_long'; length: number }
  | { kind: 'recent' }
  | { kind: 'mute'; vendor: string; days: number }
  | { kind: 'unmute'; vendor: string }
  /** `merge A B`: B joins A (incident ids or keys, as listings show them). */
  | { kind: 'merge'; into: string; from: string }
  | { kind: 'lookup'; query: string }
  | { kind: 'invalid'; message: string };

export function parseSlashCommand(raw: string): SlashCommand {
  if (raw.length > MAX_COMMAND_TEXT) return { kind: 'too_long', length: raw.length };
  // Invisible characters would make `recent` or a vendor name fail to match for no visible reason.
  const text = raw
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/[\u0000-\u001F\u007F\s]+/g, ' ')
    .trim();
  const lower = text.toLowerCase();
  if (text === '' || lower === 'help' || lower === '?') return { kind: 'help' };
  if (lower === 'recent') return { kind: 'recent' };
  const mute = /^mute\s+(.+?)(?:\s+(\d{1,4})\s*(?:d|days?))?$/i.exec(text);
  if (mute && lower !== 'mute') {
    const days = mute[2] === undefined ? 7 : Number(mute[2]);
    if (days < 1 || days > MAX_MUTE_DAYS)
      return { kind: 'invalid', message: `A mute lasts from 1 to ${MAX_MUTE_DAYS} days, e.g. \`mute CareCloud 7d\`.` };
    return { kind: 'mute', vendor: mute[1]!, days };
  }
  const merge = /^merge\s+(\S{1,80})\s+(\S{1,80})$/i.exec(text);
  if (merge) return { kind: 'merge', into: merge[1]!, from: merge[2]! };
  if (/^merge\b/i.test(text))
    return { kind: 'invalid', message: 'Name two incidents by id or key, the one to keep first, e.g. `merge 12 15`.' };
  const unmute = /^unmute\s+(.+)$/i.exec(text);
  if (unmute) return { kind: 'unmute', vendor: unmute[1]! };
  if (lower === 'mute' || lower === 'unmute')
    return { kind: 'invalid', message: `Say which vendor, e.g. \`${lower} CareCloud${lower === 'mute' ? ' 7d' : ''}\`.` };
  return { kind: 'lookup', query: text };
}
