import { EventEmitter } from 'node:events';
import { checkpointSaveIntervalMs, startCatchUpSubscription, type CommitOrderedLog } from '../../src/event-store/catch-up-subscription';
import type { Checkpoint, CheckpointStore, RecordedEvent } from '../../src/event-store/event-store';
import { silentLogger } from '../../src/shared/logger';

/** A log of events appended one at a time, announced as they come. */
function announcingLog() {
  const events: RecordedEvent[] = [];
  const announcements = new EventEmitter();
  const log: CommitOrderedLog = {
    readPage: async (after, _filter, limit) => {
      const start = after?.position ?? 0;
      const scanned = events.slice(start, start + limit);
      return { events: scanned, scannedTo: scanned.at(-1)?.checkpoint ?? after, exhausted: scanned.length < limit, heldBack: false };
    },
    onAppended: (listener) => {
      announcements.on('appended', listener);
      return () => announcements.off('appended', listener);
    },
  };
  const append = (): Checkpoint => {
    const n = events.length + 1;
    const checkpoint = { commit: n, position: n };
    events.push({ id: `event-${n}`, type: 'Happened', data: {}, metadata: {}, streamId: `s-${n}`, revision: 0, position: n, checkpoint, recordedAt: new Date(0), hash: '', previousHash: null });
    announcements.emit('appended');
    return checkpoint;
  };
  return { log, append };
}

/** Checkpoints kept in memory, counting the saves; the first `failing` saves fail as a database down would. */
function countingCheckpoints(failing = 0) {
  const saved = new Map<string, Checkpoint>();
  const saves: Checkpoint[] = [];
  let failures = failing;
  const checkpoints: CheckpointStore = {
    load: async (id) => saved.get(id) ?? null,
    save: async (id, checkpoint) => {
      if (failures > 0) {
        failures--;
        throw new Error('connection refused');
      }
      saves.push(checkpoint);
      saved.set(id, checkpoint);
    },
    reset: async (id, checkpoint) => void (checkpoint ? saved.set(id, checkpoint) : saved.delete(id)),
  };
  return { checkpoints, saves, saved };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a catch-up subscription saving its progress', () => {
  it('saves it every few moments, not after every batch, and what it handled last before stop() returns', async () => {
    const { log, append } = announcingLog();
    const { checkpoints, saves, saved } = countingCheckpoints();
    let batches = 0;
    const subscription = startCatchUpSubscription({ log, checkpoints, logger: silentLogger }, { subscriptionId: 'p', handle: async () => void batches++ });
    let last = append();
    await subscription.waitFor(last, 1_000);
    // A batch every millisecond or so, for a few intervals: one save per batch would be a hundred or more.
    const started = Date.now();
    while (Date.now() < started + 6 * checkpointSaveIntervalMs || batches < 100) {
      last = append();
      await subscription.waitFor(last, 1_000);
      await pause(1);
    }
    const intervals = Math.ceil((Date.now() - started) / checkpointSaveIntervalMs);
    // At most one an interval, and the first.
    expect(saves.length).toBeLessThanOrEqual(intervals + 2);
    expect(saves.length).toBeLessThan(batches / 5);
    // Saves only ever move forwards.
    expect(saves.map((checkpoint) => checkpoint.position)).toEqual([...saves.map((checkpoint) => checkpoint.position)].sort((a, b) => a - b));
    await subscription.stop();
    expect(saved.get('p')).toEqual(last);
  });

  it('saves within an interval of handling, with no stop needed: what another process reads of its progress keeps up', async () => {
    const { log, append } = announcingLog();
    const { checkpoints, saved } = countingCheckpoints();
    const subscription = startCatchUpSubscription({ log, checkpoints, logger: silentLogger }, { subscriptionId: 'p', handle: async () => undefined });
    try {
      const last = append();
      await subscription.waitFor(last, 1_000);
      await pause(2 * checkpointSaveIntervalMs);
      expect(saved.get('p')).toEqual(last);
    } finally {
      await subscription.stop();
    }
  });

  it('tries a failed save again until it works, and handles events meanwhile', async () => {
    const { log, append } = announcingLog();
    const { checkpoints, saved } = countingCheckpoints(3);
    const handled: string[] = [];
    const subscription = startCatchUpSubscription({ log, checkpoints, logger: silentLogger }, { subscriptionId: 'p', handle: async (events) => void handled.push(...events.map((event) => event.id)) });
    try {
      let last = append();
      await subscription.waitFor(last, 1_000);
      last = append();
      expect(await subscription.waitFor(last, 1_000)).toBe(true);
      expect(handled).toEqual(['event-1', 'event-2']);
      // Three failures, backing off from 100 ms: saved within a second or so.
      for (let i = 0; i < 40 && !saved.has('p'); i++) await pause(50);
      expect(saved.get('p')).toEqual(last);
    } finally {
      await subscription.stop();
    }
  });
});

describe('a catch-up subscription that gathers appends (gatherMs)', () => {
  it('takes what was appended while it gathered in one batch, and reads at once for whoever waits for it', async () => {
    const { log, append } = announcingLog();
    const { checkpoints } = countingCheckpoints();
    const batches: string[][] = [];
    const subscription = startCatchUpSubscription(
      { log, checkpoints, logger: silentLogger },
      // Far longer than the test: only a waiter can have it read before then.
      { subscriptionId: 'report', gatherMs: 60_000, handle: async (events) => void batches.push(events.map((event) => event.id)) },
    );
    try {
      expect(await subscription.waitFor(append(), 1_000)).toBe(true);
      let last = append();
      for (let i = 0; i < 4; i++) {
        await pause(5);
        last = append();
      }
      await pause(20);
      // Five appends, each announced, and nothing read yet: it gathers.
      expect(batches).toEqual([['event-1']]);
      expect(await subscription.waitFor(last, 1_000)).toBe(true);
      expect(batches).toEqual([['event-1'], ['event-2', 'event-3', 'event-4', 'event-5', 'event-6']]);
    } finally {
      await subscription.stop();
    }
  });

  it('stops at once, gathering or not, and saves what it handled', async () => {
    const { log, append } = announcingLog();
    const { checkpoints, saved } = countingCheckpoints();
    const subscription = startCatchUpSubscription({ log, checkpoints, logger: silentLogger }, { subscriptionId: 'report', gatherMs: 60_000, handle: async () => undefined });
    const first = append();
    await subscription.waitFor(first, 1_000);
    append();
    await pause(10);
    const stopping = Date.now();
    await subscription.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(saved.get('report')).toEqual(first);
  });
});
