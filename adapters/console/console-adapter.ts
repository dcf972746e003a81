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

const CONSOLE: Destination = { platform: 'console', address: 'console' };

const line = inertText;

function formatFacts(facts: FactView[]): string[] {
  return facts.map((fact) => {
    const values = fact.values.map((v) => `${line(v.value)} (${v.sources.map(line).join(', ')})`);
    return `  ${fact.label}: ${values.join(' | ')}`;
  });
}

function formatSources(sources: SourceView[]): string[] {
  return sources.map(
    (source, index) =>
      `  ${index + 1}. ${line(source.outlet)}${source.published ? `, ${source.published}` : ''}: ${line(source.title)}` +
      (source.url ? `\n     ${line(source.url)}` : ''),
  );
}

export function formatAlert(alert: AlertView): string {
  const header = `ALERT ${line(alert.vendor.name)} [${alert.vendor.criticality}]${alert.vendor.category ? ` ${line(alert.vendor.category)}` : ''}`;
  const lines = [
    `=== ${header} ===`,
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
  const lines = [
    `--- UPDATE ${line(update.alert.vendor.name)}: incident ${update.alert.incidentKey}, now ${update.alert.sources.length} sources ---`,
    ...(update.newSources.length > 0 ? ['New sources:', ...formatSources(update.newSources)] : []),
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
