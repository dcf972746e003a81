// The alert as an Adaptive Card: pure, deterministic (golden-tested), and always under Teams' size limit.

import type { AlertView, FactView, SourceView } from '../../src/core/chat.js';
import {
  type ClaimStanding,
  confirmingSourceNoun,
  groupList,
  provenanceLabel,
  revisionNote,
  standingOf,
} from '../../src/sources/provenance.js';
import { type AdaptiveCard, CARD_BYTE_LIMIT, type CardElement, type ExecuteAction, fitCard, newCard, textBlock } from './adaptive-card.js';
import { ELLIPSIS, escapeCardText, markdownLink } from './card-text.js';

export const VERB_ACK = 'ack';
export const VERB_MUTE_7D = 'mute7d';
export const VERB_NOT_THIS_VENDOR = 'notVendor';
export const VERB_REFRESH = 'refresh';

export interface RenderAlertOptions {
  /** Tagged on the card's actions so a posted card can be traced back to its delivery. */
  deliveryId?: string;
  /** A line shown above the alert, e.g. "Already acknowledged". Untrusted text is escaped. */
  notice?: string;
  /** Bytes the card may take (payloadBytes); what the activity's envelope leaves of Teams' limit. */
  maxBytes?: number;
}

/** How much of each part fits. The renderer tries these in order until the card fits the byte limit. */
interface Budget {
  title: number;
  summary: number;
  maxFacts: number;
  maxFactValues: number;
  factValue: number;
  maxSources: number;
  sourceTitle: number;
  /** Longest source URL still linked; a longer one leaves its title as plain text. */
  sourceUrl: number;
  maxRelated: number;
}

const BUDGETS: Budget[] = [
  {
    title: 300,
    summary: 1500,
    maxFacts: 12,
    maxFactValues: 6,
    factValue: 300,
    maxSources: 12,
    sourceTitle: 200,
    sourceUrl: 2048,
    maxRelated: 10,
  },
  {
    title: 200,
    summary: 800,
    maxFacts: 12,
    maxFactValues: 4,
    factValue: 160,
    maxSources: 8,
    sourceTitle: 120,
    sourceUrl: 1000,
    maxRelated: 6,
  },
  {
    title: 160,
    summary: 400,
    maxFacts: 8,
    maxFactValues: 3,
    factValue: 100,
    maxSources: 5,
    sourceTitle: 90,
    sourceUrl: 500,
    maxRelated: 4,
  },
  { title: 120, summary: 200, maxFacts: 5, maxFactValues: 2, factValue: 60, maxSources: 3, sourceTitle: 60, sourceUrl: 300, maxRelated: 2 },
];

/** What is left when nothing else fits: who, what, one source, and the buttons. A few KB at most. */
const LAST_RESORT: Budget = {
  title: 80,
  summary: 0,
  maxFacts: 0,
  maxFactValues: 0,
  factValue: 0,
  maxSources: 1,
  sourceTitle: 40,
  sourceUrl: 200,
  maxRelated: 0,
};

const CRITICALITY_COLOR = { low: 'Default', medium: 'Warning', high: 'Attention', critical: 'Attention' } as const;

export function renderAlertCard(alert: AlertView, options: RenderAlertOptions = {}): AdaptiveCard {
  const maxBytes = options.maxBytes ?? CARD_BYTE_LIMIT;
  return fitCard(
    maxBytes,
    [...BUDGETS, LAST_RESORT].map((budget) => () => buildAlertCard(alert, options, budget)),
  );
}

function buildAlertCard(alert: AlertView, options: RenderAlertOptions, budget: Budget): AdaptiveCard {
  const vendor = escapeCardText(alert.vendor.name, 100);
  const body: CardElement[] = [];
  const standing = standingOf(alert);

  const header: CardElement[] = [
    textBlock(`${standing?.state === 'claimed' ? 'Vendor breach claimed, not confirmed' : 'Vendor breach reported'}: **${vendor}**`, {
      size: 'Medium',
      weight: 'Bolder',
      color: CRITICALITY_COLOR[alert.vendor.criticality],
    }),
    textBlock(vendorLine(alert), { isSubtle: true, spacing: 'None' }),
  ];
  body.push({ type: 'Container', style: alert.vendor.criticality === 'low' ? 'emphasis' : 'attention', bleed: true, items: header });

  if (options.notice) body.push(textBlock(escapeCardText(options.notice, 300), { weight: 'Bolder', color: 'Accent' }));
  if (standing) body.push(standingLine(standing));
  body.push(...statusLines(alert));

  body.push(textBlock(`**${escapeCardText(alert.title, budget.title)}**`, { spacing: 'Medium' }));
  if (budget.summary > 0 && alert.summary.trim()) body.push(textBlock(escapeCardText(alert.summary, budget.summary)));

  const facts = renderFacts(alert.facts, budget);
  if (facts) body.push(facts);

  if (budget.maxRelated > 0 && alert.related.length > 0) {
    const shown = alert.related.slice(0, budget.maxRelated).map((name) => escapeCardText(name, 80));
    const more = alert.related.length - shown.length;
    body.push(textBlock(`Also involved: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`, { isSubtle: true }));
  }

  body.push(...renderSources(alert.sources, budget));
  body.push(
    textBlock(
      `Incident ${escapeCardText(alert.incidentKey, 80)} · first seen ${formatInstant(alert.firstSeenAt)} · updated ${formatInstant(alert.updatedAt)}`,
      {
        isSubtle: true,
        size: 'Small',
        separator: true,
      },
    ),
  );

  return newCard(body, {
    fallbackText: `Vendorwatch: ${alert.vendor.name} ${standing?.state === 'claimed' ? `claimed by ${groupList(standing.groups)}, not confirmed` : 'reported breached'}. ${alert.title}`,
    // No userIds: Teams then refreshes automatically for everyone in chats and channels of up to 60 members,
    // and offers "Refresh card" in larger ones; the message itself is also updated in place on every change.
    refresh: { action: executeAction('Refresh', VERB_REFRESH, { incidentId: alert.incidentId }) },
    actions: alertActions(alert, options.deliveryId),
  });
}

function vendorLine(alert: AlertView): string {
  const parts = [`Criticality: ${alert.vendor.criticality.toUpperCase()}`];
  if (alert.vendor.category) parts.push(escapeCardText(alert.vendor.category, 60));
  if (alert.vendor.owner) parts.push(`Owner: ${escapeCardText(alert.vendor.owner, 80)}`);
  return parts.join(' · ');
}

function statusLines(alert: AlertView): CardElement[] {
  const lines: CardElement[] = [];
  const ack = alert.acknowledgement;
  if (ack) {
    const comment = ack.comment ? `: “${escapeCardText(ack.comment, 200)}”` : '';
    lines.push(
      textBlock(`✅ Acknowledged by **${escapeCardText(ack.userName, 80)}** (${ack.platform}) at ${formatInstant(ack.at)}${comment}`, {
        color: 'Good',
      }),
    );
  }
  const dismissal = alert.dismissal;
  if (dismissal) {
    lines.push(
      textBlock(
        `🚫 Dismissed by **${escapeCardText(dismissal.userName, 80)}** (${dismissal.platform}) at ${formatInstant(dismissal.at)}: not ${escapeCardText(dismissal.vendor, 80)}`,
        { color: 'Warning' },
      ),
    );
  }
  const merge = alert.merge;
  if (merge) {
    lines.push(
      textBlock(
        `🔀 Merged into **${escapeCardText(merge.intoKey, 80)}** by **${escapeCardText(merge.userName, 80)}** (${merge.platform}) at ${formatInstant(merge.at)}; later reports go there.`,
        { color: 'Accent' },
      ),
    );
  }
  if (alert.mutedUntil)
    lines.push(textBlock(`🔕 Alerts for this vendor are muted until ${formatInstant(alert.mutedUntil)}`, { color: 'Warning' }));
  return lines;
}

function renderFacts(facts: FactView[], budget: Budget): CardElement | null {
  const shown = facts.filter((fact) => fact.values.length > 0).slice(0, budget.maxFacts);
  if (shown.length === 0) return null;
  return {
    type: 'FactSet',
    facts: shown.map((fact) => {
      const values = fact.values.slice(0, budget.maxFactValues).map((v) => {
        const outlets =
          v.sources.length > 0
            ? ` (${v.sources
                .slice(0, 4)
                .map((s) => escapeCardText(s, 40))
                .join(', ')}${v.sources.length > 4 ? ', …' : ''})`
            : '';
        return `${escapeCardText(v.value, budget.factValue)}${outlets}`;
      });
      const more = fact.values.length - values.length;
      // Disagreeing sources are all shown, never merged into an invented consensus.
      const prefix = fact.values.length > 1 ? 'Sources differ: ' : '';
      return { title: escapeCardText(fact.label, 40), value: `${prefix}${values.join('; ')}${more > 0 ? `; and ${more} more` : ''}` };
    }),
  };
}

function renderSources(sources: SourceView[], budget: Budget): CardElement[] {
  if (sources.length === 0) return [];
  const shown = sources.slice(0, budget.maxSources);
  const blocks: CardElement[] = [textBlock(`**Sources (${sources.length})**`, { spacing: 'Medium' })];
  for (const source of shown) blocks.push(textBlock(sourceLine(source, budget.sourceTitle, budget.sourceUrl), { spacing: 'Small' }));
  const more = sources.length - shown.length;
  if (more > 0) blocks.push(textBlock(`${ELLIPSIS} and ${more} more source${more === 1 ? '' : 's'}`, { isSubtle: true, spacing: 'Small' }));
  return blocks;
}

/** `• **SEC filing** · [Title](url) — Outlet, 2026-03-12`, and the source's revision of its record when it revised it. */
export function sourceLine(source: SourceView, titleChars: number, urlChars?: number): string {
  const meta = [escapeCardText(source.outlet, 60), source.published ? escapeCardText(source.published, 10) : null]
    .filter(Boolean)
    .join(', ');
  const revised = revisionNote(source);
  const note = revised ? ` — _${escapeCardText(revised, 160)}_` : '';
  return `• **${provenanceLabel(source)}** · ${markdownLink(source.title || source.outlet, source.url, titleChars, urlChars)} — ${meta}${note}`;
}

/** A leak-site claim, said before the rest of the alert: who claims it, and whether anyone confirmed it. */
export function standingLine(standing: ClaimStanding): CardElement {
  const groups = escapeCardText(groupList(standing.groups), 200);
  if (standing.state === 'claimed') {
    return textBlock(
      `⚠️ **Claimed by ${groups}, not confirmed.** Only a ransomware group's leak-site post names this breach; no news report, filing or regulator list confirms it yet.`,
      { color: 'Warning' },
    );
  }
  return textBlock(
    `✅ **Confirmed** by ${confirmingSourceNoun(standing.by.provenance)} (${escapeCardText(standing.by.outlet, 100)}), after a leak-site claim by ${groups}.`,
    { color: 'Good' },
  );
}

function alertActions(alert: AlertView, deliveryId: string | undefined): ExecuteAction[] {
  const data: Record<string, string | number> = { incidentId: alert.incidentId };
  if (deliveryId) data.deliveryId = deliveryId.slice(0, 100);
  const actions: ExecuteAction[] = [];
  // A dismissed alert is about the wrong vendor, and a merged one's story goes on in another incident's alert:
  // nothing is left to acknowledge or dismiss on either.
  const closed = Boolean(alert.dismissal || alert.merge);
  if (!alert.acknowledgement && !closed) actions.push({ ...executeAction('Acknowledge', VERB_ACK, data), style: 'positive' });
  if (!closed) actions.push(executeAction('Not this vendor', VERB_NOT_THIS_VENDOR, data));
  if (!alert.mutedUntil) actions.push(executeAction('Mute vendor 7 days', VERB_MUTE_7D, data));
  return actions;
}

function executeAction(title: string, verb: string, data: Record<string, string | number>): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data };
}

/** "2026-03-27 14:02 UTC": unambiguous for a team spread over time zones, and stable for golden files. */
function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeCardText(iso, 40);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
