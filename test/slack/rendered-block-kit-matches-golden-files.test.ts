// Table-driven golden test: every fixture in fixtures/ is rendered and compared with golden/<same name>, byte for
// byte (test/support/golden.ts). A missing golden file fails; UPDATE_GOLDEN=1 writes it (review the diff before
// committing).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAlert, renderAlertDetails } from '../../adapters/slack/render-alert.js';
import { renderIncidentList } from '../../adapters/slack/render-incident-list.js';
import { renderNotice } from '../../adapters/slack/render-notice.js';
import { renderThreadUpdate } from '../../adapters/slack/render-thread-update.js';
import type { AlertView, IncidentListing, NoticeView, ThreadUpdateView } from '../../src/core/chat.js';
import { expectGolden, expectNoStaleGoldens } from '../support/golden.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const golden = join(import.meta.dirname, 'golden');

interface RenderCase {
  render: 'alert' | 'alert-details' | 'thread-update' | 'notice' | 'incident-list';
  options?: { deliveryId?: string; mentionOwner?: boolean; heading?: string };
  input: unknown;
}

function renderCase(c: RenderCase): unknown {
  const options = c.options ?? {};
  switch (c.render) {
    case 'alert':
      return renderAlert(c.input as AlertView, {
        mentionOwner: options.mentionOwner ?? false,
        ...(options.deliveryId ? { deliveryId: options.deliveryId } : {}),
      });
    case 'alert-details':
      return renderAlertDetails(c.input as AlertView);
    case 'thread-update':
      return renderThreadUpdate(c.input as ThreadUpdateView, options.deliveryId);
    case 'notice':
      return renderNotice(c.input as NoticeView, {
        ...(options.deliveryId ? { deliveryId: options.deliveryId } : {}),
        mentionOwner: options.mentionOwner ?? false,
      });
    case 'incident-list':
      return renderIncidentList(options.heading ?? 'Incidents', c.input as IncidentListing[]);
  }
}

const files = readdirSync(fixtures)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('rendered Block Kit matches the golden files', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  it('has a fixture for every golden file', () => {
    expectNoStaleGoldens(
      golden,
      files.map((file) => join(golden, file)),
      '.json',
    );
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const rendered = renderCase(JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as RenderCase);
      expectGolden(join(golden, file), rendered);
    });
  }
});
