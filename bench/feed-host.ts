import { type FeedServer, startFeedServer } from '../test/support/feed-server.js';
import { createRandom, generateFeedXml, generateWatchlist } from './generate.js';

// The feed publishers of the poll benchmarks, in a child process of their own (forked with tsx), so that serving
// feeds never competes with the client under test for one event loop. Each feed is its own server on its own
// loopback port: a different host to the poller, as separate publishers are, so the per-host limit never queues.
//
// Protocol (process.send / 'message'): start -> ready {feeds}; advance -> advanced (changing feeds publish one
// story); stats -> stats {requests}; stop -> the process exits.

export type FeedKind = 'hang' | 'error' | 'slow' | 'not-modified' | 'changing';

export interface HostStart {
  type: 'start';
  feeds: number;
  items: number;
  itemChars: number;
  /** Watchlist size the stories name vendors from (the first vendors of the seeded watchlist). */
  vendors: number;
  /** `poll`: 5% hang, 5% error, 5% slow, the rest half 304, half changing. `healthy`: every feed answers at once. */
  mix: 'poll' | 'healthy';
  slowMs: number;
}

export interface HostFeed {
  url: string;
  kind: FeedKind;
}

export type HostMessage = { type: 'ready'; feeds: HostFeed[] } | { type: 'advanced' } | { type: 'stats'; requests: number };

/** Kinds in a seeded shuffle, so failing feeds are spread through the list as they would be in a real one. */
export function assignKinds(count: number, mix: HostStart['mix']): FeedKind[] {
  if (mix === 'healthy') return new Array<FeedKind>(count).fill('not-modified');
  const each = Math.round(count * 0.05);
  const kinds: FeedKind[] = [];
  for (let i = 0; i < each; i++) kinds.push('hang', 'error', 'slow');
  let n = 0;
  while (kinds.length < count) kinds.push(n++ % 2 === 0 ? 'not-modified' : 'changing');
  const random = createRandom(77);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as FeedKind, kinds[i] as FeedKind];
  }
  return kinds;
}

async function start(
  message: HostStart,
): Promise<{ servers: FeedServer[]; feeds: HostFeed[]; changing: { server: FeedServer; index: number }[] }> {
  const vendors = generateWatchlist(message.vendors);
  const kinds = assignKinds(message.feeds, message.mix);
  const servers: FeedServer[] = [];
  const feeds: HostFeed[] = [];
  const changing: { server: FeedServer; index: number }[] = [];
  for (let index = 0; index < message.feeds; index++) {
    const kind = kinds[index] as FeedKind;
    const body = () => generateFeedXml(index, message.items, { vendors, itemChars: message.itemChars });
    const server = await startFeedServer({
      '/feed.xml':
        kind === 'hang'
          ? { kind: 'stall-after-headers' }
          : kind === 'error'
            ? { kind: 'status', status: 500, body: 'internal error' }
            : kind === 'slow'
              ? { kind: 'feed', body: body(), delayMs: message.slowMs }
              : kind === 'changing'
                ? // Publishes without validators, as many small sites do: every poll is a full download.
                  { kind: 'feed', body: body(), validators: 'none' }
                : { kind: 'feed', body: body() },
    });
    servers.push(server);
    if (kind === 'changing') changing.push({ server, index });
    feeds.push({ url: server.url('/feed.xml'), kind });
  }
  return { servers, feeds, changing };
}

if (process.send) {
  let state: Awaited<ReturnType<typeof start>> | null = null;
  let startMessage: HostStart | null = null;
  const send = (message: HostMessage) => process.send?.(message);
  process.on('message', (raw: unknown) => {
    const message = raw as { type: string } & Partial<HostStart>;
    void (async () => {
      if (message.type === 'start') {
        startMessage = message as HostStart;
        state = await start(startMessage);
        send({ type: 'ready', feeds: state.feeds });
      } else if (message.type === 'advance' && state && startMessage) {
        const vendors = generateWatchlist(startMessage.vendors);
        for (const { server, index } of state.changing) {
          server.route('/feed.xml', {
            kind: 'feed',
            body: generateFeedXml(index, startMessage.items, { vendors, itemChars: startMessage.itemChars, revision: 1 }),
            validators: 'none',
          });
        }
        send({ type: 'advanced' });
      } else if (message.type === 'stats' && state) {
        // Bytes are counted by the client (FeedFetchResult.bytes): the server's counter misses res.end(body).
        const requests = state.servers.reduce((sum, server) => sum + server.requests.length, 0);
        send({ type: 'stats', requests });
      } else if (message.type === 'stop') {
        await Promise.all((state?.servers ?? []).map((s) => s.close()));
        process.exit(0);
      }
    })();
  });
  // The parent going away must not leave 500 servers behind.
  process.on('disconnect', () => process.exit(0));
}
