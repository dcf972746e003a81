import type {
  AlertView,
  ChatAdapter,
  Destination,
  FactView,
  NoticeView,
  PostedMessage,
  SourceView,
  ThreadUpdateView,
} from '../../src/core/chat.js';
import { inertText } from '../../src/core/terminal-text.js';
import {
  type ClaimStanding,
  confirmingSourceNoun,
  groupList,
  provenanceLabel,
  revisionNote,
  standingOf,
  threadUpdateParts,
} from '../../src/sources/provenance.js';

const CONSOLE: Destination = { platform: 'console', address: 'console' };

const line = inertText;

function formatFacts(facts: FactView[]): string[] {
  return facts.map((fact) => {
    const values = fact.values.map((v) => `${line(v.value)} (${v.sources.map(line).join(', ')})`);
    return `  ${fact.label}: ${values.join(' | ')}`;
  });
}

/** `  1. [SEC filing] SEC EDGAR, 2026-03-27: Title`, its link, and the source's revision of its record if any. */
function formatSources(sources: SourceView[]): string[] {
  return sources.map((source, index) => {
    const revised = revisionNote(source);
    return (
      `  ${index + 1}. [${provenanceLabel(source)}] ${line(source.outlet)}${source.published ? `, ${source.published}` : ''}: ${line(source.title)}` +
      (revised ? `\n     ${line(revised)}` : '') +
      (source.url ? `\n     ${line(source.url)}` : '')
    );
  });
}

function formatStanding(standing: ClaimStanding): string {
  const groups = line(groupList(standing.groups));
  if (standing.state === 'claimed')
    return `CLAIMED BY ${groups}, NOT CONFIRMED: only a ransomware group's leak-site post names this breach.`;
  return `CONFIRMED by ${confirmingSourceNoun(standing.by.provenance)} (${line(standing.by.outlet)}), after a leak-site claim by ${groups}.`;
}

export function formatAlert(alert: AlertView): string {
  const standing = standingOf(alert);
  const header = `ALERT ${line(alert.vendor.name)} [${alert.vendor.criticality}]${alert.vendor.category ? ` ${line(alert.vendor.category)}` : ''}`;
  const lines = [
    `=== ${header} ===`,
    ...(standing ? [formatStanding(standing)] : []),
    line(alert.title),
    '',
    line(alert.summary),
    '',
    ...(alert.facts.length > 0 ? ['Facts:', ...formatFacts(alert.facts)] : []),
    `Sources (${alert.sources.length}):`,
    ...formatSources(alert.sources),
    ...(alert.related.length > 0 ? [`Related vendors: ${alert.related.map(line).join(', ')}`] : []),
    ...(alert.vendor.owner ? [`Owner: ${line(alert.vendor.owner)}`] : []),
    ...(alert.acknowledgement ? [`Acknowledged by ${line(alert.acknowledgement.userName)} at ${alert.acknowledgement.at}`] : []),
    `incident ${alert.incidentKey} (#${alert.incidentId})`,
  ];
  return `${lines.join('\n')}\n`;
}

function formatThreadUpdate(update: ThreadUpdateView): string {
  const { revised, added, confirmation } = threadUpdateParts(update);
  const lines = [
    `--- UPDATE ${line(update.alert.vendor.name)}: incident ${update.alert.incidentKey}, now ${update.alert.sources.length} sources ---`,
    ...(confirmation
      ? [
          `Confirmed by ${confirmingSourceNoun(confirmation.provenance)} (${line(confirmation.outlet)}), after the leak-site claim by ${line(groupList(confirmation.groups))}.`,
        ]
      : []),
    ...(revised.length > 0
      ? ['Revised:', ...revised.map((entry) => `  ${line(entry.message)}`), ...formatSources(revised.map((entry) => entry.source))]
      : []),
    ...(added.length > 0 ? ['New sources:', ...formatSources(added)] : []),
    ...(update.newFacts.length > 0 ? ['New facts:', ...formatFacts(update.newFacts)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Prints alerts to a stream (stdout): the adapter used when neither Slack nor Teams is configured. */
export function createConsoleAdapter(output: NodeJS.WritableStream = process.stdout): ChatAdapter {
  let sequence = 0;
  const write = (text: string): PostedMessage => {
    output.write(`${text}\n`);
    sequence += 1;
    return { destination: CONSOLE, messageId: String(sequence) };
  };
  return {
    platform: 'console',
    async start() {},
    async stop() {},
    async destinationsFor() {
      return [CONSOLE];
    },
    async postAlert(_destination, alert) {
      return write(formatAlert(alert));
    },
    async postThreadUpdate(_parent, update) {
      return write(formatThreadUpdate(update));
    },
    // A terminal cannot edit what it printed; the thread update already said what changed.
    async refreshAlert() {},
    async postNotice(_destination, notice: NoticeView) {
      return write(`--- ${notice.kind.toUpperCase()} ---\n${line(notice.text)}\n`);
    },
  };
}
