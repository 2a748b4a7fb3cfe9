/** A request waiting in a RequestBatcher, with how to answer whoever made it. */
export interface Queued<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends requests as they come while fewer than `maxInFlight` are under way; those that come
 * meanwhile wait, and go together as one batch as soon as one of those returns. A quiet caller
 * pays no wait at all; a busy one pays one round trip for many requests instead of one each.
 * `send` must answer every request of the batch it is given.
 */
export class RequestBatcher<Request, Result> {
  private readonly queue: Queued<Request, Result>[] = [];
  private inFlight = 0;
  private drainScheduled = false;

  constructor(
    private readonly send: (batch: readonly Queued<Request, Result>[]) => Promise<void>,
    private readonly options: {
      readonly maxInFlight: number;
      readonly maxBatch: number;
      /**
       * Requests made in one turn of the event loop go together even when the batcher is quiet,
       * at the price of waiting for the turn's end: for callers that ask several things at once
       * (a command reading its customer, price book and products).
       */
      readonly gatherTurn?: boolean;
    },
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.options.gatherTurn) return this.drain();
      if (this.drainScheduled) return;
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.send(batch)
        .catch((error: unknown) => {
          for (const queued of batch) queued.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          // A drain due at the turn's end takes those asked in this turn together.
          if (!this.drainScheduled) this.drain();
        });
    }
  }
}
