// Turns the text of a Teams message into a command. The text is untrusted: it is capped, stripped of the
// bot mention and of Teams' HTML, and only a handful of words mean anything.

export const MAX_COMMAND_CHARS = 300;

export type TeamsCommand =
  | { kind: 'incidents'; vendor: string }
  | { kind: 'recent' }
  | { kind: 'help' }
  | { kind: 'ack'; comment: string | null }
  /** `merge A B`: B joins A (ids or keys); `usage` when the two names are missing. */
  | { kind: 'merge'; into: string; from: string }
  | { kind: 'merge_usage' }
  | { kind: 'unknown'; word: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text of a message: mentions (`<at>Vendorwatch</at>`) and markup removed, entities decoded, folded. */
export function messageText(raw: string): string {
  return raw
    .slice(0, 4 * MAX_COMMAND_CHARS)
    .replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_m, name: string) => ENTITIES[name] ?? ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/[\u0000-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_COMMAND_CHARS);
}

export function parseCommand(raw: string): TeamsCommand {
  const text = messageText(raw);
  const [first = '', ...rest] = text.split(' ');
  const word = first.toLowerCase().replace(/^[/!]/, '');
  const args = rest.join(' ').trim();
  switch (word) {
    case 'incidents':
    case 'incident':
    case 'lookup':
      return args ? { kind: 'incidents', vendor: args.slice(0, 100) } : { kind: 'recent' };
    case 'recent':
      return { kind: 'recent' };
    case 'ack':
    case 'acknowledge':
      return { kind: 'ack', comment: args ? args.slice(0, 200) : null };
    case 'merge': {
      const names = args.split(' ').filter(Boolean);
      return names.length === 2 && names.every((n) => n.length <= 80)
        ? { kind: 'merge', into: names[0]!, from: names[1]! }
        : { kind: 'merge_usage' };
    }
    case '':
    case 'help':
    case '?':
      return { kind: 'help' };
    default:
      return { kind: 'unknown', word: first.slice(0, 40) };
  }
}
