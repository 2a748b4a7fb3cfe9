import { EventEmitter } from 'node:events';
import type { CommitOrderedLog, LogPage } from '../../src/event-store/catch-up-subscription';
import { matchesFilter, type Checkpoint, type EventFilter, type RecordedEvent } from '../../src/event-store/event-store';
import { cacheLogTail } from '../../src/event-store/log-tail-cache';

/** A log that grows on append, announces it, counts the reads it is asked for, and can hold a read until released. */
function growingLog(initial: number) {
  const events: RecordedEvent[] = [];
  const announcements = new EventEmitter();
  const reads: { after: Checkpoint | null; filter: EventFilter | undefined; limit: number }[] = [];
  let gate: Promise<void> | null = null;
  let heldBack = false;
  const append = (count = 1, announce = true) => {
    for (let i = 0; i < count; i++) {
      const n = events.length + 1;
      events.push({
        id: `event-${n}`,
        type: n % 2 === 0 ? 'Even' : 'Odd',
        data: { n },
        metadata: {},
        streamId: `${['order', 'payment', 'product'][n % 3]}-${n}`,
        revision: 0,
        position: n,
        checkpoint: { commit: n, position: n },
        recordedAt: new Date(0),
        hash: '',
        previousHash: null,
      });
    }
    if (announce) announcements.emit('appended');
  };
  for (let i = 0; i < initial; i++) append();
  const direct = (after: Checkpoint | null, filter: EventFilter | undefined, limit: number): LogPage => {
    const start = after?.position ?? 0;
    const scanned = events.slice(start, start + limit);
    return { events: scanned.filter((event) => matchesFilter(filter, event)), scannedTo: scanned.at(-1)?.checkpoint ?? after, exhausted: scanned.length < limit, heldBack: heldBack && scanned.length < limit };
  };
  const log: CommitOrderedLog = {
    readPage: async (after, filter, limit) => {
      reads.push({ after, filter, limit });
      // What the log holds when the read starts is what it answers, however long it takes to come back.
      const page = direct(after, filter, limit);
      if (gate) await gate;
      return page;
    },
    onAppended: (listener) => {
      announcements.on('appended', listener);
      return () => announcements.off('appended', listener);
    },
  };
  return {
    log,
    reads,
    append,
    direct,
    /** Holds every read started from now until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    setHeldBack: (value: boolean) => (heldBack = value),
  };
}

const at = (position: number): Checkpoint => ({ commit: position, position });
const filters: (EventFilter | undefined)[] = [undefined, { eventTypes: ['Odd'] }, { streamPrefixes: ['payment-'] }, { streamPrefixes: ['order-', 'product-'], eventTypes: ['Even'] }];

describe('cacheLogTail', () => {
  it('answers every page inside the window as the log itself would, whatever the filter and the limit', async () => {
    const source = growingLog(40);
    const cached = cacheLogTail(source.log, { refreshLimit: 500 });
    cached.onAppended(() => undefined);
    // The first reader to find the end of the log places the window there.
    await cached.readPage(at(10), undefined, 100);
    source.append(30);
    for (const filter of filters) {
      for (const limit of [1, 3, 7, 100]) {
        for (let position = 10; position <= 70; position += 3) {
          expect(await cached.readPage(at(position), filter, limit)).toEqual(source.direct(at(position), filter, limit));
        }
      }
    }
  });

  it('reads the log once for all the subscriptions at its end after an append, wherever in the window each of them is', async () => {
    const source = growingLog(20);
    const cached = cacheLogTail(source.log);
    cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    const subscriptions = 12;
    const askAll = async (after: (i: number) => Checkpoint) => {
      const asked = Array.from({ length: subscriptions }, (_, i) => ({ after: after(i), filter: filters[i % filters.length], limit: 100 }));
      const readsBefore = source.reads.length;
      const pages = await Promise.all(asked.map(({ after, filter, limit }) => cached.readPage(after, filter, limit)));
      expect(pages).toEqual(asked.map(({ after, filter, limit }) => source.direct(after, filter, limit)));
      return source.reads.length - readsBefore;
    };
    source.append(5);
    expect(await askAll(() => at(20))).toBe(1);
    // Some at the end, some a few events behind it, each with its own filter.
    source.append(5);
    expect(await askAll((i) => at(20 + (i % 6)))).toBe(1);
    // Asked again with nothing appended since, they are answered from memory.
    expect(await askAll((i) => at(20 + (i % 6)))).toBe(0);
  });

  it('never answers "nothing more" from a read that started before an append it was told of', async () => {
    const source = growingLog(10);
    const cached = cacheLogTail(source.log);
    cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    source.append();
    // A read of the end of the log is under way (it will find event 11) when event 12 is appended
    // and announced; a subscription woken by that then asks.
    const release = source.hold();
    const early = cached.readPage(at(10), undefined, 100);
    await new Promise((resolve) => setImmediate(resolve));
    source.append();
    const woken = cached.readPage(at(10), undefined, 100);
    release();
    expect((await early).events.map((event) => event.id)).toEqual(['event-11']);
    expect((await woken).events.map((event) => event.id)).toEqual(['event-11', 'event-12']);
    expect((await woken).exhausted).toBe(true);
  });

  it('reads the end again once its last reading is older than maxAgeMs, for a poll to find appends whose announcement was lost', async () => {
    const source = growingLog(10);
    const cached = cacheLogTail(source.log, { maxAgeMs: 30 });
    cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    // Appended elsewhere, its announcement lost: the log grows, nobody is told.
    source.append(1, false);
    expect((await cached.readPage(at(10), undefined, 100)).events).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await cached.readPage(at(10), undefined, 100)).events.map((event) => event.id)).toEqual(['event-11']);
  });

  it('does not believe an end that was held back by a transaction still running', async () => {
    const source = growingLog(10);
    const cached = cacheLogTail(source.log);
    cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    source.setHeldBack(true);
    source.append();
    expect(await cached.readPage(at(10), undefined, 100)).toMatchObject({ exhausted: true, heldBack: true });
    const readsBefore = source.reads.length;
    source.setHeldBack(false);
    // Asked again (a subscription retries soon after a held-back page), the log is read again.
    expect(await cached.readPage(at(11), undefined, 100)).toMatchObject({ exhausted: true, heldBack: false });
    expect(source.reads.length).toBe(readsBefore + 1);
  });

  it('keeps at most `capacity` events; a subscription behind them reads the log itself, and gets the same answer', async () => {
    const source = growingLog(0);
    const cached = cacheLogTail(source.log, { capacity: 50, refreshLimit: 20 });
    cached.onAppended(() => undefined);
    await cached.readPage(null, undefined, 100);
    source.append(200);
    // One subscription follows the end of the log, twenty at a time.
    let ahead: Checkpoint | null = null;
    for (let page = await cached.readPage(ahead, undefined, 20); ; page = await cached.readPage(ahead, undefined, 20)) {
      ahead = page.scannedTo;
      if (page.exhausted) break;
    }
    expect(ahead).toEqual(at(200));
    const readsBefore = source.reads.length;
    expect(await cached.readPage(at(100), { eventTypes: ['Even'] }, 30)).toEqual(source.direct(at(100), { eventTypes: ['Even'] }, 30));
    expect(source.reads.slice(readsBefore)).toEqual([{ after: at(100), filter: { eventTypes: ['Even'] }, limit: 30 }]);
    expect(await cached.readPage(at(160), { eventTypes: ['Even'] }, 30)).toEqual(source.direct(at(160), { eventTypes: ['Even'] }, 30));
    expect(source.reads.length).toBe(readsBefore + 1);
  });

  it('passes every read through while nobody listens for appends, and long pages always', async () => {
    const source = growingLog(10);
    const cached = cacheLogTail(source.log, { longestServed: 1_000 });
    await cached.readPage(at(0), undefined, 100);
    await cached.readPage(at(0), undefined, 100);
    expect(source.reads).toHaveLength(2);
    const stop = cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    await cached.readPage(at(0), undefined, 5_000);
    await cached.readPage(at(0), undefined, 5_000);
    expect(source.reads).toHaveLength(5);
    stop();
    await cached.readPage(at(0), undefined, 100);
    expect(source.reads).toHaveLength(6);
  });

  it('passes a failed read of the end on to everyone waiting for it, and reads again when asked again', async () => {
    const source = growingLog(10);
    let failing = false;
    const flaky: CommitOrderedLog = { readPage: (after, filter, limit) => (failing ? Promise.reject(new Error('connection lost')) : source.log.readPage(after, filter, limit)), onAppended: (listener) => source.log.onAppended(listener) };
    const cached = cacheLogTail(flaky);
    cached.onAppended(() => undefined);
    await cached.readPage(at(0), undefined, 100);
    source.append();
    failing = true;
    const results = await Promise.allSettled([cached.readPage(at(10), undefined, 100), cached.readPage(at(10), { eventTypes: ['Odd'] }, 100)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    failing = false;
    expect((await cached.readPage(at(10), undefined, 100)).events.map((event) => event.id)).toEqual(['event-11']);
  });
});
