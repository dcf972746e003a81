// Feed bytes to text. Feeds still arrive in windows-1251, ISO-8859-1 and friends, often with the charset only in
// the XML declaration, sometimes in none at all.

import iconv from 'iconv-lite';

/** Only the start of the document can hold a BOM or an XML declaration. */
const DECLARATION_WINDOW = 1024;

export interface DecodedBody {
  text: string;
  /** The charset used, lowercased (e.g. `utf-8`, `windows-1251`). */
  charset: string;
}

/**
 * Decodes a feed body. Order: a byte-order mark, the Content-Type charset, the XML declaration's encoding, then
 * UTF-8; bytes that are not valid UTF-8 and declare nothing are read as windows-1252 (a superset of latin1 that
 * such feeds nearly always are). The BOM is never part of the text.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = charsetFromBom(buffer);
  if (bom !== null) return { text: stripBom(iconv.decode(buffer.subarray(bom.length), bom.charset)), charset: bom.charset };

  const declared = usableCharset(charsetFromContentType(contentType)) ?? usableCharset(charsetFromXmlDeclaration(buffer));
  const utf8 = decodeStrictUtf8(buffer);
  // Servers label UTF-8 feeds latin1 or ASCII by default config; valid multi-byte UTF-8 is almost never genuine latin1.
  if (declared !== null && !isUtf8(declared) && !(utf8 !== null && LATIN1_LABELS.has(declared))) {
    return { text: stripBom(iconv.decode(buffer, declared)), charset: declared };
  }
  if (utf8 !== null) return { text: stripBom(utf8), charset: 'utf-8' };
  // A declared UTF-8 that is not is still more likely latin1 than garbage; the replacement characters of a lenient
  // UTF-8 decode would be unrecoverable.
  return { text: iconv.decode(buffer, 'windows-1252'), charset: 'windows-1252' };
}

const LATIN1_LABELS = new Set(['us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252']);

function decodeStrictUtf8(buffer: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
}

function charsetFromBom(buffer: Buffer): { charset: string; length: number } | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** `text/xml; charset="Windows-1251"` → `windows-1251`. */
function charsetFromContentType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

function charsetFromXmlDeclaration(buffer: Buffer): string | null {
  // latin1 maps every byte to one char, so the ASCII declaration reads the same whatever the real charset.
  const head = buffer.subarray(0, DECLARATION_WINDOW).toString('latin1');
  const match = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
}

function usableCharset(charset: string | null): string | null {
  if (charset === null) return null;
  return iconv.encodingExists(charset) ? charset : null;
}

function isUtf8(charset: string): boolean {
  return charset === 'utf-8' || charset === 'utf8';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
