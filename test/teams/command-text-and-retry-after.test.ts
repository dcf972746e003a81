import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../adapters/teams/connector-retry.js';
import { baseConversationId, threadConversationId, threadRootId } from '../../adapters/teams/conversation-reference.js';
import { MAX_COMMAND_CHARS, messageText, parseCommand } from '../../adapters/teams/parse-command.js';

describe('Teams message text', () => {
  it('strips the bot mention and Teams markup before reading the command', () => {
    expect(parseCommand('<at>Vendorwatch</at> incidents CareCloud')).toEqual({ kind: 'incidents', vendor: 'CareCloud' });
    expect(parseCommand('<p><at id="0">Vendorwatch</at>&nbsp;INCIDENTS   Change&amp;Co</p>')).toEqual({
      kind: 'incidents',
      vendor: 'Change&Co',
    });
    expect(parseCommand('recent')).toEqual({ kind: 'recent' });
    expect(parseCommand('<at>Vendorwatch</at>')).toEqual({ kind: 'help' });
    expect(parseCommand('ack on it, calling them')).toEqual({ kind: 'ack', comment: 'on it, calling them' });
    expect(parseCommand('dance')).toEqual({ kind: 'unknown', word: 'dance' });
  });

  it('caps what it reads, so a huge message costs nothing', () => {
    expect(messageText(`incidents ${'A'.repeat(1_000_000)}`).length).toBe(MAX_COMMAND_CHARS);
    const command = parseCommand(`incidents ${'A'.repeat(10_000)}`);
    expect(command.kind === 'incidents' && command.vendor.length).toBe(100);
  });

  it('removes invisible and control characters', () => {
    expect(messageText('inci\u200Bdents\u0007 Care\u202ECloud')).toBe('incidents CareCloud');
  });
});

describe('Teams thread ids', () => {
  it('splits and builds the ;messageid= form of channel thread conversation ids', () => {
    expect(baseConversationId('19:abc@thread.tacv2;messageid=171')).toBe('19:abc@thread.tacv2');
    expect(threadRootId('19:abc@thread.tacv2;messageid=171')).toBe('171');
    expect(threadRootId('19:abc@thread.tacv2')).toBeNull();
    expect(threadConversationId('19:abc@thread.tacv2;messageid=1', '2')).toBe('19:abc@thread.tacv2;messageid=2');
  });
});

describe('Retry-After', () => {
  const now = () => new Date('2026-03-31T10:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 31 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
