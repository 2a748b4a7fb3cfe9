import type { CommitOrderedLog, LogPage } from '../../src/event-store/catch-up-subscription';
import { coalescePageReads } from '../../src/event-store/coalesced-page-reads';
import { matchesFilter, type Checkpoint, type EventFilter, type RecordedEvent } from '../../src/event-store/event-store';

/** A log of `length` events over three streams, which counts the reads it is asked for. */
function countingLog(length: number) {
  const events: RecordedEvent[] = Array.from({ length }, (_, i) => ({
    id: `event-${i}`,
    type: i % 2 === 0 ? 'Even' : 'Odd',
    data: {},
    metadata: {},
    streamId: `${['order', 'payment', 'product'][i % 3]}-${i}`,
    revision: 0,
    position: i + 1,
    checkpoint: { commit: i + 1, position: i + 1 },
    recordedAt: new Date(0),
    hash: '',
    previousHash: null,
  }));
  const reads: { after: Checkpoint | null; filter: EventFilter | undefined; limit: number }[] = [];
  const log: CommitOrderedLog = {
    readPage: async (after, filter, limit): Promise<LogPage> => {
      reads.push({ after, filter, limit });
      const start = after?.position ?? 0;
      const scanned = events.slice(start, start + limit);
      return { events: scanned.filter((event) => matchesFilter(filter, event)), scannedTo: scanned.at(-1)?.checkpoint ?? after, exhausted: scanned.length < limit, heldBack: start === 3 };
    },
    onAppended: () => () => undefined,
  };
  return { log, reads };
}

const asked: { after: Checkpoint | null; filter?: EventFilter; limit: number }[] = [
  { after: null, filter: { streamPrefixes: ['order-'] }, limit: 100 },
  { after: null, filter: { eventTypes: ['Odd'] }, limit: 4 },
  { after: null, limit: 7 },
  { after: null, filter: { streamPrefixes: ['payment-'], eventTypes: ['Even'] }, limit: 500 },
  { after: { commit: 3, position: 3 }, filter: { eventTypes: ['Even'] }, limit: 2 },
  { after: { commit: 3, position: 3 }, filter: { streamPrefixes: ['product-'] }, limit: 100 },
  { after: { commit: 9, position: 9 }, filter: { streamPrefixes: ['order-'] }, limit: 100 },
];

describe('coalescePageReads', () => {
  it('answers each request as its own read would, with one read per checkpoint asked at the same moment', async () => {
    const alone = countingLog(10);
    const expected = await Promise.all(asked.map(({ after, filter, limit }) => alone.log.readPage(after, filter, limit)));

    const shared = countingLog(10);
    const coalesced = coalescePageReads(shared.log);
    const pages = await Promise.all(asked.map(({ after, filter, limit }) => coalesced.readPage(after, filter, limit)));

    expect(pages).toEqual(expected);
    // Three checkpoints asked for: two groups read unfiltered to their longest limit, the lone one as asked.
    expect(shared.reads).toEqual([
      { after: null, filter: undefined, limit: 500 },
      { after: { commit: 3, position: 3 }, filter: undefined, limit: 100 },
      { after: { commit: 9, position: 9 }, filter: { streamPrefixes: ['order-'] }, limit: 100 },
    ]);
  });

  it('reads again for requests made after the first were answered', async () => {
    const { log, reads } = countingLog(10);
    const coalesced = coalescePageReads(log);
    await coalesced.readPage(null, undefined, 5);
    await coalesced.readPage(null, undefined, 5);
    expect(reads).toHaveLength(2);
  });

  it('passes a failed read on to every request that shared it', async () => {
    const failing: CommitOrderedLog = {
      readPage: () => Promise.reject(new Error('connection lost')),
      onAppended: () => () => undefined,
    };
    const coalesced = coalescePageReads(failing);
    const results = await Promise.allSettled([coalesced.readPage(null, undefined, 5), coalesced.readPage(null, { eventTypes: ['Odd'] }, 5)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
