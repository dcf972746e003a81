import { describe, expect, it } from 'vitest';
import { parseSlashCommand } from '../../adapters/slack/slash-command.js';

describe('slash command text is parsed strictly', () => {
  it('reads empty text and help as usage, recent as the 7-day list', () => {
    expect(parseSlashCommand('')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('  HELP ')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('recent')).toEqual({ kind: 'recent' });
  });

  it('reads mute with or without a duration, and unmute', () => {
    expect(parseSlashCommand('mute Care Cloud 7d')).toEqual({ kind: 'mute', vendor: 'Care Cloud', days: 7 });
    expect(parseSlashCommand('mute CareCloud 14 days')).toEqual({ kind: 'mute', vendor: 'CareCloud', days: 14 });
    expect(parseSlashCommand('mute CareCloud')).toEqual({ kind: 'mute', vendor: 'CareCloud', days: 7 });
    expect(parseSlashCommand('unmute CareCloud')).toEqual({ kind: 'unmute', vendor: 'CareCloud' });
  });

  it('refuses a mute of 0 or more than 90 days and a mute without a vendor', () => {
    expect(parseSlashCommand('mute CareCloud 0d').kind).toBe('invalid');
    expect(parseSlashCommand('mute CareCloud 400d').kind).toBe('invalid');
    expect(parseSlashCommand('mute').kind).toBe('invalid');
  });

  it('caps the text at 200 characters before reading it', () => {
    expect(parseSlashCommand('a'.repeat(201))).toEqual({ kind: 'too_long', length: 201 });
    expect(parseSlashCommand('a'.repeat(200))).toEqual({ kind: 'lookup', query: 'a'.repeat(200) });
  });

  it('ignores invisible characters so a pasted name still matches', () => {
    expect(parseSlashCommand('rec\u200bent')).toEqual({ kind: 'recent' });
    expect(parseSlashCommand('\u200bcarecloud\u202e')).toEqual({ kind: 'lookup', query: 'carecloud' });
  });
});
