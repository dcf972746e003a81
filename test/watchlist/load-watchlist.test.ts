import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_WATCHLIST_PATH } from '../../src/watchlist/example-watchlist.js';
import { loadWatchlist, parseWatchlist, WatchlistError } from '../../src/watchlist/load-watchlist.js';
import { problemsOf } from './support/problems-of.js';

const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe('loadWatchlist: CSV', () => {
  it('reads a header row, a BOM, quoted cells with commas and line breaks, and ; lists', () => {
    const vendors = loadWatchlist(fixture('vendors.csv'));
    expect(vendors.map((v) => v.name)).toEqual(['CareCloud', 'Quest Diagnostics', 'Luma Health']);
    const [carecloud, quest, luma] = vendors;
    expect(carecloud).toEqual({
      name: 'CareCloud',
      aliases: ['CareCloud, Inc.', 'MTBC'],
      products: ['talkEHR'],
      domains: ['carecloud.com'],
      criticality: 'high',
      category: 'practice management',
      slackChannel: 'C0123ABCD',
      notes: 'Renewal due in March.\nAsk procurement, not IT.',
    });
    expect(quest?.criticality).toBe('medium');
    expect(quest?.products).toEqual([]);
    expect(luma).toMatchObject({ category: 'patient engagement, reminders', slackChannel: '#vendor-alerts' });
  });

  it('reports every problem at once with the row line and field', () => {
    const problems = problemsOf(() => loadWatchlist(fixture('problems.csv')));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 1, field: 'aliasses', message: expect.stringContaining('did you mean "aliases"') }),
        expect.objectContaining({ line: 3, field: 'name', message: 'is required' }),
        expect.objectContaining({ line: 4, field: 'name', message: expect.stringContaining('duplicate name "carecloud" (also at line 2') }),
        expect.objectContaining({ line: 4, field: 'domains', message: expect.stringContaining('is a URL') }),
        expect.objectContaining({ line: 4, field: 'criticality', message: expect.stringContaining('low, medium, high, critical') }),
      ]),
    );
    expect(problems.every((p) => p.index === null)).toBe(true);
  });

  it('rejects a file that is not UTF-8, naming the line', () => {
    const [problem] = problemsOf(() => loadWatchlist(fixture('latin1.csv')));
    expect(problem).toMatchObject({ line: 2, message: expect.stringContaining('not valid UTF-8') });
  });

  it('rejects unterminated quotes as invalid CSV', () => {
    const problems = problemsOf(() => parseWatchlist('name,notes\nAcme,"never closed\n', 'csv'));
    expect(problems[0]?.message).toContain('not valid CSV');
  });
});

describe('loadWatchlist: JSON', () => {
  it('maps file fields to vendor fields and defaults criticality', () => {
    const [epic, welltok] = loadWatchlist(fixture('vendors.json'));
    expect(epic).toMatchObject({ teamsChannel: '19:a1b2c3d4e5@thread.tacv2', owner: '@ehr-team', criticality: 'critical' });
    expect(welltok).toEqual({ name: 'Welltok', aliases: [], products: [], domains: [], criticality: 'medium' });
  });

  it('reports array index, line and field for each problem', () => {
    const problems = problemsOf(() => loadWatchlist(fixture('problems.json')));
    expect(problems).toEqual([
      { line: 8, index: 1, field: 'criticality', message: expect.stringContaining('must be one of') },
      { line: 9, index: 1, field: 'produts', message: expect.stringContaining('unknown field "produts" (did you mean "products"?)') },
      { line: 12, index: 2, field: 'name', message: expect.stringContaining('duplicate name "CARECLOUD" (also at line 3') },
    ]);
  });

  it('says where invalid JSON breaks', () => {
    const problems = problemsOf(() => parseWatchlist('[\n  {"name": "A"},\n  {"name": }\n]', 'json'));
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringContaining('not valid JSON') });
  });

  it('requires an array of objects', () => {
    expect(problemsOf(() => parseWatchlist('{"name": "A"}', 'json'))[0]?.message).toContain('array of vendors');
    expect(problemsOf(() => parseWatchlist('["A"]', 'json'))[0]).toMatchObject({ index: 0, line: 1 });
  });

  it('never echoes control characters from the file in its message', () => {
    const text = JSON.stringify([{ name: 'A', domains: ['bad\u001b[31m.example'], 'x\u001b[2J': 1 }]);
    try {
      parseWatchlist(text, 'json');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('\u001b');
      expect((error as Error).message).toContain('?[31m');
    }
  });

  it('checks domains and channel ids', () => {
    const text = JSON.stringify([
      { name: 'A', domains: ['a.example', 'nodot', 'x@b.example'], slack_channel: 'general', teams_channel: 'Ops' },
    ]);
    const fields = problemsOf(() => parseWatchlist(text, 'json')).map((p) => p.field);
    expect(fields).toEqual(['domains', 'domains', 'slack_channel', 'teams_channel']);
  });
});

describe('loadWatchlist: files', () => {
  it('picks the format from the content when the extension says nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-watchlist-'));
    writeFileSync(join(dir, 'list.txt'), '[{"name": "Welltok"}]');
    writeFileSync(join(dir, 'sheet'), 'name\nWelltok\n');
    expect(loadWatchlist(join(dir, 'list.txt'))[0]?.name).toBe('Welltok');
    expect(loadWatchlist(join(dir, 'sheet'))[0]?.name).toBe('Welltok');
  });

  it('explains a missing file', () => {
    const error = (() => {
      try {
        loadWatchlist('/nonexistent/watchlist.json');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(WatchlistError);
    expect((error as Error).message).toContain('no such file');
  });

  it('bundles a valid example watchlist of 40+ vendors with ambiguous names', () => {
    const vendors = loadWatchlist(EXAMPLE_WATCHLIST_PATH);
    expect(vendors.length).toBeGreaterThanOrEqual(40);
    const names = vendors.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Epic Systems',
        'Change Healthcare',
        'Premier Inc.',
        'Quest Diagnostics',
        'Cardinal Health',
        'Progress Software',
      ]),
    );
    expect(vendors.find((v) => v.name === 'Change Healthcare')?.aliases).toContain('Change');
  });
});
