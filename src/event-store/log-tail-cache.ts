import type { CommitOrderedLog, LogPage } from './catch-up-subscription';
import { compareCheckpoints, matchesFilter, type Checkpoint, type EventFilter, type RecordedEvent } from './event-store';

export interface LogTailCacheOptions {
  /** Events kept, at most; the oldest go first. */
  readonly capacity?: number;
  /** Events per read of the log that extends the tail. */
  readonly refreshLimit?: number;
  /** Pages asked for with a longer limit (a rebuild, an export) are never served from the tail. */
  readonly longestServed?: number;
  /**
   * How long a read that found the end of the log is believed without an append announced. A
   * subscription's poll, there to catch an announcement lost with a connection, finds it older than
   * that and reads the log again.
   */
  readonly maxAgeMs?: number;
}

/** One read of the log that extended the tail: when it started, and what it found at the end. */
interface Refresh {
  readonly startedAt: number;
  /** How many appends had been announced when it started. */
  readonly announced: number;
  readonly exhausted: boolean;
  readonly heldBack: boolean;
}

/**
 * The events after `from` up to `head`, unfiltered, in commit order: a contiguous stretch of the
 * log read by this process. Below `head` the log can no longer change (see CommitOrderedLog), so
 * any page that starts inside the window can be answered from memory as the log would answer it.
 */
interface Window {
  from: Checkpoint | null;
  head: Checkpoint | null;
  readonly events: RecordedEvent[];
  lastRefresh: Refresh;
}

/**
 * The end of the log, kept in memory and shared by every subscription of the process.
 *
 * An append wakes every subscription; each then asks for the page after its own checkpoint.
 * coalescePageReads answers those asked in the same turn after the same checkpoint with one read,
 * but subscriptions busy with a batch ask later, one by one, each after a checkpoint of its own:
 * under load, about nine reads of the log per order, each parsed again. Here, every subscription
 * whose checkpoint lies within the last events read is answered from memory, and the log is read
 * again only to go past its end, once for all who are waiting.
 *
 * An answer that says "nothing more" comes from a read that started after the last append this
 * process heard of before it was asked: a subscription woken by an append never misses it. Appends
 * in other processes are heard through the log's own announcements (LISTEN/NOTIFY); one of those
 * lost is caught by the next poll, which finds the last read older than maxAgeMs.
 *
 * Subscriptions not within the window (catching up) read the log as before, and one that finds the
 * end of the log places the window there. The cache is used only while something listens for
 * appends: without that, it could not know when its end is out of date.
 */
export function cacheLogTail(log: CommitOrderedLog, options: LogTailCacheOptions = {}): CommitOrderedLog {
  const capacity = options.capacity ?? 5_000;
  const refreshLimit = options.refreshLimit ?? 500;
  const longestServed = options.longestServed ?? 1_000;
  const maxAgeMs = options.maxAgeMs ?? 250;

  let announced = 0;
  let listeners = 0;
  let stopAnnouncing: (() => void) | null = null;
  let window: Window | null = null;
  let refreshing: { readonly announced: number; readonly done: Promise<void> } | null = null;

  const announce = () => {
    announced++;
  };

  /** Whether a page after `after` starts inside the window. */
  const within = (current: Window, after: Checkpoint | null): boolean => {
    if (current.from !== null && (after === null || compareCheckpoints(after, current.from) < 0)) return false;
    return current.head === null ? after === null : after === null || compareCheckpoints(after, current.head) <= 0;
  };

  /** Where the window's events after `after` begin: a binary search, the events being in commit order. */
  const indexAfter = (current: Window, after: Checkpoint | null): number => {
    if (after === null) return 0;
    let low = 0;
    let high = current.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareCheckpoints(current.events[middle]!.checkpoint, after) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  /** Reads past the window's end, once for everyone waiting; a read under way that started before the `heard`th append does not count. */
  const refresh = async (heard: number): Promise<void> => {
    while (refreshing && refreshing.announced < heard) await refreshing.done.catch(() => undefined);
    if (refreshing) return refreshing.done;
    const current = window;
    if (!current) return;
    const startedAt = performance.now();
    const announcedAtStart = announced;
    const done = log.readPage(current.head, undefined, refreshLimit).then((page) => {
      // Placed elsewhere meanwhile by a subscription that read the log itself: this read is stale.
      if (window !== current) return;
      current.events.push(...page.events);
      current.head = page.scannedTo;
      current.lastRefresh = { startedAt, announced: announcedAtStart, exhausted: page.exhausted, heldBack: page.heldBack };
      if (current.events.length > capacity) {
        const dropped = current.events.splice(0, current.events.length - capacity);
        current.from = dropped.at(-1)!.checkpoint;
      }
    });
    refreshing = { announced: announcedAtStart, done };
    try {
      await done;
    } finally {
      if (refreshing?.done === done) refreshing = null;
    }
  };

  /** Reads the log as asked; a page that reaches its end places the window there, if it was behind. */
  const readThrough = async (after: Checkpoint | null, filter: EventFilter | undefined, limit: number, askedAt: number, announcedWhenAsked: number): Promise<LogPage> => {
    const page = await log.readPage(after, filter, limit);
    const ahead = window === null || (page.scannedTo !== null && (window.head === null || compareCheckpoints(page.scannedTo, window.head) > 0));
    if (listeners > 0 && page.exhausted && !page.heldBack && ahead) {
      window = { from: page.scannedTo, head: page.scannedTo, events: [], lastRefresh: { startedAt: askedAt, announced: announcedWhenAsked, exhausted: true, heldBack: false } };
    }
    return page;
  };

  return {
    async readPage(after, filter, limit) {
      const askedAt = performance.now();
      const announcedWhenAsked = announced;
      if (listeners === 0 || limit > longestServed) return log.readPage(after, filter, limit);
      for (;;) {
        const current = window;
        if (!current || !within(current, after)) return readThrough(after, filter, limit, askedAt, announcedWhenAsked);
        const start = indexAfter(current, after);
        if (current.events.length - start >= limit) {
          const scanned = current.events.slice(start, start + limit);
          return { events: scanned.filter((event) => matchesFilter(filter, event)), scannedTo: scanned.at(-1)!.checkpoint, exhausted: false, heldBack: false };
        }
        const last = current.lastRefresh;
        // The end as last read holds for this request if that read started after it was asked, or
        // if no append was heard of between that read and the request (and it is recent).
        const upToDate = last.exhausted && last.announced >= announcedWhenAsked && (last.startedAt >= askedAt || (!last.heldBack && askedAt - last.startedAt < maxAgeMs));
        if (upToDate) {
          const rest = current.events.slice(start);
          return { events: rest.filter((event) => matchesFilter(filter, event)), scannedTo: rest.at(-1)?.checkpoint ?? after, exhausted: true, heldBack: last.heldBack };
        }
        await refresh(announcedWhenAsked);
      }
    },
    onAppended(listener) {
      // Registered before the listener, so an append is counted before anyone it wakes asks to read.
      if (listeners === 0) stopAnnouncing = log.onAppended(announce);
      listeners++;
      const stop = log.onAppended(listener);
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        stop();
        if (--listeners > 0) return;
        stopAnnouncing?.();
        stopAnnouncing = null;
        // Nobody hears of appends any more: the window's end would go out of date unnoticed.
        window = null;
      };
    },
  };
}
