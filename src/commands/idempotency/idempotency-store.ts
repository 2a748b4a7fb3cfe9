/** The answer given the first time, kept to be given again. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export type BeginOutcome =
  /** First use of the key (or a takeover of an attempt whose lease ran out): do the work. */
  | { readonly outcome: 'started' }
  /** The same request was answered before: give that answer again. */
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  /** The key was used for a different request. */
  | { readonly outcome: 'mismatch' }
  /** The same request is being worked on right now. */
  | { readonly outcome: 'in-progress' };

/**
 * Remembers requests by the key their client gave (HTTP Idempotency-Key), within a scope (who
 * asked), so that a retried request gets the first answer instead of doing the work again.
 */
export interface IdempotencyStore {
  /** `leaseMs`: how long an attempt may run before another may take its key over (it crashed). */
  begin(scope: string, key: string, fingerprint: string, leaseMs: number): Promise<BeginOutcome>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forget an attempt that failed on our side, so that the client may retry it. */
  release(scope: string, key: string): Promise<void>;
}
