// Reads an Adaptive Card the way a markdown renderer would, to see which links and mentions it would create.

interface CardNode {
  [key: string]: unknown;
}

/** Every piece of text a renderer would show: TextBlock texts and FactSet titles and values. */
export function cardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as CardNode;
    if (n.type === 'TextBlock' && typeof n.text === 'string') texts.push(n.text);
    if (n.type === 'FactSet' && Array.isArray(n.facts))
      for (const f of n.facts as { title: string; value: string }[]) texts.push(f.title, f.value);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return texts;
}

/** Markdown links `[text](target)` whose opening bracket is not backslash-escaped. */
export function markdownLinks(card: unknown): { text: string; url: string }[] {
  const links: { text: string; url: string }[] = [];
  for (const text of cardTexts(card)) {
    const re = /(?<!\\)\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g;
    for (const m of text.matchAll(re)) links.push({ text: m[1]!, url: m[2]! });
  }
  return links;
}
