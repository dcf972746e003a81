// One feed download, written for servers that stall, drip, lie about sizes, bomb, loop or redirect anywhere.
// Every failure is a value (FetchOutcome), never a throw, so one bad feed cannot break a poll.

import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { readFileSync } from 'node:fs';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { decodeFeedBody } from './decode-body.js';
import { displayFeedUrl, hideUrlSecrets } from './display-url.js';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
/** A Retry-After further away than this is taken as this (a hostile server must not park a feed for a year). */
const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_CONTACT_CHARS = 200;
const MAX_VALIDATOR_CHARS = 512;
/** A refusal's explanation names the range, the hop and the setting that allows it. */
const MAX_EXPLANATION_CHARS = 400;

export interface FetchOptions {
  /** Who to contact about our traffic, put in the User-Agent (SEC EDGAR refuses anonymous clients). */
  contact?: string | null;
  /** One deadline for the whole download: connect, headers, body and every redirect. */
  timeoutMs?: number;
  /** Body cap in bytes, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Called for every address a request would connect to, after redirects too; false refuses it (anti-SSRF). */
  allowAddress?: (address: string, host: string) => boolean;
  /** Why `allowAddress` refused an address, for the feed's error message (e.g. `loopback address`). */
  explainRefusal?: (address: string, host: string) => string;
  /** Stops the download early (shutdown); the outcome is then an error with code `aborted`. */
  signal?: AbortSignal;
  /**
   * Awaited before every request, redirect hops included: may hold it (a rate limit), give it another User-Agent,
   * or refuse it by throwing (the outcome is then an error with code `refused` and the thrown message).
   */
  gate?: RequestGate;
  now?: () => Date;
}

/** See FetchOptions.gate. `undefined`: the request goes as it is. */
export type RequestGate = (url: URL, signal: AbortSignal) => Promise<{ userAgent?: string } | undefined>;

export interface ConditionalHeaders {
  etag: string | null;
  lastModified: string | null;
}

export type FetchErrorCode =
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'bad_redirect'
  | 'bad_url'
  | 'address_refused'
  | 'http_status'
  | 'bad_encoding'
  | 'network'
  | 'refused'
  | 'aborted';

export type FetchOutcome =
  | {
      kind: 'ok';
      status: number;
      body: string;
      etag: string | null;
      lastModified: string | null;
      finalUrl: string;
      bytes: number;
      charset: string;
    }
  | { kind: 'not_modified'; status: 304; etag: string | null; lastModified: string | null; finalUrl: string }
  | {
      kind: 'error';
      status: number | null;
      code: FetchErrorCode;
      message: string;
      retryAfterMs: number | null;
      finalUrl: string;
      bytes: number;
    };

type ErrorOutcome = Extract<FetchOutcome, { kind: 'error' }>;

/** Our package.json is two folders up from src/feeds/, three from the compiled dist/src/feeds/. */
const PACKAGE_JSON_CANDIDATES = ['../../package.json', '../../../package.json'];
const packageSchema = z.object({ name: z.literal('vendorwatch'), version: z.string() });

function readVersion(): string {
  for (const candidate of PACKAGE_JSON_CANDIDATES) {
    try {
      const raw: unknown = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8'));
      return packageSchema.parse(raw).version;
    } catch {
      // Not there, or another package's: try the next.
    }
  }
  return '0.0.0';
}

const VERSION = readVersion();

/** `Vendorwatch/0.1.0 (+https://github.com/vendorwatch/vendorwatch; security@example.org)`. */
export function userAgent(contact: string | null | undefined): string {
  // Header values cannot hold control characters; a contact from config must not inject headers.
  const clean = (contact ?? '')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[()]/g, '')
    .trim()
    .slice(0, MAX_CONTACT_CHARS);
  return `Vendorwatch/${VERSION} (+https://github.com/vendorwatch/vendorwatch${clean ? `; ${clean}` : ''})`;
}

class FetchFailure extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ADDRESS_REFUSED = 'VW_ADDRESS_REFUSED';

/** Downloads a feed with a conditional GET. Never throws. */
export async function fetchFeed(url: string, conditional: ConditionalHeaders, options: FetchOptions = {}): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const now = options.now ?? (() => new Date());

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchFailure('timeout', `no complete answer within ${timeoutMs} ms`)), timeoutMs);
  const onExternalAbort = () => deadline.abort(new FetchFailure('aborted', 'the fetch was stopped (shutdown)'));
  if (options.signal?.aborted) onExternalAbort();
  options.signal?.addEventListener('abort', onExternalAbort, { once: true });
  const allowAddress = options.allowAddress ? refuseOnThrow(options.allowAddress) : undefined;
  const explain = explainSafely(options.explainRefusal);
  const agent = createAgent(timeoutMs, allowAddress, explain);

  let current = url;
  /** Where the last redirect came from: a refusal at a redirect hop names the hop. */
  let redirectedFrom: string | null = null;
  let bytes = 0;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const target = checkUrl(current, allowAddress, explain, redirectedFrom);
      const admitted = options.gate ? await passGate(options.gate, target, deadline.signal, current, redirectedFrom) : undefined;
      const response = await request(target, {
        method: 'GET',
        dispatcher: agent,
        signal: deadline.signal,
        headers: requestHeaders(conditional, options.contact, admitted?.userAgent),
      });
      const { statusCode: status, headers } = response;

      if (REDIRECT_STATUSES.has(status) && headerValue(headers, 'location') !== null) {
        discard(response.body);
        if (redirects >= maxRedirects)
          throw new FetchFailure('too_many_redirects', `more than ${maxRedirects} redirects (last to ${displayFeedUrl(current)})`, status);
        redirectedFrom = current;
        current = nextLocation(current, headerValue(headers, 'location') ?? '');
        continue;
      }
      if (status === 304) {
        discard(response.body);
        return { kind: 'not_modified', status: 304, ...validators(headers, conditional), finalUrl: current };
      }
      if (status < 200 || status > 299) {
        discard(response.body);
        const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), now());
        throw new FetchFailure(
          'http_status',
          `the server answered HTTP ${status}${statusHint(status, current, options.contact)}`,
          status,
          retryAfterMs,
        );
      }

      const declaredLength = Number(headerValue(headers, 'content-length') ?? NaN);
      const encodings = contentEncodings(headerValue(headers, 'content-encoding'));
      if (encodings.length === 0 && Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        discard(response.body);
        throw new FetchFailure('too_large', `the body is ${declaredLength} bytes, more than the ${maxBytes} allowed`, status);
      }
      const collected = await readCapped(response.body, encodings, maxBytes, (count) => {
        bytes = count;
      });
      bytes = collected.byteLength;
      const { text, charset } = decodeFeedBody(collected, headerValue(headers, 'content-type'));
      const { etag, lastModified } = validators(headers, { etag: null, lastModified: null });
      return { kind: 'ok', status, body: text, etag, lastModified, finalUrl: current, bytes, charset };
    }
  } catch (error) {
    return toErrorOutcome(error, deadline.signal, current, redirectedFrom, bytes, maxBytes);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onExternalAbort);
    // Closes any connection a stalled or abandoned body left open.
    agent.destroy().catch(() => undefined);
  }
}

/** SEC EDGAR answers 403 to clients that do not say who they are; say how to fix it. */
function statusHint(status: number, url: string, contact: string | null | undefined): string {
  const host = new URL(url).hostname.toLowerCase();
  if (status === 403 && (host === 'sec.gov' || host.endsWith('.sec.gov')) && !contact?.trim()) {
    return ' (SEC EDGAR requires a contact in the User-Agent: set VENDORWATCH_CONTACT to an email address)';
  }
  return '';
}

/** The gate's verdict on one request; a refusal becomes a `refused` failure naming the hop it happened at. */
async function passGate(
  gate: RequestGate,
  target: URL,
  signal: AbortSignal,
  current: string,
  redirectedFrom: string | null,
): Promise<{ userAgent?: string } | undefined> {
  try {
    return await gate(target, signal);
  } catch (error) {
    // A deadline or shutdown while waiting for a turn is that, not a refusal.
    if (signal.aborted) throw error;
    throw new FetchFailure('refused', `${atHop(current, redirectedFrom)}${errorText(error, 400)}`);
  }
}

function requestHeaders(
  conditional: ConditionalHeaders,
  contact: string | null | undefined,
  agentOverride?: string,
): Record<string, string> {
  const override = agentOverride?.replace(/[^\x20-\x7e]/g, '').slice(0, 300);
  const headers: Record<string, string> = {
    'user-agent': override || userAgent(contact),
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return headers;
}

function createAgent(timeoutMs: number, allowAddress: FetchOptions['allowAddress'], explain: Explain): Agent {
  return new Agent({
    // Belt and braces under the overall deadline, which is what really bounds the request.
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs, ...(allowAddress ? { lookup: guardedLookup(allowAddress, explain) } : {}) },
  });
}

/** A hook that throws refuses: inside a DNS callback its exception would otherwise crash the process. */
function refuseOnThrow(allowAddress: (address: string, host: string) => boolean): (address: string, host: string) => boolean {
  return (address, host) => {
    try {
      return allowAddress(address, host) === true;
    } catch {
      return false;
    }
  };
}

type Explain = (address: string, host: string) => string;

/** A refusal's explanation, or an empty one: a throwing explainer must not turn a refusal into a crash. */
function explainSafely(explain: FetchOptions['explainRefusal']): Explain {
  return (address, host) => {
    try {
      return explain ? ` (${safeForMessage(explain(address, host), MAX_EXPLANATION_CHARS)})` : '';
    } catch {
      return '';
    }
  };
}

/** dns.lookup with refused addresses removed: a name that only resolves to refused addresses fails to connect. */
function guardedLookup(allowAddress: (address: string, host: string) => boolean, explain: Explain): LookupFunction {
  return (hostname, options, callback) => {
    const refused = (addresses: LookupAddress[]) => {
      const first = addresses[0]?.address ?? '';
      const message = `${hostname} resolves only to refused addresses (${addresses
        .map((entry) => entry.address)
        .join(', ')
        .slice(0, 200)})${explain(first, hostname)}`;
      return Object.assign(new Error(message), { code: ADDRESS_REFUSED });
    };
    if (options.all) {
      dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, []);
        const allowed = addresses.filter((entry) => allowAddress(entry.address, hostname));
        if (allowed.length === 0) return callback(refused(addresses), []);
        callback(null, allowed);
      });
      return;
    }
    dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.find((entry) => allowAddress(entry.address, hostname));
      if (allowed === undefined) return callback(refused(addresses), '', 0);
      callback(null, allowed.address, allowed.family);
    });
  };
}

/** Only http(s), and IP literals (which skip DNS) checked against the address hook here. */
function checkUrl(url: string, allowAddress: FetchOptions['allowAddress'], explain: Explain, redirectedFrom: string | null): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchFailure('bad_url', `not a URL: ${displayFeedUrl(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new FetchFailure('bad_url', `only http and https feeds are fetched, not ${parsed.protocol}`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowAddress && isIP(host) !== 0 && !allowAddress(host, host)) {
    throw new FetchFailure('address_refused', `${atHop(url, redirectedFrom)}the address ${host} is not allowed${explain(host, host)}`);
  }
  return parsed;
}

/** Names the redirect hop a refusal happened at: the feed's own URL is known to the operator, a hop is not. */
function atHop(url: string, redirectedFrom: string | null): string {
  return redirectedFrom === null ? '' : `refused the redirect from ${displayFeedUrl(redirectedFrom)} to ${displayFeedUrl(url)}: `;
}

function nextLocation(current: string, location: string): string {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new FetchFailure('bad_redirect', `the server redirected to something that is not a URL: ${displayFeedUrl(location)}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FetchFailure('bad_redirect', `refused a redirect to ${next.protocol} (only http and https are followed)`);
  }
  return next.toString();
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function validators(headers: Record<string, string | string[] | undefined>, fallback: ConditionalHeaders): ConditionalHeaders {
  const clip = (value: string | null) =>
    value !== null && value.length <= MAX_VALIDATOR_CHARS && /^[\x20-\x7e]*$/.test(value) ? value : null;
  return {
    etag: clip(headerValue(headers, 'etag')) ?? fallback.etag,
    lastModified: clip(headerValue(headers, 'last-modified')) ?? fallback.lastModified,
  };
}

function contentEncodings(header: string | null): string[] {
  if (header === null) return [];
  return header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > 0 && part !== 'identity');
}

/** The decoder of a supported encoding; null for deflate, whose flavour is sniffed from the first byte. */
function decoderFor(encoding: string): (() => Transform) | null {
  if (encoding === 'br') return () => createBrotliDecompress();
  if (encoding === 'deflate') return null;
  return () => createGunzip();
}

/**
 * Reads the body through its decoders, counting decompressed bytes, and stops the moment the cap would be passed:
 * nothing past the cap is ever buffered, and a compression bomb is never inflated further than that.
 */
async function readCapped(body: Readable, encodings: string[], maxBytes: number, progress: (bytes: number) => void): Promise<Buffer> {
  for (const encoding of encodings) {
    if (!['gzip', 'x-gzip', 'br', 'deflate'].includes(encoding)) {
      discard(body);
      throw new FetchFailure('bad_encoding', `the body uses an unsupported content-encoding: ${encoding.slice(0, 40)}`);
    }
  }
  let stream: Readable = body;
  // Encodings are listed in the order they were applied; undo them last first.
  for (const encoding of [...encodings].reverse()) {
    const make = decoderFor(encoding);
    stream = make ? pipeline(stream, make(), () => undefined) : await sniffDeflate(stream);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (total + chunk.byteLength > maxBytes) {
        throw new FetchFailure(
          'too_large',
          `the body is more than the ${maxBytes} bytes allowed${encodings.length > 0 ? ' (after decompression)' : ''}`,
        );
      }
      total += chunk.byteLength;
      progress(total);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (isZlibError(error)) throw new FetchFailure('bad_encoding', `the compressed body is corrupt: ${errorText(error)}`);
    throw error;
  } finally {
    discard(stream);
    discard(body);
  }
  return Buffer.concat(chunks, total);
}

/** Drops a body we will not read; its destruction error (AbortError) is expected, not a crash. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

/** HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: the first byte tells them apart. */
async function sniffDeflate(stream: Readable): Promise<Readable> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  const head = first.done ? null : first.value;
  const zlibWrapped = head !== null && ((head[0] ?? 0) & 0x0f) === 0x08;
  async function* replay(): AsyncGenerator<Buffer> {
    if (head === null) return;
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return pipeline(Readable.from(replay()), zlibWrapped ? createInflate() : createInflateRaw(), () => undefined);
}

function isZlibError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('Z_');
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), MAX_RETRY_AFTER_MS);
}

/** The failure as a value. Its message goes to logs, `status` and chat notices: no URL in it keeps a credential or a query. */
function toErrorOutcome(
  error: unknown,
  signal: AbortSignal,
  finalUrl: string,
  redirectedFrom: string | null,
  bytes: number,
  maxBytes: number,
): ErrorOutcome {
  const outcome = errorOutcomeOf(error, signal, finalUrl, redirectedFrom, bytes, maxBytes);
  return { ...outcome, message: hideUrlSecrets(outcome.message) };
}

function errorOutcomeOf(
  error: unknown,
  signal: AbortSignal,
  finalUrl: string,
  redirectedFrom: string | null,
  bytes: number,
  maxBytes: number,
): ErrorOutcome {
  const base = { kind: 'error' as const, finalUrl, bytes };
  // When the deadline or a shutdown fired, whatever undici or zlib threw is a consequence of it.
  const reason: unknown = signal.aborted ? signal.reason : null;
  const failure = reason instanceof FetchFailure ? reason : error instanceof FetchFailure ? error : null;
  if (failure) return { ...base, status: failure.status, code: failure.code, message: failure.message, retryAfterMs: failure.retryAfterMs };

  const code = errorCode(error);
  if (code === ADDRESS_REFUSED) {
    return {
      ...base,
      status: null,
      code: 'address_refused',
      message: `${atHop(finalUrl, redirectedFrom)}${errorText(error, 300 + MAX_EXPLANATION_CHARS)}`,
      retryAfterMs: null,
    };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { ...base, status: null, code: 'timeout', message: `the server did not answer in time (${code})`, retryAfterMs: null };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return { ...base, status: null, code: 'too_large', message: `the body is more than the ${maxBytes} bytes allowed`, retryAfterMs: null };
  }
  if (code === 'UND_ERR_INVALID_ARG' || error instanceof TypeError) {
    return { ...base, status: null, code: 'bad_url', message: `cannot request this URL: ${errorText(error)}`, retryAfterMs: null };
  }
  return { ...base, status: null, code: 'network', message: `${code ? `${code}: ` : ''}${errorText(error)}`, retryAfterMs: null };
}

/** The first error code on the error or its causes (undici wraps socket errors). */
function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return null;
}

function errorText(error: unknown, maxChars = 300): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, maxChars) ?? '';
}

/** Text from servers and hooks goes into log lines and messages: keep it short and single-line. */
function safeForMessage(text: string, maxChars = 200): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, maxChars);
}
