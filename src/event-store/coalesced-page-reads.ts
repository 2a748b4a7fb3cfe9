import type { CommitOrderedLog, LogPage } from './catch-up-subscription';
import { matchesFilter, type Checkpoint, type EventFilter } from './event-store';

interface PageRequest {
  readonly after: Checkpoint | null;
  readonly filter: EventFilter | undefined;
  readonly limit: number;
  readonly resolve: (page: LogPage) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One read of the log for all the subscriptions that ask for the page after the same checkpoint
 * at the same moment.
 *
 * An append wakes every subscription of the process at once, and those at the head of the log
 * (nearly all of them, most of the time) then each ask for the page after the same checkpoint,
 * only with different filters: a dozen round trips per append, most of them finding nothing of
 * theirs. The requests made in one turn of the event loop are grouped by checkpoint; a group of
 * one is read as asked, a larger group with one unfiltered read, filtered here for each.
 */
export function coalescePageReads(log: CommitOrderedLog): CommitOrderedLog {
  let queued: PageRequest[] = [];

  const flush = () => {
    const requests = queued;
    queued = [];
    const groups = new Map<string, PageRequest[]>();
    for (const request of requests) {
      const key = request.after ? `${request.after.commit}:${request.after.position}` : '';
      groups.set(key, [...(groups.get(key) ?? []), request]);
    }
    for (const group of groups.values()) {
      const [first] = group;
      if (group.length === 1) {
        log.readPage(first!.after, first!.filter, first!.limit).then(first!.resolve, first!.reject);
        continue;
      }
      const limit = Math.max(...group.map((request) => request.limit));
      log.readPage(first!.after, undefined, limit).then(
        (page) => {
          for (const request of group) request.resolve(narrowed(page, request));
        },
        (error: unknown) => {
          for (const request of group) request.reject(error);
        },
      );
    }
  };

  return {
    readPage: (after, filter, limit) =>
      new Promise<LogPage>((resolve, reject) => {
        if (queued.length === 0) setImmediate(flush);
        queued.push({ after, filter, limit, resolve, reject });
      }),
    onAppended: (listener) => log.onAppended(listener),
  };
}

/** What a request would have read alone, from an unfiltered page at least as long as it asked for. */
function narrowed(page: LogPage, request: PageRequest): LogPage {
  if (page.events.length <= request.limit) {
    return { ...page, events: page.events.filter((event) => matchesFilter(request.filter, event)) };
  }
  const scanned = page.events.slice(0, request.limit);
  return {
    events: scanned.filter((event) => matchesFilter(request.filter, event)),
    scannedTo: scanned.at(-1)!.checkpoint,
    exhausted: false,
    heldBack: page.heldBack,
  };
}
