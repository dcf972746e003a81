// Block Kit's limits, written down here from Slack's reference independently of the adapter's own constants, so a
// test judging a message does not take the code under test's word for what Slack accepts. Used by the size tests
// and, in strict mode, by the fake Slack API, which then refuses an over-limit message as Slack does.

/** Slack's documented limits (docs.slack.dev, Block Kit reference), and the two bounds Vendorwatch adds. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack truncates `text` past 40,000 characters; Vendorwatch's fallback only carries the gist. */
  fallbackText: 3000,
  /** All block text together: Slack refuses about 12,000 (`msg_blocks_too_long`, undocumented); we stay under 10,000. */
  blocksText: 10_000,
} as const;

type Json = Record<string, unknown>;

const textOf = (value: unknown): string | null =>
  value && typeof value === 'object' && typeof (value as Json).text === 'string' ? ((value as Json).text as string) : null;

/** Every limit the message breaks, as readable lines; empty when Slack would take it. */
export function blockKitViolations(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const text = typeof message.text === 'string' ? message.text : '';
  check(text.length <= SLACK_LIMITS.fallbackText, `text is ${text.length} characters`);
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Json[]) : [];
  check(blocks.length <= SLACK_LIMITS.blocksPerMessage, `${blocks.length} blocks`);
  let total = 0;
  const count = (value: unknown, max: number, what: string): void => {
    const t = textOf(value);
    check(t !== null && t.trim().length > 0, `${what}: empty or missing text`);
    check((t ?? '').length <= max, `${what}: ${(t ?? '').length} characters (max ${max})`);
    total += (t ?? '').length;
  };
  blocks.forEach((block, i) => {
    const at = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') check(block.block_id.length <= SLACK_LIMITS.blockId, `${at}: block_id too long`);
    switch (block.type) {
      case 'header':
        count(block.text, SLACK_LIMITS.headerText, `${at} text`);
        break;
      case 'section': {
        const fields = Array.isArray(block.fields) ? (block.fields as unknown[]) : [];
        check(block.text !== undefined || fields.length > 0, `${at}: neither text nor fields`);
        if (block.text !== undefined) count(block.text, SLACK_LIMITS.sectionText, `${at} text`);
        check(fields.length <= SLACK_LIMITS.fieldsPerSection, `${at}: ${fields.length} fields`);
        for (const [j, field] of fields.entries()) count(field, SLACK_LIMITS.fieldText, `${at} field ${j}`);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
        check(elements.length >= 1 && elements.length <= SLACK_LIMITS.contextElements, `${at}: ${elements.length} elements`);
        for (const [j, element] of elements.entries()) count(element, SLACK_LIMITS.textObject, `${at} element ${j}`);
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
        check(elements.length >= 1 && elements.length <= SLACK_LIMITS.actionsElements, `${at}: ${elements.length} elements`);
        elements.forEach((button, j) => {
          count(button.text, SLACK_LIMITS.buttonText, `${at} button ${j}`);
          check(String(button.value ?? '').length <= SLACK_LIMITS.buttonValue, `${at} button ${j}: value too long`);
          check(String(button.action_id ?? '').length <= SLACK_LIMITS.actionId, `${at} button ${j}: action_id too long`);
          const confirm = button.confirm as Json | undefined;
          if (confirm) {
            count(confirm.title, SLACK_LIMITS.confirmTitle, `${at} button ${j} confirm title`);
            count(confirm.text, SLACK_LIMITS.confirmText, `${at} button ${j} confirm text`);
            count(confirm.confirm, SLACK_LIMITS.confirmButton, `${at} button ${j} confirm button`);
            count(confirm.deny, SLACK_LIMITS.confirmButton, `${at} button ${j} deny button`);
          }
        });
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: a block type Vendorwatch does not send`);
    }
  });
  check(total <= SLACK_LIMITS.blocksText, `blocks hold ${total} characters of text`);
  return problems;
}
