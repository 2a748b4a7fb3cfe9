import type { BeginOutcome, IdempotencyStore, StoredResponse } from './idempotency-store';

/** For pure unit tests. */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, { fingerprint: string; lockedUntil: number; response?: StoredResponse }>();

  constructor(private readonly now: () => number = Date.now) {}

  async begin(scope: string, key: string, fingerprint: string, leaseMs: number): Promise<BeginOutcome> {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry || (!entry.response && entry.lockedUntil < this.now() && entry.fingerprint === fingerprint)) {
      this.entries.set(id, { fingerprint, lockedUntil: this.now() + leaseMs });
      return { outcome: 'started' };
    }
    if (entry.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (!entry.response) return { outcome: 'in-progress' };
    return { outcome: 'replay', response: entry.response };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (entry) entry.response = structuredClone(response);
  }

  async release(scope: string, key: string): Promise<void> {
    const id = `${scope}\u0000${key}`;
    if (!this.entries.get(id)?.response) this.entries.delete(id);
  }
}
